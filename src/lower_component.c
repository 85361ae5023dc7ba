/*
 * lower_component.c - a component's properties, from the syntax tree to
 * the IR (include/ir.h): its workload and pod, the main container and the
 * sidecars, init and classic containers written inside it, its ports and
 * Services as written, its waits and routes, its job settings.
 *
 * The grammar takes every property in every block of properties; the one
 * table of properties (prop_rules, src/properties.c) says in which blocks
 * each belongs, whether it may be given more than once, and the words
 * used to say so: property_here() checks each against it.
 */
#include "lower.h"

#include <string.h>

const struct workload_kind_info workload_kinds[WORKLOAD_KINDS] = {
	[WORKLOAD_DEPLOYMENT] = {"service", "a", OBJ_DEPLOYMENT},
	[WORKLOAD_STATEFULSET] = {"stateful", "a", OBJ_STATEFULSET},
	[WORKLOAD_JOB] = {"job", "a", OBJ_JOB},
	[WORKLOAD_CRONJOB] = {"cron", "a", OBJ_CRONJOB},
};

/* What a container of each nested block is called in a message. */
static const char *const container_words[BLOCK_KINDS] = {
	[BLOCK_SIDECAR] = "sidecar", [BLOCK_INIT] = "init container", [BLOCK_CONTAINER] = "container",
};

static const char *const target_words[TARGET_KINDS] = {"pod", "workload", "service", "route",
                                                       "account"};

/* One block of properties being lowered: the component's, or a
 * container's written inside it. */
struct block {
	struct lowering *l;
	struct component *comp;
	struct workload *w;
	struct container *ctr;      /* where container properties go */
	enum block_kind kind;
	const struct ast_prop *single[PROP_KINDS]; /* the first of each property given once */
	const struct ast_prop *probes[PROBE_SLOTS];
	const struct ast_prop *metadata[2][TARGET_KINDS]; /* labels, annotations by target */
	struct strmap env_keys;     /* across every env { } block */
	struct strmap after_names;  /* across every after */
	/* A variant's pod is lowered from its component's properties changed
	 * by the variant's: what belongs to the component (its Services,
	 * waits, routes, account) was lowered with the component. */
	bool pod_only;
	size_t port_index;          /* pod_only: the component's port lines so far */
	struct vec variants;        /* struct ast_prop *: the component's variants */
	const struct vec *props;    /* the component's properties (a profile's included) */
	struct strmap variant_names;
};

static void lower_block(struct block *b, const struct vec *props);

/* Whether the property belongs where it is written, and is not given
 * twice there; false (reported) otherwise. */
static bool
property_here(struct block *b, const struct ast_prop *prop)
{
	struct lowering *l = b->l;
	const struct prop_rule *rule = &prop_rules[prop->kind];
	if (!(rule->blocks & 1u << b->kind)) {
		const char *word = prop->kind == PROP_PROBE ? probe_words[prop->u.probe.slot] : rule->word;
		diag(&l->c->diags, E0409, prop->kw_loc, "'%s' is not a property of %s; it belongs in %s%s",
		     word, block_names[b->kind], where_it_belongs(l, rule->blocks),
		     rule->hint ? rule->hint : "");
		return false;
	}
	if (rule->repeats)
		return true;
	enum prop_kind kind = prop->kind == PROP_AUTOSCALE ? PROP_REPLICAS : prop->kind;
	const struct ast_prop *old = b->single[kind];
	if (!old) {
		b->single[kind] = prop;
		return true;
	}
	if (old->kind != prop->kind) /* replicas N, then replicas A..B */
		diag_again(&l->c->diags, E0404, prop->loc, old->loc, "the other one is here",
		           "a fixed 'replicas' count and an autoscaled 'replicas A..B' contradict "
		           "each other");
	else
		diag_again(&l->c->diags, E0403, prop->kw_loc, old->loc, "first given here",
		           "'%s' is given twice in one %s", rule->word,
		           b->kind <= BLOCK_CRON ? "component" : "block");
	return false;
}

static struct container *
new_container(struct lowering *l, enum container_role role, struct ident name)
{
	struct container *ctr = NEW(l->a, struct container);
	ctr->source = NEW(l->a, struct container_source);
	ctr->role = role;
	ctr->name = name.text;
	ctr->name_loc = name.loc;
	return ctr;
}

/* Ports */

static struct container_port *
container_port(struct lowering *l, const struct ast_prop *prop, struct ident name,
               long long number)
{
	struct container_port *cp = NEW(l->a, struct container_port);
	cp->name = name.text;
	cp->name_loc = name.loc;
	cp->number = number;
	cp->udp = prop->u.port->udp;
	cp->loc = prop->loc;
	return cp;
}

/* "port [NAME] P [-> [CNAME] C]" of a component: a Service port and the
 * main container's port it targets; "port [NAME] P -> CNAME": a Service
 * port whose target is the container port of that name, declared by
 * another line of the pod; in a sidecar or a container block, and for
 * container-port, a port of that container. */
static void
lower_port(struct block *b, const struct ast_prop *prop)
{
	struct lowering *l = b->l;
	const struct ident *cname = &prop->u.port->target_name;
	bool to_number = HAS_LOC(prop->u.port->target.loc);
	if (b->kind == BLOCK_SIDECAR || b->kind == BLOCK_CONTAINER || prop->kind == PROP_CONTAINER_PORT) {
		if (to_number || cname->text)
			diag(&l->c->diags, E0409, prop->loc,
			     "a port of %s is a port of its container: '->' belongs on the "
			     "component's own 'port' lines", block_names[b->kind]);
		vec_push(l->a, &b->ctr->ports,
		         container_port(l, prop, prop->u.port->name, prop->u.port->number.value));
		return;
	}
	struct service_port *sp;
	if (b->pod_only) {
		sp = b->comp->ports.items[b->port_index++];
	} else {
		sp = NEW(l->a, struct service_port);
		sp->name = prop->u.port->name.text;
		sp->name_loc = prop->u.port->name.loc;
		sp->number = prop->u.port->number.value;
		sp->udp = prop->u.port->udp;
		sp->loc = prop->loc;
		vec_push(l->a, &b->comp->ports, sp);
	}
	if (cname->text && !to_number) {
		sp->target_name = cname->text;
		sp->target_loc = cname->loc;
		return;
	}
	struct ident name = cname->text ? *cname : prop->u.port->name;
	struct container_port *cp = container_port(l, prop, name,
	                                           to_number ? prop->u.port->target.value : sp->number);
	cp->by_service_name = cname->text == NULL;
	cp->published = sp;
	if (!b->pod_only)
		sp->target = cp;
	vec_push(l->a, &b->ctr->ports, cp);
}

/* Containers */

const struct container_resources no_container_resources;
const struct container_source no_container_source;

static void
lower_resources(struct lowering *l, const struct ast_prop *prop, struct resources *out)
{
	const struct ast_resources *res = &prop->u.resources;
	const char *word = prop->kind == PROP_REQUESTS ? "requests" : "limits";
	if (!res->cpu && !res->memory && !res->storage)
		diag(&l->c->diags, E0201, prop->loc,
		     "'%s' names no resource; write '%s cpu 100m memory 128Mi'", word, word);
	if (res->cpu)
		out->cpu = (struct quantity){res->cpu->text, res->cpu->loc, 0};
	if (res->memory)
		out->memory = (struct quantity){res->memory->text, res->memory->loc, 0};
	if (res->storage)
		out->storage = (struct quantity){res->storage->text, res->storage->loc, 0};
}

static void
lower_probe(struct block *b, const struct ast_prop *prop)
{
	enum probe_slot slot = prop->u.probe.slot;
	if (b->probes[slot]) {
		diag_again(&b->l->c->diags, E0403, prop->kw_loc, b->probes[slot]->loc,
		           "first given here", "'%s' is given twice in one %s", probe_words[slot],
		           b->kind <= BLOCK_CRON ? "component" : "block");
		return;
	}
	b->probes[slot] = prop;
	struct probe *probe = NEW(b->l->a, struct probe);
	b->ctr->probes[slot] = probe;
	probe->kind = prop->u.probe.kind;
	probe->loc = prop->loc;
	probe->written = (struct probe_source){prop->u.probe.path, prop->u.probe.command,
	                                       prop->u.probe.options};
}

static void
lower_security(struct block *b, const struct ast_prop *prop, const struct security_settings **slot)
{
	struct lowering *l = b->l;
	struct security_settings *out = NEW(l->a, struct security_settings);
	*out = (struct security_settings){.given = true, .loc = prop->loc};
	*slot = out;
	static const char *const words[SEC_WORDS] = {
		"user", "group", "fs-group", "non-root", "read-only", "no-escalation", "privileged",
		"add", "drop",
	};
	for (size_t i = 0; i < prop->u.settings.len; i++) {
		const struct ast_security_setting *s = prop->u.settings.items[i];
		if (out->has[s->word]) {
			diag_again(&l->c->diags, E0403, s->loc, out->word_loc[s->word], "first given here",
			           "'%s' is given twice in one security block", words[s->word]);
			continue;
		}
		if (s->word == SEC_FS_GROUP && b->ctr->role != ROLE_MAIN) {
			diag(&l->c->diags, E0409, s->loc,
			     "'fs-group' is the pod's: it belongs in the component's security block");
			continue;
		}
		out->has[s->word] = true;
		out->word_loc[s->word] = s->loc;
		if (s->word == SEC_USER)
			out->user = s->number.value;
		else if (s->word == SEC_GROUP)
			out->group = s->number.value;
		else if (s->word == SEC_FS_GROUP)
			out->fs_group = s->number.value;
		else if (s->word == SEC_ADD || s->word == SEC_DROP)
			*(s->word == SEC_ADD ? &out->add : &out->drop) = s->names;
	}
}

static void
lower_mount(struct block *b, const struct ast_prop *prop)
{
	struct mount *m = NEW(b->l->a, struct mount);
	m->volume_name = prop->u.mount.volume;
	m->path.written = prop->u.mount.path;
	m->path_loc = prop->u.mount.path->loc;
	m->read_only = prop->u.mount.read_only;
	vec_push(b->l->a, &b->ctr->mounts, m);
}

/* sidecar NAME { }, init NAME { }, container NAME { }: a container of the
 * pod, lowered from its own block. */
static void
lower_nested_container(struct block *b, const struct ast_prop *prop, enum container_role role,
                       enum block_kind kind)
{
	struct container *ctr = new_container(b->l, role, prop->u.nested.name);
	ctr->named = true;
	vec_push(b->l->a, &b->w->pod.containers, ctr);
	struct block inner = {.l = b->l, .comp = b->comp, .w = b->w, .ctr = ctr, .kind = kind};
	lower_block(&inner, &prop->u.nested.props);
	if (!ctr->image.written)
		diag(&b->l->c->diags, E0406, prop->u.nested.name.loc,
		     "%s %s has no image; add 'image \"NAME:TAG\"'", container_words[kind],
		     lquote(b->l, prop->u.nested.name.text));
}

/* What a container property does to the block's container. */
static bool
lower_container_property(struct block *b, const struct ast_prop *prop)
{
	struct lowering *l = b->l;
	struct container *ctr = b->ctr;
	switch (prop->kind) {
	case PROP_IMAGE:
		ctr->image.written = prop->u.image;
		ctr->image_loc = prop->u.image->loc;
		return true;
	case PROP_REQUESTS:
	case PROP_LIMITS:
		if (!ctr->resources)
			ctr->resources = NEW(l->a, struct container_resources);
		lower_resources(l, prop, prop->kind == PROP_REQUESTS ? &ctr->resources->requests
		                                                     : &ctr->resources->limits);
		return true;
	case PROP_ENV:
		for (size_t k = 0; k < prop->u.block.entries.len; k++)
			if (key_once(l, &b->env_keys, prop->u.block.entries.items[k]))
				vec_push(l->a, &ctr->source->env_blocks, prop->u.block.entries.items[k]);
		return true;
	case PROP_ENV_FROM:
		for (size_t k = 0; k < prop->u.names.len; k++)
			vec_push(l->a, &ctr->source->env_from_names, prop->u.names.items[k]);
		return true;
	case PROP_PROBE: lower_probe(b, prop); return true;
	case PROP_COMMAND:
		ctr->source->command = prop->u.strings;
		ctr->has_command = true;
		return true;
	case PROP_ARGS:
		ctr->source->args = prop->u.strings;
		ctr->has_args = true;
		return true;
	case PROP_PORT:
	case PROP_CONTAINER_PORT: lower_port(b, prop); return true;
	case PROP_MOUNT: lower_mount(b, prop); return true;
	case PROP_PULL: ctr->pull = prop->u.pull; return true;
	case PROP_SECURITY:
		lower_security(b, prop, ctr->role == ROLE_MAIN ? &b->w->pod.security_written
		                                               : &ctr->security_written);
		return true;
	default: return false;
	}
}

/* Pod and component properties */

/* A file mode, written in octal as it is everywhere (0644); Kubernetes
 * takes it as a number.  -1 (reported) when it is not one. */
static long long
octal_mode(struct lowering *l, const struct ast_number *n)
{
	long long mode = 0;
	bool octal = n->text[0] == '0';
	for (const char *p = n->text; octal && *p; p++) {
		octal = *p >= '0' && *p <= '7';
		mode = mode * 8 + (*p - '0');
	}
	if (octal && mode <= 0777)
		return mode;
	diag(&l->c->diags, E0408, n->loc,
	     "mode %s is not a file mode: write it in octal, from 0000 to 0777, as 0644",
	     lquote(l, n->text));
	return -1;
}

static void
lower_volume(struct block *b, const struct ast_prop *prop)
{
	struct lowering *l = b->l;
	check_name(l, prop->u.volume->name, "volume");
	struct volume *vol = NEW(l->a, struct volume);
	vol->memory = prop->u.volume->memory;
	vol->has_items = prop->u.volume->has_items;
	if (vol->has_items && !prop->u.volume->items.len)
		diag(&l->c->diags, E0201, prop->loc,
		     "'items' names no key; list the keys to mount, or leave 'items' out to mount "
		     "every key");
	lower_metadata(l, &prop->u.volume->items, &vol->item_entries);
	vol->mode = -1;
	if (prop->u.volume->mode)
		vol->mode = octal_mode(l, prop->u.volume->mode);
	vol->mode_loc = prop->u.volume->mode ? prop->u.volume->mode->loc : NO_LOC;
	vol->kind = prop->u.volume->kind;
	vol->name = prop->u.volume->name;
	vol->loc = prop->loc;
	if (prop->u.volume->size)
		vol->size = (struct quantity){prop->u.volume->size->text, prop->u.volume->size->loc, 0};
	vol->class.written = prop->u.volume->class;
	vol->source = prop->u.volume->source;
	vec_push(l->a, &b->w->pod.volumes, vol);
	struct mount *m = NEW(l->a, struct mount);
	m->volume = vol;
	m->volume_name = vol->name;
	m->path.written = prop->u.volume->path;
	m->path_loc = prop->u.volume->path->loc;
	m->subpath.written = prop->u.volume->subpath;
	m->read_only = vol->kind == VOLUME_CONFIG || vol->kind == VOLUME_SECRET;
	vec_push(l->a, &b->ctr->mounts, m);
}

static void
lower_after(struct block *b, const struct ast_prop *prop)
{
	struct lowering *l = b->l;
	for (size_t k = 0; k < prop->u.names.len; k++) {
		const struct ident *name = prop->u.names.items[k];
		struct wait *w = NEW(l->a, struct wait);
		w->target_name = *name;
		w->loc = name->loc;
		const struct wait *twin = strmap_claim(&l->scratch, &b->after_names, name->text, w);
		if (twin) {
			diag_again(&l->c->diags, E0402, name->loc, twin->loc, "first named here",
			           "%s is named twice after 'after'", lquote(l, name->text));
			continue;
		}
		vec_push(l->a, &b->comp->waits, w);
	}
}

static void
lower_expose_as(struct lowering *l, struct component *comp, const struct ast_prop *prop)
{
	struct service *x = NEW(l->a, struct service);
	x->type = prop->u.expose->kind;
	x->name = prop->u.expose->as.text;
	x->node_port = prop->u.expose->node_port.value;
	x->loc = prop->loc;
	x->ports = &comp->ports;
	vec_push(l->a, &comp->extra_services, x);
}

static void
lower_route(struct lowering *l, struct component *comp, const struct ast_prop *prop)
{
	const struct ast_string *class = prop->u.route->class, *gateway = prop->u.route->gateway;
	if (class && gateway)
		diag(&l->c->diags, E0404, gateway->loc,
		     "a route is an Ingress of a 'class' or an HTTPRoute of a 'gateway', not both");
	if (gateway && prop->u.route->tls.text)
		diag(&l->c->diags, E0404, prop->u.route->tls.loc,
		     "the TLS of an HTTPRoute is set on its Gateway, not with 'tls'");
	struct route *route = NEW(l->a, struct route);
	route->class.written = class;
	route->class_loc = class ? class->loc : NO_LOC;
	route->gateway.written = gateway;
	route->gateway_loc = gateway ? gateway->loc : NO_LOC;
	route->loc = prop->loc;
	route->host.written = prop->u.route->host;
	route->host_loc = prop->u.route->host->loc;
	route->path.written = prop->u.route->path;
	route->path_loc = prop->u.route->path ? prop->u.route->path->loc : prop->loc;
	route->tls_name = prop->u.route->tls;
	vec_push(l->a, &comp->routes, route);
}

/* labels [TARGET] { } and annotations [TARGET] { }: once per target. */
static void
lower_target_metadata(struct block *b, const struct ast_prop *prop)
{
	struct lowering *l = b->l;
	bool labels = prop->kind == PROP_LABELS;
	enum metadata_target target = prop->u.block.target;
	const struct ast_prop **first = &b->metadata[labels ? 0 : 1][target];
	if (*first) {
		diag_again(&l->c->diags, E0403, prop->kw_loc, (*first)->loc, "first given here",
		           "'%s %s' is given twice in one component", labels ? "labels" : "annotations",
		           target_words[target]);
		return;
	}
	*first = prop;
	if (target > TARGET_WORKLOAD && b->pod_only)
		return;
	struct metadata *meta = metadata_made(l, target == TARGET_POD        ? &b->w->pod.meta
	                                         : target == TARGET_WORKLOAD ? &b->w->meta
	                                         : &COMPONENT_META_SLOT(b->comp, target));
	lower_metadata(l, &prop->u.block.entries, labels ? &meta->label_entries
	                                                 : &meta->annotation_entries);
	*(labels ? &meta->labels_loc : &meta->annotations_loc) = prop->loc;
}

/* variant NAME { }: its pod is lowered once the component's is. */
static void
lower_variant(struct block *b, const struct ast_prop *prop)
{
	struct lowering *l = b->l;
	const struct ident *name = &prop->u.nested.name;
	check_name(l, *name, "variant");
	const struct ast_prop *twin = strmap_claim(&l->scratch, &b->variant_names, name->text,
	                                           (void *)prop);
	if (twin)
		diag_again(&l->c->diags, E0401, name->loc, twin->u.nested.name.loc, "first declared here",
		           "variant %s is declared twice", lquote(l, name->text));
	else
		vec_push(l->a, &b->variants, (void *)prop);
}

static void
lower_job_setting(struct block *b, const struct ast_prop *prop)
{
	struct job_settings *job = b->comp->job; /* the property is a job's or a cron's */
	switch (prop->kind) {
	case PROP_RETRIES:
		job->retries = prop->u.number.value;
		job->retries_loc = prop->loc;
		break;
	case PROP_DEADLINE:
		job->deadline = prop->u.number.value;
		job->deadline_loc = prop->loc;
		break;
	case PROP_KEEP:
		job->keep = prop->u.number.value;
		job->keep_loc = prop->loc;
		break;
	case PROP_TIMEZONE:
		job->time_zone.written = prop->u.time_zone;
		break;
	default:
		job->has_concurrency = true;
		job->concurrency = prop->u.concurrency;
		break;
	}
}

static void
lower_replicas(struct workload *w, const struct ast_prop *prop)
{
	if (prop->kind == PROP_REPLICAS) {
		w->has_replicas = true;
		w->replicas = prop->u.replicas.value;
		w->replicas_loc = prop->loc;
		return;
	}
	w->autoscaled = true;
	w->min_replicas = prop->u.autoscale->min.value;
	w->autoscale_max = prop->u.autoscale->max.value;
	w->cpu_percent = prop->u.autoscale->percent.value;
	w->autoscale_loc = prop->loc;
}

/* The properties that belong to the component rather than to its pod. */
static bool
component_wide(enum prop_kind kind)
{
	switch (kind) {
	case PROP_EXPOSE:
	case PROP_EXPOSE_AS:
	case PROP_AFTER:
	case PROP_ROUTE:
	case PROP_ACCOUNT:
	case PROP_VARIANT:
	case PROP_SELECTOR:
	case PROP_BUDGET:
	case PROP_QUIET:
	case PROP_ALLOW: return true;
	default: return false;
	}
}

/* A property of the component or its pod, in the component's block. */
static void
lower_component_property(struct block *b, const struct ast_prop *prop)
{
	struct lowering *l = b->l;
	struct component *comp = b->comp;
	if (b->pod_only && component_wide(prop->kind))
		return;
	switch (prop->kind) {
	case PROP_REPLICAS:
	case PROP_AUTOSCALE: lower_replicas(b->w, prop); break;
	case PROP_EXPOSE:
		comp->expose = (struct expose){.kind = prop->u.expose->kind, .given = true,
		                               .node_port = prop->u.expose->node_port.value,
		                               .loc = prop->loc};
		break;
	case PROP_EXPOSE_AS: lower_expose_as(l, comp, prop); break;
	case PROP_VOLUME: lower_volume(b, prop); break;
	case PROP_AFTER: lower_after(b, prop); break;
	case PROP_CONTAINER:
		b->ctr->name = prop->u.container.text;
		b->ctr->name_loc = prop->u.container.loc;
		b->ctr->named = true;
		break;
	case PROP_CONTAINER_BLOCK: lower_nested_container(b, prop, ROLE_CLASSIC, BLOCK_CONTAINER); break;
	case PROP_SIDECAR: lower_nested_container(b, prop, ROLE_SIDECAR, BLOCK_SIDECAR); break;
	case PROP_INIT: lower_nested_container(b, prop, ROLE_INIT, BLOCK_INIT); break;
	case PROP_ROUTE: lower_route(l, comp, prop); break;
	case PROP_GRACE:
		b->w->pod.grace = prop->u.number.value;
		b->w->pod.grace_loc = prop->loc;
		break;
	case PROP_LABELS:
	case PROP_ANNOTATIONS: lower_target_metadata(b, prop); break;
	case PROP_ACCOUNT:
		comp->account_name = prop->u.account.name;
		comp->account_external = prop->u.account.external;
		break;
	case PROP_VARIANT: lower_variant(b, prop); break;
	case PROP_SELECTOR:
		lower_metadata(l, &prop->u.block.entries, &comp->selector_entries);
		comp->selector_loc = prop->loc;
		if (!prop->u.block.entries.len)
			diag(&l->c->diags, E0201, prop->loc,
			     "'selector' names no label; write 'selector { app = \"%s\" }'", comp->name.text);
		break;
	case PROP_NODES: lower_metadata(l, &prop->u.block.entries, &b->w->pod.node_entries); break;
	case PROP_PULL_SECRET:
		for (size_t k = 0; k < prop->u.names.len; k++)
			vec_push(l->a, &b->w->pod.pull_secret_names, prop->u.names.items[k]);
		break;
	case PROP_STRATEGY: lower_strategy(l, b->w, prop); break;
	case PROP_START: b->w->parallel = prop->u.parallel; break;
	case PROP_BUDGET: lower_budget(l, comp, prop); break;
	case PROP_QUIET: lower_quiet(l, comp, prop, b->props); break;
	case PROP_ALLOW: lower_allow(l, comp, prop); break;
	case PROP_API: lower_api(l, comp, prop); break;
	case PROP_RETRIES:
	case PROP_DEADLINE:
	case PROP_KEEP:
	case PROP_CONCURRENCY:
	case PROP_TIMEZONE: lower_job_setting(b, prop); break;
	default: not_yet(l, prop->kw_loc, prop_rules[prop->kind].word); break;
	}
}

static void
lower_block(struct block *b, const struct vec *props)
{
	for (size_t i = 0; i < props->len; i++) {
		const struct ast_prop *prop = props->items[i];
		if (!property_here(b, prop) || lower_container_property(b, prop))
			continue;
		lower_component_property(b, prop);
	}
}

/* The component's `pull` is also its other containers' (todokc's wait
 * containers aside) unless they give their own. */
static void
spread_pull(struct workload *w)
{
	for (size_t i = 0; i < w->pod.containers.len; i++) {
		struct container *ctr = w->pod.containers.items[i];
		if (ctr->pull == PULL_DEFAULT && ctr->role != ROLE_WAIT)
			ctr->pull = w->main->pull;
	}
}

static const enum workload_kind item_workloads[ITEM_KINDS] = {
	[ITEM_SERVICE] = WORKLOAD_DEPLOYMENT, [ITEM_STATEFUL] = WORKLOAD_STATEFULSET,
	[ITEM_JOB] = WORKLOAD_JOB, [ITEM_CRON] = WORKLOAD_CRONJOB,
};

static const enum block_kind workload_blocks[WORKLOAD_KINDS] = {
	[WORKLOAD_DEPLOYMENT] = BLOCK_SERVICE, [WORKLOAD_STATEFULSET] = BLOCK_STATEFUL,
	[WORKLOAD_JOB] = BLOCK_JOB, [WORKLOAD_CRONJOB] = BLOCK_CRON,
};

static struct workload *
new_workload(struct lowering *l, struct component *comp)
{
	struct workload *w = NEW(l->a, struct workload);
	w->comp = comp;
	w->replicas = 1;
	w->pod.grace = -1;
	w->pod.restart_never = comp->kind == WORKLOAD_JOB || comp->kind == WORKLOAD_CRONJOB;
	w->main = new_container(l, ROLE_MAIN, comp->name);
	vec_push(l->a, &w->pod.containers, w->main);
	vec_push(l->a, &comp->workloads, w);
	return w;
}

/* A variant changes its own pod and Deployment; the labels of the
 * component's Services, routes and account are the component's. */
static bool
variant_may_change(struct lowering *l, const struct ast_prop *prop)
{
	bool labels = prop->kind == PROP_LABELS;
	if ((!labels && prop->kind != PROP_ANNOTATIONS) || prop->u.block.target <= TARGET_WORKLOAD)
		return true;
	diag(&l->c->diags, E0409, prop->u.block.target_loc,
	     "'%s %s' is for the component's %s, which its variants share: it belongs in the "
	     "component's block", labels ? "labels" : "annotations", target_words[prop->u.block.target],
	     prop->u.block.target == TARGET_SERVICE ? "Services"
	     : prop->u.block.target == TARGET_ROUTE ? "routes"
	                                            : "account");
	return false;
}

/* The workloads of a component with variants: one per variant, each
 * lowered from the component's properties changed by the variant's
 * (src/override.c), in place of the component's own. */
static void
lower_variants(struct lowering *l, struct component *comp, const struct vec *props,
               const struct vec *variants)
{
	struct vec base = {0};
	for (size_t i = 0; i < props->len; i++)
		if (((const struct ast_prop *)props->items[i])->kind != PROP_VARIANT)
			vec_push(l->a, &base, props->items[i]);
	comp->workloads.len = 0;
	for (size_t i = 0; i < variants->len; i++) {
		const struct ast_prop *variant = variants->items[i];
		struct block own = {.l = l, .comp = comp, .kind = BLOCK_VARIANT};
		struct vec changes = {0};
		for (size_t k = 0; k < variant->u.nested.props.len; k++) {
			const struct ast_prop *prop = variant->u.nested.props.items[k];
			if (property_here(&own, prop) && variant_may_change(l, prop))
				vec_push(l->a, &changes, (void *)prop);
		}
		struct vec merged = override_props(l->a, &base, &changes);
		struct workload *w = new_workload(l, comp);
		w->variant = variant->u.nested.name;
		w->bad_variant = dns1035_label_problem(w->variant.text) != NULL; /* reported */
		struct block b = {.l = l, .comp = comp, .w = w, .ctr = w->main, .kind = BLOCK_SERVICE,
		                  .pod_only = true};
		lower_block(&b, &merged);
		spread_pull(w);
	}
}

void
lower_component(struct lowering *l, const struct ast_item *item)
{
	struct component *comp = NEW(l->a, struct component);
	comp->name = item->name;
	comp->kind = item_workloads[item->kind];
	comp->loc = item->loc;
	const char *word = workload_kinds[comp->kind].word;
	comp->bad_name = !check_name(l, item->name, word);
	/* A component whose name is taken is still lowered, for the errors of
	 * its own block, but it joins no list of the stack. */
	if (declare(l, DECL_COMPONENT, comp, item->name)) {
		comp->index = l->s->components.len;
		vec_push(l->a, &l->s->components, comp);
	}
	comp->expose = (struct expose){.kind = EXPOSE_CLUSTERIP, .loc = NO_LOC};
	if (comp->kind == WORKLOAD_JOB || comp->kind == WORKLOAD_CRONJOB) {
		comp->job = NEW(l->a, struct job_settings);
		*comp->job = (struct job_settings){.retries = -1, .deadline = -1, .keep = -1};
		comp->job->schedule.written = item->kind == ITEM_CRON ? item->param : NULL;
	}
	comp->selector_loc = NO_LOC;
	struct workload *w = new_workload(l, comp);
	struct block b = {.l = l, .comp = comp, .w = w, .ctr = w->main,
	                  .kind = workload_blocks[comp->kind], .props = &item->props};
	lower_block(&b, &item->props);
	spread_pull(w);
	if (b.variants.len)
		lower_variants(l, comp, &item->props, &b.variants);
	/* With variants, each needs an image, its own or the component's. */
	for (size_t i = 0; i < comp->workloads.len; i++) {
		const struct workload *v = comp->workloads.items[i];
		if (v->main->image.written)
			continue;
		if (v->variant.text)
			diag(&l->c->diags, E0406, v->variant.loc,
			     "variant %s of %s has no image; add 'image \"NAME:TAG\"' to the variant or "
			     "to the component", lquote(l, v->variant.text), lquote(l, item->name.text));
		else
			diag(&l->c->diags, E0406, item->name.loc, "%s %s has no image; add 'image "
			     "\"NAME:TAG\"'", word, lquote(l, item->name.text));
	}
}
