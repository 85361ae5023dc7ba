/*
 * lower.c - from the syntax tree to the stack IR's skeleton.
 *
 * Declares every name (params, configs, secrets, components) in one
 * table, checks the language's own rules that need no resolution (names
 * are DNS labels; no name, key or single property given twice; no
 * contradicting properties), and files each property where the resolver
 * will find it.  Meaning (references, values, derived names) is the
 * resolver's job.
 */
#include "todokc.h"

#include <string.h>

static const char *const prop_words[PROP_KINDS] = {
	[PROP_IMAGE] = "image", [PROP_PORT] = "port", [PROP_REPLICAS] = "replicas",
	[PROP_AUTOSCALE] = "replicas", [PROP_REQUESTS] = "requests",
	[PROP_LIMITS] = "limits", [PROP_ENV] = "env", [PROP_ENV_FROM] = "env from",
	[PROP_PROBE] = "probe", [PROP_EXPOSE] = "expose", [PROP_EXPOSE_AS] = "expose as",
	[PROP_VOLUME] = "volume", [PROP_AFTER] = "after", [PROP_COMMAND] = "command",
	[PROP_ARGS] = "args", [PROP_CONTAINER] = "container", [PROP_ROUTE] = "route",
	[PROP_GRACE] = "grace", [PROP_LABELS] = "labels", [PROP_ANNOTATIONS] = "annotations",
};

static const char *const probe_words[PROBE_SLOTS] = {"liveness", "readiness", "startup"};

/* Names of stacks, components, configs, secrets, volumes, params, ports:
 * [a-z]([-a-z0-9]*[a-z0-9])? (spec section 2). */
static bool
check_name(struct compilation *c, struct ident name, const char *what)
{
	const char *problem = dns1035_label_problem(name.text);
	if (!problem)
		return true;
	diag(&c->diags, E0405, name.loc, "invalid %s name %s: %s", what,
	     diag_quote(&c->arena, name.text), problem);
	return false;
}

/* Declares a name; false (reported) when it is taken.  A declaration
 * whose name is taken is dropped, so that it causes no further errors. */
static bool
declare(struct compilation *c, struct stack *s, enum decl_kind kind, void *what,
        struct ident name)
{
	struct decl *old = strmap_get(&s->names, name.text);
	if (old) {
		struct diagnostic *g = diag(&c->diags, E0401, name.loc,
		                            "%s is declared twice", diag_quote(&c->arena, name.text));
		diag_note(&c->diags, g, old->loc, "first declared here");
		return false;
	}
	struct decl *d = NEW(&c->arena, struct decl);
	d->kind = kind;
	d->what = what;
	d->loc = name.loc;
	strmap_put(&c->arena, &s->names, name.text, d);
	return true;
}

/* A secret's values written in the source are never shown in a
 * diagnostic's excerpt (the text between the quotes of a string). */
static void
redact_values(struct compilation *c, const struct vec *entries)
{
	for (size_t i = 0; i < entries->len; i++) {
		const struct ast_value *v = ((const struct ast_entry *)entries->items[i])->value;
		if (v->kind == VALUE_STRING && v->loc.end - v->loc.begin > 2)
			diag_redact(&c->diags, (struct loc){v->loc.begin + 1, v->loc.end - 1});
		else if (v->kind == VALUE_NUMBER)
			diag_redact(&c->diags, v->loc);
	}
}

/* KEY = value entries of a config or secret, each key once. */
static void
lower_entries(struct compilation *c, const struct vec *entries, struct vec *keys,
              struct strmap *by_key)
{
	for (size_t i = 0; i < entries->len; i++) {
		const struct ast_entry *e = entries->items[i];
		struct kv *old = strmap_get(by_key, e->key.text);
		if (old) {
			struct diagnostic *g = diag(&c->diags, E0402, e->key.loc,
			                            "key %s is given twice",
			                            diag_quote(&c->arena, e->key.text));
			diag_note(&c->diags, g, old->key.loc, "first given here");
			continue;
		}
		struct kv *kv = NEW(&c->arena, struct kv);
		kv->key = e->key;
		kv->source = e->value;
		kv->loc = e->loc;
		vec_push(&c->arena, keys, kv);
		strmap_put(&c->arena, by_key, kv->key.text, kv);
	}
}

/* Reports a block's key given twice (env, labels, annotations). */
static void
check_unique_keys(struct compilation *c, const struct vec *entries, struct strmap *seen)
{
	for (size_t i = 0; i < entries->len; i++) {
		const struct ast_entry *e = entries->items[i];
		const struct ast_entry *old = strmap_get(seen, e->key.text);
		if (old) {
			struct diagnostic *g = diag(&c->diags, E0402, e->key.loc,
			                            "key %s is given twice",
			                            diag_quote(&c->arena, e->key.text));
			diag_note(&c->diags, g, old->key.loc, "first given here");
		} else {
			strmap_put(&c->arena, seen, e->key.text, (void *)e);
		}
	}
}

static void
twice(struct compilation *c, const struct ast_prop *prop, const struct ast_prop *old,
      const char *word)
{
	struct diagnostic *g = diag(&c->diags, E0403, prop->kw_loc,
	                            "'%s' is given twice in one component", word);
	diag_note(&c->diags, g, old->loc, "first given here");
}

static void
conflict(struct compilation *c, const struct ast_prop *prop, const struct ast_prop *old,
         const char *why)
{
	struct diagnostic *g = diag(&c->diags, E0404, prop->loc, "%s", why);
	diag_note(&c->diags, g, old->loc, "the other one is here");
}

static void
lower_component(struct compilation *c, struct stack *s, const struct ast_item *item)
{
	struct component *comp = NEW(&c->arena, struct component);
	comp->name = item->name;
	comp->stateful = item->kind == ITEM_STATEFUL;
	comp->loc = item->loc;
	comp->ast = item;
	comp->bad_name = !check_name(c, item->name, comp->stateful ? "stateful" : "service");
	if (!declare(c, s, DECL_COMPONENT, comp, item->name))
		return;
	comp->index = s->components.len;
	vec_push(&c->arena, &s->components, comp);

	struct strmap env_keys = {0};
	for (size_t i = 0; i < item->props.len; i++) {
		const struct ast_prop *prop = item->props.items[i];
		switch (prop->kind) {
		case PROP_PORT:
			vec_push(&c->arena, &comp->port_props, (void *)prop);
			break;
		case PROP_ENV:
			check_unique_keys(c, &prop->u.entries, &env_keys);
			vec_push(&c->arena, &comp->env_blocks, (void *)prop);
			break;
		case PROP_ENV_FROM:
			vec_push(&c->arena, &comp->env_from_props, (void *)prop);
			break;
		case PROP_AFTER:
			vec_push(&c->arena, &comp->after_props, (void *)prop);
			break;
		case PROP_VOLUME:
			check_name(c, prop->u.volume.name, "volume");
			vec_push(&c->arena, &comp->volume_props, (void *)prop);
			break;
		case PROP_EXPOSE_AS:
			vec_push(&c->arena, &comp->expose_as_props, (void *)prop);
			break;
		case PROP_PROBE: {
			enum probe_slot slot = prop->u.probe.slot;
			if (comp->probe_props[slot])
				twice(c, prop, comp->probe_props[slot], probe_words[slot]);
			else
				comp->probe_props[slot] = prop;
			break;
		}
		case PROP_REPLICAS:
		case PROP_AUTOSCALE: {
			const struct ast_prop *old = comp->prop[PROP_REPLICAS]
			                                 ? comp->prop[PROP_REPLICAS]
			                                 : comp->prop[PROP_AUTOSCALE];
			if (old) {
				if (old->kind == prop->kind)
					twice(c, prop, old, "replicas");
				else
					conflict(c, prop, old,
					         "a fixed 'replicas' count and an autoscaled "
					         "'replicas A..B' contradict each other");
			} else {
				comp->prop[prop->kind] = prop;
			}
			break;
		}
		default:
			if (comp->prop[prop->kind])
				twice(c, prop, comp->prop[prop->kind], prop_words[prop->kind]);
			else
				comp->prop[prop->kind] = prop;
			break;
		}
		if (prop->kind == PROP_LABELS || prop->kind == PROP_ANNOTATIONS) {
			struct strmap seen = {0};
			check_unique_keys(c, &prop->u.entries, &seen);
		}
	}
	if (!comp->prop[PROP_IMAGE])
		diag(&c->diags, E0406, item->name.loc, "%s %s has no image; add 'image \"NAME:TAG\"'",
		     comp->stateful ? "stateful" : "service", diag_quote(&c->arena, item->name.text));
}

static void
item_twice(struct compilation *c, const struct ast_item *item, const struct ast_item *first,
           const char *word)
{
	struct diagnostic *g = diag(&c->diags, E0403, item->kw_loc, "'%s' is given twice", word);
	diag_note(&c->diags, g, first->loc, "first given here");
}

void
lower_stack(struct compilation *c)
{
	const struct ast_stack *ast = c->ast;
	struct stack *s = NEW(&c->arena, struct stack);
	c->stack = s;
	s->name = ast->name;
	s->loc = ast->loc;
	s->bad_name = !check_name(c, ast->name, "stack");
	const struct ast_item *namespace_item = NULL, *cluster_item = NULL;
	const struct ast_naming *naming[NAMING_SLOTS] = {0};

	for (size_t i = 0; i < ast->items.len; i++) {
		const struct ast_item *item = ast->items.items[i];
		switch (item->kind) {
		case ITEM_NAMESPACE:
			if (namespace_item) {
				item_twice(c, item, namespace_item, "namespace");
				break;
			}
			namespace_item = item;
			if (check_name(c, item->name, "namespace")) {
				s->namespace = item->name.text;
				s->namespace_loc = item->name.loc;
			}
			break;
		case ITEM_PARAM: {
			struct param *param = NEW(&c->arena, struct param);
			param->name = item->name;
			param->source = item->param;
			param->loc = item->loc;
			check_name(c, item->name, "param");
			if (declare(c, s, DECL_PARAM, param, item->name))
				vec_push(&c->arena, &s->params, param);
			break;
		}
		case ITEM_CLUSTER:
			if (cluster_item) {
				item_twice(c, item, cluster_item, "cluster");
				break;
			}
			cluster_item = item;
			break;
		case ITEM_CONFIG: {
			struct config *cfg = NEW(&c->arena, struct config);
			cfg->name = item->name;
			cfg->loc = item->loc;
			cfg->bad_name = !check_name(c, item->name, "config");
			if (!declare(c, s, DECL_CONFIG, cfg, item->name))
				break;
			vec_push(&c->arena, &s->configs, cfg);
			lower_entries(c, &item->entries, &cfg->keys, &cfg->by_key);
			break;
		}
		case ITEM_SECRET: {
			struct secret *sec = NEW(&c->arena, struct secret);
			sec->name = item->name;
			sec->loc = item->loc;
			sec->tls_use = NO_LOC;
			redact_values(c, &item->entries);
			sec->bad_name = !check_name(c, item->name, "secret");
			if (!declare(c, s, DECL_SECRET, sec, item->name))
				break;
			vec_push(&c->arena, &s->secrets, sec);
			lower_entries(c, &item->entries, &sec->keys, &sec->by_key);
			break;
		}
		case ITEM_SERVICE:
		case ITEM_STATEFUL:
			if (s->components.len == MAX_COMPONENTS) {
				diag(&c->diags, E0410, item->kw_loc,
				     "more than %u components; todokc accepts at most that many",
				     MAX_COMPONENTS);
				break;
			}
			lower_component(c, s, item);
			break;
		case ITEM_NAMING:
			for (size_t k = 0; k < item->naming.len; k++) {
				const struct ast_naming *rule = item->naming.items[k];
				if (naming[rule->slot]) {
					struct diagnostic *g = diag(&c->diags, E0403, rule->loc,
					                            "this name template is given twice");
					diag_note(&c->diags, g, naming[rule->slot]->loc, "first given here");
					continue;
				}
				naming[rule->slot] = rule;
				s->naming[rule->slot] = rule->template;
				s->naming_loc[rule->slot] = rule->loc;
			}
			break;
		}
	}
	if (cluster_item) {
		const struct ast_resources *r = &cluster_item->cluster;
		s->has_capacity = true;
		s->capacity_loc = cluster_item->loc;
		if (r->cpu)
			s->capacity.cpu = (struct quantity){r->cpu->text, r->cpu->loc, 0};
		if (r->memory)
			s->capacity.memory = (struct quantity){r->memory->text, r->memory->loc, 0};
	}
}
