/*
 * parse_habits.c - what the recovery (src/parse_recover.c) and the
 * parser's messages (grammar/todok.y) know of other languages' habits:
 * the words Kubernetes, Compose and Helm users write for a keyword, and
 * the items of a YAML '- ' list, with the 'port' lines that a list of
 * ports stands for.
 */
#include <string.h>

#include "parse.h"
#include "todok.tab.h"

/* The '- ' items of the lines from `at` on, as "a, b". */
const char *
habit_dash_items(struct parse_ctx *p, uint32_t at)
{
	const char *s = p->c->src.text;
	size_t len = p->c->src.len;
	struct buf b = {0};
	while (at < len && s[at] == '-') {
		size_t i = at + 1, end;
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		for (end = i; end < len && s[end] != '\n' && s[end] != '#'; end++)
			continue;
		while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r'))
			end--;
		buf_printf(&b, "%s%.*s", b.len ? ", " : "", (int)(end - i), s + i);
		for (at = (uint32_t)end; at < len && s[at] != '\n'; at++)
			continue;
		while (at < len && (s[at] == '\n' || s[at] == ' ' || s[at] == '\t' || s[at] == '\r'))
			at++;
	}
	const char *items = arena_strndup(p->arena, b.data ? b.data : "", b.len);
	buf_free(&b);
	return items;
}

/* The 'port' lines of a '- ' list of ports "80, 443 https": `port 80`,
 * `port https 443`; the form of a line when an item is neither. */
const char *
habit_port_lines(struct parse_ctx *p, const char *word, const char *items)
{
	struct buf lines = {0};
	for (const char *item = items; *item;) {
		size_t len = strcspn(item, ","), digits = strspn(item, "0123456789");
		const char *name = item + digits + strspn(item + digits, " ");
		size_t name_len = (size_t)(item + len - name);
		bool named = digits && name > item + digits && name_len &&
		             strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") == name_len;
		if (!digits || (digits != len && !named)) {
			buf_free(&lines);
			return arena_printf(p->arena, "`%s [NAME] NUMBER`", word);
		}
		if (named)
			buf_printf(&lines, "%s`%s %.*s %.*s`", lines.len ? ", " : "", word, (int)name_len,
			           name, (int)digits, item);
		else
			buf_printf(&lines, "%s`%s %.*s`", lines.len ? ", " : "", word, (int)len, item);
		item += len + strspn(item + len, ", ");
	}
	return arena_buf_take(p->arena, &lines);
}

/* The keyword a word of another tool means (deployment: service). */
const char *
recover_other_tool_word(const char *word)
{
	/* The words of Kubernetes, Compose and Helm users for what a
	 * keyword of the language says; case and '-' / '_' do not count. */
	static const struct {
		const char *word, *keyword;
	} words[] = {
		{"configmap", "config"},       {"cronjob", "cron"},
		{"database", "stateful"},      {"dependson", "after"},
		{"deployment", "service"},     {"entrypoint", "command"},
		{"environment", "env"},        {"healthcheck", "readiness"},
		{"ingress", "route"},          {"initcontainer", "init"},
		{"initcontainers", "init"},    {"livenessprobe", "liveness"},
		{"networkpolicy", "network"},  {"readinessprobe", "readiness"},
		{"resources", "requests"},     {"serviceaccount", "account"},
		{"startupprobe", "startup"},   {"statefulset", "stateful"},
		{"volumemounts", "volume"},
	};
	char folded[24];
	size_t n = 0;
	for (const char *c = word; *c; c++) {
		if (*c == '-' || *c == '_')
			continue;
		if (n + 1 == sizeof folded)
			return NULL;
		folded[n++] = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
	}
	folded[n] = '\0';
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcmp(folded, words[i].word) == 0)
			return words[i].keyword;
	return NULL;
}
