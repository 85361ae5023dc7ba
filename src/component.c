/*
 * component.c - the Kubernetes facts of each component, computed once:
 * its workload's name, its Services with their ports and URL, the most
 * replicas it may run, its main container (image, command, probes on
 * their ports, environment through src/env.c), its volumes with their
 * claims and mounts, its pod's labels, its routes, and the wait init
 * containers of its `after` edges.  Later stages read these facts and
 * never derive them again (docs/internals.md).
 */
#include "resolve.h"

#include <string.h>

const char *
service_url(struct arena *a, const char *host, long long port, const char *path)
{
	if (port == 80)
		return arena_printf(a, "http://%s%s", host, path ? path : "");
	return arena_printf(a, "http://%s:%lld%s", host, port, path ? path : "");
}

/* A Service port's name on the Service: its own, or, when the component
 * has several ports and this one is unnamed, PROTOCOL-NUMBER (Kubernetes
 * needs a name on each port of a multi-port Service). */
static const char *
service_port_name(struct resolver *r, const struct component *comp, const struct service_port *p)
{
	if (p->name || comp->ports.len < 2)
		return p->name;
	return arena_printf(r->a, "%s-%lld", p->udp ? "udp" : "tcp", p->number);
}

/* A service or stateful with more than one replica (or an autoscaler)
 * has a headless Service too, its pods' stable DNS names (stateful only). */
static struct service *
headless_service(struct resolver *r, const struct component *comp)
{
	const struct workload *w = WORKLOAD_OF(comp);
	if (comp->kind != WORKLOAD_STATEFULSET || !comp->service || w->max_replicas <= 1)
		return NULL;
	struct service *svc = NEW(r->a, struct service);
	*svc = *comp->service;
	svc->name = arena_printf(r->a, "%s-headless", comp->service->name);
	svc->type = EXPOSE_CLUSTERIP;
	svc->node_port = 0;
	svc->headless = true;
	return svc;
}

void
resolve_component_shape(struct resolver *r, struct component *comp)
{
	comp->base_name = derive_name(r, NAMING_WORKLOAD, comp->name.text);
	for (size_t i = 0; i < comp->workloads.len; i++) {
		struct workload *w = comp->workloads.items[i];
		w->name = w->variant.text ? arena_printf(r->a, "%s-%s", comp->base_name, w->variant.text)
		                          : comp->base_name;
		w->max_replicas = w->autoscaled ? w->autoscale_max : w->replicas;
	}
	for (size_t i = 0; i < comp->ports.len; i++) {
		struct service_port *p = comp->ports.items[i];
		p->k8s_name = service_port_name(r, comp, p);
	}
	struct service_port *first = comp->ports.len ? comp->ports.items[0] : NULL;
	for (size_t i = 0; i < comp->extra_services.len; i++)
		((struct service *)comp->extra_services.items[i])->port = first;
	if (!first || comp->expose.kind == EXPOSE_NONE)
		return;
	struct service *svc = NEW(r->a, struct service);
	svc->name = derive_name(r, NAMING_SERVICE, comp->name.text);
	svc->type = comp->expose.kind;
	svc->node_port = comp->expose.node_port;
	svc->loc = comp->expose.given ? comp->expose.loc : comp->name.loc;
	svc->ports = &comp->ports;
	svc->port = first;
	svc->url = service_url(r->a, svc->name, first->number, NULL);
	comp->service = svc;
	comp->headless = headless_service(r, comp);
}

/* Probes */

/* The container port a probe's "on" names: by name; by number, the
 * container port, else the Service port that targets one. */
static struct container_port *
find_port(struct resolver *r, struct component *comp, const struct container *ctr,
          const struct ast_probe_option *on)
{
	for (size_t i = 0; i < ctr->ports.len; i++) {
		struct container_port *p = ctr->ports.items[i];
		if (on->port_name.text ? p->name && strcmp(p->name, on->port_name.text) == 0
		                       : p->number == on->number.value)
			return p;
	}
	for (size_t i = 0; !on->port_name.text && i < ctr->ports.len; i++) {
		struct container_port *p = ctr->ports.items[i];
		if (p->published && p->published->number == on->number.value)
			return p;
	}
	struct diagnostic *g;
	for (size_t i = 0; on->port_name.text && i < comp->ports.len; i++) {
		const struct service_port *sp = comp->ports.items[i];
		const char *target = sp->target_name ? sp->target_name
		                     : sp->target && sp->target->name ? sp->target->name
		                                                      : NULL;
		if (sp->name && target && strcmp(sp->name, on->port_name.text) == 0 &&
		    strcmp(target, sp->name) != 0) {
			diag(&r->c->diags, E0304, on->loc,
			     "the probe is on %s, the name of a Service port; a probe names the container "
			     "port, here %s", rquote(r, on->port_name.text), rquote(r, target));
			return NULL;
		}
	}
	/* The container that does not declare the port: the component's own,
	 * or one of its sidecars, init containers or containers. */
	static const char *const roles[] = {[ROLE_SIDECAR] = "sidecar", [ROLE_INIT] = "init container",
	                                    [ROLE_CLASSIC] = "container"};
	const char *owner = ctr->role == ROLE_MAIN || ctr->role == ROLE_WAIT
	                    ? rquote(r, comp->name.text)
	                    : arena_printf(r->a, "%s %s of %s", roles[ctr->role], rquote(r, ctr->name),
	                                   rquote(r, comp->name.text));
	if (on->port_name.text) {
		struct suggestion s = suggestion_start(&r->c->diags.suggestion_budget, on->port_name.text);
		const char **named = arena_alloc(r->a, (ctr->ports.len + 1) * sizeof *named);
		size_t n = 0;
		for (size_t i = 0; i < ctr->ports.len; i++) {
			struct container_port *p = ctr->ports.items[i];
			if (p->name) {
				suggestion_consider(&s, p->name);
				named[n++] = p->name;
			}
		}
		const char *fix = s.best ? arena_printf(r->a, "; did you mean '%s'?", s.best)
		                  : n ? arena_printf(r->a, "; its named port%s %s %s", n == 1 ? "" : "s",
		                                     n == 1 ? "is" : "are",
		                                     diag_quote_list(r->a, named, n, n))
		                  : ctr->ports.len
		                  ? arena_printf(r->a, "; its ports have no name: name the one to probe "
		                                 "(`port %s %lld`), or probe its number (`on %lld`)",
		                                 on->port_name.text,
		                                 ((struct container_port *)ctr->ports.items[0])->number,
		                                 ((struct container_port *)ctr->ports.items[0])->number)
		                  : "";
		g = diag(&r->c->diags, E0304, on->loc, "the probe is on port %s, which %s does not declare%s",
		         rquote(r, on->port_name.text), owner, fix);
	} else {
		g = diag(&r->c->diags, E0304, on->loc,
		         "the probe is on port %lld, which %s does not declare", on->number.value, owner);
	}
	if (ctr->ports.len)
		diag_note(&r->c->diags, g, ((struct container_port *)ctr->ports.items[0])->loc,
		          ctr->role == ROLE_MAIN ? "the component's ports are declared here"
		                                 : "its ports are declared here");
	return NULL;
}

static void
probe_header(struct resolver *r, struct probe *probe, const struct ast_probe_option *opt)
{
	if (probe->kind != PROBE_HTTP) {
		diag(&r->c->diags, E0404, opt->loc, "only an http probe sends headers");
		return;
	}
	struct header *h = NEW(r->a, struct header);
	h->name = resolve_text_of(r, opt->header_name, "a probe's header");
	h->value = resolve_text_of(r, opt->header_value, "a probe's header");
	h->loc = opt->loc;
	if (h->name && h->value)
		vec_push(r->a, &probe->headers, h);
}

/* The options of a probe; returns its "on", or NULL. */
const struct probe_timing no_probe_timing = {-1, -1, -1, -1};

/* The probe's timings, allocated at the first one given. */
static struct probe_timing *
probe_timing(struct resolver *r, struct probe *probe)
{
	if (!probe->timing) {
		probe->timing = NEW(r->a, struct probe_timing);
		*probe->timing = no_probe_timing;
	}
	return probe->timing;
}

static const struct ast_probe_option *
probe_options(struct resolver *r, struct component *comp, const struct container *ctr,
              struct probe *probe)
{
	static const char *const words[] = {"on", "delay", "every", "timeout", "failures", "header"};
	const struct ast_probe_option *seen[OPT_HEADER + 1] = {0};
	for (size_t i = 0; i < probe->written.options.len; i++) {
		const struct ast_probe_option *opt = probe->written.options.items[i];
		if (opt->kind != OPT_HEADER && seen[opt->kind]) {
			diag_again(&r->c->diags, E0403, opt->loc, seen[opt->kind]->loc, "first given here",
			           "'%s' is given twice in one probe", words[opt->kind]);
			continue;
		}
		seen[opt->kind] = opt;
		switch (opt->kind) {
		case OPT_ON:
			if (probe->kind == PROBE_EXEC) {
				diag(&r->c->diags, E0404, opt->loc,
				     "an exec probe runs a command; it has no port to be 'on'");
				break;
			}
			probe->port = find_port(r, comp, ctr, opt);
			probe->by_name = opt->port_name.text != NULL;
			break;
		case OPT_DELAY: probe_timing(r, probe)->delay = opt->number.value; break;
		case OPT_EVERY: probe_timing(r, probe)->every = opt->number.value; break;
		case OPT_TIMEOUT: probe_timing(r, probe)->timeout = opt->number.value; break;
		case OPT_FAILURES: probe_timing(r, probe)->failures = opt->number.value; break;
		case OPT_HEADER: probe_header(r, probe, opt); break;
		}
	}
	return seen[OPT_ON];
}

static void
resolve_probe(struct resolver *r, struct component *comp, struct container *ctr,
              struct probe *probe)
{
	if (probe->kind == PROBE_HTTP || probe->kind == PROBE_GRPC)
		probe->path = resolve_text_of(r, probe->written.path,
		                              probe->kind == PROBE_HTTP ? "a probe's path"
		                                                        : "a gRPC probe's service");
	for (size_t i = 0; i < probe->written.command.len; i++) {
		const char *arg = resolve_text_of(r, probe->written.command.items[i], "a probe's command");
		if (arg)
			vec_push(r->a, &probe->command, (void *)arg);
	}
	const struct ast_probe_option *on = probe_options(r, comp, ctr, probe);
	if (probe->kind != PROBE_EXEC && !on) {
		if (ctr->ports.len)
			probe->port = ctr->ports.items[0];
		else if (comp->ports.len)
			diag(&r->c->diags, E0304, probe->loc,
			     "this probe needs a port of the container %s, which declares none (its "
			     "Service port targets another container's); declare one with "
			     "'container-port'", rquote(r, ctr->name));
		else
			diag(&r->c->diags, E0304, probe->loc,
			     "this probe needs a port, and %s declares none", rquote(r, comp->name.text));
	}
	if (probe->port && probe->port->udp) {
		const char *which = probe->port->name ? rquote(r, probe->port->name)
		                                      : arena_printf(r->a, "%lld", probe->port->number);
		static const char *const kinds[] = {"an http", "a tcp", "an exec", "a gRPC"};
		struct diagnostic *g = diag(&r->c->diags, E0404, on ? on->loc : probe->loc,
		                            "%s probe cannot check UDP port %s", kinds[probe->kind], which);
		diag_note(&r->c->diags, g, probe->port->loc, "the port is declared here");
	}
}

/* Volumes */

/* Whether the volume mounts this key: all of them, or those its items list. */
static bool
mounts_key(const struct volume *vol, const char *key)
{
	if (!vol->has_items)
		return true;
	for (size_t i = 0; i < vol->items.len; i++)
		if (strcmp(((const struct header *)vol->items.items[i])->name, key) == 0)
			return true;
	return false;
}

/* A config mounted as files must hold no secret among the keys it mounts:
 * its secret-bearing keys are kept out of the ConfigMap. */
static void
check_config_volume(struct resolver *r, const struct volume *vol)
{
	for (size_t k = 0; k < vol->mounted->keys.len; k++) {
		struct kv *kv = vol->mounted->keys.items[k];
		if (!mounts_key(vol, kv->key.text))
			continue;
		struct rvalue *v = resolve_config_key(r, vol->mounted, kv);
		if (v && v->kind != RV_TEXT) {
			struct diagnostic *g = diag(&r->c->diags, E0703, vol->loc,
			                            "config %s cannot be mounted as files: its key "
			                            "%s holds a secret, which is kept out of the "
			                            "ConfigMap; declare that key in a secret block "
			                            "(its value may interpolate the secret) and mount "
			                            "it with 'from secret'%s",
			                            rquote(r, vol->mounted->name.text),
			                            rquote(r, kv->key.text),
			                            vol->mounted->keys.len > 1
			                                ? ", or leave the key out with 'items { }'"
			                                : "");
			diag_note(&r->c->diags, g, kv->loc, "the key is set here");
			return;
		}
	}
}

/* items { KEY = "path" }: only those keys, at those paths; each key one
 * the config or secret has. */
static void
resolve_items(struct resolver *r, struct volume *vol)
{
	resolve_entries(r, &vol->item_entries, &vol->items);
	bool known = vol->mounted && (!vol->mounted->external || vol->mounted->keys_listed);
	for (size_t i = 0; known && i < vol->items.len; i++) {
		const struct header *item = vol->items.items[i];
		if (strmap_get(&vol->mounted->by_key, item->name))
			continue;
		const struct keyset *set = vol->mounted;
		struct suggestion s = suggestion_start(&r->c->diags.suggestion_budget, item->name);
		for (size_t k = 0; k < set->keys.len; k++)
			suggestion_consider(&s, ((struct kv *)set->keys.items[k])->key.text);
		diag(&r->c->diags, E0302, item->loc, "%s%s %s has no key %s%s%s%s",
		     set->external ? "external " : "", set->secret ? "secret" : "config",
		     rquote(r, set->name.text), rquote(r, item->name),
		     s.best ? "; did you mean '" : "; ", s.best ? s.best : key_list(r, &set->keys),
		     s.best ? "'?" : "");
	}
}

static void
resolve_volume(struct resolver *r, struct component *comp, struct volume *vol)
{
	resolve_text(r, &vol->class, "a storage class");
	if (vol->kind == VOLUME_CONFIG || vol->kind == VOLUME_SECRET) {
		bool config = vol->kind == VOLUME_CONFIG;
		/* `from config creds` where creds is a secret: the other word. */
		const struct decl *seen = strmap_get(&r->s->names, vol->source.text);
		const char *fix = seen && seen->kind == (config ? DECL_SECRET : DECL_CONFIG)
		                  ? arena_printf(r->a, "'from %s %s'", config ? "secret" : "config",
		                                 vol->source.text)
		                  : NULL;
		struct decl *d = lookup_or_write(r, vol->source, 1u << (config ? DECL_CONFIG : DECL_SECRET),
		                                 config ? "config" : "secret", fix);
		vol->mounted = d ? d->what : NULL;
		resolve_items(r, vol);
		if (d && config && !vol->mounted->external)
			check_config_volume(r, vol);
	}
	if (vol->kind != VOLUME_CLAIM)
		return;
	if (comp->kind == WORKLOAD_STATEFULSET) {
		vol->claim = CLAIM_TEMPLATE;
	} else {
		vol->claim = CLAIM_OBJECT;
		vol->claim_name = arena_printf(r->a, "%s-%s", comp->base_name, vol->name.text);
	}
}

/* The pod's volumes, each named once; the mounts of its containers, each
 * of a volume the pod has. */
static void
resolve_volumes(struct resolver *r, struct component *comp, struct pod *pod)
{
	struct strmap names = {0};
	for (size_t i = 0; i < pod->volumes.len; i++) {
		struct volume *vol = pod->volumes.items[i];
		resolve_volume(r, comp, vol);
		const struct volume *old = strmap_claim(r->a, &names, vol->name.text, vol);
		if (old)
			diag_again(&r->c->diags, E0401, vol->name.loc, old->name.loc, "first declared here",
			           "volume %s is declared twice", rquote(r, vol->name.text));
	}
	for (size_t i = 0; i < pod->containers.len; i++) {
		const struct container *ctr = pod->containers.items[i];
		for (size_t k = 0; k < ctr->mounts.len; k++) {
			struct mount *m = ctr->mounts.items[k];
			if (m->volume)
				continue;
			m->volume = strmap_get(&names, m->volume_name.text);
			if (m->volume)
				continue;
			struct suggestion s = suggestion_start(&r->c->diags.suggestion_budget,
			                                       m->volume_name.text);
			for (size_t v = 0; v < pod->volumes.len; v++)
				suggestion_consider(&s, ((struct volume *)pod->volumes.items[v])->name.text);
			diag(&r->c->diags, E0301, m->volume_name.loc, "%s has no volume %s%s%s%s",
			     rquote(r, comp->name.text), rquote(r, m->volume_name.text),
			     s.best ? "; did you mean '" : "", s.best ? s.best : "", s.best ? "'?" : "");
		}
	}
}

/* Containers, the pod, routes */

static void
resolve_strings(struct resolver *r, const struct vec *written, struct vec *out,
                const char *where)
{
	for (size_t i = 0; i < written->len; i++) {
		const char *s = resolve_text_of(r, written->items[i], where);
		if (s)
			vec_push(r->a, out, (void *)s);
	}
}

static void
resolve_container(struct resolver *r, struct component *comp, struct container *ctr)
{
	resolve_text(r, &ctr->image, "an image");
	resolve_env(r, comp, ctr);
	for (int slot = 0; slot < PROBE_SLOTS; slot++)
		if (ctr->probes[slot])
			resolve_probe(r, comp, ctr, ctr->probes[slot]);
	for (size_t i = 0; i < ctr->mounts.len; i++) {
		struct mount *m = ctr->mounts.items[i];
		resolve_text(r, &m->path, "a mount path");
		resolve_text(r, &m->subpath, "a subpath");
	}
	resolve_strings(r, &SOURCE_OF(ctr)->command, &ctr->command, "a command");
	resolve_strings(r, &SOURCE_OF(ctr)->args, &ctr->args, "args");
}

static void
resolve_route(struct resolver *r, struct route *route)
{
	resolve_text(r, &route->host, "a route's host");
	resolve_text(r, &route->class, "an ingress class");
	resolve_text(r, &route->gateway, "a gateway's name");
	if (route->gateway.value) {
		const char *slash = strchr(route->gateway.value, '/');
		route->gateway_name = slash ? slash + 1 : route->gateway.value;
		route->gateway_namespace = slash ? arena_strndup(r->a, route->gateway.value,
		                                                 (size_t)(slash - route->gateway.value))
		                                 : NULL;
	}
	if (route->path.written)
		resolve_text(r, &route->path, "a route's path");
	else
		route->path.value = "/";
	if (!route->tls_name.text)
		return;
	struct decl *d = lookup(r, route->tls_name, 1u << DECL_SECRET, "secret");
	if (d) {
		route->tls_secret = d->what;
		route->tls_secret->tls_use = route->tls_name.loc;
	}
}

/* Accounts */

struct account *
use_account(struct resolver *r, struct ident name, bool external, bool made)
{
	struct account *acc = strmap_get(&r->accounts, name.text);
	if (acc && acc->made != made) {
		/* A component's account named like the one made for another: the
		 * two would be one ServiceAccount, with the other's Roles. */
		const struct ident *written = made ? &acc->written : &name;
		const struct ident *other = made ? &name : &acc->written;
		struct diagnostic *g = diag(
			&r->c->diags, E0404, written->loc,
			"account %s is also the account todokc makes for %s, which waits for a job or "
			"uses 'api': the two would be one ServiceAccount; name it otherwise, or give %s "
			"'account %s' to share it", rquote(r, name.text), rquote(r, other->text), rquote(r, other->text),
			name.text);
		diag_note(&r->c->diags, g, other->loc, "%s is here", rquote(r, other->text));
		return NULL;
	}
	if (acc) {
		if (acc->external == external)
			return acc;
		struct diagnostic *g = diag(&r->c->diags, E0404, name.loc,
		                            "account %s is %s here and %s where it is first used",
		                            rquote(r, name.text), external ? "external" : "todokc's",
		                            acc->external ? "external" : "todokc's");
		diag_note(&r->c->diags, g, acc->written.loc, "first used here");
		return NULL;
	}
	acc = NEW(r->a, struct account);
	acc->written = name;
	acc->external = external;
	acc->made = made;
	acc->name = external ? name.text : derive_name(r, NAMING_ACCOUNT, name.text);
	strmap_put(r->a, &r->accounts, name.text, acc);
	vec_push(r->a, &r->s->accounts, acc);
	return acc;
}

/* The account a component's pods run as: one per name used, its
 * ServiceAccount named by the account template, or, external, by its real
 * name. */
static void
resolve_account(struct resolver *r, struct component *comp)
{
	struct account *acc = comp->account_name.text
	                          ? use_account(r, comp->account_name, comp->account_external, false)
	                          : NULL;
	for (size_t i = 0; i < comp->workloads.len; i++)
		((struct workload *)comp->workloads.items[i])->pod.account = acc;
}

/* pull-secret X, ...: secrets holding a registry's credentials. */
static void
resolve_pull_secrets(struct resolver *r, struct pod *pod)
{
	struct strmap named = {0};
	for (size_t i = 0; i < pod->pull_secret_names.len; i++) {
		const struct ident *name = pod->pull_secret_names.items[i];
		const struct ident *twin = strmap_claim(r->a, &named, name->text, (void *)name);
		if (twin) {
			diag_again(&r->c->diags, E0402, name->loc, twin->loc, "first named here",
			           "%s is named twice after 'pull-secret'", rquote(r, name->text));
			continue;
		}
		struct decl *d = lookup(r, *name, 1u << DECL_SECRET, "secret");
		if (!d)
			continue;
		struct keyset *sec = d->what;
		if (!HAS_LOC(sec->pull_use))
			sec->pull_use = name->loc;
		vec_push(r->a, &pod->pull_secrets, sec);
	}
}

static void
resolve_pod(struct resolver *r, struct component *comp, struct pod *pod)
{
	resolve_pull_secrets(r, pod);
	for (size_t i = 0; i < pod->containers.len; i++)
		resolve_container(r, comp, pod->containers.items[i]);
	resolve_volumes(r, comp, pod);
}

/* `port P -> CNAME`: the container port of that name, which exactly one
 * container of the pod declares; in every pod of the component (its
 * variants' share their ports). */
static void
resolve_port_target(struct resolver *r, struct component *comp, struct service_port *sp)
{
	for (size_t i = 0; i < comp->workloads.len; i++) {
		const struct pod *pod = &((struct workload *)comp->workloads.items[i])->pod;
		struct container_port *found = NULL;
		const struct container *owner = NULL;
		struct suggestion s = suggestion_start(&r->c->diags.suggestion_budget, sp->target_name);
		const struct container *stopped = NULL;
		for (size_t k = 0; k < pod->containers.len; k++) {
			const struct container *ctr = pod->containers.items[k];
			for (size_t j = 0; j < ctr->ports.len; j++) {
				struct container_port *cp = ctr->ports.items[j];
				if (cp->name)
					suggestion_consider(&s, cp->name);
				if (ctr->role == ROLE_INIT && cp->name && strcmp(cp->name, sp->target_name) == 0)
					stopped = ctr;
				if (ctr->role == ROLE_INIT || ctr->role == ROLE_WAIT)
					continue; /* it has finished when the pod serves */
				if (!cp->name || strcmp(cp->name, sp->target_name) != 0)
					continue;
				if (found) {
					struct diagnostic *g = diag(&r->c->diags, E0514, sp->target_loc,
					                            "port %s is declared by two containers of %s, "
					                            "%s and %s", rquote(r, sp->target_name),
					                            rquote(r, comp->name.text),
					                            rquote(r, owner->name), rquote(r, ctr->name));
					diag_note(&r->c->diags, g, found->loc, "one is declared here");
					diag_note(&r->c->diags, g, cp->loc, "the other here");
					return;
				}
				found = cp;
				owner = ctr;
			}
		}
		if (!found && stopped) {
			diag(&r->c->diags, E0304, sp->target_loc,
			     "port %s is declared by the init container %s, which has finished before "
			     "%s serves; a sidecar or the main container must declare it",
			     rquote(r, sp->target_name), rquote(r, stopped->name), rquote(r, comp->name.text));
			return;
		}
		if (!found) {
			diag(&r->c->diags, E0304, sp->target_loc,
			     "no container of %s declares a port named %s%s%s%s", rquote(r, comp->name.text),
			     rquote(r, sp->target_name), s.best ? "; did you mean '" : "",
			     s.best ? s.best : "", s.best ? "'?" : "");
			return;
		}
		found->published = sp;
		if (i == 0)
			sp->target = found;
	}
}

void
resolve_component(struct resolver *r, struct component *comp)
{
	r->refs = r->s->isolated ? &comp->refs : NULL; /* what it refers to, for network.c */
	for (size_t i = 0; i < comp->workloads.len; i++)
		resolve_pod(r, comp, &((struct workload *)comp->workloads.items[i])->pod);
	for (size_t i = 0; i < comp->ports.len; i++) {
		struct service_port *sp = comp->ports.items[i];
		if (sp->target_name)
			resolve_port_target(r, comp, sp);
	}
	for (size_t i = 0; i < comp->routes.len; i++)
		resolve_route(r, comp->routes.items[i]);
	if (comp->job) {
		resolve_text(r, &comp->job->schedule, "a schedule");
		resolve_text(r, &comp->job->time_zone, "a time zone");
	}
	resolve_account(r, comp);
	r->refs = NULL;
	if (!comp->job)
		return;
	/* A finished Job is removed after `keep`, a day unless given; but a
	 * job (not a cron's) that a GitOps tool keeps in sync with the folder
	 * is kept by default: Argo CD or Config Sync would create the removed
	 * Job again, and it would run again. */
	struct job_settings *job = comp->job;
	job->ttl = job->keep >= 0 ? job->keep
	           : comp->kind == WORKLOAD_JOB && r->c->opts->order_annotations != ORDER_NONE
	           ? -1 : DEFAULT_JOB_KEEP;
}
