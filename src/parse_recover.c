/*
 * parse_recover.c - between the scanner and the parser: the habits of
 * other languages, and where recovery ends.
 *
 * parse_lex() hands the parser its tokens.  It follows the blocks that are
 * open (what opened each, and where), looks ahead a few tokens, and
 *   - reports a habit once and repairs it (':' after a property or a key,
 *     '=' after a property, ';', a '- item' list, a trailing ',',
 *     Compose's `port 80/udp` and `volume NAME:PATH`, an 'http' probe
 *     without a path; an unquoted image or value, a name in quotes,
 *     src/parse_words.c; Kubernetes' probes and security fields, YAML's
 *     nested keys, src/parse_values.c), so that the parser never sees it;
 *   - inserts a '{' or '}' left out, drops a '}' too many (parse_braces.c);
 *   - ends the parser's recovery after a syntax error at the first token
 *     of a later line that starts a property, an item or an entry, so that
 *     every mistake is reported once and the next one is not hidden.
 * Every path consumes a token or shortens a count of braces, so none can
 * loop.  The state it keeps, and the helpers its files use, are in
 * include/recover.h.
 */
#include <string.h>
#include <strings.h>

#include "recover.h"

/* The source */

/* Only blanks before `at` on its line. */
bool
recover_starts_line(const struct parse_ctx *p, uint32_t at)
{
	const char *s = text(p);
	while (at > 0 && (s[at - 1] == ' ' || s[at - 1] == '\t' || s[at - 1] == '\r'))
		at--;
	return at == 0 || s[at - 1] == '\n';
}

void
recover_init(struct parse_ctx *p)
{
	p->r = NEW(p->arena, struct recover);
	p->r->closed_at = NO_LOC;
	p->r->misclosed_at = NO_LOC;
}

/* Blocks */

static enum block_kind
kind_of_head(int head)
{
	switch (head) {
	case KW_STACK: case KW_PROFILE:
		return BLOCK_ITEMS;
	case KW_SERVICE: case KW_STATEFUL: case KW_JOB: case KW_CRON: case KW_SIDECAR:
	case KW_INIT: case KW_VARIANT: case KW_CONTAINER:
		return BLOCK_PROPS;
	case KW_ENV: case KW_CONFIG: case KW_SECRET: case KW_LABELS: case KW_ANNOTATIONS:
	case KW_SELECTOR: case KW_NODES: case KW_ITEMS:
		return BLOCK_ENTRIES;
	case KW_NAMING:
		return BLOCK_NAMING;
	default:
		return BLOCK_OTHER;
	}
}

/* The keyword whose block a '{' opens: the one before its name or target
 * ("sidecar proxy {", "labels pod {", "stack container {": a name may be
 * a keyword), the one right before it ("env {", "items {"), else the
 * statement's first ("cron NAME "SCHEDULE" {").  Not always the
 * statement's first: `image "a:1" env {` on one line. */
static int
block_head(const struct recover *r)
{
	/* (`container env` on one line, then `env {`: the word before the
	 * brace starts its statement, and is the head.) */
	bool starts = r->prev.starts_line || r->prev2.token == '{' || r->prev2.token == '}' ||
	              !r->prev2.token;
	if (!starts && kind_of_head(r->prev2.token) != BLOCK_OTHER)
		return r->prev2.token;
	if (kind_of_head(r->prev.token) != BLOCK_OTHER)
		return r->prev.token;
	return r->stmt_first;
}

static void
open_block(struct parse_ctx *p, struct loc at)
{
	struct recover *r = p->r;
	if (r->nblocks == r->blocks_cap) {
		size_t cap = r->blocks_cap ? r->blocks_cap * 2 : 16;
		r->blocks = arena_grow(p->arena, r->blocks, r->blocks_cap * sizeof *r->blocks,
		                       cap * sizeof *r->blocks);
		r->blocks_cap = cap;
	}
	struct block *b = &r->blocks[r->nblocks++];
	int head = block_head(r);
	b->kind = kind_of_head(head);
	b->head = head;
	b->before = r->prev.token;
	b->open = at;
	b->indent = indent_of(p, at.begin);
	/* "service web {" is the block of 'web'; "env {" and "labels pod {" of
	 * their keyword. */
	bool named = r->prev.token == WORD || (r->prev.token != r->stmt_first && b->kind != BLOCK_ENTRIES &&
	                                        keyword_spelling(r->prev.token));
	if (named)
		b->name = token_text(&r->prev);
	else if (b->kind == BLOCK_ENTRIES && head != r->stmt_first && head != KW_ITEMS)
		b->name = keyword_spelling(head);
	else
		b->name = r->stmt_word;
	if (!b->name)
		b->name = "{";
}

/* Follows the blocks and statements through the token delivered. */
static void
delivered(struct parse_ctx *p, const struct tok *t)
{
	struct recover *r = p->r;
	bool first = t->starts_line || r->prev.token == '{' || r->prev.token == '}';
	/* A line after that '}' indented deeper than it: the '}' did close its
	 * block, oddly indented. */
	if (HAS_LOC(r->misclosed_at) && !r->misclosed_checked && t->starts_line &&
	    t->loc.begin > r->misclosed_at.begin) {
		r->misclosed_checked = true;
		if (indent_of(p, t->loc.begin) > indent_of(p, r->misclosed_at.begin))
			r->misclosed_at = NO_LOC;
	}
	if (first) {
		r->stmt_word_before = r->stmt_word;
		r->stmt_first = t->token;
		r->stmt_word = token_text(t);
	}
	if (t->token == '{') {
		open_block(p, t->loc);
	} else if (t->token == '}' && r->nblocks) {
		r->closed = r->blocks[--r->nblocks];
		r->closed_at = t->loc;
		uint32_t indent = indent_of(p, t->loc.begin);
		const struct block *outer = top(r);
		if (t->starts_line && outer && !HAS_LOC(r->misclosed_at) && indent < r->closed.indent &&
		    indent == outer->indent) {
			r->misclosed = r->closed;
			r->misclosed_at = t->loc;
			r->misclosed_outer = outer->name;
			r->misclosed_checked = false;
		}
	}
	r->prev2 = r->prev;
	r->prev = *t;
}

/* Habits */

bool
recover_is_secret(const struct parse_ctx *p, struct loc at)
{
	const struct vec *secrets = &p->c->diags.redacted;
	for (size_t i = secrets->len; i-- > 0;) {
		const struct loc *s = secrets->items[i];
		if (s->end <= at.begin)
			break;
		if (s->begin < at.end)
			return true;
	}
	return false;
}

const char *
token_written(struct parse_ctx *p, const struct tok *t)
{
	if (recover_is_secret(p, t->loc))
		return t->token == STRING ? "\"...\"" : "...";
	return arena_strndup(p->arena, text(p) + t->loc.begin, t->loc.end - t->loc.begin);
}

/* An '=' after a property or a resource, as key = value formats write
 * them (`image = "nginx:1.27"`, `cpu=100m`): dropped.  Not in a block of
 * entries, where a key may be spelt as a keyword. */
static bool
equals_after_property(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	struct recover *r = p->r;
	struct block *b = top(r);
	struct tok *next = peek(p, scanner, 0);
	int before = r->prev.token;
	/* `image = ...` opens its statement, or follows another property on a
	 * component's line (no '=' follows a keyword there); `cpu = ...`
	 * follows 'requests' or 'limits'; in `param replicas = "3"` the
	 * keyword is a name. */
	bool props = b && b->kind == BLOCK_PROPS;
	bool property = is_role(before, "property") &&
	                (props || (before == r->stmt_first && r->prev.starts_line));
	bool resource = is_role(before, "resource") &&
	                (props || r->stmt_first == KW_REQUESTS || r->stmt_first == KW_LIMITS);
	if ((b && b->kind == BLOCK_ENTRIES) || !same_line(p, r->prev.loc.end, t->loc.begin) ||
	    !next->token || !same_line(p, t->loc.end, next->loc.begin) || (!property && !resource) ||
	    in_secret_values(p))
		return false;
	const char *image = quote_image(p, next);
	const char *rest = habit_statement_rest(p, next->loc.begin, '=');
	diag(&p->c->diags, E0126, t->loc, "todokc does not use '=' after '%s'%s: write `%s %s`",
	     keyword_spelling(before), image ? ", and an image is written in quotes" : "",
	     keyword_spelling(before), image ? image : rest ? rest : token_written(p, next));
	return true;
}

/* A port's protocol written as Compose writes it, `port 80/tcp` or
 * `port 80/udp`: TCP is the default and dropped; '/udp' is 'udp'.
 * False when t is no such word. */
static bool
port_protocol(struct parse_ctx *p, struct tok *t, bool *keep)
{
	struct recover *r = p->r;
	const char *w = text(p) + t->loc.begin;
	size_t len = t->loc.end - t->loc.begin;
	bool tcp = len == 4 && strncasecmp(w, "/tcp", 4) == 0;
	bool udp = len == 4 && strncasecmp(w, "/udp", 4) == 0;
	if ((!tcp && !udp) || r->prev.token != INT || r->prev.loc.end != t->loc.begin ||
	    (r->stmt_first != KW_PORT && r->stmt_first != KW_CONTAINER_PORT))
		return false;
	if (tcp)
		diag(&p->c->diags, E0114, t->loc, "TCP is a port's protocol unless 'udp' follows its "
		     "number: remove '%.*s'", (int)len, w);
	else
		diag(&p->c->diags, E0114, t->loc, "a port's protocol is a word after its number: write "
		     "`%s udp`", token_written(p, &r->prev));
	*keep = udp;
	t->token = KW_UDP;
	return true;
}

/* Compose's `volume data:/data` (NAME:PATH): read as `volume data at
 * "/data" temp`, so that nothing cascades; the message says what to
 * write.  False when t is no such word. */
static bool
volume_mapping(struct parse_ctx *p, struct tok *t)
{
	struct recover *r = p->r;
	const char *w = text(p) + t->loc.begin, *colon = memchr(w, ':', t->loc.end - t->loc.begin);
	if (r->prev.token != KW_VOLUME || !colon || colon == w || colon[1] != '/' ||
	    r->nahead + 3 > AHEAD_MAX)
		return false;
	uint32_t split = t->loc.begin + (uint32_t)(colon - w), end = t->loc.end;
	const char *path_end = memchr(colon + 1, ':', end - split - 1);
	uint32_t path_stop = path_end ? t->loc.begin + (uint32_t)(path_end - w) : end;
	diag(&p->c->diags, E0114, t->loc, "a volume is written `volume %.*s at \"%.*s\"`, then "
	     "'size QUANTITY', 'temp' or 'from config NAME'", (int)(colon - w), w,
	     (int)(path_stop - split - 1), colon + 1);
	struct tok path = {.token = STRING, .loc = {split + 1, path_stop}};
	path.val.string = lex_string(p, text(p) + split + 1, path_stop - split - 1, split + 1);
	path.val.string->loc = path.loc;
	struct tok temp = {.token = KW_TEMP, .loc = {path_stop, path_stop}};
	struct tok at = {.token = KW_AT, .loc = {split, split + 1}};
	put_back(p, &temp);
	put_back(p, &path);
	put_back(p, &at);
	t->token = WORD;
	t->loc.end = split;
	t->val.word = (struct ident){arena_strndup(p->arena, w, (size_t)(colon - w)), t->loc};
	return true;
}

/* `expose: LoadBalancer`, `pull: IfNotPresent`, as YAML writes
 * Kubernetes' values: a keyword written in their case after a property's
 * ':' is read as the keyword, and one message says both.  False when next
 * is no such word. */
static bool
lower_case_keyword(struct parse_ctx *p, const struct tok *t, struct tok *next)
{
	size_t len = next->loc.end - next->loc.begin;
	const char *w = text(p) + next->loc.begin;
	const struct tok *property = &p->r->prev;
	if (next->token != WORD || !same_line(p, t->loc.end, next->loc.begin) ||
	    !property->starts_line || !is_role(property->token, "property"))
		return false;
	int keyword = keyword_folded(w, len);
	if (!keyword)
		return false;
	const char *rest = habit_statement_rest(p, next->loc.begin, ':');
	diag(&p->c->diags, E0111, t->loc, "todokc does not use ':' here, and writes '%.*s' as "
	     "'%s': write `%s %s%s`", (int)len, w, keyword_spelling(keyword), token_written(p, property),
	     keyword_spelling(keyword), rest && strlen(rest) > len ? rest + len : "");
	next->token = keyword;
	return true;
}

/* ':' after a property or a key: dropped, or '=' in a block of entries. */
static bool
colon(struct parse_ctx *p, yyscan_t scanner, struct tok *t)
{
	struct recover *r = p->r;
	struct block *b = top(r);
	bool entries = b && b->kind == BLOCK_ENTRIES;
	struct tok *next = peek(p, scanner, 0);
	const char *before = r->prev.token ? token_written(p, &r->prev) : "";
	const char *quoted = entries ? quote_label(p, next) : quote_image(p, next);
	if (quoted) {
		diag(&p->c->diags, E0111, t->loc, "todokc does not use ':' here, and %s is written "
		     "in quotes: write `%s%s%s`", entries ? label_value(p) : "an image", before,
		     entries ? " = " : " ", quoted);
		t->token = '=';
		return entries;
	}
	if (!entries && r->prev.token == INT && r->prev2.token == KW_PORT && next->token == INT &&
	    same_line(p, t->loc.end, next->loc.begin)) {
		/* Compose's `80:8080`: the Service's port, then the container's. */
		diag(&p->c->diags, E0111, t->loc,
		     "todokc does not use ':' between ports; write `port %s -> %s` (the Service's "
		     "port, then the container's)", before, token_written(p, next));
		t->token = ARROW;
		return true;
	}
	/* `ports:` before its '- ' lines, `command: [serve]`, `args: --verbose`:
	 * the list's message says what to write. */
	if (!entries && r->prev.starts_line && next->token == '-' && next->starts_line)
		return false;
	if ((r->prev.token == KW_COMMAND || r->prev.token == KW_ARGS) &&
	    (next->token != '[' || habit_quoted_list(p, next->loc.begin)))
		return false;
	/* An entry's or a param's value follows '='. */
	bool assigns = entries || (r->prev.token == WORD && r->prev2.token == KW_PARAM);
	if (!assigns && lower_case_keyword(p, t, next))
		return false;
	const char *rest = recover_is_secret(p, next->loc) || in_secret_values(p) ? NULL
	                   : habit_statement_rest(p, next->loc.begin, ':');
	if (next->token && same_line(p, t->loc.end, next->loc.begin))
		diag(&p->c->diags, E0111, t->loc, "todokc does not use ':' here; write `%s%s%s`",
		     before, assigns ? " = " : " ", rest ? rest : token_written(p, next));
	else
		diag(&p->c->diags, E0111, t->loc, "todokc does not use ':' here%s",
		     entries ? "; write KEY = VALUE" : "");
	if (!assigns)
		return false;
	t->token = '=';
	return true;
}

/* A Compose port in quotes, "8080:80" or "53/udp". */
static bool
port_string(struct parse_ctx *p, const struct tok *t)
{
	struct port_mapping m;
	return t->token == STRING && habit_port_mapping(text(p) + t->loc.begin,
	                                                t->loc.end - t->loc.begin, &m);
}

/* In a '- ' list of ports (reported), "8080:80" is read as `8080 -> 80`
 * and "53/udp" as `53 udp`. */
static void
split_port_string(struct parse_ctx *p, struct tok *t)
{
	struct port_mapping m;
	uint32_t at = t->loc.begin;
	habit_port_mapping(text(p) + at, t->loc.end - at, &m);
	struct tok a = {.token = INT}, b = {.token = INT}, arrow = {.token = ARROW, .loc = t->loc};
	a.loc = (struct loc){at + (uint32_t)m.a, at + (uint32_t)(m.a + m.a_len)};
	b.loc = (struct loc){at + (uint32_t)m.b, at + (uint32_t)(m.b + m.b_len)};
	lex_number(p, text(p) + a.loc.begin, m.a_len, a.loc.begin, &a.val.number);
	lex_number(p, text(p) + b.loc.begin, m.b_len, b.loc.begin, &b.val.number);
	if (m.udp)
		put_back(p, &(struct tok){.token = KW_UDP, .loc = t->loc});
	put_back(p, &b);
	put_back(p, &arrow);
	*t = a;
}

/* A '-' starting a line: the first of a list is dropped (and reported),
 * the next ones become ',' (or, in a list of ports, 'port'). */
static bool
dash(struct parse_ctx *p, yyscan_t scanner, struct tok *t)
{
	struct recover *r = p->r;
	if (!t->starts_line) {
		/* `args --verbose`, `command x --y`: the parser's message gives the list. */
		bool listed = p->resync && (r->stmt_first == KW_COMMAND || r->stmt_first == KW_ARGS);
		int before = listed ? KW_ARGS : r->prev.token;
		if (before != KW_ARGS && before != KW_COMMAND && before != KW_EXEC)
			stray_character(p, t->loc, "-");
		return false;
	}
	if (r->dash_run && r->dash_keyword) {
		/* `- 443` after `port` items: a `port 443` line; another item
		 * is left to the parser's message. */
		struct tok *next = peek(p, scanner, 0), *after = peek(p, scanner, 1);
		if ((next->token != INT && !port_string(p, next)) ||
		    !(after->starts_line || after->token == 0))
			return false;
		t->token = r->dash_keyword;
		return true;
	}
	if (r->dash_run) {
		t->token = ',';
		return true;
	}
	r->dash_run = true;
	const char *items = habit_dash_items(p, t->loc.begin);
	if (r->prev.token == KW_PORT || r->prev.token == KW_CONTAINER_PORT) {
		const char *word = keyword_spelling(r->prev.token);
		const char *lines = habit_port_lines(p, word, items);
		diag(&p->c->diags, E0118, t->loc,
		     "todokc does not write lists with '- '; write a '%s' line for each: %s", word, lines);
		r->dash_keyword = r->prev.token;
		return false;
	}
	if (r->prev.token == KW_ENV)
		return env_list(p, scanner, t, items);
	if (r->prev.token == KW_ARGS || r->prev.token == KW_COMMAND) {
		/* A list of strings: in brackets, which are supplied. */
		diag(&p->c->diags, E0118, t->loc,
		     "todokc does not write lists with '- '; write the items on one line, "
		     "in brackets, separated by ',': `%s [%s]`", keyword_spelling(r->prev.token), items);
		r->dash_bracket = true;
		t->token = '[';
		return true;
	}
	if (r->prev.token && !r->prev.starts_line)
		diag(&p->c->diags, E0118, t->loc,
		     "todokc does not write lists with '- '; write the items on one line, "
		     "separated by ',': `%s`", items);
	else
		diag(&p->c->diags, E0118, t->loc,
		     "todokc does not write lists with '- '; write the items on one line, "
		     "separated by ',': `%s %s`", !r->prev.token ? "" : r->prev.token == WORD ?
		     token_written(p, &r->prev) : keyword_spelling(r->prev.token), items);
	return false;
}

/* A ',' that ends a list: before ']' or '}', or before the next property,
 * on the next line or, in a component's block, on the same one (`image
 * "nginx:1.27", port 80`). */
static bool
trailing_comma(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	struct tok *next = peek(p, scanner, 0);
	const struct block *b = top(p->r);
	if (next->token == ']' || next->token == '}')
		return true;
	if (!next->starts_line && !(b && b->kind == BLOCK_PROPS))
		return false;
	if (!is_role(next->token, "property") && !is_role(next->token, "declaration"))
		return false;
	/* (`after web, env }`: a component named 'env', which a property's
	 * argument would follow.) */
	struct tok *after = peek(p, scanner, 1);
	return after->token && after->token != ',' && same_line(p, next->loc.end, after->loc.begin) &&
	       (next->starts_line || (after->token != '}' && after->token != ']'));
}

/* A block or a list after an entry's '=' (`SETTINGS = { ... }`, `HOSTS =
 * ["a", "b"]`), as JSON and HCL write structured values: skipped whole, up
 * to its closing bracket, and an empty string stands for it, so that
 * neither its brackets nor the entry cascade.  False when t opens no such
 * value. */
static bool
value_group(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	struct recover *r = p->r;
	const struct block *b = top(r);
	if (r->prev.token != '=' || !b || b->kind != BLOCK_ENTRIES)
		return false;
	uint32_t end = t->loc.end;
	for (int depth = 1; depth > 0;) {
		struct tok *next = peek(p, scanner, 0);
		if (!next->token)
			break;
		if (next->token == '{' || next->token == '[')
			depth++;
		else if (next->token == '}' || next->token == ']')
			depth--;
		end = next->loc.end;
		take(p, scanner);
	}
	struct loc whole = {t->loc.begin, end};
	if (t->token == '{' && (b->head == KW_CONFIG || b->head == KW_SECRET))
		diag(&p->c->diags, E0128, whole, "an entry's value is a string, a number or a "
		     "reference, not a block: write structured text as a string, or keep it in a "
		     "file beside the stack: `file(\"settings.json\")`");
	else if (t->token == '{')
		diag(&p->c->diags, E0128, whole, "an entry's value is a string, a number or a "
		     "reference, not a block: write structured text as a string");
	else
		diag(&p->c->diags, E0128, whole, "an entry's value is a string, a number or a "
		     "reference, not a list: write the list as one string, as the program reads it "
		     "(`\"a,b\"`)");
	struct tok empty = {.token = STRING, .loc = whole, .starts_line = t->starts_line};
	empty.val.string = lex_string(p, "", 0, t->loc.begin);
	empty.val.string->loc = whole;
	put_back(p, &empty);
	return true;
}

/* "http" with no path after a probe's slot: a path is supplied. */
static void
http_without_path(struct parse_ctx *p, const struct tok *t)
{
	struct recover *r = p->r;
	diag(&p->c->diags, E0122, t->loc, "'http' needs a path: `%s http \"/healthz\"`",
	     keyword_spelling(r->prev.token));
	struct tok path = {.token = STRING, .loc = {t->loc.end, t->loc.end},
	                   .starts_line = recover_starts_line(p, t->loc.end)};
	path.val.string = lex_string(p, "/", 1, t->loc.end);
	put_back(p, &path);
}

/* `route "shop.example.com" "/api"`: the path without its keyword, which
 * is supplied before the string. */
static void
route_path_without_keyword(struct parse_ctx *p, struct tok *t)
{
	diag(&p->c->diags, E0124, t->loc,
	     "a route's path follows the word 'path': `route \"HOST\" path \"/api\"`");
	put_back(p, t);
	*t = (struct tok){.token = KW_PATH, .loc = {t->loc.begin, t->loc.begin},
	                  .starts_line = t->starts_line};
}

/* The parser's tokens */

/* A token after which recovery from a syntax error ends. */
static bool
resumes(struct parse_ctx *p, const struct tok *t)
{
	if (t->token == 0)
		return true;
	if (!t->starts_line)
		return false;
	return t->token == '}' || t->token == WORD || t->token == STRING ||
	       is_role(t->token, "property") || is_role(t->token, "declaration");
}

/* One token, repaired; false when it is dropped. */
static bool
repair(struct parse_ctx *p, yyscan_t scanner, struct tok *t)
{
	struct recover *r = p->r;
	bool keep;
	if (t->starts_line && t->token != '-') {
		r->dash_run = false;
		r->dash_keyword = 0;
	}
	if (after_error(p, scanner, t, &keep) || kubernetes_habit(p, scanner, t, &keep))
		return keep;
	if (t->token == KW_ROUTE && r->prev.token == KW_EXPOSE &&
	    same_line(p, r->prev.loc.end, t->loc.begin)) {
		/* `expose route "HOST"`: the parser's message says where a route
		 * goes, and its line is skipped as the word's (not read as a route
		 * that starts after 'expose') */
		t->token = WORD;
		t->val.word = (struct ident){keyword_spelling(KW_ROUTE), t->loc};
		return true;
	}
	switch (t->token) {
	case ':':
		return mapping_block(p, scanner, t) ? t->token == '{' : colon(p, scanner, t);
	case ';':
		diag(&p->c->diags, E0117, t->loc, "no ';' is needed: remove it");
		return false;
	case '-':
		return dash(p, scanner, t);
	case ',':
		if (!trailing_comma(p, scanner, t))
			return true;
		diag(&p->c->diags, E0116, t->loc, "%s", top(r) && top(r)->kind == BLOCK_ENTRIES
		     ? "entries are separated by blanks or new lines, not ',': remove it"
		     : "trailing ',': nothing follows it in the list; remove it");
		return false;
	case '}':
		return !extra_brace(p, scanner, t);
	case '{':
	case '[':
		return (t->token == '[' && unquoted_list(p, scanner, t)) || !value_group(p, scanner, t);
	case '=':
		return !equals_after_property(p, scanner, t);
	case STRING:
		if (r->dash_keyword && r->prev.token == r->dash_keyword && port_string(p, t) &&
		    r->nahead + 3 <= AHEAD_MAX) {
			split_port_string(p, t);
			return true;
		}
		/* `namespace "shop"` at the start of a stack's statement; not
		 * `allow from namespace "ingress-nginx"`, whatever its lines. */
		if (r->prev.token == KW_NAMESPACE && r->prev.starts_line && r->prev2.token != KW_FROM &&
		    same_line(p, r->prev.loc.end, t->loc.begin))
			namespace_string(p, t);
		else if (name_string(p, t))
			return true;
		else if (HAS_LOC(p->unquoted) && p->unquoted.begin == t->loc.begin) {
			if (port_protocol(p, t, &keep))
				return keep;
			if (r->prev.token == '(' && (r->prev2.token == KW_ENV || r->prev2.token == KW_FILE))
				unquoted_argument(p, t);
			else if (!api_subresource(p, t) && !volume_mapping(p, t))
				unquoted(p, scanner, t);
		}
		return true;
	case WORD:
		if (t->starts_line && other_tool_line(p, scanner, t))
			return false;
		if (t->starts_line && list_key(p, scanner, t))
			return true;
		if (r->prev.token == KW_IMAGE && r->prev.starts_line)
			unquoted(p, scanner, t);
		else if (r->prev.token == '(' && (r->prev2.token == KW_ENV || r->prev2.token == KW_FILE))
			unquoted_argument(p, t);
		return true;
	default:
		return true;
	}
}

int
parse_lex(struct parse_ctx *p, yyscan_t scanner, YYSTYPE *val, YYLTYPE *loc, int *errstatus)
{
	struct recover *r = p->r;
	if (p->resume) { /* a syntax error at the start of a line: its statement is read */
		p->resume = false;
		*errstatus = 0;
	}
	for (;;) {
		struct tok t = take(p, scanner);
		if (r->dash_bracket && t.token != '-' && (t.token == 0 || t.starts_line)) {
			/* The end of a '- ' list of strings: its ']'. */
			r->dash_bracket = false;
			put_back(p, &t);
			t = (struct tok){.token = ']', .loc = {r->prev.loc.end, r->prev.loc.end},
			                 .starts_line = recover_starts_line(p, r->prev.loc.end)};
		} else if (!repair(p, scanner, &t)) {
			continue;
		}
		if ((t.token == 0 || t.starts_line) && missing_brace(p, scanner, &t)) {
			put_back(p, &t);
			t = (struct tok){.token = '}', .loc = {t.loc.begin, t.loc.begin},
			                 .starts_line = t.starts_line};
			/* The '}' is not in the source: no note points at it. */
			r->prev2 = r->prev;
			r->prev = t;
			r->closed = r->blocks[--r->nblocks];
			r->closed_at = NO_LOC;
			if (r->closed.head == KW_SECRET && r->closed.open.begin == r->closed.open.end)
				scan_supplied_brace(p, '}', true);
			*val = t.val;
			*loc = t.loc;
			return '}';
		}
		component_without_brace(p, scanner, &t);
		if (t.token == KW_HTTP && (r->prev.token == KW_LIVENESS || r->prev.token == KW_READINESS ||
		                           r->prev.token == KW_STARTUP) &&
		    peek(p, scanner, 0)->token != STRING)
			http_without_path(p, &t);
		/* (Not while the rest of a bad line is skipped: the 'path' supplied
		 * would be skipped too, and the string taken for the path again.) */
		if (t.token == STRING && r->prev.token == STRING && r->prev2.token == KW_ROUTE &&
		    !p->resync && same_line(p, r->prev.loc.end, t.loc.begin))
			route_path_without_keyword(p, &t);
		if (p->resync && resumes(p, &t)) {
			p->resync = false;
			*errstatus = 0;
		} else if (p->resync && !t.starts_line && t.token != '{' && t.token != '}' && t.token) {
			/* The rest of the line of a syntax error is not read: a
			 * string there would start an entry (`1 = "y"`). */
			continue;
		}
		if (missing_value(p, scanner, &t))
			continue;
		delivered(p, &t);
		/* Set here, not when scanned: a token may be scanned ahead of the
		 * one the parser reports. */
		if (t.token == WORD)
			p->last_word = t.val.word.text;
		*val = t.val;
		*loc = t.loc;
		return t.token;
	}
}

/* For the messages of the parser */

const char *
recover_statement_word(const struct parse_ctx *p)
{
	return p->r ? p->r->stmt_word : NULL;
}

int
recover_token_before(const struct parse_ctx *p)
{
	return p->r->prev2.token;
}

const char *
recover_written_before(struct parse_ctx *p)
{
	return token_written(p, &p->r->prev2);
}

bool
recover_in_entries(const struct parse_ctx *p)
{
	/* (No repair state while an unparsed file is scanned for secrets.) */
	if (!p->r)
		return false;
	const struct block *b = top(p->r);
	return b && b->kind == BLOCK_ENTRIES;
}

bool
recover_closed_block(const struct parse_ctx *p, const char **name, struct loc *at)
{
	const struct recover *r = p->r;
	if (!HAS_LOC(r->closed_at) || !r->nblocks || r->blocks[r->nblocks - 1].kind != BLOCK_ITEMS)
		return false;
	*name = r->closed.name;
	*at = r->closed_at;
	return true;
}
