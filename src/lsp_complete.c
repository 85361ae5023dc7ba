/*
 * lsp_complete.c - completion in the language server: what may be
 * written at the cursor, from the tokens of the document's last
 * compilation and the roles of include/keywords.def.
 *
 *   where a statement starts: the words that start one in that block
 *     (declaration words in the stack and in a profile, the property
 *     words that belong in a component of its kind, a sidecar, an init,
 *     a container or a variant, resource words in cluster { });
 *   inside a statement: the words of its kind (in a probe its kinds,
 *     then once one is given its options; volume words in a volume,
 *     expose words, resource words), and the values the grammar lets
 *     follow its words where no role tells them (the table `follows`:
 *     after pull, strategy, budget, concurrency, security, network; in
 *     security { } and naming { });
 *   after `after`, `allow from`: the components (not the one written
 *     in); after `env from`: the configs and secrets; after `from
 *     config`, `from secret`, `tls`: those (in a list, not those listed);
 *     after `=`: every name, and env, file and field;
 *   in a reference `X.` (in a value or in "${X."): X's keys, or a
 *     workload's host, port and url;
 *   in the string after `timezone`: the time zones.
 * The names come from the last compilation that parsed (the document
 * being typed rarely parses).  A key is offered by its name only: no
 * value is ever sent.
 */
#include "lsp.h"

#include <string.h>

#include "todok.tab.h"

/* LSP CompletionItemKind */
enum { ITEM_FUNCTION = 3, ITEM_FIELD = 5, ITEM_VARIABLE = 6, ITEM_CLASS = 7, ITEM_MODULE = 9,
       ITEM_PROPERTY = 10, ITEM_KEYWORD = 14 };

struct completion {
	struct compilation *c;         /* the current text's */
	const struct stack *names;     /* of the last that parsed, or NULL */
	json_t *items;
	const struct lsp_lines *lines; /* of the current text */
	json_t *range;                 /* what an item replaces: the word typed so far */
	long listed, listed_end;       /* names not offered: those of tokens listed..listed_end
	                                * (the list being written), and token self (the */
	long self;                     /* component's own name); -1 when none */
};

static void
add_item(struct completion *k, const char *label, int kind, const char *detail)
{
	json_t *item = json_pack("{s:o, s:i, s:{s:O, s:o}}", "label", lsp_string(label, strlen(label)),
	                         "kind", kind, "textEdit", "range", k->range, "newText",
	                         lsp_string(label, strlen(label)));
	if (detail)
		json_object_set_new(item, "detail", json_string(detail));
	json_array_append_new(k->items, item);
}

static void
add_keywords(struct completion *k, const char *role)
{
	for (size_t i = 0; role && i < nkeywords; i++)
		if (strcmp(keywords_by_spelling[i].role, role) == 0)
			add_item(k, keywords_by_spelling[i].spelling, ITEM_KEYWORD, role);
}

/* The property words that may start a statement in the block opened by
 * `block_word` ("service", "job", "sidecar", ...). */
static void
add_properties(struct completion *k, const char *block_word)
{
	for (size_t i = 0; i < nkeywords; i++) {
		const struct keyword_info *kw = &keywords_by_spelling[i];
		if (strcmp(kw->role, "property") == 0 && property_belongs(kw->spelling, block_word))
			add_item(k, kw->spelling, ITEM_KEYWORD, kw->role);
	}
}

/* The words the grammar (grammar/todok.y) lets follow a word where the
 * roles of include/keywords.def do not tell them (values are "modifier"
 * words, probe kinds "probe" words like the options): after a statement's
 * first word, one of `words` (followed by `then`, when not 0), or as the
 * first word of a statement in the block that one opens (`block`).  The
 * one table of them: the probe kinds are read here too.  `item`: only as
 * an item of the stack ("security" in a component opens a block). */
enum { FOLLOW_MAX = 9 };
static const struct follow {
	int words[3], then;
	bool block, item;
	int next[FOLLOW_MAX];       /* 0-terminated */
} follows[] = {
	{{KW_LIVENESS, KW_READINESS, KW_STARTUP}, 0, false, false, {KW_HTTP, KW_TCP, KW_EXEC, KW_GRPC}},
	{{KW_PULL}, 0, false, false, {KW_ALWAYS, KW_NEVER, KW_IF_NOT_PRESENT}},
	{{KW_STRATEGY}, 0, false, false, {KW_RECREATE, KW_ROLLING}},
	{{KW_STRATEGY}, KW_ROLLING, false, false, {KW_SURGE, KW_UNAVAILABLE}},
	{{KW_BUDGET}, 0, false, false, {KW_MIN_AVAILABLE, KW_MAX_UNAVAILABLE}},
	{{KW_CONCURRENCY}, 0, false, false, {KW_ALLOW, KW_FORBID, KW_REPLACE}},
	{{KW_START}, 0, false, false, {KW_PARALLEL, KW_ORDERED}},
	{{KW_SECURITY}, 0, false, true, {KW_RESTRICTED, KW_BASELINE}},
	{{KW_NETWORK}, 0, false, false, {KW_ISOLATED}},
	{{KW_SECURITY}, 0, true, false, {KW_USER, KW_GROUP, KW_FS_GROUP, KW_NON_ROOT, KW_READ_ONLY,
	                                 KW_NO_ESCALATION, KW_PRIVILEGED, KW_ADD, KW_DROP}},
	{{KW_NAMING}, 0, true, false, {KW_WORKLOAD, KW_SERVICE, KW_CONFIG, KW_SECRET, KW_ACCOUNT}},
};

static bool
listed(const int *list, size_t n, int token)
{
	for (size_t i = 0; i < n && list[i]; i++)
		if (list[i] == token)
			return true;
	return false;
}

/* The entry of follows for a statement starting with `first`, `then`
 * after it (0: none), or for the block that `first` opens; or NULL. */
static const struct follow *
find_follow(int first, int then, bool block)
{
	for (size_t i = 0; i < sizeof follows / sizeof *follows; i++) {
		const struct follow *f = &follows[i];
		if (f->block == block && f->then == then && listed(f->words, 3, first))
			return f;
	}
	return NULL;
}

static void
add_follow(struct completion *k, const struct follow *f)
{
	for (size_t i = 0; f && i < FOLLOW_MAX && f->next[i]; i++) {
		const struct keyword_info *kw = keyword_info(f->next[i]);
		add_item(k, kw->spelling, ITEM_KEYWORD, kw->role);
	}
}

static bool
is_probe_kind(int token)
{
	return listed(find_follow(KW_LIVENESS, 0, false)->next, FOLLOW_MAX, token);
}

/* The probe options that may go on in the probe statement first..last,
 * once it has its kind (not a second kind; the kinds are follows'). */
static void
add_probe_words(struct completion *k, const struct syntax *sx, long first, long last)
{
	bool has_kind = false;
	for (long i = first; i >= 0 && i <= last; i++)
		has_kind |= is_probe_kind(sx->tokens[i].kind);
	for (size_t i = 0; has_kind && i < nkeywords; i++) {
		const struct keyword_info *kw = &keywords_by_spelling[i];
		if (strcmp(kw->role, "probe") == 0 && !is_probe_kind(kw->token))
			add_item(k, kw->spelling, ITEM_KEYWORD, kw->role);
	}
}

/* The words that start an item of a stack (or of a profile, which holds
 * no profile): the declarations but "stack" itself, and the properties
 * that also start one (the grammar's `item`; include/keywords.def says
 * which). */
static void
add_stack_items(struct completion *k, bool in_profile)
{
	static const char *const also[] = {"annotations", "labels", "nodes", "security"};
	for (size_t i = 0; i < nkeywords; i++) {
		const char *word = keywords_by_spelling[i].spelling;
		if (strcmp(keywords_by_spelling[i].role, "declaration") == 0 &&
		    strcmp(word, "stack") != 0 && !(in_profile && strcmp(word, "profile") == 0))
			add_item(k, word, ITEM_KEYWORD, "declaration");
	}
	for (size_t i = 0; i < sizeof also / sizeof *also; i++)
		add_item(k, also[i], ITEM_KEYWORD, "property");
}

/* Whether token i of the current text is spelt name. */
static bool
token_is(const struct completion *k, long i, const char *name)
{
	if (i < 0)
		return false;
	struct loc loc = k->c->syntax->tokens[i].loc;
	return loc.end - loc.begin == strlen(name) &&
	       memcmp(k->c->src.text + loc.begin, name, loc.end - loc.begin) == 0;
}

/* Whether name is one completion leaves out where it is. */
static bool
left_out(const struct completion *k, const char *name)
{
	for (long i = k->listed; i >= 0 && i <= k->listed_end; i++)
		if (token_is(k, i, name))
			return true;
	return token_is(k, k->self, name);
}

/* The declared names of the kinds in `kinds` (a bit per enum decl_kind). */
static void
add_names(struct completion *k, unsigned kinds)
{
	static const int item_kinds[DECL_KINDS] = {ITEM_VARIABLE, ITEM_MODULE, ITEM_MODULE, ITEM_CLASS};
	static const char *const details[DECL_KINDS] = {"param", "config", "secret", "component"};
	for (int kind = 0; k->names && kind < DECL_KINDS; kind++) {
		if (!(kinds & 1u << kind))
			continue;
		const struct vec *decls = &k->names->decls[kind];
		for (size_t i = 0; i < decls->len; i++) {
			const struct decl *d = decls->items[i];
			if (left_out(k, d->name))
				continue;
			add_item(k, d->name, item_kinds[kind],
			         kind == DECL_COMPONENT
			             ? workload_kinds[((const struct component *)d->what)->kind].word
			             : details[kind]);
		}
	}
}

/* X's members: a config's or secret's keys (names only), a workload's. */
static void
add_members(struct completion *k, const char *name, size_t len)
{
	if (!k->names)
		return;
	char *n = arena_strndup(&k->c->arena, name, len);
	const struct decl *d = strmap_get(&k->names->names, n);
	if (!d)
		return;
	if (d->kind == DECL_COMPONENT) {
		static const char *const members[] = {"host", "port", "url"};
		for (size_t i = 0; i < 3; i++)
			add_item(k, members[i], ITEM_PROPERTY, "of the workload's Service");
		return;
	}
	if (d->kind != DECL_CONFIG && d->kind != DECL_SECRET)
		return;
	const struct keyset *set = d->what;
	for (size_t i = 0; i < set->keys.len; i++)
		add_item(k, ((const struct kv *)set->keys.items[i])->key.text, ITEM_FIELD,
		         set->secret ? "secret key" : "config key");
}

/* Tokens */

static bool
is_word_char(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '_' || ch == '-' || ch == '.';
}

/* The last token (no comment) that ends at or before `at`, or -1. */
static long
token_before(const struct syntax *sx, uint32_t at)
{
	long i = (long)syntax_token_from(sx, at + 1, true) - 1;
	while (i >= 0 && sx->tokens[i].kind == TOKEN_COMMENT)
		i--;
	return i;
}

static int
kind_at(const struct syntax *sx, long i)
{
	return i >= 0 ? sx->tokens[i].kind : 0;
}

/* Whether a recorded statement ends with token i (statements are in the
 * order of their ends). */
static bool
ends_statement(const struct syntax *sx, long i)
{
	uint32_t end = sx->tokens[i].loc.end;
	size_t lo = 0, hi = sx->nstatements;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sx->statements[mid].end < end)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sx->nstatements && sx->statements[lo].end == end;
}

/* Whether the text after token i starts a statement. */
static bool
at_statement_start(const struct syntax *sx, long i)
{
	return i < 0 || kind_at(sx, i) == '{' || kind_at(sx, i) == '}' || ends_statement(sx, i);
}

/* The first token of the statement that token i is in. */
static long
statement_start(const struct syntax *sx, long i)
{
	long j = i;
	for (long p = j - 1; p >= 0; p--) {
		if (sx->tokens[p].kind == TOKEN_COMMENT)
			continue;
		if (at_statement_start(sx, p))
			break;
		j = p;
	}
	return j;
}

/* The '{' of the innermost block that holds what follows token i, or -1. */
static long
enclosing_brace(const struct syntax *sx, long i)
{
	int depth = 0;
	for (; i >= 0; i--) {
		int kind = sx->tokens[i].kind;
		if (kind == '}')
			depth++;
		else if (kind == '{' && depth-- == 0)
			return i;
	}
	return -1;
}

static const char *
spelling(const struct syntax *sx, long i)
{
	const struct keyword_info *kw = i >= 0 ? keyword_info(sx->tokens[i].kind) : NULL;
	return kw ? kw->spelling : "";
}

/* Which role the words have that follow a word. */
struct word_role {
	const char *word, *role;
};

/* The words that start a statement in the block opened by a statement
 * starting with `word` (the stack's block: "stack"). */
static const struct word_role block_roles[] = {
	{"stack", "declaration"}, {"profile", "declaration"}, {"cluster", "resource"},
	{"config", NULL}, {"secret", NULL}, {"sidecar", "property"},
	{"init", "property"}, {"container", "property"}, {"variant", "property"},
};
/* The words that go on inside a statement starting with `word`. */
static const struct word_role inner_roles[] = {
	{"liveness", "probe"}, {"readiness", "probe"}, {"startup", "probe"}, {"volume", "volume"},
	{"expose", "expose"}, {"requests", "resource"}, {"limits", "resource"},
};

/* The role that table gives the keyword at token i; false when the
 * table does not have it. */
static bool
role_after(const struct word_role *table, size_t n, const struct syntax *sx, long i,
           const char **role)
{
	const char *word = spelling(sx, i);
	for (size_t k = 0; k < n; k++)
		if (strcmp(table[k].word, word) == 0) {
			*role = table[k].role;
			return true;
		}
	return false;
}

/* The role of the words that start a statement in the block opened by
 * the statement starting at token `opener`. */
static const char *
block_role(const struct syntax *sx, long opener)
{
	const char *role = NULL;
	if (role_after(block_roles, sizeof block_roles / sizeof *block_roles, sx, opener, &role))
		return role;
	/* Another declaration holds properties (a component); another
	 * property's block holds entries or settings. */
	return keyword_has_role(kind_at(sx, opener), "declaration") ? "property" : NULL;
}

/* The role of the words that go on inside the statement starting at
 * token `first`. */
static const char *
inner_role(const struct syntax *sx, long first)
{
	const char *role = NULL;
	role_after(inner_roles, sizeof inner_roles / sizeof *inner_roles, sx, first, &role);
	return role;
}

/* The name of the declaration that holds token i (a component's), or -1. */
static long
declared_name(const struct syntax *sx, long i)
{
	for (long brace = enclosing_brace(sx, i); brace >= 0;) {
		long opener = statement_start(sx, brace);
		if (keyword_has_role(kind_at(sx, opener), "declaration"))
			return opener < brace && token_is_word(kind_at(sx, opener + 1)) ? opener + 1 : -1;
		brace = enclosing_brace(sx, opener - 1);
	}
	return -1;
}

/* The components after `after` or `allow from` at token prev: not the
 * one they are written in. */
static void
add_components(struct completion *k, const struct syntax *sx, long prev)
{
	k->self = declared_name(sx, prev);
	add_names(k, 1u << DECL_COMPONENT);
}

/* The words of `role` that go on in the statement first..last, and
 * those follows gives after its words so far. */
static void
add_inner_words(struct completion *k, const char *role, const struct syntax *sx, long first,
                long last)
{
	int then = last > first ? kind_at(sx, last) : 0;
	const struct follow *f = find_follow(kind_at(sx, first), then, false);
	if (f && f->item) {
		long brace = enclosing_brace(sx, first - 1);
		const char *in = brace >= 0 ? block_role(sx, statement_start(sx, brace)) : NULL;
		if (!in || strcmp(in, "declaration") != 0)
			f = NULL;
	}
	add_follow(k, f);
	if (role && strcmp(role, "probe") == 0)
		add_probe_words(k, sx, first, last);
	else
		add_keywords(k, role);
}

/* Names after a word that introduces them (after, from, tls, ...),
 * through a list "a, b, " (whose names are not offered again); false
 * when `prev` is no such place. */
static bool
complete_names(struct completion *k, const struct syntax *sx, long prev)
{
	long last = prev;
	while (kind_at(sx, prev) == ',') { /* back over "a, b, " */
		long name = token_before(sx, sx->tokens[prev].loc.begin);
		k->listed = name, k->listed_end = last;
		prev = name < 0 ? -1 : token_before(sx, sx->tokens[name].loc.begin);
	}
	if (prev < 0)
		return false;
	int before = kind_at(sx, token_before(sx, sx->tokens[prev].loc.begin));
	unsigned configs = 1u << DECL_CONFIG, secrets = 1u << DECL_SECRET;
	switch (kind_at(sx, prev)) {
	case KW_AFTER:
		add_components(k, sx, prev);
		return true;
	case KW_TLS:
		add_names(k, secrets);
		return true;
	case KW_FROM:
		if (before == KW_ENV) {
			add_names(k, configs | secrets);
		} else if (before == KW_ALLOW) {
			add_components(k, sx, prev);
		} else { /* volume NAME at PATH from config|secret NAME */
			add_item(k, "config", ITEM_KEYWORD, "declaration");
			add_item(k, "secret", ITEM_KEYWORD, "declaration");
		}
		return true;
	case KW_CONFIG:
	case KW_SECRET:
		if (before != KW_FROM)
			return false;
		add_names(k, kind_at(sx, prev) == KW_CONFIG ? configs : secrets);
		return true;
	case '=':
		add_names(k, ~0u);
		add_item(k, "env", ITEM_FUNCTION, "function");
		add_keywords(k, "function");
		return true;
	default:
		return false;
	}
}

/* What the text holds at `at` on its line (which a lone CR ends too, as
 * a comment): 0 code, 1 a string (its opening quote at *quote), 2 a
 * comment. */
static int
place_on_line(const char *text, size_t at, size_t *quote)
{
	size_t i = at;
	while (i > 0 && text[i - 1] != '\n' && text[i - 1] != '\r')
		i--;
	int place = 0;
	for (; i < at; i++) {
		if (place == 1 && text[i] == '\\')
			i++;
		else if (place == 0 && text[i] == '#')
			return 2;
		else if (text[i] == '"') {
			place = place == 1 ? 0 : 1;
			*quote = i; /* the last quote: the opening one when place is 1 */
		}
	}
	return place;
}

/* In the string of `timezone "...`: the zones, in place of what the
 * string holds so far. */
static bool
complete_time_zone(struct completion *k, const struct syntax *sx, size_t quote, size_t at)
{
	if (kind_at(sx, token_before(sx, (uint32_t)quote)) != KW_TIMEZONE)
		return false;
	json_decref(k->range);
	k->range = lsp_range_in(k->lines, (struct loc){(uint32_t)quote + 1, (uint32_t)at});
	size_t n;
	const char *const *zones = time_zone_names(&n);
	for (size_t i = 0; i < n; i++)
		add_item(k, zones[i], ITEM_VARIABLE, "time zone");
	return true;
}

/* Fills k->items for the cursor at `at`, the word typed so far starting
 * at `start`. */
static void
complete_at(struct completion *k, const char *text, size_t start, size_t at)
{
	const struct syntax *sx = k->c->syntax;
	const char *dot = memchr(text + start, '.', at - start);
	size_t quote = 0;
	int place = place_on_line(text, at, &quote);
	bool interpolation = place == 1 && start >= 2 && text[start - 2] == '$' && text[start - 1] == '{';
	if (place == 1 && !interpolation && complete_time_zone(k, sx, quote, at))
		return;
	if (place == 2 || (place == 1 && !interpolation))
		return;
	if (dot) {
		json_decref(k->range);
		k->range = lsp_range_in(k->lines, (struct loc){(uint32_t)(dot - text + 1), (uint32_t)at});
		add_members(k, text + start, (size_t)(dot - text) - start);
		return;
	}
	if (interpolation) {
		add_names(k, ~0u);
		return;
	}
	long prev = token_before(sx, (uint32_t)start);
	if (complete_names(k, sx, prev))
		return;
	if (!at_statement_start(sx, prev)) {
		long first = statement_start(sx, prev);
		add_inner_words(k, inner_role(sx, first), sx, first, prev);
		return;
	}
	long brace = enclosing_brace(sx, prev);
	if (brace < 0) {
		/* A file is one stack: after it, nothing (grammar/todok.y, `file`). */
		if (prev < 0)
			add_item(k, "stack", ITEM_KEYWORD, "declaration");
		return;
	}
	long opener = statement_start(sx, brace);
	const struct follow *f = find_follow(kind_at(sx, opener), 0, true);
	const char *role = f ? NULL : block_role(sx, opener);
	if (f)
		add_follow(k, f);
	else if (role && strcmp(role, "declaration") == 0)
		add_stack_items(k, strcmp(spelling(sx, opener), "profile") == 0);
	else if (role && strcmp(role, "property") == 0)
		add_properties(k, spelling(sx, opener));
	else
		add_keywords(k, role);
	/* The statement before may go on: "every 5s |" takes "delay" too. */
	long first = prev > brace ? statement_start(sx, prev) : -1;
	const char *more = first >= 0 ? inner_role(sx, first) : NULL;
	if (first >= 0)
		add_inner_words(k, more && role && strcmp(more, role) == 0 ? NULL : more, sx, first,
		                prev);
}

json_t *
lsp_completion(struct lsp *s, json_t *params, struct lsp_error *err)
{
	uint32_t offset;
	struct lsp_doc *d = lsp_doc_at(s, params, &offset, err);
	if (!d)
		return NULL;
	const char *text = d->now->c.src.text;
	size_t start = offset;
	while (start > 0 && is_word_char(text[start - 1]))
		start--;
	struct completion k = {&d->now->c, d->names ? d->names->c.stack : NULL, json_array(),
	                       &d->now->lines,
	                       lsp_range_in(&d->now->lines, (struct loc){(uint32_t)start, offset}),
	                       -1, -1, -1};
	complete_at(&k, text, start, offset);
	json_decref(k.range);
	return json_pack("{s:b, s:o}", "isIncomplete", 0, "items", k.items);
}
