/*
 * network.c - `network isolated` (docs/language.md, network isolation):
 * who may open connections to each component's pods.  Part of resolution,
 * run last: the edges come from what the resolver recorded while it
 * resolved values (the workloads a component's properties refer to,
 * `comp->refs`, and those each config and secret key refers to,
 * `kv->refs`), from the keysets a component takes whole (env from, a
 * volume), from its waits, and from its `allow` lines.  The result is
 * `comp->ingress`, which src/netpol.c writes as NetworkPolicies and
 * nothing else works out again.
 */
#include "resolve.h"

#include <string.h>

/* A port onto a list, once per number and protocol. */
static void
push_port(struct arena *a, struct vec *ports, struct container_port *p)
{
	for (size_t i = 0; i < ports->len; i++) {
		const struct container_port *q = ports->items[i];
		if (q->number == p->number && q->udp == p->udp)
			return;
	}
	vec_push(a, ports, p);
}

/* The ports a Service reaches and every port the pods listen on (their
 * sidecars' and other containers' too; init containers are done by then). */
static void
collect_ports(struct resolver *r, struct component *comp)
{
	struct ingress *in = &comp->ingress;
	for (size_t i = 0; i < comp->ports.len; i++) {
		const struct service_port *sp = comp->ports.items[i];
		if (sp->target)
			push_port(r->a, &in->service_ports, sp->target);
	}
	for (size_t i = 0; i < comp->workloads.len; i++) {
		const struct pod *pod = &((const struct workload *)comp->workloads.items[i])->pod;
		for (size_t k = 0; k < pod->containers.len; k++) {
			const struct container *ctr = pod->containers.items[k];
			if (ctr->role == ROLE_WAIT || ctr->role == ROLE_INIT)
				continue;
			for (size_t j = 0; j < ctr->ports.len; j++)
				push_port(r->a, &in->pod_ports, ctr->ports.items[j]);
		}
	}
}

/* consumer may reach provider's Service ports; once per pair, as the
 * consumers come in source order and each marks the providers it added. */
static void
add_client(struct resolver *r, struct component *consumer, struct component *provider)
{
	if (provider->net_mark == consumer->index + 1)
		return;
	provider->net_mark = consumer->index + 1;
	vec_push(r->a, &provider->ingress.clients, consumer);
}

static void
add_refs(struct resolver *r, struct component *consumer, const struct vec *refs)
{
	for (size_t i = 0; i < refs->len; i++)
		add_client(r, consumer, refs->items[i]);
}

/* A config or secret taken whole: what any of its keys refers to. */
static void
add_keyset(struct resolver *r, struct component *consumer, const struct keyset *set)
{
	for (size_t i = 0; set && i < set->keys.len; i++)
		add_refs(r, consumer, &((const struct kv *)set->keys.items[i])->refs);
}

/* The edges out of one component: its references (single keys it takes
 * included, recorded by the resolver), the configs and secrets it takes
 * whole, and every `after`. */
static void
add_edges(struct resolver *r, struct component *comp)
{
	add_refs(r, comp, &comp->refs);
	for (size_t i = 0; i < comp->waits.len; i++) {
		struct wait *w = comp->waits.items[i];
		if (w->target)
			add_client(r, comp, w->target);
	}
	for (size_t i = 0; i < comp->workloads.len; i++) {
		const struct pod *pod = &((const struct workload *)comp->workloads.items[i])->pod;
		for (size_t k = 0; k < pod->containers.len; k++) {
			const struct container *ctr = pod->containers.items[k];
			for (size_t j = 0; j < ctr->env_from.len; j++)
				add_keyset(r, comp, ((const struct env_source *)ctr->env_from.items[j])->set);
		}
		for (size_t k = 0; k < pod->volumes.len; k++)
			add_keyset(r, comp, ((const struct volume *)pod->volumes.items[k])->mounted);
	}
}

/* One `allow`: its source, checked; false when it is given twice.  The
 * map of those seen and its keys are in the resolver's scratch arena. */
static void
resolve_allow(struct resolver *r, struct component *comp, struct allow *al, struct strmap *seen)
{
	struct ingress *in = &comp->ingress;
	const char *key = "public";
	if (al->name.text) {
		key = arena_printf(&r->scratch, "from %s", al->name.text);
		struct decl *d = lookup(r, al->name, 1u << DECL_COMPONENT, "workload");
		al->source = d ? d->what : NULL;
	} else if (al->namespace.written) {
		resolve_text(r, &al->namespace, "a namespace");
		const char *ns = al->namespace.value;
		const char *problem = ns ? dns1123_label_problem(ns) : NULL;
		if (problem)
			diag(&r->c->diags, E0533, al->namespace.written->loc,
			     "namespace %s is not a namespace name: %s", rquote(r, ns), problem);
		if (!ns || problem)
			return;
		key = arena_printf(&r->scratch, "from namespace \"%s\"", ns);
	}
	const struct allow *twin = strmap_claim(&r->scratch, seen, key, al);
	if (twin) {
		diag_again(&r->c->diags, E0530, al->loc, twin->loc, "first given here",
		           "'allow %s' is given twice for %s", key, rquote(r, comp->name.text));
		return;
	}
	if (al->source)
		vec_push(r->a, &in->allowed, al->source);
	else if (al->namespace.value)
		vec_push(r->a, &in->namespaces, (void *)al->namespace.value);
	else if (al->public)
		in->public = true;
}

/* A component's `allow` lines; a warning when the stack is not isolated,
 * where they would do nothing. */
static void
resolve_allows(struct resolver *r, struct component *comp)
{
	struct strmap seen = {0}; /* in scratch: reset once every allow is resolved */
	struct ingress *in = &comp->ingress;
	for (size_t i = 0; i < comp->allows.len; i++)
		resolve_allow(r, comp, comp->allows.items[i], &seen);
	arena_reset(&r->scratch);
	if (!comp->allows.len)
		return;
	const struct allow *first = comp->allows.items[0];
	if (!r->s->isolated) {
		diag(&r->c->diags, W0530, first->loc,
		     "'allow' does nothing in a stack that is not isolated; add 'network isolated' "
		     "to the stack, or remove the 'allow'");
		return;
	}
	if (!in->pod_ports.len) {
		diag(&r->c->diags, E0531, first->loc,
		     "%s declares no port, so there is nothing to allow; 'allow' goes on the "
		     "component that is reached", rquote(r, comp->name.text));
		return;
	}
	for (size_t i = 0; in->public && i < comp->allows.len; i++) {
		const struct allow *al = comp->allows.items[i];
		if (!al->public)
			diag(&r->c->diags, W0532, al->loc,
			     "'allow from' adds nothing to 'allow public', which opens every port of "
			     "%s to any source; remove one of them", rquote(r, comp->name.text));
	}
}

static bool
exposed(const struct component *comp)
{
	if (comp->routes.len || (comp->service && comp->service->type != EXPOSE_CLUSTERIP))
		return true;
	for (size_t i = 0; i < comp->extra_services.len; i++)
		if (((const struct service *)comp->extra_services.items[i])->type != EXPOSE_CLUSTERIP)
			return true;
	return false;
}

/* What the policy says, without rules that another one covers: `allow
 * public` opens every port to every source; an exposed component's
 * Service ports are open to every source, its clients with them.  No
 * policy when nothing may reach the pods (the default-deny covers them). */
static void
settle_ingress(struct resolver *r, struct component *comp)
{
	struct ingress *in = &comp->ingress;
	if (!comp->base_name)
		return; /* its name was reported */
	in->open = in->service_ports.len && exposed(comp);
	if (!in->service_ports.len || in->open || in->public)
		in->clients.len = 0;
	if (!in->pod_ports.len || in->public) {
		in->allowed.len = in->namespaces.len = 0;
		in->open = in->open && !in->public;
	}
	/* `allow from A` admits A to every port of the pods, which covers
	 * A's rule as a client of the Service's ports.  Each A is marked with
	 * this component's stamp (the marks of add_client() are cleared by
	 * then), so that a long list of either costs its length. */
	uint32_t stamp = comp->index + 1;
	for (size_t j = 0; j < in->allowed.len; j++)
		((struct component *)in->allowed.items[j])->net_mark = stamp;
	size_t kept = 0;
	for (size_t i = 0; i < in->clients.len; i++) {
		const struct component *client = in->clients.items[i];
		if (client->net_mark != stamp)
			in->clients.items[kept++] = in->clients.items[i];
	}
	in->clients.len = kept;
	if (in->clients.len || in->allowed.len || in->namespaces.len || in->open || in->public) {
		in->policy_name = comp->base_name;
		if (strcmp(in->policy_name, r->s->deny_policy) == 0)
			diag(&r->c->diags, E0532, comp->name.loc,
			     "the NetworkPolicy of %s would be named %s, the name of the stack's "
			     "default-deny policy; rename the component", rquote(r, comp->name.text),
			     rquote(r, in->policy_name));
	} else if (in->pod_ports.len && !comp->allows.len) { /* else its allow failed: reported */
		diag(&r->c->diags, W0531, comp->name.loc,
		     "nothing in the stack refers to %s and it is not exposed, so 'network isolated' "
		     "lets no connection reach its ports; add 'allow from NAME' for its clients",
		     rquote(r, comp->name.text));
	}
}

void
resolve_network(struct resolver *r)
{
	struct stack *s = r->s;
	if (s->isolated)
		s->deny_policy = arena_printf(r->a, "%s-default-deny", s->name.text);
	for (size_t i = 0; i < s->components.len; i++) {
		struct component *comp = s->components.items[i];
		if (s->isolated)
			collect_ports(r, comp);
		resolve_allows(r, comp);
	}
	if (!s->isolated)
		return;
	for (size_t i = 0; i < s->components.len; i++)
		add_edges(r, s->components.items[i]);
	for (size_t i = 0; i < s->components.len; i++)
		((struct component *)s->components.items[i])->net_mark = 0;
	for (size_t i = 0; i < s->components.len; i++)
		settle_ingress(r, s->components.items[i]);
}
