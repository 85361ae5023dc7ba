/*
 * parse_values.c - the values that parse_lex() (src/parse_recover.c)
 * finds missing or malformed on a property's line, as a newcomer from
 * Compose or Kubernetes' YAML writes them: a line that ends before its
 * property's value (E0130), a command's list with bare words (E0129), and
 * Compose's keys for ports, dependencies and the environment.  Each is
 * reported once, with the line to write, and its tokens are dropped, so
 * that the parser never sees them and the next line is read as written.
 * The parser's error at the start of a line whose statement the line
 * before left unfinished is reported here too (E0130).
 */
#include "recover.h"

/* What a property's line needs after its keyword, and how to write it.
 * A probe's and a resource's name their keyword in the example. */
static const struct {
	int token;
	const char *needs, *example;
} line_values[] = {
	{KW_ACCOUNT, "the name of a service account", "`account api`"},
	{KW_AFTER, "the names of the components it waits for", "`after db, cache`"},
	{KW_ALLOW, "what may connect", "`allow from web` (or `allow public`)"},
	{KW_ANNOTATIONS, "a block of entries", "`annotations pod { team = \"shop\" }`"},
	{KW_ARGS, "a list of strings", "`args [\"--verbose\"]`"},
	{KW_BUDGET, "'min-available' or 'max-unavailable' and a number",
	 "`budget min-available 1`"},
	{KW_COMMAND, "a list of strings", "`command [\"serve\", \"--port\", \"80\"]`"},
	{KW_CONCURRENCY, "'allow', 'forbid' or 'replace'", "`concurrency forbid`"},
	{KW_CONTAINER, "a container's name", "`container app`"},
	{KW_CONTAINER_PORT, "a number", "`container-port 9090`"},
	{KW_CPU, "a quantity", "`cpu 100m`"},
	{KW_DEADLINE, "a duration", "`deadline 600s`"},
	{KW_ENV, "a block of entries, or 'from' and the configs it reads",
	 "`env { LOG_LEVEL = \"info\" }` (or `env from settings`)"},
	{KW_EPHEMERAL_STORAGE, "a quantity", "`ephemeral-storage 1Gi`"},
	{KW_EXPOSE, "the type of its Service",
	 "`expose loadbalancer` (or `nodeport`, `clusterip`, `none`)"},
	{KW_FROM, "the names of configs or secrets", "`env from settings`"},
	{KW_GRACE, "a duration", "`grace 30s`"},
	{KW_IMAGE, "the image in quotes", "`image \"nginx:1.27\"`"},
	{KW_INIT, "a name and a block", "`init migrate { image \"shop:1.0\" }`"},
	{KW_KEEP, "a duration", "`keep 3600s`"},
	{KW_LABELS, "a block of entries", "`labels pod { team = \"shop\" }`"},
	{KW_LIVENESS, "the kind of its check",
	 "`liveness http \"/healthz\"` (or `tcp`, `grpc`, `exec [\"CMD\"]`)"},
	{KW_MEMORY, "a quantity", "`memory 128Mi`"},
	{KW_MOUNT, "a volume's name and its path", "`mount data at \"/data\"`"},
	{KW_NODES, "a block of node labels", "`nodes { disk = \"ssd\" }`"},
	{KW_PORT, "a number", "`port 80` (or `port http 8080`)"},
	{KW_PULL, "'always', 'never' or 'if-not-present'", "`pull always`"},
	{KW_PULL_SECRET, "the names of secrets", "`pull-secret registry`"},
	{KW_QUIET, "a warning's code and the reason", "`quiet W0703 \"why it does not apply\"`"},
	{KW_READINESS, "the kind of its check",
	 "`readiness http \"/ready\"` (or `tcp`, `grpc`, `exec [\"CMD\"]`)"},
	{KW_REPLICAS, "a number", "`replicas 3` (or `replicas 2..10 cpu 70%`)"},
	{KW_RETRIES, "a number", "`retries 3`"},
	{KW_ROUTE, "a host, in quotes", "`route \"shop.example.com\"`"},
	{KW_SECURITY, "a block of settings", "`security { non-root }`"},
	{KW_SELECTOR, "a block of labels", "`selector { app = \"web\" }`"},
	{KW_SIDECAR, "a name and a block", "`sidecar proxy { image \"envoy:1.30\" }`"},
	{KW_STARTUP, "the kind of its check",
	 "`startup http \"/started\"` (or `tcp`, `grpc`, `exec [\"CMD\"]`)"},
	{KW_STRATEGY, "'recreate' or 'rolling'",
	 "`strategy recreate` (or `strategy rolling surge 25%`)"},
	{KW_VARIANT, "a name and a block", "`variant canary { replicas 1 }`"},
	{KW_VOLUME, "a name and its mount path", "`volume data at \"/data\" size 1Gi`"},
};

/* Whether the statement of `t` ends before `next`: at the end of the file
 * or of its block, or at a line that starts another property or a
 * declaration, indented no deeper than the line of t (a value may go on
 * on the next line, indented deeper). */
static bool
ends_before(struct parse_ctx *p, const struct tok *t, const struct tok *next)
{
	if (next->token == 0 || next->token == '}')
		return true;
	return next->starts_line && indent_of(p, next->loc.begin) <= indent_of(p, t->loc.begin) &&
	       (is_role(next->token, "property") || is_role(next->token, "declaration"));
}

bool
missing_value(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	struct recover *r = p->r;
	const struct block *b = top(r);
	if (p->resync || !b || b->kind != BLOCK_PROPS)
		return false;
	bool resource = is_role(t->token, "resource") && !t->starts_line &&
	                (r->stmt_first == KW_REQUESTS || r->stmt_first == KW_LIMITS);
	/* (`requests` alone is a property the lowering reports.) */
	bool property = t->starts_line && is_role(t->token, "property") &&
	                t->token != KW_REQUESTS && t->token != KW_LIMITS;
	if (!resource && !property && !(t->starts_line && (t->token == KW_REQUESTS ||
	                                                    t->token == KW_LIMITS)))
		return false;
	struct tok next = *peek(p, scanner, 0), bare = *t;
	int also = 0; /* tokens after t that go with it */
	bool pair = ((t->token == KW_REQUESTS || t->token == KW_LIMITS) &&
	             is_role(next.token, "resource")) ||
	            (t->token == KW_ENV && next.token == KW_FROM);
	if (pair && !ends_before(p, t, &next) && ends_before(p, t, peek(p, scanner, 1))) {
		bare = next; /* `requests cpu`: the resource's quantity is missing */
		also = 1;
	} else if (!property && !resource) {
		return false;
	} else if (!ends_before(p, t, &next) && !(resource && is_role(next.token, "resource"))) {
		return false; /* (`requests cpu memory 1Gi`: the quantity of 'cpu') */
	}
	const char *needs = "a value", *example = NULL;
	for (size_t i = 0; i < sizeof line_values / sizeof *line_values; i++)
		if (line_values[i].token == bare.token) {
			needs = line_values[i].needs;
			example = line_values[i].example;
		}
	struct loc end = {bare.loc.end, bare.loc.end};
	const char *word = bare.token == KW_FROM ? "env from" : keyword_spelling(bare.token);
	if (example)
		diag(&p->c->diags, E0130, end, "'%s' needs %s after it, on the same line: %s", word,
		     needs, example);
	else
		diag(&p->c->diags, E0130, end, "'%s' needs %s after it, on the same line", word, needs);
	while (also--)
		take(p, scanner);
	return true;
}

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

bool
line_ended_early(struct parse_ctx *p, struct loc at, int n, const int *expected)
{
	const struct recover *r = p->r;
	const struct block *b = top(p->r);
	int got = r->prev.token, before = r->prev2.token;
	if (!b || !got || r->prev.loc.begin != at.begin || !r->prev.starts_line || !before ||
	    before == '{' || before == '}' || same_line(p, r->prev2.loc.end, at.begin) ||
	    !r->stmt_word_before)
		return false;
	bool starts = got == '}' || (b->kind == BLOCK_PROPS && is_role(got, "property")) ||
	              (b->kind == BLOCK_ITEMS && is_role(got, "declaration"));
	if (!starts)
		return false;
	/* The statement's mistake was the token before, already reported. */
	bool reported = r->prev2.loc.begin == p->reported_token.begin &&
	                r->prev2.loc.end == p->reported_token.end;
	struct buf list = {0};
	for (int i = 0; n <= 5 && i < n; i++)
		buf_printf(&list, "%s%s", !i ? "" : i == n - 1 ? " or " : ", ", token_name(expected[i]));
	struct loc end = {r->prev2.loc.end, r->prev2.loc.end};
	const char *after = recover_written_before(p);
	if (!reported && list.len)
		diag(&p->c->diags, E0130, end, "'%s' is not finished at the end of its line: expected "
		     "%s after '%s'", r->stmt_word_before, list.data, after);
	else if (!reported)
		diag(&p->c->diags, E0130, end, "'%s' is not finished at the end of its line, after '%s'",
		     r->stmt_word_before, after);
	buf_free(&list);
	/* The statement the line starts is read. */
	p->resync = false;
	p->resume = true;
	return true;
}
