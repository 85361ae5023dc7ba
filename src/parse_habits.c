/*
 * parse_habits.c - what the recovery (src/parse_recover.c) and the
 * parser's messages (grammar/todok.y) know of other languages' habits:
 * the words Kubernetes, Compose and Helm users write for a keyword, and
 * the items of a YAML '- ' list, with the 'port' lines that a list of
 * ports stands for, and the list in brackets that a command written
 * without them stands for.
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

/* The end of the string literal that opens at s[i] (past its quote). */
static size_t
string_end(const char *s, size_t i, size_t len)
{
	for (i++; i < len && s[i] != '"' && s[i] != '\n'; i++)
		if (s[i] == '\\' && i + 1 < len)
			i++;
	return i < len && s[i] == '"' ? i + 1 : i;
}

/* A string's words as items of a list: `"rails db:migrate"` is
 * `"rails", "db:migrate"` (a command is run without a shell), and one
 * with a shell's syntax is handed to one: `"sh", "-c", "a && b"`. */
static void
split_words(struct buf *list, const char *text, size_t len)
{
	const char *inner = text + 1;
	size_t n = len - 2;
	bool shell = false;
	for (size_t i = 0; i < n; i++)
		shell |= strchr("|&;<>`*", inner[i]) != NULL || (inner[i] == '$' && inner[i + 1] == '(');
	if (shell) {
		/* "sh -c 'a && b'" already hands itself to a shell */
		static const char *const shells[] = {"sh -c ", "bash -c ", "/bin/sh -c ", "/bin/bash -c "};
		for (size_t i = 0; i < sizeof shells / sizeof *shells; i++) {
			size_t k = strlen(shells[i]);
			if (n > k && strncmp(inner, shells[i], k) == 0) {
				buf_printf(list, "\"%.*s\", \"-c\", \"%.*s\"", (int)(k - 4), inner,
				           (int)(n - k), inner + k);
				return;
			}
		}
		buf_printf(list, "\"sh\", \"-c\", %.*s", (int)len, text);
		return;
	}
	for (size_t i = 0; i < n;) {
		size_t word = strcspn(inner + i, " \t");
		if (word > n - i)
			word = n - i;
		if (word)
			buf_printf(list, "%s\"%.*s\"", list->len ? ", " : "", (int)word, inner + i);
		i += word;
		while (i < n && (inner[i] == ' ' || inner[i] == '\t'))
			i++;
	}
}

const char *
habit_bracket_list(struct parse_ctx *p, uint32_t at, bool strings_only)
{
	enum { MAX_SHOWN = 160 }; /* bytes of a list shown in a message at most */
	const char *s = p->c->src.text;
	size_t len = p->c->src.len, i = at, items = 0, first = 0, first_len = 0;
	struct buf list = {0};
	while (i < len && s[i] != '\n' && s[i] != '#' && s[i] != '}' && list.len <= MAX_SHOWN) {
		size_t end;
		if (s[i] == '"') {
			end = string_end(s, i, len);
			if (end - i < 2 || s[end - 1] != '"')
				break;
			buf_printf(&list, "%s%.*s", list.len ? ", " : "", (int)(end - i), s + i);
			if (!items++) {
				first = i;
				first_len = end - i;
			}
		} else {
			end = i + strcspn(s + i, " \t\r\n#}\"\\");
			if (strings_only || end == i)
				break;
			buf_printf(&list, "%s\"%.*s\"", list.len ? ", " : "", (int)(end - i), s + i);
			items += 2; /* a word is no string to split */
		}
		for (i = end; i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'); i++)
			continue;
	}
	if (items == 1) { /* one string: its words */
		list.len = 0;
		split_words(&list, s + first, first_len);
	}
	const char *shown = list.len && list.len <= MAX_SHOWN
	                    ? arena_printf(p->arena, "[%.*s]", (int)list.len, list.data) : NULL;
	buf_free(&list);
	return shown;
}

const char *
habit_unbracketed(struct parse_ctx *p, uint32_t at)
{
	const char *s = p->c->src.text + at + 1, *end = s + strcspn(s, "]\n#");
	if (*end != ']' || end - s > 120)
		return NULL;
	struct buf b = {0};
	for (; s < end; s++)
		if (*s != '"')
			buf_putc(&b, *s);
	while (b.len && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == ','))
		b.len--;
	size_t lead = 0;
	while (lead < b.len && b.data[lead] == ' ')
		lead++;
	const char *inner = b.len > lead ? arena_strndup(p->arena, b.data + lead, b.len - lead) : NULL;
	buf_free(&b);
	return inner;
}

bool
habit_in_brackets(struct parse_ctx *p, uint32_t at)
{
	const char *s = p->c->src.text;
	size_t i = at;
	while (i > 0 && s[i - 1] != '\n')
		i--;
	int open = 0;
	while (i < at) {
		if (s[i] == '"') {
			i = string_end(s, i, at);
			continue;
		}
		if (s[i] == '#')
			break;
		open += s[i] == '[' ? 1 : s[i] == ']' ? -1 : 0;
		i++;
	}
	return open > 0;
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
