/*
 * check.c - the validation pass (spec section 8).
 *
 * Runs on the resolved stack IR, where every value still knows its
 * source location, and checks what Kubernetes would reject at apply time
 * and what would fail at run time: names and their lengths (derived names
 * blamed on the component or the naming template), ports, quantities,
 * requests against limits and the cluster's capacity, env names, keys,
 * sizes, autoscaling bounds, images, probes and mounts.  The rules on
 * strings live in names.c; this file decides where they apply and what
 * to say.  Each rule is checked in one place.
 */
#include "todokc.h"

#include <string.h>

struct checker {
	struct compilation *c;
	struct stack *s;
	struct arena *a;
	bool skip_names; /* the names in hand derive from an invalid name (reported) */
};

static const char *
quote(struct checker *k, const char *s)
{
	return diag_quote(k->a, s);
}

/* Kubernetes keeps counts and seconds in 32 bits. */
static bool
check_int32(struct checker *k, long long v, struct loc loc, const char *what)
{
	if (v >= 0 && v <= 2147483647)
		return true;
	diag(&k->c->diags, E0408, loc, "%s %lld is out of range: it must be between 0 and 2147483647",
	     what, v);
	return false;
}

/* A derived name, blamed on the naming template when there is one, else
 * on the declared name it comes from. */
static void
check_object_name(struct checker *k, const char *name, const char *kind,
                  const char *(*rule)(const char *), struct loc blame,
                  enum naming_slot slot)
{
	if (!name || k->skip_names)
		return;
	const char *problem = rule(name);
	if (!problem)
		return;
	bool template = slot < NAMING_SLOTS && k->s->naming[slot];
	struct diagnostic *g = diag(&k->c->diags, E0501, template ? k->s->naming_loc[slot] : blame,
	                            "the %s name %s is not valid: %s", kind, quote(k, name), problem);
	if (template)
		diag_note(&k->c->diags, g, blame, "the name is made from this one");
}

static bool
check_quantity(struct checker *k, struct quantity *q, const char *what, bool memory)
{
	if (!q->text)
		return false;
	if (!quantity_parse(q->text, &q->value)) {
		diag(&k->c->diags, E0505, q->loc, "%s %s is not a Kubernetes quantity", what,
		     quote(k, q->text));
		return false;
	}
	size_t len = strlen(q->text);
	if (memory && len > 1 && q->text[len - 1] == 'm')
		diag(&k->c->diags, W0101, q->loc,
		     "memory %s means %s thousandths of a byte; did you mean '%.*sMi'?",
		     quote(k, q->text), arena_strndup(k->a, q->text, len - 1), (int)(len - 1), q->text);
	return true;
}

static void
check_ports(struct checker *k, struct component *comp)
{
	for (size_t i = 0; i < comp->ports.len; i++) {
		struct port *p = comp->ports.items[i];
		if (p->number < 1 || p->number > 65535)
			diag(&k->c->diags, E0502, p->loc, "port %lld is out of range: it must be between 1 and 65535",
			     p->number);
		if (p->target != p->number && (p->target < 1 || p->target > 65535))
			diag(&k->c->diags, E0502, p->loc,
			     "container port %lld is out of range: it must be between 1 and 65535", p->target);
		if (p->name) {
			const char *problem = iana_port_name_problem(p->name);
			if (problem)
				diag(&k->c->diags, E0503, p->name_loc, "port name %s is not valid: %s",
				     quote(k, p->name), problem);
		}
		for (size_t j = 0; j < i; j++) {
			struct port *q = comp->ports.items[j];
			struct diagnostic *g = NULL;
			if (q->udp == p->udp && q->number == p->number)
				g = diag(&k->c->diags, E0514, p->loc, "port %lld%s is declared twice", p->number,
				         p->udp ? "/udp" : "");
			else if (q->udp == p->udp && q->target == p->target)
				g = diag(&k->c->diags, E0514, p->loc, "container port %lld%s is declared twice",
				         p->target, p->udp ? "/udp" : "");
			else if (p->name && q->name && strcmp(p->name, q->name) == 0)
				g = diag(&k->c->diags, E0514, p->name_loc, "port name %s is used twice",
				         quote(k, p->name));
			if (g) {
				diag_note(&k->c->diags, g, q->loc, "the other port is here");
				break;
			}
		}
	}
}

static void
check_node_port(struct checker *k, long long port, struct loc loc)
{
	if (port && (port < 30000 || port > 32767))
		diag(&k->c->diags, E0504, loc,
		     "NodePort %lld is outside the range 30000-32767 that clusters allocate from", port);
}

static void
check_service(struct checker *k, struct component *comp)
{
	const char *kind = comp->stateful ? "stateful" : "service";
	if (comp->stateful && comp->expose == EXPOSE_NONE) {
		diag(&k->c->diags, E0409, comp->expose_loc,
		     "'expose none' is not allowed on a stateful: its StatefulSet needs its "
		     "Service (serviceName)");
		return;
	}
	if (comp->stateful && comp->ports.len == 0)
		diag(&k->c->diags, E0513, comp->name.loc,
		     "stateful %s has no port; its StatefulSet needs a Service, which needs a port",
		     quote(k, comp->name.text));
	else if (comp->ports.len == 0 && comp->expose != EXPOSE_NONE)
		diag(&k->c->diags, E0513, comp->has_expose ? comp->expose_loc : comp->name.loc,
		     "%s %s has no port, so it can have no Service; add a port, or 'expose none' "
		     "for a workload nothing connects to", kind, quote(k, comp->name.text));
	else if (comp->ports.len && comp->expose == EXPOSE_NONE)
		diag(&k->c->diags, E0513, comp->expose_loc,
		     "%s %s has ports but 'expose none': nothing could reach them; remove "
		     "'expose none' or the ports", kind, quote(k, comp->name.text));
	if (comp->expose != EXPOSE_NONE)
		check_object_name(k, comp->service_name, "Service", dns1035_label_problem,
		                  comp->name.loc, NAMING_SERVICE);
	if (comp->expose == EXPOSE_NODEPORT)
		check_node_port(k, comp->node_port, comp->expose_loc);
	for (size_t i = 0; i < comp->extra_services.len; i++) {
		const struct extra_service *x = comp->extra_services.items[i];
		check_object_name(k, x->name, "Service", dns1035_label_problem, x->loc, NAMING_SLOTS);
		if (x->kind == EXPOSE_NODEPORT)
			check_node_port(k, x->node_port, x->loc);
		if (!comp->ports.len)
			diag(&k->c->diags, E0513, x->loc, "a Service needs a port, and %s has none",
			     quote(k, comp->name.text));
	}
}

static void
check_resources(struct checker *k, struct component *comp)
{
	bool rc = check_quantity(k, &comp->requests.cpu, "cpu request", false);
	bool rm = check_quantity(k, &comp->requests.memory, "memory request", true);
	bool lc = check_quantity(k, &comp->limits.cpu, "cpu limit", false);
	bool lm = check_quantity(k, &comp->limits.memory, "memory limit", true);
	if (rc && lc && comp->requests.cpu.value > comp->limits.cpu.value) {
		struct diagnostic *g = diag(&k->c->diags, E0506, comp->requests.cpu.loc,
		                            "cpu request %s is above the cpu limit %s",
		                            quote(k, comp->requests.cpu.text), quote(k, comp->limits.cpu.text));
		diag_note(&k->c->diags, g, comp->limits.cpu.loc, "the limit is set here");
	}
	if (rm && lm && comp->requests.memory.value > comp->limits.memory.value) {
		struct diagnostic *g = diag(&k->c->diags, E0506, comp->requests.memory.loc,
		                            "memory request %s is above the memory limit %s",
		                            quote(k, comp->requests.memory.text),
		                            quote(k, comp->limits.memory.text));
		diag_note(&k->c->diags, g, comp->limits.memory.loc, "the limit is set here");
	}
}

static void
check_env(struct checker *k, struct component *comp)
{
	for (size_t i = 0; i < comp->env.len; i++) {
		const struct env_var *e = comp->env.items[i];
		bool relaxed_only;
		const char *problem = env_name_problem(e->name, &relaxed_only);
		if (problem)
			diag(&k->c->diags, E0508, e->loc, "environment variable name %s is not valid: %s",
			     quote(k, e->name), problem);
		else if (relaxed_only)
			diag(&k->c->diags, W0501, e->loc,
			     "environment variable name %s is accepted only by Kubernetes 1.32 and newer "
			     "(and not by every shell): use letters, digits and '_'",
			     quote(k, e->name));
	}
}

static void
check_keys(struct checker *k, const struct vec *keys, const char *kind, struct ident name,
           bool secret)
{
	size_t total = 0;
	for (size_t i = 0; i < keys->len; i++) {
		struct kv *kv = keys->items[i];
		const char *problem = config_key_problem(kv->key.text);
		if (problem)
			diag(&k->c->diags, E0509, kv->key.loc, "%s key %s is not valid: %s", kind,
			     quote(k, kv->key.text), problem);
		total += secret ? kv->nbytes : (kv->value && kv->value->kind == RV_TEXT ? kv->value->len : 0);
	}
	if (total > 1048576)
		diag(&k->c->diags, E0510, name.loc,
		     "%s %s holds %zu bytes; Kubernetes accepts at most 1048576 (1 MiB)", kind,
		     quote(k, name.text), total);
}

/* A secret a route uses for TLS is written as type kubernetes.io/tls,
 * which holds exactly the keys tls.crt and tls.key. */
static void
check_tls_secret(struct checker *k, struct secret *sec)
{
	if (!HAS_LOC(sec->tls_use))
		return;
	bool crt = strmap_get(&sec->by_key, "tls.crt"), key = strmap_get(&sec->by_key, "tls.key");
	if (crt && key && sec->keys.len == 2)
		return;
	struct diagnostic *g = diag(&k->c->diags, E0509, sec->name.loc,
	                            "secret %s is a route's TLS certificate, so it holds exactly "
	                            "the keys 'tls.crt' and 'tls.key'", quote(k, sec->name.text));
	diag_note(&k->c->diags, g, sec->tls_use, "it is used for TLS here");
}

static void
check_autoscaling(struct checker *k, struct component *comp)
{
	if (comp->has_replicas)
		check_int32(k, comp->replicas, comp->replicas_loc, "replicas");
	if (!comp->autoscaled)
		return;
	struct loc at = comp->autoscale_loc;
	if (!check_int32(k, comp->min_replicas, at, "replicas") ||
	    !check_int32(k, comp->max_replicas, at, "replicas") ||
	    !check_int32(k, comp->cpu_percent, at, "the CPU target"))
		return;
	if (comp->min_replicas < 1)
		diag(&k->c->diags, E0511, at, "an autoscaler's minimum must be at least 1, not %lld",
		     comp->min_replicas);
	if (comp->max_replicas < comp->min_replicas)
		diag(&k->c->diags, E0511, at,
		     "an autoscaler's maximum (%lld) must not be below its minimum (%lld)",
		     comp->max_replicas, comp->min_replicas);
	if (comp->cpu_percent < 1)
		diag(&k->c->diags, E0511, at, "the CPU target must be at least 1%%");
	if (!comp->requests.cpu.text)
		diag(&k->c->diags, E0519, at,
		     "%s scales on CPU use but requests no CPU, so the autoscaler cannot measure it; "
		     "add 'requests cpu ...'", quote(k, comp->name.text));
}

static void
check_probes(struct checker *k, struct component *comp)
{
	for (int slot = 0; slot < PROBE_SLOTS; slot++) {
		const struct probe *p = &comp->probes[slot];
		if (!p->present)
			continue;
		if (p->kind == PROBE_HTTP && p->path && p->path[0] != '/')
			diag(&k->c->diags, E0515, p->loc, "a probe's path starts with '/', unlike %s",
			     quote(k, p->path));
		if (p->kind == PROBE_EXEC && p->command.len == 0)
			diag(&k->c->diags, E0515, p->loc, "an exec probe needs a command");
		if (!check_int32(k, p->delay < 0 ? 0 : p->delay, p->loc, "delay") ||
		    !check_int32(k, p->every < 0 ? 1 : p->every, p->loc, "every") ||
		    !check_int32(k, p->timeout < 0 ? 1 : p->timeout, p->loc, "timeout") ||
		    !check_int32(k, p->failures < 0 ? 1 : p->failures, p->loc, "failures"))
			continue;
		if (p->every == 0 || p->timeout == 0 || p->failures == 0)
			diag(&k->c->diags, E0515, p->loc,
			     "a probe's 'every', 'timeout' and 'failures' must be at least 1");
		for (size_t i = 0; i < p->headers.len; i++) {
			const struct header *h = p->headers.items[i];
			bool ok = h->name[0] != '\0';
			for (const char *c = h->name; *c; c++)
				ok &= (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
				      (*c >= '0' && *c <= '9') || *c == '-';
			if (!ok)
				diag(&k->c->diags, E0515, h->loc,
				     "HTTP header name %s must consist of letters, digits and '-'",
				     quote(k, h->name));
		}
	}
}

static void
check_volumes(struct checker *k, struct component *comp)
{
	for (size_t i = 0; i < comp->volumes.len; i++) {
		struct volume *vol = comp->volumes.items[i];
		if (vol->path && vol->path[0] != '/')
			diag(&k->c->diags, E0518, vol->path_loc, "mount path %s is not absolute",
			     quote(k, vol->path));
		for (size_t j = 0; j < i && vol->path; j++) {
			struct volume *old = comp->volumes.items[j];
			if (old->path && strcmp(old->path, vol->path) == 0) {
				struct diagnostic *g = diag(&k->c->diags, E0518, vol->path_loc,
				                            "mount path %s is used twice", quote(k, vol->path));
				diag_note(&k->c->diags, g, old->path_loc, "first used here");
			}
		}
		check_quantity(k, &vol->size, "size", true);
		if (vol->kind == VOLUME_CLAIM && !comp->stateful) {
			check_object_name(k, vol->claim_name, "PersistentVolumeClaim",
			                  dns1123_subdomain_problem, vol->name.loc, NAMING_WORKLOAD);
			if (comp->replicas > 1 || (comp->autoscaled && comp->max_replicas > 1))
				diag(&k->c->diags, W0503, vol->loc,
				     "the claim of volume %s is ReadWriteOnce, but %s may run several "
				     "replicas on different nodes; use a stateful for per-replica volumes",
				     quote(k, vol->name.text), quote(k, comp->name.text));
		}
	}
}

static void
check_pod_metadata(struct checker *k, struct component *comp)
{
	for (size_t i = 0; i < comp->pod_labels.len; i++) {
		const struct header *h = comp->pod_labels.items[i];
		const char *problem = label_key_problem(h->name);
		if (!problem)
			problem = label_value_problem(h->value);
		if (problem)
			diag(&k->c->diags, E0517, h->loc, "label %s is not valid: %s", quote(k, h->name),
			     problem);
		if (strcmp(h->name, "app") == 0 || strcmp(h->name, "app.kubernetes.io/part-of") == 0)
			diag(&k->c->diags, E0517, h->loc,
			     "label %s is set by todokc (the selector uses it); choose another key",
			     quote(k, h->name));
	}
	for (size_t i = 0; i < comp->pod_annotations.len; i++) {
		const struct header *h = comp->pod_annotations.items[i];
		const char *problem = label_key_problem(h->name);
		if (problem)
			diag(&k->c->diags, E0517, h->loc, "annotation %s is not valid: %s",
			     quote(k, h->name), problem);
	}
}

static void
check_routes(struct checker *k, struct component *comp)
{
	for (size_t i = 0; i < comp->routes.len; i++) {
		const struct route *r = comp->routes.items[i];
		const char *host = r->host;
		if (strncmp(host, "*.", 2) == 0)
			host += 2;
		const char *problem = dns1123_subdomain_problem(host);
		if (problem)
			diag(&k->c->diags, E0501, r->host_loc, "route host %s is not valid: %s",
			     quote(k, r->host), problem);
		if (r->path[0] != '/')
			diag(&k->c->diags, E0515, r->path_loc, "a route's path starts with '/', unlike %s",
			     quote(k, r->path));
		if (comp->expose == EXPOSE_NONE || !comp->ports.len)
			diag(&k->c->diags, E0513, r->loc, "a route needs the Service of %s, which has none",
			     quote(k, comp->name.text));
		check_object_name(k, comp->workload_name, "Ingress", dns1123_subdomain_problem,
		                  comp->name.loc, NAMING_WORKLOAD);
	}
}

/* A StatefulSet's pods carry the label controller-revision-hash =
 * NAME-HASH (10 characters): NAME must leave room for it in 63. */
static const char *
statefulset_name_problem(const char *s)
{
	const char *problem = dns1123_label_problem(s);
	if (!problem && strlen(s) > 52)
		return "a StatefulSet name must be no more than 52 characters, to leave room "
		       "for the revision label of its pods";
	return problem;
}

static void
check_component(struct checker *k, struct component *comp)
{
	check_object_name(k, comp->workload_name, comp->stateful ? "StatefulSet" : "Deployment",
	                  comp->stateful ? statefulset_name_problem : dns1123_subdomain_problem,
	                  comp->name.loc, NAMING_WORKLOAD);
	/* The app label carries the workload's name: a label value. */
	if (!dns1123_subdomain_problem(comp->workload_name) && label_value_problem(comp->workload_name))
		check_object_name(k, comp->workload_name, "workload (as the 'app' label)",
		                  label_value_problem, comp->name.loc, NAMING_WORKLOAD);
	const char *problem = dns1123_label_problem(comp->container_name);
	if (problem && (comp->prop[PROP_CONTAINER] || !k->skip_names))
		diag(&k->c->diags, E0501, comp->container_loc, "container name %s is not valid: %s",
		     quote(k, comp->container_name), problem);
	if (comp->image) {
		problem = image_problem(comp->image);
		if (problem)
			diag(&k->c->diags, E0512, comp->image_loc, "image %s is not a valid reference: %s",
			     quote(k, comp->image), problem);
	}
	for (size_t i = 0; i < comp->waits.len; i++) {
		const struct wait *w = comp->waits.items[i];
		if (!w->enabled)
			continue;
		const char *init = arena_printf(k->a, "wait-for-%s", w->target->name.text);
		if (strlen(init) > 63)
			diag(&k->c->diags, E0501, w->loc,
			     "the init container that waits for %s would be named %s, longer than "
			     "63 characters; give it a shorter name, or use --no-wait",
			     quote(k, w->target->name.text), quote(k, init));
		else if (strcmp(init, comp->container_name) == 0)
			diag(&k->c->diags, E0501, comp->container_loc,
			     "container name %s is also the name of the init container that waits "
			     "for %s", quote(k, init), quote(k, w->target->name.text));
	}
	if (comp->grace >= 0)
		check_int32(k, comp->grace, comp->prop[PROP_GRACE]->loc, "grace");
	check_ports(k, comp);
	check_service(k, comp);
	check_resources(k, comp);
	check_env(k, comp);
	check_autoscaling(k, comp);
	check_probes(k, comp);
	check_volumes(k, comp);
	check_pod_metadata(k, comp);
	check_routes(k, comp);
	if (comp->autoscaled)
		check_object_name(k, comp->workload_name, "HorizontalPodAutoscaler",
		                  dns1123_subdomain_problem, comp->name.loc, NAMING_WORKLOAD);
}

/* Two objects of one kind must not share a name.  `map` holds the names
 * taken so far for that kind (workloads share one map: their names are
 * also their 'app' labels, which select their pods). */
static void
claim_name(struct checker *k, struct strmap *map, const char *kind, const char *name,
           struct loc *loc)
{
	if (!name)
		return;
	struct loc *old = strmap_get(map, name);
	if (!old) {
		strmap_put(k->a, map, name, loc);
		return;
	}
	struct diagnostic *g = diag(&k->c->diags, E0401, *loc, "two %s would be named %s", kind,
	                            quote(k, name));
	diag_note(&k->c->diags, g, *old, "the other one comes from here");
}

static void
check_object_names(struct checker *k)
{
	struct strmap configs = {0}, secrets = {0}, workloads = {0}, claims = {0};
	for (size_t i = 0; i < k->s->configs.len; i++) {
		struct config *cfg = k->s->configs.items[i];
		claim_name(k, &configs, "ConfigMaps", cfg->k8s_name, &cfg->name.loc);
	}
	for (size_t i = 0; i < k->s->secrets.len; i++) {
		struct secret *sec = k->s->secrets.items[i];
		claim_name(k, &secrets, "Secrets", sec->k8s_name, &sec->name.loc);
	}
	for (size_t i = 0; i < k->s->components.len; i++) {
		struct component *comp = k->s->components.items[i];
		claim_name(k, &workloads, comp->stateful ? "workloads" : "Deployments",
		           comp->workload_name, &comp->name.loc);
		for (size_t j = 0; j < comp->volumes.len; j++) {
			struct volume *vol = comp->volumes.items[j];
			if (vol->claim_name)
				claim_name(k, &claims, "PersistentVolumeClaims", vol->claim_name,
				           &vol->name.loc);
		}
	}
}

/* A NodePort is allocated once per cluster: two Services asking for the
 * same one cannot both be applied. */
static void
claim_node_port(struct checker *k, struct vec *taken, long long port, struct loc *loc)
{
	if (!port)
		return;
	for (size_t i = 0; i + 1 < taken->len; i += 2) {
		if (*(long long *)taken->items[i] == port) {
			struct diagnostic *g = diag(&k->c->diags, E0514, *loc,
			                            "NodePort %lld is used twice", port);
			diag_note(&k->c->diags, g, *(struct loc *)taken->items[i + 1],
			          "the other one is here");
			return;
		}
	}
	long long *p = NEW(k->a, long long);
	*p = port;
	vec_push(k->a, taken, p);
	vec_push(k->a, taken, loc);
}

static void
check_node_ports(struct checker *k)
{
	struct vec taken = {0}; /* port, loc, port, loc, ... */
	for (size_t i = 0; i < k->s->components.len; i++) {
		struct component *comp = k->s->components.items[i];
		if (comp->expose == EXPOSE_NODEPORT)
			claim_node_port(k, &taken, comp->node_port, &comp->expose_loc);
		for (size_t j = 0; j < comp->extra_services.len; j++) {
			struct extra_service *x = comp->extra_services.items[j];
			if (x->kind == EXPOSE_NODEPORT)
				claim_node_port(k, &taken, x->node_port, &x->loc);
		}
	}
}

/* Every Service name of the stack is unique (main and extra ones). */
static void
check_service_names(struct checker *k)
{
	struct strmap seen = {0};
	for (size_t i = 0; i < k->s->components.len; i++) {
		struct component *comp = k->s->components.items[i];
		if (comp->expose != EXPOSE_NONE)
			claim_name(k, &seen, "Services", comp->service_name, &comp->name.loc);
		for (size_t j = 0; j < comp->extra_services.len; j++) {
			struct extra_service *x = comp->extra_services.items[j];
			claim_name(k, &seen, "Services", x->name, &x->loc);
		}
	}
}

/* The sum of requests times the most replicas each workload may run fits
 * in the cluster's capacity; the error names the largest contributors. */
static void
check_capacity_of(struct checker *k, bool memory)
{
	struct stack *s = k->s;
	struct quantity *cap = memory ? &s->capacity.memory : &s->capacity.cpu;
	if (!cap->text || !check_quantity(k, cap, memory ? "memory capacity" : "cpu capacity", memory))
		return;
	long double total = 0;
	size_t n = s->components.len;
	for (size_t i = 0; i < n; i++) {
		struct component *comp = s->components.items[i];
		struct quantity *q = memory ? &comp->requests.memory : &comp->requests.cpu;
		long long replicas = comp->autoscaled ? comp->max_replicas : comp->replicas;
		if (q->text && replicas > 0)
			total += q->value * (long double)replicas;
	}
	if (total <= cap->value)
		return;
	const char *unit = memory ? "Mi" : "m";
	long double scale = memory ? 1048576.0L : 0.001L;
	struct diagnostic *g = diag(&k->c->diags, E0507, HAS_LOC(cap->loc) ? cap->loc : s->capacity_loc,
	                            "the %s requests of the stack, %.0Lf%s at the most replicas, "
	                            "do not fit the cluster's %s (%.0Lf%s)",
	                            memory ? "memory" : "cpu", total / scale, unit,
	                            quote(k, cap->text), cap->value / scale, unit);
	/* The three largest contributors, largest first. */
	struct component *top[3] = {0};
	long double topv[3] = {0};
	for (size_t i = 0; i < n; i++) {
		struct component *comp = s->components.items[i];
		struct quantity *q = memory ? &comp->requests.memory : &comp->requests.cpu;
		long long replicas = comp->autoscaled ? comp->max_replicas : comp->replicas;
		if (!q->text || replicas <= 0)
			continue;
		long double v = q->value * (long double)replicas;
		for (int t = 0; t < 3; t++) {
			if (!top[t] || v > topv[t]) {
				for (int u = 2; u > t; u--) {
					top[u] = top[u - 1];
					topv[u] = topv[u - 1];
				}
				top[t] = comp;
				topv[t] = v;
				break;
			}
		}
	}
	for (int t = 0; t < 3 && top[t]; t++) {
		struct quantity *q = memory ? &top[t]->requests.memory : &top[t]->requests.cpu;
		long long replicas = top[t]->autoscaled ? top[t]->max_replicas : top[t]->replicas;
		diag_note(&k->c->diags, g, q->loc, "%s requests %s x %lld replica%s = %.0Lf%s",
		          quote(k, top[t]->name.text), q->text, replicas, replicas == 1 ? "" : "s",
		          topv[t] / scale, unit);
	}
}

void
check_stack(struct compilation *c)
{
	struct checker k = {c, c->stack, &c->arena, false};
	struct stack *s = c->stack;
	if (s->namespace)
		check_object_name(&k, s->namespace, "Namespace", dns1123_label_problem,
		                  s->namespace_loc, NAMING_SLOTS);
	for (size_t i = 0; i < s->configs.len; i++) {
		struct config *cfg = s->configs.items[i];
		k.skip_names = s->bad_name || cfg->bad_name;
		check_object_name(&k, cfg->k8s_name, "ConfigMap", dns1123_subdomain_problem,
		                  cfg->name.loc, NAMING_CONFIG);
		check_keys(&k, &cfg->keys, "config", cfg->name, false);
	}
	for (size_t i = 0; i < s->secrets.len; i++) {
		struct secret *sec = s->secrets.items[i];
		k.skip_names = s->bad_name || sec->bad_name;
		check_object_name(&k, sec->k8s_name, "Secret", dns1123_subdomain_problem,
		                  sec->name.loc, NAMING_SECRET);
		check_keys(&k, &sec->keys, "secret", sec->name, true);
		check_tls_secret(&k, sec);
	}
	for (size_t i = 0; i < s->components.len; i++) {
		struct component *comp = s->components.items[i];
		k.skip_names = s->bad_name || comp->bad_name;
		check_component(&k, comp);
	}
	k.skip_names = false;
	check_service_names(&k);
	check_object_names(&k);
	check_node_ports(&k);
	check_capacity_of(&k, false);
	check_capacity_of(&k, true);
}
