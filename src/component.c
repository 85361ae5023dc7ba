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

/* The URL of a Service: http://HOST, with :PORT unless it is 80, and the
 * path when one is given.  W.url and the wait containers both use it. */
static const char *
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

void
resolve_component_shape(struct resolver *r, struct component *comp)
{
	comp->workload_name = derive_name(r, NAMING_WORKLOAD, comp->name.text);
	comp->max_replicas = comp->autoscaled ? comp->autoscale_max : comp->replicas;
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
	if (on->port_name.text) {
		struct suggestion s = suggestion_start(&r->c->diags.suggestion_budget, on->port_name.text);
		for (size_t i = 0; i < ctr->ports.len; i++) {
			struct container_port *p = ctr->ports.items[i];
			if (p->name)
				suggestion_consider(&s, p->name);
		}
		if (s.best)
			g = diag(&r->c->diags, E0304, on->loc,
			         "the probe is on port %s, which %s does not declare; did you mean '%s'?",
			         rquote(r, on->port_name.text), rquote(r, comp->name.text), s.best);
		else
			g = diag(&r->c->diags, E0304, on->loc,
			         "the probe is on port %s, which %s does not declare",
			         rquote(r, on->port_name.text), rquote(r, comp->name.text));
	} else {
		g = diag(&r->c->diags, E0304, on->loc,
		         "the probe is on port %lld, which %s does not declare", on->number.value,
		         rquote(r, comp->name.text));
	}
	if (ctr->ports.len)
		diag_note(&r->c->diags, g, ((struct container_port *)ctr->ports.items[0])->loc,
		          "the component's ports are declared here");
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
static const struct ast_probe_option *
probe_options(struct resolver *r, struct component *comp, const struct container *ctr,
              struct probe *probe)
{
	static const char *const words[] = {"on", "delay", "every", "timeout", "failures", "header"};
	const struct ast_probe_option *seen[OPT_HEADER + 1] = {0};
	for (size_t i = 0; i < probe->written.options->len; i++) {
		const struct ast_probe_option *opt = probe->written.options->items[i];
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
		case OPT_DELAY: probe->delay = opt->number.value; break;
		case OPT_EVERY: probe->every = opt->number.value; break;
		case OPT_TIMEOUT: probe->timeout = opt->number.value; break;
		case OPT_FAILURES: probe->failures = opt->number.value; break;
		case OPT_HEADER: probe_header(r, probe, opt); break;
		}
	}
	return seen[OPT_ON];
}

static void
resolve_probe(struct resolver *r, struct component *comp, struct container *ctr,
              struct probe *probe)
{
	if (!probe->present)
		return;
	probe->delay = probe->every = probe->timeout = probe->failures = -1;
	if (probe->kind == PROBE_HTTP)
		probe->path = resolve_text_of(r, probe->written.path, "a probe's path");
	for (size_t i = 0; i < probe->written.command->len; i++) {
		const char *arg = resolve_text_of(r, probe->written.command->items[i], "a probe's command");
		if (arg)
			vec_push(r->a, &probe->command, (void *)arg);
	}
	const struct ast_probe_option *on = probe_options(r, comp, ctr, probe);
	if (probe->kind != PROBE_EXEC && !on) {
		if (ctr->ports.len)
			probe->port = ctr->ports.items[0];
		else
			diag(&r->c->diags, E0304, probe->loc,
			     "this probe needs a port, and %s declares none", rquote(r, comp->name.text));
	}
	if (probe->port && probe->port->udp) {
		const char *which = probe->port->name ? rquote(r, probe->port->name)
		                                      : arena_printf(r->a, "%lld", probe->port->number);
		struct diagnostic *g = diag(&r->c->diags, E0404, on ? on->loc : probe->loc,
		                            "a%s probe cannot check UDP port %s",
		                            probe->kind == PROBE_HTTP ? "n http" : " tcp", which);
		diag_note(&r->c->diags, g, probe->port->loc, "the port is declared here");
	}
}

/* Volumes */

/* A config mounted as files must hold no secret: its secret-bearing keys
 * are kept out of the ConfigMap. */
static void
check_config_volume(struct resolver *r, const struct volume *vol)
{
	for (size_t k = 0; k < vol->mounted->keys.len; k++) {
		struct kv *kv = vol->mounted->keys.items[k];
		struct rvalue *v = resolve_config_key(r, vol->mounted, kv);
		if (v && v->kind != RV_TEXT) {
			struct diagnostic *g = diag(&r->c->diags, E0703, vol->loc,
			                            "config %s cannot be mounted as files: its key "
			                            "%s holds a secret, which is kept out of the "
			                            "ConfigMap", rquote(r, vol->mounted->name.text),
			                            rquote(r, kv->key.text));
			diag_note(&r->c->diags, g, kv->loc, "the key is set here");
			return;
		}
	}
}

static void
resolve_volume(struct resolver *r, struct component *comp, struct volume *vol)
{
	resolve_text(r, &vol->class, "a storage class");
	if (vol->kind == VOLUME_CONFIG || vol->kind == VOLUME_SECRET) {
		bool config = vol->kind == VOLUME_CONFIG;
		struct decl *d = lookup(r, vol->source, 1u << (config ? DECL_CONFIG : DECL_SECRET),
		                        config ? "config" : "secret");
		vol->mounted = d ? d->what : NULL;
		if (d && config)
			check_config_volume(r, vol);
	}
	if (vol->kind != VOLUME_CLAIM)
		return;
	if (comp->kind == WORKLOAD_STATEFULSET) {
		vol->claim = CLAIM_TEMPLATE;
	} else {
		vol->claim = CLAIM_OBJECT;
		vol->claim_name = arena_printf(r->a, "%s-%s", comp->workload_name, vol->name.text);
	}
}

static void
resolve_volumes(struct resolver *r, struct component *comp)
{
	struct strmap names = {0};
	for (size_t i = 0; i < comp->pod.volumes.len; i++) {
		struct volume *vol = comp->pod.volumes.items[i];
		resolve_volume(r, comp, vol);
		const struct volume *old = strmap_claim(r->a, &names, vol->name.text, vol);
		if (old)
			diag_again(&r->c->diags, E0401, vol->name.loc, old->name.loc, "first declared here",
			           "volume %s is declared twice", rquote(r, vol->name.text));
	}
}

/* Containers, the pod, routes */

static void
resolve_strings(struct resolver *r, const struct vec *written, struct vec *out,
                const char *where)
{
	for (size_t i = 0; written && i < written->len; i++) {
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
		resolve_probe(r, comp, ctr, &ctr->probes[slot]);
	for (size_t i = 0; i < ctr->mounts.len; i++) {
		struct mount *m = ctr->mounts.items[i];
		resolve_text(r, &m->path, "a mount path");
	}
	resolve_strings(r, ctr->command_written, &ctr->command, "a command");
	resolve_strings(r, ctr->args_written, &ctr->args, "args");
}

static void
resolve_metadata(struct resolver *r, const struct vec *entries, struct vec *out)
{
	for (size_t i = 0; i < entries->len; i++) {
		const struct ast_entry *e = entries->items[i];
		struct header *h = NEW(r->a, struct header);
		h->name = e->key.text;
		h->value = resolve_text_of(r, e->value->string, "a label or annotation");
		h->loc = e->loc;
		if (h->value)
			vec_push(r->a, out, h);
	}
}

static void
resolve_route(struct resolver *r, struct route *route)
{
	resolve_text(r, &route->host, "a route's host");
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

void
resolve_component(struct resolver *r, struct component *comp)
{
	for (size_t i = 0; i < comp->pod.containers.len; i++)
		resolve_container(r, comp, comp->pod.containers.items[i]);
	resolve_volumes(r, comp);
	resolve_metadata(r, &comp->pod.label_entries, &comp->pod.labels);
	resolve_metadata(r, &comp->pod.annotation_entries, &comp->pod.annotations);
	for (size_t i = 0; i < comp->routes.len; i++)
		resolve_route(r, comp->routes.items[i]);
}

/* Waits */

/* 'text' for a POSIX shell, single-quoted. */
static const char *
shell_quote(struct resolver *r, const char *s)
{
	struct buf q = {0};
	buf_putc(&q, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			buf_puts(&q, "'\\''");
		else
			buf_putc(&q, *s);
	}
	buf_putc(&q, '\'');
	return arena_buf_take(r->a, &q);
}

/* The init container that runs until the wait's check succeeds: busybox's
 * wget on an HTTP readiness path, else nc on the port. */
static struct container *
wait_container(struct resolver *r, struct wait *w)
{
	struct container *ctr = NEW(r->a, struct container);
	ctr->role = ROLE_WAIT;
	ctr->wait = w;
	ctr->name = arena_printf(r->a, "wait-for-%s", w->target->name.text);
	ctr->name_loc = w->loc;
	ctr->image.value = r->c->opts->wait_image;
	const char *check, *what;
	if (w->url) {
		check = arena_printf(r->a, "wget -q -T 2 -O /dev/null %s", shell_quote(r, w->url));
		what = w->url;
	} else {
		check = arena_printf(r->a, "nc -z -w 2 %s %lld", w->host, w->port);
		what = arena_printf(r->a, "%s:%lld", w->host, w->port);
	}
	vec_push(r->a, &ctr->command, "sh");
	vec_push(r->a, &ctr->command, "-c");
	vec_push(r->a, &ctr->command,
	         arena_printf(r->a, "until %s; do echo waiting for %s; sleep 2; done", check,
	                      shell_quote(r, what)));
	ctr->has_command = true;
	ctr->requests = (struct resources){{"10m", NO_LOC, 0}, {"16Mi", NO_LOC, 0}};
	ctr->limits = (struct resources){{"50m", NO_LOC, 0}, {"32Mi", NO_LOC, 0}};
	return ctr;
}

/* What the wait checks: the target's Service on its first port, or, when
 * the target has an http readiness probe, that path through the Service
 * (on the Service port of the probed container port). */
static void
plan_wait(struct resolver *r, struct wait *w)
{
	const struct component *t = w->target;
	const char *name = rquote(r, t->name.text);
	if (!t->service) {
		diag(&r->c->diags, W0502, w->loc,
		     "%s has no Service: 'after %s' orders the manifests but cannot wait for it at "
		     "run time", name, t->name.text);
		return;
	}
	if (t->service->port->udp) {
		diag(&r->c->diags, W0502, w->loc,
		     "the first port of %s is UDP: 'after %s' orders the manifests but cannot wait "
		     "for it at run time", name, t->name.text);
		return;
	}
	w->host = t->service->name;
	w->port = t->service->port->number;
	const struct probe *ready = &t->main->probes[PROBE_READINESS];
	if (ready->present && ready->kind == PROBE_HTTP && ready->path && ready->port &&
	    ready->port->published && !ready->port->udp) {
		w->port = ready->port->published->number;
		w->url = service_url(r->a, w->host, w->port, ready->path);
	}
	w->container = wait_container(r, w);
}

void
resolve_waits(struct resolver *r, struct component *comp)
{
	size_t kept = 0;
	for (size_t i = 0; i < comp->waits.len; i++) {
		struct wait *w = comp->waits.items[i];
		struct decl *d = lookup(r, w->target_name, 1u << DECL_COMPONENT, "workload");
		if (!d)
			continue;
		w->target = d->what;
		comp->waits.items[kept++] = w;
	}
	comp->waits.len = kept;
	if (r->c->opts->no_wait)
		return;
	/* The wait containers run first, in the order of the `after`s. */
	struct vec containers = {0};
	for (size_t i = 0; i < comp->waits.len; i++) {
		struct wait *w = comp->waits.items[i];
		plan_wait(r, w);
		if (w->container)
			vec_push(r->a, &containers, w->container);
	}
	for (size_t i = 0; i < comp->pod.containers.len; i++)
		vec_push(r->a, &containers, comp->pod.containers.items[i]);
	comp->pod.containers = containers;
}
