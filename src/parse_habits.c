/*
 * parse_habits.c - what the recovery (src/parse_recover.c) and the
 * parser's messages (grammar/todok.y) know of other languages' habits:
 * the items of a YAML '- ' list, with the 'port' lines that a list of
 * ports stands for, the env block that Compose's or Kubernetes' list of
 * variables stands for, and the list in brackets that a command written
 * without them stands for; a probe's line as todokc writes it; YAML's
 * lines below a key, and a mapping's entries as a block.  The words of
 * other tools for a keyword are in src/parse_habit_words.c.
 */
#include "recover.h"

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

bool
habit_port_mapping(const char *s, size_t len, struct port_mapping *m)
{
	size_t q = len >= 2 && s[0] == '"' && s[len - 1] == '"', end = len - q, colons = 0;
	m->udp = end >= q + 4 && strncmp(s + end - 4, "/udp", 4) == 0;
	if (m->udp || (end >= q + 4 && strncmp(s + end - 4, "/tcp", 4) == 0))
		end -= 4;
	for (size_t i = q; i < end; i++)
		colons += s[i] == ':';
	if (colons > 2)
		return false;
	/* [HOST:]A[:B]: the host is left out. */
	size_t a = colons == 2 ? (size_t)((const char *)memchr(s + q, ':', end - q) - s) + 1 : q;
	const char *c = colons ? memchr(s + a, ':', end - a) : NULL;
	m->a = a;
	m->a_len = c ? (size_t)(c - s) - a : end - a;
	m->b = c ? (size_t)(c - s) + 1 : a;
	m->b_len = c ? end - m->b : m->a_len;
	return m->a_len && m->b_len && strspn(s + m->a, "0123456789") == m->a_len &&
	       strspn(s + m->b, "0123456789") == m->b_len;
}

/* The 'port' line of a Compose port item ("8080:80", "53/udp"), or NULL. */
static const char *
compose_port_line(struct parse_ctx *p, const char *word, const char *item, size_t len)
{
	struct port_mapping m;
	if (!habit_port_mapping(item, len, &m))
		return NULL;
	const char *s = item;
	bool same = m.a_len == m.b_len && strncmp(s + m.a, s + m.b, m.a_len) == 0;
	return arena_printf(p->arena, "`%s %.*s%s%.*s%s`", word, (int)m.a_len, s + m.a,
	                    same ? "" : " -> ", same ? 0 : (int)m.b_len, s + m.b,
	                    m.udp ? " udp" : "");
}

/* The 'port' lines of a '- ' list of ports "80, 443 https, "8080:80"":
 * `port 80`, `port https 443`, `port 8080 -> 80`; the form of a line
 * when an item is none of them. */
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
		const char *mapped = named ? NULL : compose_port_line(p, word, item, len);
		if (!mapped && !named) {
			buf_free(&lines);
			return arena_printf(p->arena, "`%s [NAME] NUMBER`", word);
		}
		if (named)
			buf_printf(&lines, "%s`%s %.*s %.*s`", lines.len ? ", " : "", word, (int)name_len,
			           name, (int)digits, item);
		else
			buf_printf(&lines, "%s%s", lines.len ? ", " : "", mapped);
		item += len + strspn(item + len, ", ");
	}
	return arena_buf_take(p->arena, &lines);
}

/* The value of a YAML line's `key: value` after its ':' at `at`, without
 * blanks around it and a comment after it: its length, from *v. */
static int
yaml_value(const char *s, size_t at, const char **v)
{
	at += 1 + strspn(s + at + 1, " \t");
	size_t end = at + strcspn(s + at, "#\n");
	while (end > at && strchr(" \t\r", s[end - 1]))
		end--;
	*v = s + at;
	return (int)(end - at);
}

/* Kubernetes' env items from `at` (their first '-') on, `- name: FOO` each
 * with `value: bar` below it, or `valueFrom:` and a key reference's `name:
 * S` and `key: K` (S.K), as the block's entries in b; false when a line
 * is none of these. */
static bool
kubernetes_env(struct parse_ctx *p, uint32_t at, struct buf *b)
{
	const char *s = p->c->src.text, *v, *ref = NULL;
	size_t len = p->c->src.len, column = at, entries = 0;
	int n, ref_len = 0;
	while (column > 0 && s[column - 1] != '\n')
		column--;
	column = at - column;
	bool valued = true;
	for (size_t i = at - column; i < len; i += strcspn(s + i, "\n") + 1) {
		size_t first = i + strspn(s + i, " \t");
		bool dash = s[first] == '-';
		if (first >= len || strchr("\r\n}", s[first]) || first - i < column ||
		    (first - i == column && !dash))
			break;
		size_t key = dash ? first + 1 + strspn(s + first + 1, " \t") : first;
		size_t sep = key + strcspn(s + key, ":\n"), klen = sep - key;
		bool name = klen == 4 && !strncmp(s + key, "name", 4);
		if (s[sep] != ':' || (dash && !name))
			return false;
		n = yaml_value(s, sep, &v);
		if (dash) {
			buf_printf(b, "%s %.*s =", valued ? "" : " \"...\"", n, v);
			entries++;
			valued = false;
		} else if (klen == 5 && !strncmp(s + key, "value", 5) && !valued) {
			bool quoted = n >= 2 && (*v == '"' || *v == '\'') && v[n - 1] == *v;
			buf_printf(b, " \"%.*s\"", n - 2 * quoted, v + quoted);
			valued = true;
		} else if (name) {
			ref = v;
			ref_len = n;
		} else if (klen == 3 && !strncmp(s + key, "key", 3) && ref && !valued) {
			buf_printf(b, " %.*s.%.*s", ref_len, ref, n, v);
			valued = true;
		}
	}
	buf_puts(b, valued ? "" : " \"...\"");
	return entries > 0;
}

/* The block of entries that a '- ' list of the environment from `at` on
 * stands for: Compose's "FOO=bar, "LEVEL=debug", HOME" (items) is `env {
 * FOO = "bar" ... }`, a name alone read from the environment at compile
 * time; Kubernetes' `- name: FOO` items are read from the lines. */
const char *
habit_env_block(struct parse_ctx *p, uint32_t at, const char *items)
{
	struct buf b = {0};
	buf_printf(&b, "`env {");
	if (strncmp(items, "name:", 5) == 0 && kubernetes_env(p, at, &b)) {
		buf_printf(&b, " }`");
		return arena_buf_take(p->arena, &b);
	}
	b.len = 0;
	buf_printf(&b, "`env {");
	for (const char *item = items; *item;) {
		size_t len = strcspn(item, ",");
		const char *s = item;
		size_t n = len;
		if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
			s++;
			n -= 2;
		}
		const char *eq = memchr(s, '=', n);
		size_t key = eq ? (size_t)(eq - s) : n;
		if (eq)
			buf_printf(&b, " %.*s = \"%.*s\"", (int)key, s, (int)(n - key - 1), eq + 1);
		else
			buf_printf(&b, " %.*s = env(\"%.*s\")", (int)key, s, (int)key, s);
		item += len + strspn(item + len, ", ");
	}
	buf_printf(&b, " }`");
	return arena_buf_take(p->arena, &b);
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

/* What the brackets opened at `at` and closed by `close` on its line hold,
 * without the characters of `drop`, or NULL. */
static const char *
between(struct parse_ctx *p, uint32_t at, char close, const char *drop)
{
	char stops[] = {close, '\n', '#', '\0'};
	const char *s = p->c->src.text + at + 1, *end = s + strcspn(s, stops);
	if (*end != close || end - s > 120)
		return NULL;
	struct buf b = {0};
	for (; s < end; s++)
		if (!strchr(drop, *s))
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

const char *
habit_unbracketed(struct parse_ctx *p, uint32_t at)
{
	return between(p, at, ']', "\"");
}

const char *
habit_braced(struct parse_ctx *p, uint32_t at)
{
	return between(p, at, '}', ":,");
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

/* Whether a bare list item reads as a reference, NAME.KEY with an upper
 * case key (creds.PASSWORD) or NAME.host, .port, .url: written in a
 * string as ${NAME.KEY}, since "NAME.KEY" would be its text (a file name
 * such as app.py is neither). */
static bool
bare_reference(const char *s, size_t n)
{
	const char *dot = memchr(s, '.', n);
	if (!dot || dot == s || !(*s >= 'a' && *s <= 'z'))
		return false;
	for (const char *c = s; c < dot; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-'))
			return false;
	const char *key = dot + 1;
	size_t klen = n - (size_t)(key - s);
	if ((klen == 3 && !memcmp(key, "url", 3)) ||
	    (klen == 4 && (!memcmp(key, "host", 4) || !memcmp(key, "port", 4))))
		return true;
	if (!klen || !(*key >= 'A' && *key <= 'Z'))
		return false;
	for (size_t k = 0; k < klen; k++)
		if (!((key[k] >= 'A' && key[k] <= 'Z') || (key[k] >= '0' && key[k] <= '9') ||
		      key[k] == '_'))
			return false;
	return true;
}

const char *
habit_quoted_list(struct parse_ctx *p, uint32_t at)
{
	enum { MAX_SHOWN = 240 }; /* bytes of a list shown in a message at most */
	const char *s = p->c->src.text;
	size_t len = p->c->src.len, i = at + 1;
	bool bare = false;
	struct buf list = {0};
	buf_putc(&list, '[');
	while (i < len && s[i] != ']' && s[i] != '\n' && s[i] != '#' && list.len <= MAX_SHOWN) {
		size_t end = i;
		while (end < len && !strchr(",]\n#", s[end]))
			end = s[end] == '"' ? string_end(s, end, len) : end + 1;
		size_t from = i, to = end;
		while (from < to && strchr(" \t\r", s[from]))
			from++;
		while (to > from && strchr(" \t\r", s[to - 1]))
			to--;
		bool quoted = to - from >= 2 && s[from] == '"' && s[to - 1] == '"' &&
		              string_end(s, from, to) == to;
		bool single = to - from >= 2 && s[from] == '\'' && s[to - 1] == '\'';
		if (!quoted && memchr(s + from, '"', to - from))
			break; /* strings without their ',' (the parser's message) */
		if (to > from)
			buf_puts(&list, list.len > 1 ? ", " : "");
		if (quoted) {
			buf_printf(&list, "%.*s", (int)(to - from), s + from);
		} else if (to > from) {
			bare |= !single; /* (single quotes are the scanner's E0112) */
			if (single) {
				from++;
				to--;
			}
			bool ref = !single && bare_reference(s + from, to - from);
			buf_puts(&list, ref ? "\"${" : "\"");
			for (size_t k = from; k < to; k++) {
				if (s[k] == '"' || s[k] == '\\')
					buf_putc(&list, '\\');
				buf_putc(&list, s[k]);
			}
			buf_puts(&list, ref ? "}\"" : "\"");
		}
		i = end < len && s[end] == ',' ? end + 1 : end;
	}
	buf_putc(&list, ']');
	const char *shown = bare && i < len && s[i] == ']' && list.len <= MAX_SHOWN
	                    ? arena_strndup(p->arena, list.data, list.len) : NULL;
	buf_free(&list);
	return shown;
}

bool
habit_fold(const char *word, size_t len, char *out, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		char c = word[i];
		if (c == '-' || c == '_')
			continue;
		if (k + 1 == n)
			return false;
		out[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	out[k] = '\0';
	return true;
}

const char *
habit_probe_word(const char *before, const char *word, size_t len, enum probe_habit *habit)
{
	/* Kubernetes' fields of a probe, and the words todokc writes. */
	static const struct {
		const char *field, *todokc;
	} fields[] = {
		{"failurethreshold", "failures"}, {"httpget", "http"},
		{"initialdelay", "delay"},        {"initialdelayseconds", "delay"},
		{"periodseconds", "every"},       {"tcpsocket", "tcp"},
		{"timeoutseconds", "timeout"},
	};
	char folded[24];
	bool slot = strcmp(before, "liveness") == 0 || strcmp(before, "readiness") == 0 ||
	            strcmp(before, "startup") == 0;
	if (strcmp(before, "on") == 0)
		return NULL; /* a port's name, spelt as any word */
	if (len == 4 && strncmp(word, "port", 4) == 0) {
		*habit = PROBE_HABIT_PORT;
		return slot ? "tcp on" : "on";
	}
	if (len == 4 && strncmp(word, "path", 4) == 0 && (slot || strcmp(before, "http") == 0)) {
		*habit = PROBE_HABIT_PATH;
		return slot ? "http" : "";
	}
	bool timing = strcmp(before, "delay") == 0 || strcmp(before, "every") == 0 ||
	              strcmp(before, "timeout") == 0;
	if (timing && len && strspn(word, "0123456789") == len) {
		*habit = PROBE_HABIT_UNIT;
		return "s";
	}
	if (!habit_fold(word, len, folded, sizeof folded))
		return NULL;
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
		if (strcmp(folded, fields[i].field) == 0) {
			*habit = PROBE_HABIT_FIELD;
			return fields[i].todokc;
		}
	return NULL;
}

/* The first 'path' of a probe's line from `from` on, and the path after
 * it (a string, or a word that starts with '/'): false when there is none. */
static bool
path_later(const char *s, size_t len, size_t from, struct loc *word, struct loc *value)
{
	for (size_t i = from; i < len && !strchr("\n#{}", s[i]);) {
		size_t end = s[i] == '"' ? string_end(s, i, len) : i + strcspn(s + i, " \t\r\n#{}:\"");
		size_t next = end + (end < len && s[end] == ':');
		next += strspn(s + next, " \t");
		if (end - i == 4 && strncmp(s + i, "path", 4) == 0) {
			size_t stop = s[next] == '"' ? string_end(s, next, len)
			              : next + strcspn(s + next, " \t\r\n#{}\"");
			if (stop == next || (s[next] != '"' && s[next] != '/'))
				return false;
			*word = (struct loc){(uint32_t)i, (uint32_t)end};
			*value = (struct loc){(uint32_t)next, (uint32_t)stop};
			return true;
		}
		i = next > i ? next : i + 1;
	}
	return false;
}

/* A word of a probe's line as todokc writes it: a path in quotes, and
 * after 'http' the path that Kubernetes' order writes later (`httpGet
 * port 80 path /x`), which is then left out where it stands, or one to
 * write when there is none. */
static const char *
probe_line_word(struct parse_ctx *p, const char *before, const char *word, size_t i,
                size_t end, struct probe_fix *fix)
{
	const char *s = p->c->src.text;
	size_t len = p->c->src.len;
	if (HAS_LOC(fix->path) && (i == fix->path_word.begin || i == fix->path.begin))
		return "";
	if (s[i] != '"' && word[0] == '/')
		return arena_printf(p->arena, "\"%s\"", word);
	struct loc w, v;
	size_t next = end + (s[end] == ':');
	next += strspn(s + next, " \t");
	if (strcmp(word, "http") != 0 || strcmp(before, "on") == 0) /* (`on http`: a port) */
		return word;
	if (!path_later(s, len, end, &w, &v)) /* (no path: the parser's is supplied) */
		return strchr("\"/", s[next]) ? word : "http \"/healthz\"";
	if (w.begin == next)
		return word;
	fix->path_word = w;
	fix->path = v;
	bool quoted = s[v.begin] == '"';
	return arena_printf(p->arena, "http %s%.*s%s", quoted ? "" : "\"", (int)(v.end - v.begin),
	                    s + v.begin, quoted ? "" : "\"");
}

bool
habit_probe_line(struct parse_ctx *p, uint32_t at, struct probe_fix *fix)
{
	const char *s = p->c->src.text;
	size_t len = p->c->src.len, i = at;
	struct buf line = {0};
	const char *before = "";
	*fix = (struct probe_fix){.first = NO_LOC, .path = NO_LOC, .path_word = NO_LOC,
	                          .port_again = NO_LOC};
	bool on_given = false;
	while (i < len && !strchr("\n#{}", s[i])) {
		size_t end = s[i] == '"' ? string_end(s, i, len) : i + strcspn(s + i, " \t\r\n#{}:\"");
		bool colon = end < len && s[end] == ':';
		enum probe_habit h = colon ? PROBE_HABIT_COLON : PROBE_HABIT_NONE;
		const char *word = arena_strndup(p->arena, s + i, end - i);
		const char *todokc = s[i] == '"' ? NULL : habit_probe_word(before, word, end - i, &h);
		if (HAS_LOC(fix->path) && i == fix->path_word.begin)
			h = PROBE_HABIT_PATH; /* a path after the probe's port */
		if (h == PROBE_HABIT_PORT && on_given && !HAS_LOC(fix->port_again)) {
			/* a second port: `port` and the word after it are left out */
			size_t next = end + colon + strspn(s + end + colon, " \t");
			size_t stop = next + strcspn(s + next, " \t\r\n#{}\"");
			fix->port_again = (struct loc){(uint32_t)i, (uint32_t)(stop > next ? stop : end)};
			h = PROBE_HABIT_PORT_AGAIN;
			todokc = "";
		}
		on_given |= s[i] != '"' && strcmp(word, "on") == 0;
		if (h != PROBE_HABIT_NONE && !HAS_LOC(fix->first)) {
			bool at_colon = colon && !todokc;
			fix->first = (struct loc){(uint32_t)(at_colon ? end : i),
			                          (uint32_t)(at_colon ? end + 1 : end)};
			fix->habit = h;
			fix->word = word;
			fix->todokc = todokc ? todokc : h == PROBE_HABIT_PATH ? "" : NULL;
		}
		if (todokc && h == PROBE_HABIT_UNIT)
			todokc = arena_printf(p->arena, "%s%s", word, todokc);
		word = HAS_LOC(fix->port_again) && i >= fix->port_again.begin &&
		       i < fix->port_again.end ? ""
		       : probe_line_word(p, before, todokc ? todokc : word, i, end, fix);
		if (*word) {
			if (line.len)
				buf_putc(&line, ' ');
			buf_puts(&line, word);
			before = word;
		}
		for (i = end + colon; i < len && strchr(" \t\r", s[i]); i++)
			continue;
	}
	fix->stop = (uint32_t)i;
	if (HAS_LOC(fix->first))
		fix->line = arena_strndup(p->arena, line.data, line.len);
	buf_free(&line);
	return fix->line != NULL;
}

/* The end of the line of `at` and of the lines after it that YAML reads
 * as the value of the key at its start: indented deeper, or '- ' items. */
uint32_t
habit_yaml_value_end(struct parse_ctx *p, uint32_t at)
{
	const char *s = text(p);
	size_t len = p->c->src.len, end = at + strcspn(s + at, "\n");
	uint32_t indent = indent_of(p, at);
	while (end < len) {
		size_t next = end + 1, first = next + strspn(s + next, " \t");
		if (first >= len || strchr("\r\n}", s[first]) ||
		    (first - next <= indent && s[first] != '-'))
			break;
		end = first + strcspn(s + first, "\n");
	}
	return (uint32_t)end;
}

/* The entries of YAML's mapping on the lines after `KEY:` (indented deeper
 * than `indent`), from `at` on, as a todokc block, `{ A = "1" B = 2 }`;
 * *end: where they end.  NULL when a line is no `KEY: value`. */
const char *
habit_mapping_entries(struct parse_ctx *p, uint32_t at, uint32_t indent, int head, uint32_t *end)
{
	const char *s = text(p);
	size_t len = p->c->src.len;
	bool numbers = head == KW_ENV, resources = head == KW_REQUESTS || head == KW_LIMITS;
	struct buf b = {0};
	buf_puts(&b, resources ? "" : "{");
	while (at < len && indent_of(p, at) > indent) {
		size_t key = at + strspn(s + at, " \t"), eol = key + strcspn(s + key, "\n");
		size_t sep = key + strcspn(s + key, ":=\n"), value = sep + 1;
		if (sep >= eol || sep == key || memchr(s + key, ' ', sep - key) || b.len > 240) {
			buf_free(&b);
			return NULL;
		}
		value += strspn(s + value, " \t");
		size_t stop = eol;
		while (stop > value && strchr(" \t\r", s[stop - 1]))
			stop--;
		bool quoted = resources || (stop > value && s[value] == '"');
		bool number = numbers && stop > value && strspn(s + value, "0123456789") == stop - value;
		buf_printf(&b, " %.*s%s%s%.*s%s", (int)(sep - key), s + key, resources ? " " : " = ",
		           quoted || number ? "" : "\"", (int)(stop - value), s + value,
		           quoted || number ? "" : "\"");
		for (at = (uint32_t)eol; at < len && strchr("\n \t\r", s[at]); at++)
			continue;
		*end = (uint32_t)eol;
	}
	buf_puts(&b, resources ? "" : " }");
	return arena_buf_take(p->arena, &b);
}

/* The name of a volume mounted at `path` (len bytes): its last part, as a
 * name is written ("data" for "/var/lib/postgresql/data/"). */
const char *
habit_volume_name(struct parse_ctx *p, const char *path, size_t len)
{
	size_t base = len;
	while (base > 0 && path[base - 1] == '/')
		len = --base;
	while (base > 0 && path[base - 1] != '/')
		base--;
	struct buf name = {0};
	for (size_t i = base; i < len && name.len < 40; i++)
		if ((path[i] >= 'a' && path[i] <= 'z') || (path[i] >= '0' && path[i] <= '9') ||
		    (path[i] == '-' && name.len))
			buf_putc(&name, path[i]);
		else if (path[i] >= 'A' && path[i] <= 'Z')
			buf_putc(&name, (char)(path[i] - 'A' + 'a'));
	const char *n = arena_buf_take(p->arena, &name);
	return *n ? n : "data";
}

const char *
habit_statement_rest(struct parse_ctx *p, uint32_t at, char sep)
{
	enum { MAX_SHOWN = 80 }; /* bytes shown in a message at most */
	const char *s = p->c->src.text;
	size_t len = p->c->src.len, i = at, word = at, last = at, end = at;
	int depth = 0;
	while (i < len && !strchr("\n#", s[i])) {
		if (s[i] == '"') {
			i = end = string_end(s, i, len);
			continue;
		}
		depth += s[i] == '{' || s[i] == '[' ? 1 : s[i] == '}' || s[i] == ']' ? -1 : 0;
		if (depth < 0)
			break;
		bool blank = s[i] == ' ' || s[i] == '\t';
		size_t n = strcspn(s + i, " \t\r\n:=#{}[]\"");
		int keyword = i > at && strchr(" \t", s[i - 1]) ? keyword_token(s + i, n) : 0;
		if (depth == 0 && keyword && keyword_has_role(keyword, "property"))
			break; /* the next property, on the same line */
		if (s[i] == sep && depth == 0) { /* ... written with a ':' or '=' */
			end = strchr(" \t", s[i - 1]) ? last : word;
			break;
		}
		if (blank && !strchr(" \t", s[i - 1])) {
			last = word;
			word = i;
		} else if (!blank && s[i] != '\r')
			end = i + 1;
		i++;
	}
	while (end > at && strchr(" \t,;", s[end - 1])) /* (a ',' or ';' there is reported) */
		end--;
	if (end == at || end - at > MAX_SHOWN)
		return NULL;
	return arena_strndup(p->arena, s + at, end - at);
}
