/*
 * parse_values.c - the values that parse_lex() (src/parse_recover.c)
 * finds missing or malformed on a property's line, as a newcomer from
 * Compose or Kubernetes' YAML writes them: a line that ends before its
 * property's value (E0130), a command's list with bare words (E0129), and
 * Compose's keys for ports, dependencies and the environment.  Each is
 * reported once, with the line to write, and its tokens are dropped, so
 * that the parser never sees them and the next line is read as written.
 * The parser's error at the start of a line whose statement the line
 * before left unfinished is reported here too (E0130).  Also Kubernetes'
 * habits inside a property's statement: a probe's fields (`httpGet`,
 * `port 8080`, `initialDelaySeconds 5`), a securityContext's fields and
 * flags with values in a security block (`runAsUser 1000`, `privileged
 * true`: src/parse_security.c reads them), YAML mappings by indentation
 * under `env:` or `limits:`, and bare label values.
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
	{KW_START, "'parallel' or 'ordered'", "`start parallel`"},
	{KW_STARTUP, "the kind of its check",
	 "`startup http \"/started\"` (or `tcp`, `grpc`, `exec [\"CMD\"]`)"},
	{KW_STRATEGY, "'recreate' or 'rolling'",
	 "`strategy recreate` (or `strategy rolling surge 25%`)"},
	{KW_TIMEZONE, "a time zone in quotes", "`timezone \"Europe/Paris\"`"},
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
	bool mapping = token == KW_ENV && item->starts_line && peek(p, scanner, 2)->token == ':';
	if ((item->token != '-' && !mapping) || !item->starts_line ||
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

/* Compose's `ports 80, 443`: the 'port' lines to write. */
static bool
ports_line(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	const char *keyword = recover_other_tool_word(t->val.word.text);
	if (!keyword || strcmp(keyword, "port") != 0)
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
volume_without_name(struct parse_ctx *p, struct tok *t)
{
	struct recover *r = p->r;
	const char *w = text(p) + t->loc.begin;
	size_t len = t->loc.end - t->loc.begin;
	if (*w != '/' || r->prev.token != KW_VOLUME || r->nahead + 2 > AHEAD_MAX)
		return false;
	const char *n = habit_volume_name(p, w, len);
	diag(&p->c->diags, E0114, t->loc, "a volume is named, and its mount path follows 'at', in "
	     "quotes: `volume %s at \"%.*s\"`", n, (int)len, w);
	struct tok at = {.token = KW_AT, .loc = {t->loc.begin, t->loc.begin}};
	put_back(p, t); /* the path, a string */
	put_back(p, &at);
	p->unquoted = NO_LOC;
	t->token = WORD;
	t->loc.end = t->loc.begin;
	t->val.word = (struct ident){n, t->loc};
	return true;
}

bool
env_list(struct parse_ctx *p, yyscan_t scanner, struct tok *t, const char *items)
{
	diag(&p->c->diags, E0118, t->loc, "todokc does not write lists with '- '; write the "
	     "entries in a block: %s", habit_env_block(p, t->loc.begin, items));
	uint32_t end = habit_yaml_value_end(p, p->r->prev.loc.begin);
	if (p->quiet_until < end)
		p->quiet_until = end;
	for (struct tok *n = peek(p, scanner, 0); n->token && n->token != '}' && n->loc.begin < end;
	     n = peek(p, scanner, 0))
		take(p, scanner);
	struct tok close = {.token = '}', .loc = {t->loc.begin, t->loc.begin}};
	put_back(p, &close);
	*t = (struct tok){.token = '{', .loc = close.loc};
	return true;
}

/* The tokens of t's line and of YAML's lines indented below it, not read
 * (nor reported: `build: .` leaves no stray '.'). */
static void
drop_line(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	uint32_t end = habit_yaml_value_end(p, t->loc.begin);
	if (p->quiet_until < end)
		p->quiet_until = end;
	for (struct tok *n = peek(p, scanner, 0); n->token && n->loc.begin < end;
	     n = peek(p, scanner, 0))
		take(p, scanner);
}

bool
other_tool_line(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	struct recover *r = p->r;
	const struct block *b = top(r);
	const char *w = t->val.word.text, *after = text(p) + t->loc.end;
	/* (after an item's '}' or the stack's '{': not the entries of a config
	 * whose '{' is missing) */
	bool service = b && b->head == KW_STACK && after[strspn(after, " \t")] == ':' &&
	               (r->prev.token == '{' || r->prev.token == '}') && !in_secret_values(p);
	if (service) /* Compose's `web:` among the stack's items */
		diag(&p->c->diags, E0202, t->loc, "unknown declaration %s: a component is declared "
		     "with its kind and a block, `service %s { ... }` (or 'stateful', 'job', 'cron')",
		     diag_quote(p->arena, w), w);
	if (!service && (!b || b->kind != BLOCK_PROPS))
		return false;
	if (!service && ports_line(p, scanner, t))
		return true;
	/* (`after db,` and a component named 'restart' on the next line) */
	const char *hint = service ? NULL : habit_other_tool_hint(p, w, t->loc.end);
	if (!service && (!hint || r->prev.token == ',' || is_role(r->prev.token, "property")))
		return false;
	if (hint)
		diag(&p->c->diags, E0202, t->loc, "unknown property %s%s", diag_quote(p->arena, w),
		     hint);
	drop_line(p, scanner, t);
	return true;
}

/* A security block's word on a component's line, `user 1000`,
 * `privileged true` (or Compose's `user: "1000"`): reported with the line
 * of the security block to write, and its line (with YAML's lines
 * indented below it) dropped. */
static bool
security_line(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	struct recover *r = p->r;
	const struct block *b = top(r);
	const char *w = keyword_spelling(t->token);
	bool inverted;
	/* (not a line that goes on with the statement before it: `mount data
	 * at "/data"` and `read-only` below it, or one indented deeper) */
	if (!t->starts_line || !w || b->kind != BLOCK_PROPS || b->head == KW_SECURITY ||
	    r->prev.token == ',' || is_role(r->prev.token, "property") ||
	    (t->token == KW_READ_ONLY &&
	     (r->stmt_first == KW_MOUNT || r->stmt_first == KW_VOLUME)) ||
	    (r->prev.token != '{' && r->prev.token != '}' &&
	     indent_of(p, t->loc.begin) > indent_of(p, r->prev.loc.begin)) ||
	    !security_word(w, &inverted))
		return false;
	diag(&p->c->diags, E0201, t->loc, "'%s' is a setting of the security block%s", w,
	     habit_other_tool_hint(p, w, t->loc.end));
	drop_line(p, scanner, t);
	return true;
}

/* The example of a property that takes a number (`replicas 3`), or NULL. */
static const char *
number_example(const char *keyword)
{
	int token = keyword ? keyword_token(keyword, strlen(keyword)) : 0;
	for (size_t i = 0; token && i < sizeof line_values / sizeof *line_values; i++)
		if (line_values[i].token == token && strcmp(line_values[i].needs, "a number") == 0)
			return line_values[i].example;
	return NULL;
}

/* A name or a reference where a property's number stands: `replicas
 * http`, `port settings.PORT` (no port's name holds a '.'). */
static void
report_name_for_number(struct parse_ctx *p, struct loc at, const char *keyword,
                       const char *name)
{
	if (strchr(name, '.'))
		diag(&p->c->diags, E0201, at, "'%s' takes a number written in the stack, not a "
		     "reference: write %s", keyword, number_example(keyword));
	else
		diag(&p->c->diags, E0201, at, "'%s' takes a number, not the name %s: write %s",
		     keyword, diag_quote(p->arena, name), number_example(keyword));
}

static bool
name_for_number(struct parse_ctx *p, struct loc at, int got, int n, const int *expected)
{
	const char *keyword = recover_statement_word(p);
	/* (The lookahead is the last token scanned: a WORD's text is kept.) */
	const char *name = got == WORD ? p->last_word : keyword_spelling(got);
	bool number = false;
	for (int i = 0; i < n; i++)
		number |= expected[i] == INT;
	if (!number || !name || !number_example(keyword))
		return false;
	report_name_for_number(p, at, keyword, name);
	return true;
}

static bool
resource_alone(struct parse_ctx *p, struct loc at, int got)
{
	const struct block *b = top(p->r);
	if (!is_role(got, "resource") || !b || b->kind != BLOCK_PROPS ||
	    !recover_starts_line(p, at.begin))
		return false;
	const char *s = text(p), *w = keyword_spelling(got);
	uint32_t value = at.end + (uint32_t)strspn(s + at.end, " \t");
	value += s[value] == ':'; /* (`cpu: 500m`) */
	value += (uint32_t)strspn(s + value, " \t");
	const char *rest = habit_statement_rest(p, value, ':');
	const char *line = rest ? arena_printf(p->arena, "%s %s", w, rest) : w;
	diag(&p->c->diags, E0201, at, "'%s' is given on a 'requests' or 'limits' line: write "
	     "`requests %s` (what the container is sure to get) or `limits %s` (what it may not "
	     "exceed)", w, line, line);
	return true;
}

bool
misplaced(struct parse_ctx *p, struct loc at, int got, int n, const int *expected)
{
	if (name_for_number(p, at, got, n, expected) || resource_alone(p, at, got))
		return true;
	if (n != 1 || expected[0] != KW_STACK || got == KW_STACK || !is_role(got, "declaration"))
		return false;
	diag(&p->c->diags, E0201, at, "'%s' is declared inside the stack: a file holds `stack "
	     "NAME { ... }`, with its components, configs and secrets in that block",
	     keyword_spelling(got));
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
	bool reference = r->prev2.token == WORD && strchr(r->prev2.val.word.text, '.') &&
	                 number_example(r->stmt_word_before);
	if (!reported && reference)
		report_name_for_number(p, r->prev2.loc, r->stmt_word_before, r->prev2.val.word.text);
	else if (!reported && list.len)
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

/* A token of a probe's line whose habits were reported: read as todokc
 * writes it (false: dropped). */
static bool
probe_token(struct parse_ctx *p, yyscan_t scanner, struct tok *t)
{
	struct recover *r = p->r;
	if (t->token == ':' || t->loc.begin == r->probe_path_word.begin ||
	    (t->loc.begin >= r->probe_port_again.begin && t->loc.begin < r->probe_port_again.end))
		return false;
	if (t->loc.begin == r->probe_path.begin) /* put back after 'http' (1), not read again */
		return r->probe_path_read == 1 && (r->probe_path_read = 2);
	const char *before = token_text(&r->prev);
	enum probe_habit habit = PROBE_HABIT_NONE;
	const char *todokc = t->token == STRING ? NULL
	                     : habit_probe_word(before ? before : "", text(p) + t->loc.begin,
	                                        t->loc.end - t->loc.begin, &habit);
	if (todokc && !*todokc)
		return false;
	if (todokc && habit == PROBE_HABIT_UNIT) {
		t->token = DURATION;
		t->val.number.kind = NUM_DURATION;
	} else if (todokc) {
		/* ("tcp on": 'port' where the kind of the check stands) */
		t->token = keyword_token(todokc, strcspn(todokc, " "));
		if (strchr(todokc, ' '))
			put_back(p, &(struct tok){.token = KW_ON, .loc = t->loc});
	}
	bool kind = t->token == KW_HTTP && r->prev.token != KW_ON; /* (`on http`: a port) */
	if (kind && HAS_LOC(r->probe_path) && !r->probe_path_read) {
		/* `httpGet port 80 path /x`: the path is read after 'http' */
		struct loc at = r->probe_path;
		bool quoted = text(p)[at.begin] == '"';
		struct tok path = {.token = STRING, .loc = at};
		path.val.string = lex_string(p, text(p) + at.begin + quoted,
		                             at.end - at.begin - 2 * quoted, at.begin + quoted);
		path.val.string->loc = at;
		put_back(p, &path);
		r->probe_path_read = 1;
	}
	/* `http path "/x"`: the 'path' goes (before the parser looks for the
	 * path after 'http'). */
	for (struct tok *n = peek(p, scanner, 0);
	     t->token == KW_HTTP && n->loc.begin < r->probe_until &&
	     (n->token == KW_PATH || n->token == ':');
	     n = peek(p, scanner, 0))
		take(p, scanner);
	if (kind && peek(p, scanner, 0)->token != STRING) {
		/* `http port 80`: a path is supplied (the line shows one) */
		struct tok path = {.token = STRING, .loc = {t->loc.end, t->loc.end}};
		path.val.string = lex_string(p, "/", 1, t->loc.end);
		put_back(p, &path);
	}
	return true;
}

/* A probe's line with habits of Kubernetes' probes: reported once, with
 * the line todokc writes, and its tokens read so. */
static void
probe_line(struct parse_ctx *p, const struct tok *t)
{
	struct probe_fix fix;
	if (!habit_probe_line(p, t->loc.begin, &fix))
		return;
	p->r->probe_until = fix.stop;
	p->r->probe_path_word = fix.path_word;
	p->r->probe_path = fix.path;
	p->r->probe_port_again = fix.port_again;
	p->r->probe_path_read = 0;
	struct diags *d = &p->c->diags;
	const char *w = fix.word;
	switch (fix.habit) {
	case PROBE_HABIT_PORT:
		diag(d, E0201, fix.first, "%s: write `%s`", strchr(fix.todokc, ' ') ? "a probe names "
		     "its kind before its port" : "a probe's port follows 'on', not 'port'", fix.line);
		break;
	case PROBE_HABIT_PATH:
		diag(d, E0201, fix.first, "%s: write `%s`", *fix.todokc ? "a probe names its kind before "
		     "its path" : "an 'http' probe's path follows 'http'", fix.line);
		break;
	case PROBE_HABIT_PORT_AGAIN:
		diag(d, E0201, fix.port_again, "a probe checks one port, the one after 'on': write `%s`",
		     fix.line);
		break;
	case PROBE_HABIT_UNIT:
		diag(d, E0201, fix.first, "a duration has its unit: write `%s`", fix.line);
		break;
	case PROBE_HABIT_FIELD:
		diag(d, E0201, fix.first, "todokc writes '%s' as '%s': write `%s`", w, fix.todokc,
		     fix.line);
		break;
	default:
		diag(d, E0111, fix.first, "todokc does not use ':' here; write `%s`", fix.line);
		break;
	}
}

bool
mapping_block(struct parse_ctx *p, yyscan_t scanner, struct tok *t)
{
	struct recover *r = p->r;
	const struct block *b = top(r);
	int key = r->prev.token;
	struct tok *next = peek(p, scanner, 0);
	bool resources = key == KW_REQUESTS || key == KW_LIMITS;
	if (!b || b->kind != BLOCK_PROPS || !r->prev.starts_line || !next->starts_line ||
	    next->token == '-' || /* (a '- ' list at the key's indentation: dash()) */
	    (key != KW_ENV && key != KW_LABELS && key != KW_ANNOTATIONS && key != KW_NODES &&
	     key != KW_SELECTOR && !resources) || in_secret_values(p))
		return false;
	uint32_t end = 0;
	const char *entries = habit_mapping_entries(p, next->loc.begin, indent_of(p, t->loc.begin), key,
	                                      &end);
	if (!entries)
		return false;
	if (resources)
		diag(&p->c->diags, E0111, t->loc, "todokc writes resources on the line of '%s', not "
		     "by indentation: `%s%s`", keyword_spelling(key), keyword_spelling(key), entries);
	else
		diag(&p->c->diags, E0111, t->loc, "todokc writes a block in braces, not by "
		     "indentation, and '=' between a key and its value: `%s %s`",
		     keyword_spelling(key), entries);
	while (peek(p, scanner, 0)->token && peek(p, scanner, 0)->loc.begin < end)
		take(p, scanner);
	if (!resources)
		put_back(p, &(struct tok){.token = '}', .loc = {end, end}});
	t->token = resources ? ':' : '{';
	return true;
}

const char *
quote_bare(struct parse_ctx *p, struct tok *t)
{
	bool bare = t->token == WORD || t->token == INT || t->token == QUANTITY ||
	            t->token == DURATION || t->token == PERCENT ||
	            (t->token != STRING && keyword_spelling(t->token)) ||
	            (t->token == STRING && HAS_LOC(p->unquoted) && p->unquoted.begin == t->loc.begin);
	if (!bare || recover_is_secret(p, t->loc) || !same_line(p, p->r->prev.loc.end, t->loc.begin))
		return NULL;
	const char *w = arena_strndup(p->arena, text(p) + t->loc.begin, t->loc.end - t->loc.begin);
	t->token = STRING;
	t->val.string = lex_string(p, w, strlen(w), t->loc.begin);
	t->val.string->loc = t->loc;
	p->unquoted = NO_LOC;
	return arena_printf(p->arena, "\"%s\"", w);
}

const char *
quote_image(struct parse_ctx *p, struct tok *t)
{
	bool number = t->token != WORD && t->token != STRING;
	return p->r->prev.token == KW_IMAGE && !number ? quote_bare(p, t) : NULL;
}

/* A block of labels: its values are text. */
static bool
label_block(const struct block *b)
{
	if (!b)
		return false;
	bool target = b->before == KW_POD || b->before == KW_WORKLOAD || b->before == KW_SERVICE ||
	              b->before == KW_ROUTE || b->before == KW_ACCOUNT;
	return (b->before == b->head || target) &&
	       (b->head == KW_LABELS || b->head == KW_ANNOTATIONS || b->head == KW_NODES ||
	        b->head == KW_SELECTOR);
}

const char *
label_value(const struct parse_ctx *p)
{
	int head = top(p->r)->head;
	return head == KW_ANNOTATIONS ? "an annotation's value"
	     : head == KW_NODES ? "a node label's value" : "a label's value";
}

const char *
quote_label(struct parse_ctx *p, struct tok *t)
{
	return label_block(top(p->r)) ? quote_bare(p, t) : NULL;
}

bool
after_error(struct parse_ctx *p, yyscan_t scanner, const struct tok *t, bool *keep)
{
	struct recover *r = p->r;
	if (!p->resync || (t->token != ':' && (t->token != '-' || !t->starts_line)))
		return false;
	*keep = false;
	/* the items of a '- ' line */
	while (t->token == '-' && peek(p, scanner, 0)->token && !peek(p, scanner, 0)->starts_line)
		take(p, scanner);
	if (t->token == ':' && r->prev.starts_line && peek(p, scanner, 0)->starts_line) {
		/* `healthcheck:` and YAML's lines below it, indented deeper */
		uint32_t indent = indent_of(p, r->prev.loc.begin);
		for (struct tok *n = peek(p, scanner, 0); n->token && n->token != '}' &&
		     (!n->starts_line || indent_of(p, n->loc.begin) > indent); n = peek(p, scanner, 0))
			take(p, scanner);
	}
	return true;
}

/* A label's value without its quotes, after '=': `tier = frontend`. */
static bool
bare_label(struct parse_ctx *p, struct tok *t)
{
	struct recover *r = p->r;
	/* (After a ':', the ':' said it, src/parse_recover.c.) */
	if (r->prev.token != '=' || text(p)[r->prev.loc.begin] == ':' || !label_block(top(r)) ||
	    !same_line(p, r->prev.loc.end, t->loc.begin))
		return false;
	const char *value = quote_bare(p, t);
	if (!value)
		return false;
	diag(&p->c->diags, E0114, t->loc, "%s is text, in quotes: write `%.*s = %s`",
	     label_value(p), (int)(r->prev2.loc.end - r->prev2.loc.begin),
	     text(p) + r->prev2.loc.begin, value);
	return true;
}

bool
kubernetes_habit(struct parse_ctx *p, yyscan_t scanner, struct tok *t, bool *keep)
{
	struct recover *r = p->r;
	const struct block *b = top(r);
	if (!b)
		return false;
	if (t->loc.begin < r->probe_until) {
		*keep = probe_token(p, scanner, t);
		return true;
	}
	if (bare_label(p, t)) {
		*keep = true; /* read as the string it was made */
		return false;
	}
	bool slot = t->token == KW_LIVENESS || t->token == KW_READINESS || t->token == KW_STARTUP;
	if (slot && b->kind == BLOCK_PROPS &&
	    (t->starts_line || r->prev.token == '{' || r->prev.token == '}'))
		probe_line(p, t);
	else if (b->head == KW_SECURITY)
		return security_token(p, scanner, t, keep);
	else if (security_line(p, scanner, t))
		return !(*keep = false); /* (the word is dropped with its line) */
	return false;
}
