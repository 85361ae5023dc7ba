/*
 * profile.c - the stack as a profile changes it (docs/language.md,
 * profiles), as a syntax tree the lowering reads as if it had been
 * written so.  In a profile:
 *
 *  - `param P = "V"` replaces the param's default; `namespace`,
 *    `security`, `network` and `cluster` replace the stack's item (or are
 *    added); `labels`, `annotations` and `nodes` merge into the stack's
 *    by key; `naming` replaces the templates it gives;
 *  - `service C { }` (or stateful, job, cron) changes component C by the
 *    rule of src/override.c; a cron restates its schedule;
 *  - `config C { }` and `secret X { }` merge by key; `... external`
 *    switches one to an object managed elsewhere, and entries given for
 *    an external one make it a written one.
 *
 * A profile names only what the stack declares, of the same kind; it
 * holds no profile.  The pipeline (src/pipeline.c) applies each profile
 * in turn, so that every profile is checked on every compile.
 */
#include "lower.h"

#include <string.h>

struct profiler {
	struct compilation *c;
	struct arena *a;
	const struct ast_item *profile;
	struct vec items;           /* struct ast_item *: the stack's, changed */
	struct strmap named;        /* a declared name -> its index in items, + 1 */
	size_t single[ITEM_KINDS];  /* a stack item given once: its index, + 1 */
	size_t naming;              /* the merged naming item's index, + 1 */
};

static const char *const item_words[ITEM_KINDS] = {
	[ITEM_PARAM] = "param", [ITEM_CONFIG] = "config", [ITEM_SECRET] = "secret",
	[ITEM_SERVICE] = "service", [ITEM_STATEFUL] = "stateful", [ITEM_JOB] = "job",
	[ITEM_CRON] = "cron",
};

static const char *
pquote(struct profiler *p, const char *s)
{
	return diag_quote(p->a, s);
}

static struct ast_item *
copy_item(struct profiler *p, const struct ast_item *item)
{
	struct ast_item *copy = NEW(p->a, struct ast_item);
	*copy = *item;
	return copy;
}

/* KEY = value entries merged by key: the changes' keys replace the
 * base's where they are, the others follow.  A labels or annotations
 * block inside a config or secret merges the same way. */
static struct vec
merge_entries(struct profiler *p, const struct vec *base, const struct vec *changes)
{
	struct strmap changed = {0}, placed = {0};
	for (size_t i = 0; i < changes->len; i++) {
		const struct ast_entry *e = changes->items[i];
		strmap_claim(p->a, &changed, e->kind == ENTRY_VALUE ? e->key.text
		                             : e->kind == ENTRY_LABELS ? " labels" : " annotations",
		             (void *)e);
	}
	struct vec out = {0};
	for (size_t i = 0; i < base->len; i++) {
		const struct ast_entry *e = base->items[i];
		const char *key = e->kind == ENTRY_VALUE ? e->key.text
		                  : e->kind == ENTRY_LABELS ? " labels" : " annotations";
		const struct ast_entry *change = strmap_get(&changed, key);
		if (change && e->kind != ENTRY_VALUE) {
			struct ast_entry *merged = NEW(p->a, struct ast_entry);
			*merged = *change;
			merged->entries = merge_entries(p, &e->entries, &change->entries);
			change = merged;
		}
		if (change)
			strmap_put(p->a, &placed, key, (void *)change);
		vec_push(p->a, &out, (void *)(change ? change : e));
	}
	for (size_t i = 0; i < changes->len; i++) {
		const struct ast_entry *e = changes->items[i];
		const char *key = e->kind == ENTRY_VALUE ? e->key.text
		                  : e->kind == ENTRY_LABELS ? " labels" : " annotations";
		if (!strmap_get(&placed, key))
			vec_push(p->a, &out, (void *)e);
	}
	return out;
}

/* W0301: a key that a profile adds to a config or secret, close to one
 * the declaration has: most likely a misspelling of it, which would leave
 * the key meant unchanged. */
static void
warn_near_keys(struct profiler *p, const struct ast_item *base, const struct ast_item *change)
{
	struct strmap keys = {0};
	for (size_t i = 0; i < base->entries.len; i++) {
		const struct ast_entry *e = base->entries.items[i];
		if (e->kind == ENTRY_VALUE)
			strmap_claim(p->a, &keys, e->key.text, (void *)e);
	}
	for (size_t i = 0; i < change->entries.len; i++) {
		const struct ast_entry *e = change->entries.items[i];
		if (e->kind != ENTRY_VALUE || strmap_get(&keys, e->key.text))
			continue;
		struct suggestion near = suggestion_start(&p->c->diags.suggestion_budget, e->key.text);
		for (size_t j = 0; j < base->entries.len; j++) {
			const struct ast_entry *b = base->entries.items[j];
			if (b->kind == ENTRY_VALUE)
				suggestion_consider(&near, b->key.text);
		}
		if (near.best)
			diag(&p->c->diags, W0301, e->key.loc,
			     "profile %s adds key %s to %s %s, which has no such key: did you mean '%s'? "
			     "(a key the %s does not have is added beside its own, which stay as they are)",
			     diag_quote(p->a, p->profile->name.text), diag_quote(p->a, e->key.text),
			     item_words[base->kind], diag_quote(p->a, base->name.text), near.best,
			     item_words[base->kind]);
	}
}

/* The declaration a profile item names: of the same kind, declared by
 * the stack; NULL (reported) when not. */
static size_t *
named_item(struct profiler *p, const struct ast_item *change)
{
	size_t *at = strmap_get(&p->named, change->name.text);
	const struct ast_item *base = at ? p->items.items[*at - 1] : NULL;
	bool component = change->kind >= ITEM_SERVICE && change->kind <= ITEM_CRON;
	if (base && base->kind == change->kind)
		return at;
	if (base) {
		struct diagnostic *g = diag(&p->c->diags, E0303, change->name.loc,
		                            "profile %s changes %s as a %s, but it is a %s; write "
		                            "'%s %s'", pquote(p, p->profile->name.text),
		                            pquote(p, change->name.text), item_words[change->kind],
		                            item_words[base->kind], item_words[base->kind],
		                            change->name.text);
		diag_note(&p->c->diags, g, base->name.loc, "%s is declared here",
		          pquote(p, change->name.text));
		return NULL;
	}
	struct suggestion s = suggestion_start(&p->c->diags.suggestion_budget, change->name.text);
	for (size_t i = 0; i < p->items.len; i++) {
		const struct ast_item *item = p->items.items[i];
		bool same = component ? item->kind >= ITEM_SERVICE && item->kind <= ITEM_CRON
		                      : item->kind == change->kind;
		if (same && item->name.text)
			suggestion_consider(&s, item->name.text);
	}
	diag(&p->c->diags, E0301, change->name.loc,
	     "profile %s changes %s %s, which the stack does not declare%s%s%s",
	     pquote(p, p->profile->name.text), component ? "component" : item_words[change->kind],
	     pquote(p, change->name.text), s.best ? "; did you mean '" : "", s.best ? s.best : "",
	     s.best ? "'?" : "");
	return NULL;
}

/* param, config, secret, service, stateful, job, cron */
static void
change_declaration(struct profiler *p, const struct ast_item *change)
{
	size_t *at = named_item(p, change);
	if (!at)
		return;
	const struct ast_item *base = p->items.items[*at - 1];
	struct ast_item *changed = copy_item(p, base);
	switch (change->kind) {
	case ITEM_PARAM: changed->param = change->param; break;
	case ITEM_CONFIG:
	case ITEM_SECRET:
		changed->external = change->external;
		if (change->external.present || base->external.present)
			changed->entries = change->entries;
		else {
			warn_near_keys(p, base, change);
			changed->entries = merge_entries(p, &base->entries, &change->entries);
		}
		break;
	case ITEM_CRON: changed->param = change->param; /* fall through */
	default: changed->props = override_props(p->a, &base->props, &change->props); break;
	}
	p->items.items[*at - 1] = changed;
}

/* namespace, security, network, cluster: replaced or added; labels,
 * annotations, nodes: merged by key or added. */
static void
change_single(struct profiler *p, const struct ast_item *change)
{
	size_t at = p->single[change->kind];
	if (!at) {
		vec_push(p->a, &p->items, (void *)change);
		p->single[change->kind] = p->items.len;
		return;
	}
	if (change->kind != ITEM_LABELS && change->kind != ITEM_ANNOTATIONS &&
	    change->kind != ITEM_NODES) {
		p->items.items[at - 1] = (void *)change;
		return;
	}
	struct ast_item *merged = copy_item(p, p->items.items[at - 1]);
	merged->entries = merge_entries(p, &merged->entries, &change->entries);
	p->items.items[at - 1] = merged;
}

/* naming { }: the stack's templates, with those the profile gives in
 * place of the same slot's. */
static void
change_naming(struct profiler *p, const struct ast_item *change)
{
	struct ast_item *merged = copy_item(p, p->items.items[p->naming - 1]);
	merged->naming = (struct vec){0};
	const struct ast_item *base = p->items.items[p->naming - 1];
	bool given[NAMING_SLOTS] = {0};
	for (size_t i = 0; i < change->naming.len; i++)
		given[((const struct ast_naming *)change->naming.items[i])->slot] = true;
	for (size_t i = 0; i < base->naming.len; i++) {
		const struct ast_naming *rule = base->naming.items[i];
		if (!given[rule->slot])
			vec_push(p->a, &merged->naming, (void *)rule);
	}
	for (size_t i = 0; i < change->naming.len; i++)
		vec_push(p->a, &merged->naming, change->naming.items[i]);
	p->items.items[p->naming - 1] = merged;
}

static void
apply_item(struct profiler *p, const struct ast_item *change)
{
	switch (change->kind) {
	case ITEM_PARAM:
	case ITEM_CONFIG:
	case ITEM_SECRET:
	case ITEM_SERVICE:
	case ITEM_STATEFUL:
	case ITEM_JOB:
	case ITEM_CRON: change_declaration(p, change); break;
	case ITEM_NAMESPACE:
	case ITEM_SECURITY:
	case ITEM_NETWORK:
	case ITEM_CLUSTER:
	case ITEM_LABELS:
	case ITEM_ANNOTATIONS:
	case ITEM_NODES: change_single(p, change); break;
	case ITEM_NAMING: change_naming(p, change); break;
	case ITEM_PROFILE:
		diag(&p->c->diags, E0409, change->kw_loc,
		     "profile %s holds profile %s: profiles do not nest",
		     pquote(p, p->profile->name.text), pquote(p, change->name.text));
		break;
	case ITEM_KINDS: break;
	}
}

/* The stack's items, indexed.  Its naming blocks become one, so that a
 * profile's templates can take their slots' places. */
static void
index_items(struct profiler *p, const struct ast_stack *ast)
{
	struct ast_item *naming = NULL;
	for (size_t i = 0; i < ast->items.len; i++) {
		struct ast_item *item = ast->items.items[i];
		if (item->kind == ITEM_NAMING) {
			if (!naming) {
				naming = copy_item(p, item);
				naming->naming = (struct vec){0};
				vec_push(p->a, &p->items, naming);
				p->naming = p->items.len;
			}
			for (size_t k = 0; k < item->naming.len; k++)
				vec_push(p->a, &naming->naming, item->naming.items[k]);
			continue;
		}
		vec_push(p->a, &p->items, item);
		size_t *at = NEW(p->a, size_t);
		*at = p->items.len;
		if (item_words[item->kind])
			strmap_claim(p->a, &p->named, item->name.text, at);
		else if (!p->single[item->kind] && item->kind != ITEM_PROFILE)
			p->single[item->kind] = *at;
	}
	if (!naming) {
		naming = NEW(p->a, struct ast_item);
		naming->kind = ITEM_NAMING;
		naming->loc = naming->kw_loc = NO_LOC;
		vec_push(p->a, &p->items, naming);
		p->naming = p->items.len;
	}
}

const struct ast_stack *
apply_profile(struct compilation *c, const struct ast_stack *ast, const struct ast_item *profile)
{
	if (!profile)
		return ast;
	struct profiler p = {.c = c, .a = &c->arena, .profile = profile};
	index_items(&p, ast);
	for (size_t i = 0; i < profile->items.len; i++)
		apply_item(&p, profile->items.items[i]);
	struct ast_stack *changed = NEW(p.a, struct ast_stack);
	*changed = *ast;
	changed->items = p.items;
	return changed;
}

/* The profiles of the stack, each named once. */
void
list_profiles(struct compilation *c, const struct ast_stack *ast, struct vec *out)
{
	struct strmap names = {0};
	for (size_t i = 0; i < ast->items.len; i++) {
		const struct ast_item *item = ast->items.items[i];
		if (item->kind != ITEM_PROFILE)
			continue;
		const char *problem = dns1035_label_problem(item->name.text);
		if (problem)
			diag(&c->diags, E0405, item->name.loc, "invalid profile name %s: %s",
			     diag_quote(&c->arena, item->name.text),
			     name_problem_text(&c->arena, dns1035_label_problem, item->name.text,
			                       problem));
		const struct ast_item *old = strmap_claim(&c->arena, &names, item->name.text, (void *)item);
		if (old)
			diag_again(&c->diags, E0401, item->name.loc, old->name.loc, "first declared here",
			           "profile %s is declared twice", diag_quote(&c->arena, item->name.text));
		else
			vec_push(&c->arena, out, (void *)item);
	}
}
