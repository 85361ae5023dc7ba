/*
 * lower.c - from the syntax tree to the stack IR, as written.
 *
 * Declares every name (params, configs, secrets, components) in one
 * table, checks the language's own rules that need no resolution (names
 * are DNS labels; no name, key or single property given twice; no
 * contradicting properties), and puts each property where it belongs in
 * the IR: a component's pod, its main container, its ports, Service
 * settings, replicas, waits and routes.  Values stay as written (struct
 * ast_string, struct ast_value); giving them meaning is the resolver's
 * job.  After this stage nothing reads the syntax tree.
 */
#include "lower.h"

#include <string.h>

const char *
lquote(struct lowering *l, const char *s)
{
	return diag_quote(l->a, s);
}

void
not_yet(struct lowering *l, struct loc loc, const char *what)
{
	diag(&l->c->diags, E0409, loc, "%s: not supported by this todokc yet", what);
}

/* Names of stacks, components, configs, secrets, volumes, params, ports:
 * [a-z]([-a-z0-9]*[a-z0-9])? (docs/language.md section 2). */
bool
check_name(struct lowering *l, struct ident name, const char *what)
{
	const char *problem = dns1035_label_problem(name.text);
	if (!problem)
		return true;
	/* WebApp, web_app: the name in lower case, with '-', when that is one
	 * (not a long name cut: what to leave out is the author's choice). */
	const char *fix = dns_label(l->a, name.text, "", 63);
	if (*fix && strlen(name.text) <= 63 && strcmp(fix, name.text) != 0 &&
	    !dns1035_label_problem(fix))
		diag(&l->c->diags, E0405, name.loc, "invalid %s name %s: %s; did you mean '%s'?", what,
		     lquote(l, name.text), problem, fix);
	else
		diag(&l->c->diags, E0405, name.loc, "invalid %s name %s: %s", what,
		     lquote(l, name.text),
		     name_problem_text(l->a, dns1035_label_problem, name.text, problem));
	return false;
}

/* Declares a name; false (reported) when it is taken.  A declaration
 * whose name is taken joins no list of the stack, so that it causes no
 * further errors in resolution and the checks; its own block's errors
 * are still reported by its lowering. */
bool
declare(struct lowering *l, enum decl_kind kind, void *what, struct ident name)
{
	struct decl *d = NEW(l->a, struct decl);
	d->kind = kind;
	d->name = name.text;
	d->what = what;
	d->loc = name.loc;
	struct decl *old = strmap_claim(l->a, &l->s->names, name.text, d);
	if (old)
		diag_again(&l->c->diags, E0401, name.loc, old->loc, "first declared here",
		           "%s is declared twice", lquote(l, name.text));
	else
		vec_push(l->a, &l->s->decls[kind], d);
	return !old;
}

/* Reports a block's key given twice (config, secret, env, labels,
 * annotations); `seen` holds the keys of the block so far.  True when
 * the key is new. */
bool
key_once(struct lowering *l, struct strmap *seen, const struct ast_entry *e)
{
	const struct ast_entry *old = strmap_claim(&l->scratch, seen, e->key.text, (void *)e);
	if (old)
		diag_again(&l->c->diags, E0402, e->key.loc, old->key.loc, "first given here",
		           "key %s is given twice", lquote(l, e->key.text));
	return !old;
}

const struct metadata no_metadata = {.labels_loc = {UINT32_MAX, UINT32_MAX},
                                     .annotations_loc = {UINT32_MAX, UINT32_MAX}};

struct metadata *
metadata_made(struct lowering *l, struct metadata **slot)
{
	if (!*slot) {
		*slot = NEW(l->a, struct metadata);
		**slot = no_metadata;
	}
	return *slot;
}

void
lower_metadata(struct lowering *l, const struct vec *entries, struct vec *out)
{
	struct strmap seen = {0};
	for (size_t i = 0; i < entries->len; i++) {
		const struct ast_entry *e = entries->items[i];
		if (key_once(l, &seen, e))
			vec_push(l->a, out, (void *)e);
	}
}

/* A labels or annotations block of an object (the stack's, a config's, a
 * secret's), given once. */
static void
lower_object_metadata(struct lowering *l, struct metadata *meta, bool labels,
                      const struct vec *entries, struct loc loc)
{
	struct loc *given = labels ? &meta->labels_loc : &meta->annotations_loc;
	if (HAS_LOC(*given)) {
		diag_again(&l->c->diags, E0403, loc, *given, "first given here", "'%s' is given twice",
		           labels ? "labels" : "annotations");
		return;
	}
	*given = loc;
	lower_metadata(l, entries, labels ? &meta->label_entries : &meta->annotation_entries);
}

static struct kv *
new_key(struct lowering *l, struct keyset *set, struct ident key, struct loc loc)
{
	struct kv *kv = NEW(l->a, struct kv);
	kv->key = key;
	kv->loc = loc;
	vec_push(l->a, &set->keys, kv);
	strmap_put(l->a, &set->by_key, kv->key.text, kv);
	return kv;
}

/* KEY = value entries of a config or secret, each key once, and its
 * labels and annotations blocks. */
static void
lower_entries(struct lowering *l, struct keyset *set, const struct vec *entries)
{
	struct strmap seen = {0};
	for (size_t i = 0; i < entries->len; i++) {
		const struct ast_entry *e = entries->items[i];
		if (e->kind != ENTRY_VALUE)
			lower_object_metadata(l, &set->meta, e->kind == ENTRY_LABELS, &e->entries, e->loc);
		else if (key_once(l, &seen, e))
			new_key(l, set, e->key, e->loc)->source = e->value;
	}
}

/* config NAME external ["OBJECT"] [optional] [{ KEY ... }]: its keys, as
 * listed, have no value. */
static void
lower_external(struct lowering *l, struct keyset *set, const struct ast_external *x)
{
	set->external = true;
	set->external_loc = x->loc;
	set->object = x->object;
	set->optional = x->optional;
	set->keys_listed = x->has_keys;
	struct strmap seen = {0};
	for (size_t i = 0; i < x->keys.len; i++) {
		const struct ident *key = x->keys.items[i];
		const struct ident *old = strmap_claim(&l->scratch, &seen, key->text, (void *)key);
		if (old)
			diag_again(&l->c->diags, E0402, key->loc, old->loc, "first given here",
			           "key %s is given twice", lquote(l, key->text));
		else
			new_key(l, set, *key, key->loc);
	}
}

/* allow from NAME, ... | allow from namespace "NS" | allow public: one
 * struct allow per source (repeats are reported by resolve_network()). */
void
lower_allow(struct lowering *l, struct component *comp, const struct ast_prop *prop)
{
	const struct vec *names = &prop->u.allow.names;
	size_t n = names->len ? names->len : 1;
	for (size_t k = 0; k < n; k++) {
		struct allow *al = NEW(l->a, struct allow);
		al->loc = prop->loc;
		al->public = prop->u.allow.public;
		al->namespace.written = prop->u.allow.namespace;
		if (names->len) {
			al->name = *(const struct ident *)names->items[k];
			al->loc = al->name.loc;
		}
		vec_push(l->a, &comp->allows, al);
	}
}

/* The words of an `api` list, copied out of the tree (freed after the
 * lowering). */
static void
copy_words(struct lowering *l, struct vec *to, const struct vec *from)
{
	for (size_t k = 0; k < from->len; k++) {
		struct ident *word = NEW(l->a, struct ident);
		*word = *(const struct ident *)from->items[k];
		vec_push(l->a, to, word);
	}
}

void
lower_api(struct lowering *l, struct component *comp, const struct ast_prop *prop)
{
	struct api_grant *g = NEW(l->a, struct api_grant);
	g->loc = prop->loc;
	copy_words(l, &g->verbs, &prop->u.api.verbs);
	copy_words(l, &g->resources, &prop->u.api.resources);
	vec_push(l->a, &comp->api, g);
}

/* Stack items */

/* The first of the items that may be given once. */
struct once_items {
	const struct ast_item *namespace, *cluster, *security, *nodes, *network;
	const struct ast_naming *naming[NAMING_SLOTS];
};

static bool
item_once(struct lowering *l, const struct ast_item **first, const struct ast_item *item,
          const char *word)
{
	if (!*first) {
		*first = item;
		return true;
	}
	diag_again(&l->c->diags, E0403, item->kw_loc, (*first)->loc, "first given here",
	           "'%s' is given twice", word);
	return false;
}

static void
lower_naming(struct lowering *l, struct once_items *once, const struct ast_item *item)
{
	for (size_t k = 0; k < item->naming.len; k++) {
		const struct ast_naming *rule = item->naming.items[k];
		if (once->naming[rule->slot]) {
			diag_again(&l->c->diags, E0403, rule->loc, once->naming[rule->slot]->loc,
			           "first given here", "this name template is given twice");
			continue;
		}
		once->naming[rule->slot] = rule;
		l->s->naming[rule->slot] = rule->template;
		l->s->naming_loc[rule->slot] = rule->loc;
	}
}

static void
lower_param(struct lowering *l, const struct ast_item *item)
{
	struct param *param = NEW(l->a, struct param);
	param->name = item->name;
	param->source = item->param;
	param->loc = item->loc;
	check_name(l, item->name, "param");
	if (declare(l, DECL_PARAM, param, item->name))
		vec_push(l->a, &l->s->params, param);
}

/* config NAME { ... } or secret NAME { ... } */
static void
lower_keyset(struct lowering *l, const struct ast_item *item, bool secret)
{
	struct keyset *set = NEW(l->a, struct keyset);
	set->secret = secret;
	set->name = item->name;
	set->loc = item->loc;
	set->tls_use = set->pull_use = NO_LOC;
	set->bad_name = !check_name(l, item->name, secret ? "secret" : "config");
	set->meta.labels_loc = set->meta.annotations_loc = NO_LOC;
	/* A set whose name is taken is still lowered, for the errors of its
	 * own block, but it joins no list of the stack. */
	if (declare(l, secret ? DECL_SECRET : DECL_CONFIG, set, item->name))
		vec_push(l->a, secret ? &l->s->secrets : &l->s->configs, set);
	if (item->external.present)
		lower_external(l, set, &item->external);
	else
		lower_entries(l, set, &item->entries);
}

static void
lower_item(struct lowering *l, struct once_items *once, const struct ast_item *item)
{
	struct stack *s = l->s;
	switch (item->kind) {
	case ITEM_NAMESPACE:
		if (item_once(l, &once->namespace, item, "namespace") &&
		    check_name(l, item->name, "namespace")) {
			s->namespace = item->name.text;
			s->namespace_loc = item->name.loc;
		}
		break;
	case ITEM_PARAM: lower_param(l, item); break;
	case ITEM_CLUSTER:
		if (item_once(l, &once->cluster, item, "cluster")) {
			const struct ast_resources *r = &item->cluster;
			s->capacity_loc = item->loc;
			if (r->cpu)
				s->capacity.cpu = (struct quantity){r->cpu->text, r->cpu->loc, 0};
			if (r->memory)
				s->capacity.memory = (struct quantity){r->memory->text, r->memory->loc, 0};
			if (r->storage)
				diag(&l->c->diags, E0202, r->storage_loc,
				     "a 'cluster' block gives cpu and memory: ephemeral storage is each "
				     "node's own disk, not a capacity of the cluster; remove it");
		}
		break;
	case ITEM_CONFIG: lower_keyset(l, item, false); break;
	case ITEM_SECRET: lower_keyset(l, item, true); break;
	case ITEM_SERVICE:
	case ITEM_STATEFUL:
	case ITEM_JOB:
	case ITEM_CRON:
		if (s->components.len == MAX_COMPONENTS)
			diag(&l->c->diags, E0410, item->kw_loc,
			     "more than %u components; todokc accepts at most that many", MAX_COMPONENTS);
		else
			lower_component(l, item);
		break;
	case ITEM_NAMING: lower_naming(l, once, item); break;
	case ITEM_SECURITY:
		if (item_once(l, &once->security, item, "security")) {
			s->security = item->security;
			s->security_loc = item->loc;
		}
		break;
	case ITEM_LABELS:
	case ITEM_ANNOTATIONS:
		lower_object_metadata(l, &s->meta, item->kind == ITEM_LABELS, &item->entries, item->loc);
		break;
	case ITEM_NODES:
		if (item_once(l, &once->nodes, item, "nodes"))
			lower_metadata(l, &item->entries, &s->node_entries);
		break;
	case ITEM_NETWORK:
		if (item_once(l, &once->network, item, "network isolated")) {
			s->isolated = true;
			s->isolated_loc = item->loc;
		}
		break;
	case ITEM_PROFILE: break; /* applied before the lowering (src/profile.c) */
	case ITEM_KINDS: break;
	}
}

void
lower_stack(struct compilation *c, const struct ast_stack *ast)
{
	struct stack *s = NEW(&c->arena, struct stack);
	struct lowering l = {c, s, &c->arena, {0}};
	c->stack = s;
	s->name = ast->name;
	s->loc = ast->loc;
	s->bad_name = !check_name(&l, ast->name, "stack");
	s->capacity_loc = NO_LOC;
	s->meta.labels_loc = s->meta.annotations_loc = NO_LOC;
	struct once_items once = {0};
	/* Each item declares one name at most: the table of names never grows. */
	strmap_reserve(&c->arena, &s->names, ast->items.len);
	for (size_t i = 0; i < ast->items.len; i++) {
		lower_item(&l, &once, ast->items.items[i]);
		arena_reset(&l.scratch);
	}
	arena_free(&l.scratch);
}
