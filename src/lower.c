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
#include "todokc.h"

#include <string.h>

const struct workload_kind_info workload_kinds[WORKLOAD_KINDS] = {
	[WORKLOAD_DEPLOYMENT] = {"service", OBJ_DEPLOYMENT},
	[WORKLOAD_STATEFULSET] = {"stateful", OBJ_STATEFULSET},
};

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

struct lowering {
	struct compilation *c;
	struct stack *s;
	struct arena *a;
};

static const char *
quote(struct lowering *l, const char *s)
{
	return diag_quote(l->a, s);
}

/* Names of stacks, components, configs, secrets, volumes, params, ports:
 * [a-z]([-a-z0-9]*[a-z0-9])? (docs/language.md section 2). */
static bool
check_name(struct lowering *l, struct ident name, const char *what)
{
	const char *problem = dns1035_label_problem(name.text);
	if (!problem)
		return true;
	diag(&l->c->diags, E0405, name.loc, "invalid %s name %s: %s", what, quote(l, name.text),
	     problem);
	return false;
}

/* Declares a name; false (reported) when it is taken.  A declaration
 * whose name is taken is dropped, so that it causes no further errors. */
static bool
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
		           "%s is declared twice", quote(l, name.text));
	else
		vec_push(l->a, &l->s->decls[kind], d);
	return !old;
}

/* Reports a block's key given twice (config, secret, env, labels,
 * annotations); `seen` holds the keys of the block so far.  True when
 * the key is new. */
static bool
key_once(struct lowering *l, struct strmap *seen, const struct ast_entry *e)
{
	const struct ast_entry *old = strmap_claim(l->a, seen, e->key.text, (void *)e);
	if (old)
		diag_again(&l->c->diags, E0402, e->key.loc, old->key.loc, "first given here",
		           "key %s is given twice", quote(l, e->key.text));
	return !old;
}

/* KEY = value entries of a config or secret, each key once. */
static void
lower_entries(struct lowering *l, const struct vec *entries, struct vec *keys,
              struct strmap *by_key)
{
	for (size_t i = 0; i < entries->len; i++) {
		const struct ast_entry *e = entries->items[i];
		if (!key_once(l, by_key, e))
			continue;
		struct kv *kv = NEW(l->a, struct kv);
		kv->key = e->key;
		kv->source = e->value;
		kv->loc = e->loc;
		vec_push(l->a, keys, kv);
		strmap_put(l->a, by_key, kv->key.text, kv);
	}
}

/* Component properties */

/* What the lowering of one component keeps while it goes through the
 * properties: which single property came where, and the keys so far. */
struct component_lowering {
	struct component *comp;
	const struct ast_prop *single[PROP_KINDS]; /* the first of each property given once */
	const struct ast_prop *probes[PROBE_SLOTS];
	struct strmap env_keys;     /* across every env { } block */
	struct strmap after_names;  /* across every after */
};

/* A property that may be given once: false (reported) when it is again. */
static bool
single_once(struct lowering *l, struct component_lowering *cl, const struct ast_prop *prop)
{
	enum prop_kind kind = prop->kind == PROP_AUTOSCALE ? PROP_REPLICAS : prop->kind;
	const struct ast_prop *old = cl->single[kind];
	if (!old) {
		cl->single[kind] = prop;
		return true;
	}
	if (old->kind != prop->kind) /* replicas N, then replicas A..B */
		diag_again(&l->c->diags, E0404, prop->loc, old->loc, "the other one is here",
		           "a fixed 'replicas' count and an autoscaled 'replicas A..B' contradict "
		           "each other");
	else
		diag_again(&l->c->diags, E0403, prop->kw_loc, old->loc, "first given here",
		           "'%s' is given twice in one component", prop_words[prop->kind]);
	return false;
}

static void
lower_port(struct lowering *l, struct component *comp, const struct ast_prop *prop)
{
	struct container_port *cp = NEW(l->a, struct container_port);
	struct service_port *sp = NEW(l->a, struct service_port);
	sp->name = cp->name = prop->u.port.name.text;
	cp->name_loc = prop->u.port.name.loc;
	sp->number = prop->u.port.number.value;
	cp->number = HAS_LOC(prop->u.port.target.loc) ? prop->u.port.target.value : sp->number;
	sp->udp = cp->udp = prop->u.port.udp;
	sp->loc = cp->loc = prop->loc;
	sp->target = cp;
	cp->published = sp;
	vec_push(l->a, &comp->ports, sp);
	vec_push(l->a, &comp->main->ports, cp);
}

static void
lower_resources(struct lowering *l, const struct ast_prop *prop, struct resources *out)
{
	const struct ast_resources *res = &prop->u.resources;
	const char *word = prop->kind == PROP_REQUESTS ? "requests" : "limits";
	if (!res->cpu && !res->memory)
		diag(&l->c->diags, E0201, prop->loc,
		     "'%s' names no resource; write '%s cpu 100m memory 128Mi'", word, word);
	if (res->cpu)
		out->cpu = (struct quantity){res->cpu->text, res->cpu->loc, 0};
	if (res->memory)
		out->memory = (struct quantity){res->memory->text, res->memory->loc, 0};
}

static void
lower_probe(struct lowering *l, struct component_lowering *cl, const struct ast_prop *prop)
{
	enum probe_slot slot = prop->u.probe.slot;
	if (cl->probes[slot]) {
		diag_again(&l->c->diags, E0403, prop->kw_loc, cl->probes[slot]->loc, "first given here",
		           "'%s' is given twice in one component", probe_words[slot]);
		return;
	}
	cl->probes[slot] = prop;
	struct probe *probe = &cl->comp->main->probes[slot];
	probe->present = true;
	probe->kind = prop->u.probe.kind;
	probe->loc = prop->loc;
	probe->written = (struct probe_source){prop->u.probe.path, &prop->u.probe.command,
	                                       &prop->u.probe.options};
}

static void
lower_volume(struct lowering *l, struct component *comp, const struct ast_prop *prop)
{
	check_name(l, prop->u.volume.name, "volume");
	struct volume *vol = NEW(l->a, struct volume);
	vol->kind = prop->u.volume.kind;
	vol->name = prop->u.volume.name;
	vol->loc = prop->loc;
	if (prop->u.volume.size)
		vol->size = (struct quantity){prop->u.volume.size->text, prop->u.volume.size->loc, 0};
	vol->class.written = prop->u.volume.class;
	vol->source = prop->u.volume.source;
	vec_push(l->a, &comp->pod.volumes, vol);
	struct mount *m = NEW(l->a, struct mount);
	m->volume = vol;
	m->path.written = prop->u.volume.path;
	m->path_loc = prop->u.volume.path->loc;
	m->read_only = vol->kind == VOLUME_CONFIG || vol->kind == VOLUME_SECRET;
	vec_push(l->a, &comp->main->mounts, m);
}

static void
lower_after(struct lowering *l, struct component_lowering *cl, const struct ast_prop *prop)
{
	for (size_t k = 0; k < prop->u.names.len; k++) {
		const struct ident *name = prop->u.names.items[k];
		struct wait *w = NEW(l->a, struct wait);
		w->target_name = *name;
		w->loc = name->loc;
		const struct wait *twin = strmap_claim(l->a, &cl->after_names, name->text, w);
		if (twin) {
			diag_again(&l->c->diags, E0402, name->loc, twin->loc, "first named here",
			           "%s is named twice after 'after'", quote(l, name->text));
			continue;
		}
		vec_push(l->a, &cl->comp->waits, w);
	}
}

static void
lower_expose_as(struct lowering *l, struct component *comp, const struct ast_prop *prop)
{
	struct service *x = NEW(l->a, struct service);
	x->type = prop->u.expose.kind;
	x->name = prop->u.expose.as.text;
	x->node_port = prop->u.expose.node_port.value;
	x->loc = prop->loc;
	x->ports = &comp->ports;
	vec_push(l->a, &comp->extra_services, x);
}

static void
lower_route(struct lowering *l, struct component *comp, const struct ast_prop *prop)
{
	struct route *route = NEW(l->a, struct route);
	route->loc = prop->loc;
	route->host.written = prop->u.route.host;
	route->host_loc = prop->u.route.host->loc;
	route->path.written = prop->u.route.path;
	route->path_loc = prop->u.route.path ? prop->u.route.path->loc : prop->loc;
	route->tls_name = prop->u.route.tls;
	vec_push(l->a, &comp->routes, route);
}

static void
lower_metadata(struct lowering *l, const struct ast_prop *prop, struct vec *out)
{
	struct strmap seen = {0};
	for (size_t i = 0; i < prop->u.entries.len; i++) {
		const struct ast_entry *e = prop->u.entries.items[i];
		if (key_once(l, &seen, e))
			vec_push(l->a, out, (void *)e);
	}
}

/* A property given once: where it goes. */
static void
lower_single(struct lowering *l, struct component *comp, const struct ast_prop *prop)
{
	struct container *main = comp->main;
	switch (prop->kind) {
	case PROP_IMAGE:
		main->image.written = prop->u.image;
		main->image_loc = prop->u.image->loc;
		break;
	case PROP_REPLICAS:
		comp->has_replicas = true;
		comp->replicas = prop->u.replicas.value;
		comp->replicas_loc = prop->loc;
		break;
	case PROP_AUTOSCALE:
		comp->autoscaled = true;
		comp->min_replicas = prop->u.autoscale.min.value;
		comp->autoscale_max = prop->u.autoscale.max.value;
		comp->cpu_percent = prop->u.autoscale.percent.value;
		comp->autoscale_loc = prop->loc;
		break;
	case PROP_REQUESTS: lower_resources(l, prop, &main->requests); break;
	case PROP_LIMITS: lower_resources(l, prop, &main->limits); break;
	case PROP_EXPOSE:
		comp->expose = (struct expose){prop->u.expose.kind, prop->u.expose.node_port.value,
		                               prop->loc, true};
		break;
	case PROP_COMMAND:
		main->command_written = &prop->u.strings;
		main->has_command = true;
		break;
	case PROP_ARGS:
		main->args_written = &prop->u.strings;
		main->has_args = true;
		break;
	case PROP_CONTAINER:
		main->name = prop->u.container.text;
		main->name_loc = prop->u.container.loc;
		main->named = true;
		break;
	case PROP_ROUTE: lower_route(l, comp, prop); break;
	case PROP_GRACE:
		comp->pod.grace = prop->u.grace.value;
		comp->pod.grace_loc = prop->loc;
		break;
	case PROP_LABELS: lower_metadata(l, prop, &comp->pod.label_entries); break;
	case PROP_ANNOTATIONS: lower_metadata(l, prop, &comp->pod.annotation_entries); break;
	default: break; /* the accumulating ones: lower_property() */
	}
}

static void
lower_property(struct lowering *l, struct component_lowering *cl, const struct ast_prop *prop)
{
	struct component *comp = cl->comp;
	switch (prop->kind) {
	case PROP_PORT: lower_port(l, comp, prop); break;
	case PROP_ENV:
		for (size_t k = 0; k < prop->u.entries.len; k++)
			if (key_once(l, &cl->env_keys, prop->u.entries.items[k]))
				vec_push(l->a, &comp->main->env_blocks, prop->u.entries.items[k]);
		break;
	case PROP_ENV_FROM:
		for (size_t k = 0; k < prop->u.names.len; k++)
			vec_push(l->a, &comp->main->env_from_names, prop->u.names.items[k]);
		break;
	case PROP_AFTER: lower_after(l, cl, prop); break;
	case PROP_VOLUME: lower_volume(l, comp, prop); break;
	case PROP_EXPOSE_AS: lower_expose_as(l, comp, prop); break;
	case PROP_PROBE: lower_probe(l, cl, prop); break;
	default:
		if (single_once(l, cl, prop))
			lower_single(l, comp, prop);
		break;
	}
}

static void
lower_component(struct lowering *l, const struct ast_item *item)
{
	struct component *comp = NEW(l->a, struct component);
	comp->name = item->name;
	comp->kind = item->kind == ITEM_STATEFUL ? WORKLOAD_STATEFULSET : WORKLOAD_DEPLOYMENT;
	comp->loc = item->loc;
	const char *word = workload_kinds[comp->kind].word;
	comp->bad_name = !check_name(l, item->name, word);
	if (!declare(l, DECL_COMPONENT, comp, item->name))
		return;
	comp->index = l->s->components.len;
	vec_push(l->a, &l->s->components, comp);
	comp->replicas = 1;
	comp->pod.grace = -1;
	comp->expose = (struct expose){EXPOSE_CLUSTERIP, 0, NO_LOC, false};
	struct container *main = NEW(l->a, struct container);
	main->role = ROLE_MAIN;
	main->name = item->name.text;
	main->name_loc = item->name.loc;
	comp->main = main;
	vec_push(l->a, &comp->pod.containers, main);

	struct component_lowering cl = {.comp = comp};
	for (size_t i = 0; i < item->props.len; i++)
		lower_property(l, &cl, item->props.items[i]);
	if (!main->image.written)
		diag(&l->c->diags, E0406, item->name.loc, "%s %s has no image; add 'image \"NAME:TAG\"'",
		     word, quote(l, item->name.text));
}

/* Stack items */

/* The first of the items that may be given once (namespace, cluster). */
struct once_items {
	const struct ast_item *namespace, *cluster;
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
	set->tls_use = NO_LOC;
	set->bad_name = !check_name(l, item->name, secret ? "secret" : "config");
	if (!declare(l, secret ? DECL_SECRET : DECL_CONFIG, set, item->name))
		return;
	vec_push(l->a, secret ? &l->s->secrets : &l->s->configs, set);
	lower_entries(l, &item->entries, &set->keys, &set->by_key);
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
		}
		break;
	case ITEM_CONFIG: lower_keyset(l, item, false); break;
	case ITEM_SECRET: lower_keyset(l, item, true); break;
	case ITEM_SERVICE:
	case ITEM_STATEFUL:
		if (s->components.len == MAX_COMPONENTS)
			diag(&l->c->diags, E0410, item->kw_loc,
			     "more than %u components; todokc accepts at most that many", MAX_COMPONENTS);
		else
			lower_component(l, item);
		break;
	case ITEM_NAMING: lower_naming(l, once, item); break;
	}
}

void
lower_stack(struct compilation *c)
{
	const struct ast_stack *ast = c->ast;
	struct stack *s = NEW(&c->arena, struct stack);
	struct lowering l = {c, s, &c->arena};
	c->stack = s;
	s->name = ast->name;
	s->loc = ast->loc;
	s->bad_name = !check_name(&l, ast->name, "stack");
	s->capacity_loc = NO_LOC;
	struct once_items once = {0};
	for (size_t i = 0; i < ast->items.len; i++)
		lower_item(&l, &once, ast->items.items[i]);
}
