/*
 * netpol.c - the NetworkPolicies of `network isolated` (docs/output.md):
 * the stack's default-deny policy, and a component's policy built from
 * `comp->ingress` as resolution left it (src/network.c); nothing here
 * decides who may connect.
 */
#include "objects.h"

/* NAME: { matchLabels: { ... } } */
static void
put_selector(struct arena *a, struct node *map, const char *name, const struct vec *labels)
{
	put_pairs(a, put_map(a, put_map(a, map, name), "matchLabels"), labels);
}

/* A policy selecting the pods with these labels, for ingress; *spec is
 * its spec, for the rules. */
static struct node *
policy_root(const struct compilation *c, struct arena *a, const char *name,
            const struct vec *labels, const struct vec *selector, struct node **spec)
{
	struct node *doc = object_root(c, a, OBJ_NETWORK_POLICY, name, labels, NULL, NULL);
	*spec = put_map(a, doc, "spec");
	put_selector(a, *spec, "podSelector", selector);
	seq_push(a, put_seq(a, *spec, "policyTypes"), node_str(a, "Ingress"));
	return doc;
}

/* The stack's pods admit no connection but those another policy allows. */
static struct node *
deny_policy_tree(const struct compilation *c, struct arena *a)
{
	struct node *spec;
	return policy_root(c, a, c->stack->deny_policy, NULL, &c->stack->stack_pods, &spec);
}

/* A rule's ports: the number, and the protocol when it is not TCP. */
static void
put_ports(struct arena *a, struct node *rule, const struct vec *ports)
{
	struct node *seq = put_seq(a, rule, "ports");
	for (size_t i = 0; i < ports->len; i++) {
		const struct container_port *p = ports->items[i];
		struct node *m = push_map(a, seq);
		put_int(a, m, "port", p->number);
		if (p->udp)
			put_str(a, m, "protocol", "UDP");
	}
}

/* The peers of a rule: the pods of comps, then of namespaces. */
struct peers {
	const struct vec *comps;       /* struct component * */
	const struct vec *namespaces;  /* const char *; NULL: none */
};

static struct node *
peer_tree(const void *ctx, size_t i, struct arena *a)
{
	const struct peers *p = ctx;
	struct node *peer = node_map(a);
	if (i < p->comps->len) {
		put_selector(a, peer, "podSelector",
		             &((const struct component *)p->comps->items[i])->selector);
	} else {
		struct node *labels = put_map(a, put_map(a, peer, "namespaceSelector"), "matchLabels");
		put_str(a, labels, "kubernetes.io/metadata.name",
		        p->namespaces->items[i - p->comps->len]);
	}
	return peer;
}

/* from: the pods of these components (and of these namespaces), built as
 * they are emitted: a policy that the whole stack may reach lists every
 * component of it. */
static void
put_peers(struct arena *a, struct node *rule, const struct vec *comps, const struct vec *namespaces)
{
	struct peers *p = NEW(a, struct peers);
	*p = (struct peers){comps, namespaces};
	put_seq_source(a, rule, "from", comps->len + (namespaces ? namespaces->len : 0), peer_tree, p);
}

/* A component's policy: its clients to its Service ports, what `allow
 * from` names to every port of its pods, and any source to the ports it
 * opens (exposed, routed, `allow public`). */
static struct node *
component_policy_tree(const struct compilation *c, const struct component *comp, struct arena *a)
{
	const struct ingress *in = &comp->ingress;
	struct node *spec;
	struct node *doc = policy_root(c, a, in->policy_name, &comp->labels, &comp->selector, &spec);
	struct node *rules = put_seq(a, spec, "ingress");
	if (in->clients.len) {
		struct node *rule = push_map(a, rules);
		put_peers(a, rule, &in->clients, NULL);
		put_ports(a, rule, &in->service_ports);
	}
	if (in->allowed.len || in->namespaces.len) {
		struct node *rule = push_map(a, rules);
		put_peers(a, rule, &in->allowed, &in->namespaces);
		put_ports(a, rule, &in->pod_ports);
	}
	if (in->open || in->public)
		put_ports(a, push_map(a, rules), in->public ? &in->pod_ports : &in->service_ports);
	return doc;
}

struct node *
network_policy_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	return o->comp ? component_policy_tree(c, o->comp, a) : deny_policy_tree(c, a);
}
