/*
 * parse_words.c - tokens the scanner read as another kind than the
 * author meant, set right before the parser sees them (src/parse_recover.c
 * calls them): a value, key, path or image written without quotes (E0114,
 * E0115, and E0128 for a shell's `${B}`), a name written in quotes (a
 * namespace, E0123; a declaration's, E0127), the argument of env() or
 * file() written as a word, and an `api` line's subresource (`pods/log`).
 */
#include <string.h>

#include "recover.h"

/* `${B}` and nothing more: one reference. */
static bool
whole_reference(const char *s, size_t len)
{
	return len > 3 && s[0] == '$' && s[1] == '{' && memchr(s, '}', len) == s + len - 1;
}

/* A value or key written without quotes: a string, reported. */
void
unquoted(struct parse_ctx *p, yyscan_t scanner, struct tok *t)
{
	struct recover *r = p->r;
	const char *w = recover_is_secret(p, t->loc) ? "..." : token_written(p, t); /* (in quotes below) */
	if (r->prev.token == KW_IMAGE)
		diag(&p->c->diags, E0114, t->loc, "quote the image: `image \"%s\"`", w);
	else if (r->prev.token == KW_HTTP || r->prev.token == KW_AT || r->prev.token == KW_PATH ||
	         r->prev.token == KW_SUBPATH)
		diag(&p->c->diags, E0114, t->loc, "quote the path: `%s \"%s\"`",
		     keyword_spelling(r->prev.token), w);
	else if (peek(p, scanner, 0)->token == '=')
		diag(&p->c->diags, E0115, t->loc, "quote a key that holds '/' or ':': `\"%s\"`", w);
	else if (r->prev.token == '=' && recover_in_entries(p) &&
	         whole_reference(text(p) + t->loc.begin, t->loc.end - t->loc.begin)) {
		/* a shell's `${B}`, without the quotes around it */
		bool secret = recover_is_secret(p, t->loc);
		const char *b = secret ? "..." : text(p) + t->loc.begin + 2;
		int n = secret ? 3 : (int)(t->loc.end - t->loc.begin - 3);
		diag(&p->c->diags, E0128, t->loc, "a reference is written alone, `%.*s`, or inside a "
		     "string, `\"${%.*s}\"`", n, b, n, b);
	} else if (r->prev.token == '=' || r->prev.token == '[' || r->prev.token == ',' ||
	         r->prev.token == '(')
		diag(&p->c->diags, E0114, t->loc, "quote this value: `\"%s\"`", w);
	else {
		/* Where a name stands: read as one, and no syntax error on it
		 * (the parser's would repeat this one). */
		if (volume_without_name(p, t))
			return;
		if (w[0] == '/' && r->stmt_word && strcmp(r->stmt_word, "volume") == 0)
			diag(&p->c->diags, E0114, t->loc, "a volume's mount path follows 'at', in quotes: "
			     "`at \"%s\"`", w);
		else
			diag(&p->c->diags, E0114, t->loc,
			     "%s is not a name: a name holds no '/', ':' or '@'", diag_quote(p->arena, w));
		p->reported_token = t->loc;
		t->token = WORD;
		t->val.word = (struct ident){w, t->loc};
		return;
	}
	if (t->token == WORD) {
		t->token = STRING;
		t->val.string = lex_string(p, text(p) + t->loc.begin, t->loc.end - t->loc.begin,
		                           t->loc.begin);
		t->val.string->loc = t->loc;
	}
}

/* An `api` line's subresource, `pods/log`: RBAC's name for it, which the
 * scanner took for a string; read as a name, and checked with the
 * resources (src/access.c).  False when t is no such word. */
bool
api_subresource(struct parse_ctx *p, struct tok *t)
{
	const char *w = text(p) + t->loc.begin;
	size_t len = t->loc.end - t->loc.begin, part = strspn(w, "abcdefghijklmnopqrstuvwxyz");
	if (p->r->stmt_first != KW_API || part == 0 || part + 1 >= len || w[part] != '/' ||
	    strspn(w + part + 1, "abcdefghijklmnopqrstuvwxyz") != len - part - 1)
		return false;
	t->token = WORD;
	t->val.word = (struct ident){arena_strndup(p->arena, w, len), t->loc};
	return true;
}

/* "namespace" STRING: a name is read from the string. */
void
namespace_string(struct parse_ctx *p, struct tok *t)
{
	const char *w = token_written(p, t);
	size_t len = strlen(w);
	const char *inner = arena_strndup(p->arena, w + 1, len > 1 ? len - 2 : 0);
	if (strstr(inner, "${"))
		diag(&p->c->diags, E0123, t->loc,
		     "a namespace is a name, not a string; params cannot be used there: "
		     "write `namespace NAME`");
	else
		diag(&p->c->diags, E0123, t->loc,
		     "a namespace is a name, not a string: write `namespace %s`", inner);
	t->token = WORD;
	t->val.word = (struct ident){inner, t->loc};
}

/* The argument of env() or file() written as a word, `env(DB_PASSWORD)`:
 * reported, and read as the string it stands for. */
void
unquoted_argument(struct parse_ctx *p, struct tok *t)
{
	const char *w = token_written(p, t);
	diag(&p->c->diags, E0114, t->loc, "the argument is written in quotes: `%s(\"%s\")`",
	     keyword_spelling(p->r->prev2.token), w);
	t->token = STRING;
	t->val.string = lex_string(p, text(p) + t->loc.begin, t->loc.end - t->loc.begin,
	                           t->loc.begin);
	t->val.string->loc = t->loc;
}

/* A declaration's name in quotes, `service "api" {`, `sidecar "proxy" {`:
 * the name is read from the string.  False when t is no such string (a
 * cron's schedule, a naming template, a declaration inside a component,
 * which E0202 reports). */
bool
name_string(struct parse_ctx *p, struct tok *t)
{
	struct recover *r = p->r;
	const struct block *b = top(r);
	bool item = false;
	switch (r->prev.token) {
	case KW_STACK: case KW_PROFILE: case KW_SERVICE: case KW_STATEFUL: case KW_JOB:
	case KW_CRON: case KW_CONFIG: case KW_SECRET: case KW_PARAM:
		item = true;
		break;
	case KW_SIDECAR: case KW_INIT: case KW_VARIANT: case KW_CONTAINER:
		break;
	default:
		return false;
	}
	if (item ? b && b->kind != BLOCK_ITEMS : !b || b->kind != BLOCK_PROPS)
		return false;
	const char *w = token_written(p, t);
	size_t len = strlen(w);
	if (len < 3 || !same_line(p, r->prev.loc.end, t->loc.begin) ||
	    strspn(w + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") !=
	        len - 2)
		return false;
	const char *inner = arena_strndup(p->arena, w + 1, len - 2);
	diag(&p->c->diags, E0127, t->loc, "a name is written without quotes: `%s %s`",
	     keyword_spelling(r->prev.token), inner);
	t->token = WORD;
	t->val.word = (struct ident){inner, t->loc};
	return true;
}
