/*
 * lsp_query.c - what the language server answers about a document, from
 * its last compilation (the tokens and statements the parser recorded,
 * the references the resolver recorded, the stack's declarations; with
 * syntax errors, those of the items that parsed, src/lsp_doc.c):
 *   hover       what a reference resolves to (a param's value, a
 *               workload's host, port or URL, a config key's value); a
 *               secret's value never: a secret key is named, not shown;
 *   definition  of a component, config, secret, key, param or account:
 *               the range of its declared name;
 *   symbols     the stack's items, with their blocks and keys inside;
 *   formatting  the layout of `todokc fmt`, as edits of the blanks
 *               between tokens only (so no token, and no secret written
 *               in the source, is sent back).
 */
#include "lsp.h"

#include <string.h>

#include "todok.tab.h"
#include "tools.h"

enum { MAX_SHOWN = 2000 }; /* bytes of a value shown in a hover */

long
lsp_token_at(const struct syntax *sx, uint32_t offset)
{
	size_t i = syntax_token_from(sx, offset + 1, false);
	if (i == 0)
		return -1;
	const struct token *t = sx->tokens;
	size_t k = i - 1;
	/* Between two tokens, as in "name|,": the word before the cursor. */
	if (t[k].loc.begin == offset && k > 0 && t[k - 1].loc.end == offset &&
	    !token_is_word(t[k].kind) && t[k - 1].kind != TOKEN_COMMENT)
		k--;
	if (offset > t[k].loc.end || t[k].kind == TOKEN_COMMENT)
		return -1;
	return (long)k;
}

static const char *
token_text(struct arena *a, const struct compilation *c, size_t i)
{
	struct loc loc = c->syntax->tokens[i].loc;
	return arena_strndup(a, c->src.text + loc.begin, loc.end - loc.begin);
}

/* The innermost recorded reference at offset, or NULL. */
static const struct reference *
reference_at(const struct syntax *sx, uint32_t offset)
{
	const struct reference *best = NULL;
	for (size_t i = 0; i < sx->references.len; i++) {
		const struct reference *r = sx->references.items[i];
		if (r->loc.begin <= offset && offset <= r->loc.end &&
		    (!best || r->loc.end - r->loc.begin < best->loc.end - best->loc.begin))
			best = r;
	}
	return best;
}

/* The word that introduces the name at token i (after, from, tls, ...,
 * through a list "a, b, c"; service, stateful, job, cron: the component a
 * profile changes), or 0 when token i is not such a name. */
static int
name_introducer(const struct syntax *sx, long i)
{
	static const int introducers[] = {KW_AFTER, KW_FROM, KW_TLS, KW_CONFIG, KW_SECRET,
	                                  KW_ACCOUNT, KW_PULL_SECRET, KW_SERVICE, KW_STATEFUL,
	                                  KW_JOB, KW_CRON};
	const struct token *t = sx->tokens;
	if (i < 0 || !token_is_word(t[i].kind))
		return 0;
	for (long j = i - 1; j >= 0; j -= 2) {
		while (j >= 0 && t[j].kind == TOKEN_COMMENT)
			j--;
		if (j < 0)
			return 0;
		for (size_t k = 0; k < sizeof introducers / sizeof *introducers; k++)
			if (t[j].kind == introducers[k])
				return t[j].kind;
		if (t[j].kind != ',')
			return 0;
	}
	return 0;
}

/* The hover's text: markdown, or plain text for a client that does not
 * take markdown (its hover.contentFormat, lsp.c). */
struct hover_text {
	struct buf buf;
	bool markdown;
};

/* s as inline code, or as a code block when it has several lines; as it
 * is in plain text. */
static void
put_code(struct hover_text *h, const char *s, size_t len)
{
	struct buf *b = &h->buf;
	bool block = memchr(s, '\n', len) != NULL;
	if (!h->markdown) {
		buf_puts(b, block ? "\n" : "");
		buf_append(b, s, len);
		return;
	}
	size_t run = 0, longest = 0;
	for (size_t i = 0; i < len; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	size_t fence = block ? (longest < 3 ? 3 : longest + 1) : longest + 1;
	for (size_t i = 0; i < fence; i++)
		buf_putc(b, '`');
	buf_puts(b, block ? "\n" : len && (s[0] == '`' || s[len - 1] == '`') ? " " : "");
	buf_append(b, s, len);
	buf_puts(b, block ? "\n" : len && (s[0] == '`' || s[len - 1] == '`') ? " " : "");
	for (size_t i = 0; i < fence; i++)
		buf_putc(b, '`');
}

static void
put_value(struct hover_text *h, const char *value)
{
	size_t len = strlen(value), shown = len;
	if (shown > MAX_SHOWN) {
		shown = MAX_SHOWN;
		while (shown > 0 && ((unsigned char)value[shown] & 0xC0) == 0x80)
			shown--;
	}
	put_code(h, value, shown);
	if (shown < len)
		buf_printf(&h->buf, " (%zu bytes in all)", len);
}

static const char *
decl_word(const struct decl *d)
{
	switch (d->kind) {
	case DECL_PARAM: return "param";
	case DECL_CONFIG: return "config";
	case DECL_SECRET: return "secret";
	case DECL_COMPONENT: return workload_kinds[((const struct component *)d->what)->kind].word;
	case DECL_KINDS: break;
	}
	return "name";
}

static void
describe_reference(struct hover_text *h, const struct reference *r)
{
	const struct decl *d = r->decl;
	const char *name = d->name;
	buf_printf(&h->buf, "%s ", decl_word(d));
	put_code(h, name, strlen(name));
	if (r->member) {
		buf_puts(&h->buf, d->kind == DECL_COMPONENT ? ", its " : ", key ");
		put_code(h, r->member, strlen(r->member));
	}
	if (r->value) {
		buf_puts(&h->buf, "\n\n");
		put_value(h, r->value);
	} else if (d->kind == DECL_SECRET) {
		buf_puts(&h->buf, "\n\nA secret's value is never shown.");
	} else if (d->kind == DECL_CONFIG && r->member) {
		buf_puts(&h->buf, "\n\nIts value holds a secret's, so it is not shown.");
	}
}

static json_t *
hover_json(const struct lsp_lines *lines, const struct hover_text *h, struct loc loc)
{
	return json_pack("{s:{s:s, s:o}, s:o}", "contents", "kind",
	                 h->markdown ? "markdown" : "plaintext", "value",
	                 lsp_string(h->buf.data, h->buf.len), "range", lsp_range_in(lines, loc));
}

/* What is at the cursor: a reference the resolver recorded, or a name
 * after a word that introduces names (token `name`, 0 `word` if none), or
 * (WORD_DOTTED) in a text with syntax errors, a NAME.MEMBER that the
 * resolver never saw, its statement having been dropped. */
struct cursor {
	struct lsp_doc *d;
	struct compilation *c;
	uint32_t offset;
	const struct reference *ref;
	long name;
	int word;
};

enum { WORD_DOTTED = -1 };

/* Whether token i is a NAME.MEMBER word (a keyword has no dot). */
static bool
dotted_name(const struct compilation *c, long i)
{
	if (i < 0 || c->syntax->tokens[i].kind != WORD)
		return false;
	struct loc loc = c->syntax->tokens[i].loc;
	const char *dot = memchr(c->src.text + loc.begin, '.', loc.end - loc.begin);
	return dot && dot > c->src.text + loc.begin;
}

static bool
cursor_at(struct lsp *s, json_t *params, struct lsp_error *err, struct cursor *k)
{
	k->d = lsp_doc_at(s, params, &k->offset, err);
	if (!k->d)
		return false;
	k->c = &k->d->now->c;
	k->ref = reference_at(k->c->syntax, k->offset);
	k->name = lsp_token_at(k->c->syntax, k->offset);
	k->word = !k->ref && k->c->stack ? name_introducer(k->c->syntax, k->name) : 0;
	if (!k->ref && !k->word && k->c->stack && !k->d->now->parsed && dotted_name(k->c, k->name))
		k->word = WORD_DOTTED;
	return true;
}

/* The key `member` of a config or secret decl, where it is declared (else NO_LOC). */
static struct loc
member_at(const struct decl *decl, const char *member)
{
	if (decl->kind != DECL_CONFIG && decl->kind != DECL_SECRET)
		return NO_LOC;
	const struct kv *kv = strmap_get(&((const struct keyset *)decl->what)->by_key, member);
	return kv ? kv->key.loc : NO_LOC;
}

/* Where the name at the cursor is declared (an account: first named). */
static struct loc
declared_at(const struct cursor *k, const struct decl **decl)
{
	struct compilation *c = k->c;
	char *name = (char *)token_text(&c->arena, c, (size_t)k->name);
	char *member = k->word == WORD_DOTTED ? strchr(name, '.') : NULL;
	*decl = NULL;
	if (member)
		*member++ = '\0';
	if (k->word == KW_ACCOUNT) {
		for (size_t i = 0; i < c->stack->accounts.len; i++) {
			const struct account *acc = c->stack->accounts.items[i];
			if (acc->written.text && strcmp(acc->written.text, name) == 0)
				return acc->written.loc;
		}
		return NO_LOC;
	}
	*decl = strmap_get(&c->stack->names, name);
	if (!*decl)
		return NO_LOC;
	/* On the member of NAME.MEMBER: the key, when it is one. */
	struct loc key = member && k->offset > c->syntax->tokens[k->name].loc.begin +
	                                       (uint32_t)(member - name - 1)
	                 ? member_at(*decl, member) : NO_LOC;
	return HAS_LOC(key) ? key : (*decl)->loc;
}

json_t *
lsp_hover(struct lsp *s, json_t *params, struct lsp_error *err)
{
	struct cursor k;
	if (!cursor_at(s, params, err, &k))
		return NULL;
	struct hover_text text = {{0}, !s->plaintext_hover};
	json_t *result = json_null();
	const struct decl *decl = NULL;
	if (k.ref) {
		describe_reference(&text, k.ref);
		result = hover_json(&k.d->now->lines, &text, k.ref->loc);
	} else if (k.word && HAS_LOC(declared_at(&k, &decl)) && decl) {
		buf_printf(&text.buf, "%s ", decl_word(decl));
		put_code(&text, decl->name, strlen(decl->name));
		buf_printf(&text.buf, ", declared on line %zu",
		           lsp_line(&k.d->now->lines, decl->loc.begin) + 1);
		result = hover_json(&k.d->now->lines, &text, k.c->syntax->tokens[k.name].loc);
	}
	buf_free(&text.buf);
	return result;
}

json_t *
lsp_definition(struct lsp *s, json_t *params, struct lsp_error *err)
{
	struct cursor k;
	if (!cursor_at(s, params, err, &k))
		return NULL;
	struct loc target = NO_LOC;
	const struct decl *decl = k.ref ? k.ref->decl : NULL;
	if (k.ref) {
		target = decl->loc;
		uint32_t member_begin = k.ref->loc.begin + (uint32_t)strlen(decl->name) + 1;
		if (k.ref->member && k.offset >= member_begin &&
		    HAS_LOC(member_at(decl, k.ref->member)))
			target = member_at(decl, k.ref->member);
	} else if (k.word) {
		target = declared_at(&k, &decl);
	}
	if (!HAS_LOC(target))
		return json_null();
	return json_pack("{s:s, s:o}", "uri", k.d->uri, "range", lsp_range_in(&k.d->now->lines, target));
}

/* Symbols */

struct symbols {
	const struct compilation *c;
	const struct lsp_lines *lines;
	const struct syntax_index *ix;
};

static json_t *symbols_in(struct symbols *y, size_t from, size_t to, bool items);

/* The LSP SymbolKind of a statement starting with token k. */
static int
symbol_kind(const struct symbols *y, size_t k, bool named, bool entry)
{
	static const struct {
		const char *word;
		int kind;
	} kinds[] = {{"param", 14}, {"namespace", 3}, {"config", 19}, {"secret", 20},
	             {"profile", 2}};
	const struct keyword_info *kw = keyword_info(y->c->syntax->tokens[k].kind);
	if (entry || !kw)
		return 8; /* Field */
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (strcmp(kinds[i].word, kw->spelling) == 0)
			return kinds[i].kind;
	return strcmp(kw->role, "declaration") == 0 || named ? 5 /* Class */ : 23 /* Struct */;
}

/* The symbol of the statement k..last, or NULL when it is a property
 * without a block (an image, a port). */
static json_t *
statement_symbol(struct symbols *y, size_t k, size_t last, bool item)
{
	const struct compilation *c = y->c;
	const struct token *t = c->syntax->tokens;
	bool entry = k < last && t[k + 1].kind == '=';
	bool named = !entry && k < last && token_is_word(t[k + 1].kind);
	json_t *children = json_array();
	bool has_block = false;
	for (size_t i = k; i <= last; i++) {
		long close = y->ix->close[i];
		has_block |= t[i].kind == '{';
		if (close != SYNTAX_NONE && (size_t)close <= last) {
			json_t *inner = symbols_in(y, i + 1, (size_t)close, false);
			json_array_extend(children, inner);
			json_decref(inner);
			i = (size_t)close;
		}
	}
	if (!item && !entry && !has_block && !keyword_has_role(t[k].kind, "declaration")) {
		json_decref(children);
		return NULL;
	}
	size_t name = named ? k + 1 : k;
	struct loc whole = {t[k].loc.begin, t[last].loc.end};
	json_t *sym = json_pack("{s:o, s:i, s:o, s:o, s:o}", "name",
	                        lsp_string(c->src.text + t[name].loc.begin,
	                                   t[name].loc.end - t[name].loc.begin),
	                        "kind", symbol_kind(y, k, named, entry), "range",
	                        lsp_range_in(y->lines, whole), "selectionRange",
	                        lsp_range_in(y->lines, t[name].loc), "children", children);
	if (named)
		json_object_set_new(sym, "detail", lsp_string(c->src.text + t[k].loc.begin,
		                                              t[k].loc.end - t[k].loc.begin));
	return sym;
}

static json_t *
symbols_in(struct symbols *y, size_t from, size_t to, bool items)
{
	json_t *list = json_array();
	for (size_t i = from; i < to;) {
		long last = y->ix->last[i], close = y->ix->close[i];
		if (last != SYNTAX_NONE && (size_t)last < to) {
			json_t *sym = statement_symbol(y, i, (size_t)last, items);
			if (sym)
				json_array_append_new(list, sym);
			i = (size_t)last + 1;
		} else {
			i = close != SYNTAX_NONE && (size_t)close < to ? (size_t)close + 1 : i + 1;
		}
	}
	return list;
}

json_t *
lsp_symbols(struct lsp *s, json_t *params, struct lsp_error *err)
{
	struct lsp_doc *d = lsp_doc_of(s, params, err);
	if (!d)
		return NULL;
	struct compilation *c = &d->now->c;
	const struct syntax *sx = c->syntax;
	struct symbols y = {c, &d->now->lines, lsp_index(d->now)};
	/* The stack: "stack NAME {" ... "}", its items inside. */
	size_t first = 0, open;
	while (first < sx->ntokens && sx->tokens[first].kind == TOKEN_COMMENT)
		first++;
	for (open = first; open < sx->ntokens && sx->tokens[open].kind != '{';)
		open++;
	if (open >= sx->ntokens || y.ix->close[open] == SYNTAX_NONE || open != first + 2 ||
	    sx->tokens[first].kind != KW_STACK)
		return json_array();
	size_t close = (size_t)y.ix->close[open];
	struct loc whole = {sx->tokens[first].loc.begin, sx->tokens[close].loc.end};
	struct loc name = sx->tokens[first + 1].loc;
	return json_pack("[{s:o, s:s, s:i, s:o, s:o, s:o}]", "name",
	                 lsp_string(c->src.text + name.begin, name.end - name.begin), "detail",
	                 "stack", "kind", 2, "range", lsp_range_in(y.lines, whole), "selectionRange",
	                 lsp_range_in(y.lines, name), "children", symbols_in(&y, open + 1, close, true));
}

/* Formatting */

/* An edit that replaces [from, to) of the document with out[ofrom, oto),
 * when they differ. */
static void
gap_edit(json_t *edits, const struct lsp_lines *lines, uint32_t from, uint32_t to,
         const struct buf *out, uint32_t ofrom, uint32_t oto)
{
	const char *new_text = out->data ? out->data + ofrom : "";
	const char *text = lines->src->text;
	if (to - from == oto - ofrom && (to == from || memcmp(text + from, new_text, to - from) == 0))
		return;
	json_array_append_new(edits, json_pack("{s:o, s:s%}", "range",
	                                       lsp_range_in(lines, (struct loc){from, to}), "newText",
	                                       new_text, (size_t)(oto - ofrom)));
}

json_t *
lsp_formatting(struct lsp *s, json_t *params, struct lsp_error *err)
{
	struct lsp_doc *d = lsp_doc_of(s, params, err);
	if (!d)
		return NULL;
	struct options opts;
	options_init(&opts);
	struct compilation c;
	compilation_init(&c, &opts);
	const char *text = arena_strndup(&c.arena, d->text.data ? d->text.data : "", d->text.len);
	struct buf out = {0};
	struct loc *placed;
	json_t *edits = json_null();
	if (format_source(&c, d->path, text, d->text.len, &out, &placed)) {
		json_decref(edits);
		edits = json_array();
		struct lsp_lines lines;
		lsp_lines_init(&c.arena, &c.src, &lines);
		uint32_t in = 0, at = 0;
		for (size_t i = 0; i < c.syntax->ntokens; i++) {
			gap_edit(edits, &lines, in, c.syntax->tokens[i].loc.begin, &out, at, placed[i].begin);
			in = c.syntax->tokens[i].loc.begin + (placed[i].end - placed[i].begin);
			at = placed[i].end;
		}
		gap_edit(edits, &lines, in, (uint32_t)d->text.len, &out, at, (uint32_t)out.len);
	}
	buf_free(&out);
	compilation_free(&c);
	return edits;
}
