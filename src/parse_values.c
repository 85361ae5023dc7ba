/*
 * parse_values.c - the values that parse_lex() (src/parse_recover.c)
 * finds malformed on a property's line, as a newcomer from Compose or
 * Kubernetes' YAML writes them: a command's list with bare words (E0129),
 * and Compose's keys for ports, dependencies and the environment.  Each
 * is reported once, with the line to write, and its tokens are dropped,
 * so that the parser never sees them and the next line is read as
 * written.
 */
#include "recover.h"

bool
unquoted_list(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	struct recover *r = p->r;
	int before = r->prev.token;
	if (before != KW_COMMAND && before != KW_ARGS && before != KW_EXEC)
		return false;
	const char *list = habit_quoted_list(p, t->loc.begin);
	if (!list)
		return false;
	/* `command: [...]`: the ':' was left to this message (src/parse_recover.c). */
	bool colon = memchr(text(p) + r->prev.loc.end, ':', t->loc.begin - r->prev.loc.end) != NULL;
	const char *word = keyword_spelling(before);
	struct tok *next = peek(p, scanner, 0);
	uint32_t close = t->loc.end;
	while (next->token && next->token != ']' && same_line(p, t->loc.end, next->loc.begin)) {
		take(p, scanner);
		next = peek(p, scanner, 0);
	}
	if (next->token == ']')
		close = next->loc.end;
	/* One string stands for the items, so that the list is not empty (an
	 * exec probe's may not be). */
	struct tok item = {.token = STRING, .loc = {t->loc.end, t->loc.end}};
	item.val.string = lex_string(p, "", 0, t->loc.end);
	item.val.string->loc = item.loc;
	put_back(p, &item);
	diag(&p->c->diags, E0129, (struct loc){t->loc.begin, close},
	     "%sthe items of a list are strings, each in double quotes: write `%s %s`",
	     colon ? "todokc does not use ':' here, and " : "", word, list);
	return true;
}

/* Compose's `ports:`, `depends_on:`, `environment:` before '- ' lines,
 * in a component: read as the keyword they mean ('port', 'after',
 * 'env'), so that the list's one message says what to write. */
bool
list_key(struct parse_ctx *p, yyscan_t scanner, struct tok *t)
{
	const struct block *b = top(p->r);
	struct tok *next = peek(p, scanner, 0);
	if (!b || b->kind != BLOCK_PROPS || next->token != ':' ||
	    !same_line(p, t->loc.end, next->loc.begin))
		return false;
	struct tok *item = peek(p, scanner, 1);
	const char *keyword = recover_other_tool_word(t->val.word.text);
	int token = keyword ? keyword_token(keyword, strlen(keyword)) : 0;
	if (item->token != '-' || !item->starts_line ||
	    (token != KW_PORT && token != KW_AFTER && token != KW_ENV && token != KW_COMMAND))
		return false;
	t->token = token;
	return true;
}

/* The rest of the line from `at`, without a comment, its blanks at the
 * end and the brackets around it: "80, 443" of `ports: [80, 443]`. */
static const char *
rest_of_line(struct parse_ctx *p, uint32_t at)
{
	const char *s = text(p) + at;
	size_t len = 0;
	while (s[len] && s[len] != '\n' && s[len] != '#' && s[len] != '}')
		len++;
	while (len && strchr(" \t\r", s[len - 1]))
		len--;
	while (len && strchr(" \t", *s)) {
		s++;
		len--;
	}
	if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
		s++;
		len -= 2;
	}
	return arena_strndup(p->arena, s, len);
}

bool
ports_line(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	const struct block *b = top(p->r);
	const char *keyword = recover_other_tool_word(t->val.word.text);
	if (!b || b->kind != BLOCK_PROPS || !keyword || strcmp(keyword, "port") != 0)
		return false;
	int k = peek(p, scanner, 0)->token == ':';
	struct tok *value = peek(p, scanner, k);
	if ((value->token != INT && value->token != STRING && value->token != '[') ||
	    !same_line(p, t->loc.end, value->loc.begin) || recover_is_secret(p, value->loc))
		return false;
	const char *lines = habit_port_lines(p, "port", rest_of_line(p, value->loc.begin));
	diag(&p->c->diags, E0202, t->loc, "unknown property %s: a 'port' line gives one port; "
	     "write %s%s", diag_quote(p->arena, t->val.word.text),
	     strstr(lines, "`, `") ? "one line for each: " : "", lines);
	for (struct tok *n = peek(p, scanner, 0); n->token && n->token != '}' && !n->starts_line;
	     n = peek(p, scanner, 0))
		take(p, scanner);
	return true;
}

