/*
 * parse_braces.c - the braces that parse_lex() repairs: a component's,
 * a config's or a secret's '{' left out, a block's '}' missing before a line that cannot stand in it
 * (or at the end of the file, or misplaced by its indentation), and an
 * extra '}' that would close a component before its next property.  A
 * '}' is inserted or dropped only when the file has more or fewer '{'
 * than '}', counted over the source (strings and comments skipped) the
 * first time a repair asks, or when it closes a component whose '{' was
 * supplied.
 */
#include "recover.h"

/* '{' minus '}' outside strings and comments. */
static long
brace_balance(const char *s, size_t len)
{
	long n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '#' || (c == '/' && i + 1 < len && s[i + 1] == '/')) {
			while (i + 1 < len && s[i + 1] != '\n')
				i++;
		} else if (c == '"' || c == '\'') {
			for (i++; i < len && s[i] != c && s[i] != '\n'; i++)
				if (s[i] == '\\' && c == '"' && i + 1 < len && s[i + 1] != '\n')
					i++;
		} else {
			n += (c == '{') - (c == '}');
		}
	}
	return n;
}

/* The balance of braces, counted over the source the first time a
 * repair asks for it: a file without mistakes is not read twice. */
static long
brace_count(struct parse_ctx *p)
{
	struct recover *r = p->r;
	if (!r->balance_counted) {
		r->balance = brace_balance(p->c->src.text, p->c->src.len);
		r->balance_counted = true;
	}
	return r->balance;
}

/* An entry's key at the start of t's line, indented deeper than the line
 * before it: `LOG_LEVEL = "info"` (or `LOG_LEVEL: info`). */
static bool
entry_starts(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	const struct tok *before = &p->r->prev;
	if (!token_is_word(t->token) && t->token != STRING)
		return false;
	const struct tok *next = peek(p, scanner, 0);
	return (next->token == '=' || next->token == ':') &&
	       same_line(p, t->loc.end, next->loc.begin) &&
	       indent_of(p, t->loc.begin) > indent_of(p, before->loc.begin);
}

/* "service web" with a property on the next line, "config settings" with
 * an entry: the block's '{' is missing; it is supplied after the name (or
 * a cron's schedule). */
bool
component_without_brace(struct parse_ctx *p, yyscan_t scanner, struct tok *t)
{
	struct recover *r = p->r;
	const struct block *b = top(r);
	if (p->resync || !t->starts_line || !b || b->kind != BLOCK_ITEMS)
		return false;
	int kind = r->stmt_first;
	bool named = token_is_word(r->prev.token) && r->prev2.token == kind;
	bool component = (kind == KW_SERVICE || kind == KW_STATEFUL || kind == KW_JOB) && named;
	bool cron = kind == KW_CRON && r->prev.token == STRING && token_is_word(r->prev2.token);
	bool entries = (kind == KW_CONFIG || kind == KW_SECRET) && named &&
	               entry_starts(p, scanner, t);
	if (!((component || cron) && is_role(t->token, "property")) && !entries)
		return false;
	struct loc at = {r->prev.loc.end, r->prev.loc.end};
	uint32_t from = r->prev.loc.begin;
	while (from > 0 && text(p)[from - 1] != '\n')
		from--;
	from += indent_of(p, from);
	const char *what = entries ? kind == KW_SECRET ? "a secret's entries" : "a config's entries"
	                           : "a component's properties";
	diag(&p->c->diags, E0125, at, "expected '{' after %s %s: %s are written in its block, "
	     "`%.*s {` ... `}`", keyword_spelling(kind),
	     diag_quote(p->arena, token_text(cron ? &r->prev2 : &r->prev)), what,
	     (int)(at.end - from), text(p) + from);
	if (kind == KW_SECRET)
		scan_supplied_brace(p, '{', true);
	put_back(p, t);
	*t = (struct tok){.token = '{', .loc = at, .starts_line = false};
	return true;
}

static void
note_open(struct parse_ctx *p, struct diagnostic *d, const struct block *b, const char *what)
{
	if (b->open.begin == b->open.end)
		return; /* a '{' supplied (E0125): no note points at it */
	diag_note(&p->c->diags, d, b->open, "the '%s' block %s here", b->name, what);
}

/* A '}' to insert before `t`, when a line starts what cannot stand in the
 * block open (and some '{' has no '}'). */
bool
missing_brace(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	struct recover *r = p->r;
	struct block *b = top(r);
	if (!b)
		return false;
	/* A component (or a config) whose '{' was supplied (E0125) ends at the first line
	 * indented no deeper than its name: a declaration, or a '}' when the
	 * file has no '}' for that '{' (then it is the block's around it);
	 * its '}' is supplied too, with no other message. */
	if (b->open.begin == b->open.end && (b->kind == BLOCK_PROPS || b->kind == BLOCK_ENTRIES) &&
	    (t->token == 0 || (t->starts_line && indent_of(p, t->loc.begin) <= b->indent &&
	                       (is_role(t->token, "declaration") ||
	                        (t->token == '}' && brace_count(p) >= 0)))))
		return true;
	if (t->token == 0 && HAS_LOC(r->misclosed_at)) {
		/* "  service api {" ... "}": that '}' is the stack's. */
		struct diagnostic *d = diag(&p->c->diags, E0120, r->misclosed_at,
		                            "expected '}' to close the '%s' block before this '}', "
		                            "which is indented as the '%s' block's",
		                            r->misclosed.name, r->misclosed_outer);
		note_open(p, d, &r->misclosed, "opened");
		r->misclosed_at = NO_LOC;
		return true;
	}
	if (t->token == 0) {
		struct diagnostic *d = diag(&p->c->diags, E0120, t->loc,
		                            "expected '}' to close the '%s' block at the end of the file",
		                            b->name);
		note_open(p, d, b, "opened");
		return true;
	}
	if (b->kind == BLOCK_ITEMS || !t->starts_line)
		return false;
	int next = peek(p, scanner, 0)->token;
	bool key_like = next == '=' || next == ':' || next == '{';
	bool decl = is_role(t->token, "declaration") && b->kind != BLOCK_NAMING &&
	            !(b->kind == BLOCK_ENTRIES && key_like);
	bool prop = b->kind == BLOCK_ENTRIES && is_role(t->token, "property") && !key_like;
	if ((!decl && !prop) || brace_count(p) <= 0)
		return false;
	struct diagnostic *d = diag(&p->c->diags, E0120, t->loc,
	                            "expected '}' to close the '%s' block before '%s'", b->name,
	                            keyword_spelling(t->token));
	note_open(p, d, b, "opened");
	r->balance--;
	return true;
}

/* A '}' that closes a component just before a line with a property. */
bool
extra_brace(struct parse_ctx *p, yyscan_t scanner, const struct tok *t)
{
	struct recover *r = p->r;
	struct block *b = top(r);
	if (!b) {
		struct diagnostic *d = diag(&p->c->diags, E0121, t->loc,
		                            "extra '}': the '%s' block is already closed",
		                            r->closed.name ? r->closed.name : "stack");
		if (r->closed.name)
			note_open(p, d, &r->closed, "opened");
		return true;
	}
	struct tok *next = peek(p, scanner, 0);
	/* "  }" closing the stack before its next "  service api {". */
	bool items = b->kind == BLOCK_ITEMS && is_role(next->token, "declaration") &&
	             next->token != KW_STACK;
	if (!items && (b->kind != BLOCK_PROPS || r->nblocks < 2 ||
	               r->blocks[r->nblocks - 2].kind != BLOCK_ITEMS || !property_only(next->token)))
		return false;
	if (!next->starts_line || brace_count(p) >= 0)
		return false;
	size_t line, column;
	source_position(&p->c->src, next->loc.begin, &line, &column);
	struct diagnostic *d = diag(&p->c->diags, E0121, t->loc,
	                            "extra '}': it would close the '%s' block before its '%s' on line %zu",
	                            b->name, keyword_spelling(next->token), line);
	note_open(p, d, b, "opened");
	r->balance++;
	return true;
}
