/*
 * check.c - the validation pass (docs/language.md section 12).
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

/* Ports and Services */

static void
check_port_range(struct checker *k, const struct service_port *p)
{
	if (p->number < 1 || p->number > 65535)
		diag(&k->c->diags, E0502, p->loc, "port %lld is out of range: it must be between 1 and 65535",
		     p->number);
	long long target = p->target->number;
	if (target != p->number && (target < 1 || target > 65535))
		diag(&k->c->diags, E0502, p->loc,
		     "container port %lld is out of range: it must be between 1 and 65535", target);
	if (p->name) {
		const char *problem = iana_port_name_problem(p->name);
		if (problem)
			diag(&k->c->diags, E0503, p->target->name_loc, "port name %s is not valid: %s",
			     quote(k, p->name), problem);
	}
}

static void
check_ports(struct checker *k, struct component *comp)
{
	for (size_t i = 0; i < comp->ports.len; i++) {
		const struct service_port *p = comp->ports.items[i];
		check_port_range(k, p);
		for (size_t j = 0; j < i; j++) {
			const struct service_port *q = comp->ports.items[j];
			struct diagnostic *g = NULL;
			if (q->udp == p->udp && q->number == p->number)
				g = diag(&k->c->diags, E0514, p->loc, "port %lld%s is declared twice", p->number,
				         p->udp ? "/udp" : "");
			else if (q->udp == p->udp && q->target->number == p->target->number)
				g = diag(&k->c->diags, E0514, p->loc, "container port %lld%s is declared twice",
				         p->target->number, p->udp ? "/udp" : "");
			else if (p->name && q->name && strcmp(p->name, q->name) == 0)
				g = diag(&k->c->diags, E0514, p->target->name_loc, "port name %s is used twice",
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
	const char *kind = workload_kinds[comp->kind].word;
	const struct expose *x = &comp->expose;
	bool stateful = comp->kind == WORKLOAD_STATEFULSET;
	if (stateful && x->kind == EXPOSE_NONE) {
		diag(&k->c->diags, E0409, x->loc,
		     "'expose none' is not allowed on a stateful: its StatefulSet needs its "
		     "Service (serviceName)");
		return;
	}
	if (stateful && comp->ports.len == 0)
		diag(&k->c->diags, E0513, comp->name.loc,
		     "stateful %s has no port; its StatefulSet needs a Service, which needs a port",
		     quote(k, comp->name.text));
	else if (comp->ports.len == 0 && x->kind != EXPOSE_NONE)
		diag(&k->c->diags, E0513, x->given ? x->loc : comp->name.loc,
		     "%s %s has no port, so it can have no Service; add a port, or 'expose none' "
		     "for a workload nothing connects to", kind, quote(k, comp->name.text));
	else if (comp->ports.len && x->kind == EXPOSE_NONE)
		diag(&k->c->diags, E0513, x->loc,
		     "%s %s has ports but 'expose none': nothing could reach them; remove "
		     "'expose none' or the ports", kind, quote(k, comp->name.text));
	if (comp->service)
		check_object_name(k, comp->service->name, "Service", dns1035_label_problem,
		                  comp->name.loc, NAMING_SERVICE);
	if (x->kind == EXPOSE_NODEPORT)
		check_node_port(k, x->node_port, x->loc);
	for (size_t i = 0; i < comp->extra_services.len; i++) {
		const struct service *svc = comp->extra_services.items[i];
		check_object_name(k, svc->name, "Service", dns1035_label_problem, svc->loc, NAMING_SLOTS);
		if (svc->type == EXPOSE_NODEPORT)
			check_node_port(k, svc->node_port, svc->loc);
		if (!comp->ports.len)
			diag(&k->c->diags, E0513, svc->loc, "a Service needs a port, and %s has none",
			     quote(k, comp->name.text));
	}
}

/* Containers */

static void
check_resources(struct checker *k, struct container *ctr)
{
	bool rc = check_quantity(k, &ctr->requests.cpu, "cpu request", false);
	bool rm = check_quantity(k, &ctr->requests.memory, "memory request", true);
	bool lc = check_quantity(k, &ctr->limits.cpu, "cpu limit", false);
	bool lm = check_quantity(k, &ctr->limits.memory, "memory limit", true);
	if (rc && lc && ctr->requests.cpu.value > ctr->limits.cpu.value) {
		struct diagnostic *g = diag(&k->c->diags, E0506, ctr->requests.cpu.loc,
		                            "cpu request %s is above the cpu limit %s",
		                            quote(k, ctr->requests.cpu.text), quote(k, ctr->limits.cpu.text));
		diag_note(&k->c->diags, g, ctr->limits.cpu.loc, "the limit is set here");
	}
	if (rm && lm && ctr->requests.memory.value > ctr->limits.memory.value) {
		struct diagnostic *g = diag(&k->c->diags, E0506, ctr->requests.memory.loc,
		                            "memory request %s is above the memory limit %s",
		                            quote(k, ctr->requests.memory.text),
		                            quote(k, ctr->limits.memory.text));
		diag_note(&k->c->diags, g, ctr->limits.memory.loc, "the limit is set here");
	}
}

static void
check_env(struct checker *k, const struct container *ctr)
{
	for (size_t i = 0; i < ctr->env.len; i++) {
		const struct env_var *e = ctr->env.items[i];
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
check_probe_headers(struct checker *k, const struct probe *p)
{
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

static void
check_probes(struct checker *k, const struct container *ctr)
{
	for (int slot = 0; slot < PROBE_SLOTS; slot++) {
		const struct probe *p = &ctr->probes[slot];
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
		check_probe_headers(k, p);
	}
}

static void
check_mounts(struct checker *k, const struct container *ctr)
{
	struct strmap paths = {0};
	for (size_t i = 0; i < ctr->mounts.len; i++) {
		const struct mount *m = ctr->mounts.items[i];
		const char *path = m->path.value;
		if (!path)
			continue;
		if (path[0] != '/')
			diag(&k->c->diags, E0518, m->path_loc, "mount path %s is not absolute", quote(k, path));
		const struct mount *old = strmap_claim(k->a, &paths, path, (void *)m);
		if (old)
			diag_again(&k->c->diags, E0518, m->path_loc, old->path_loc, "first used here",
			           "mount path %s is used twice", quote(k, path));
	}
}

static void
check_main_container(struct checker *k, struct container *ctr)
{
	const char *problem = dns1123_label_problem(ctr->name);
	if (problem && (ctr->named || !k->skip_names))
		diag(&k->c->diags, E0501, ctr->name_loc, "container name %s is not valid: %s",
		     quote(k, ctr->name), problem);
	if (ctr->image.value) {
		problem = image_problem(ctr->image.value);
		if (problem)
			diag(&k->c->diags, E0512, ctr->image_loc, "image %s is not a valid reference: %s",
			     quote(k, ctr->image.value), problem);
	}
	check_resources(k, ctr);
	check_env(k, ctr);
	check_probes(k, ctr);
	check_mounts(k, ctr);
}

/* Container names are unique within the pod, wait containers included. */
static void
check_container_names(struct checker *k, struct component *comp)
{
	struct strmap names = {0};
	for (size_t i = 0; i < comp->pod.containers.len; i++) {
		const struct container *ctr = comp->pod.containers.items[i];
		if (ctr->role == ROLE_WAIT && strlen(ctr->name) > 63) {
			diag(&k->c->diags, E0501, ctr->wait->loc,
			     "the init container that waits for %s would be named %s, longer than "
			     "63 characters; give it a shorter name, or use --no-wait",
			     quote(k, ctr->wait->target->name.text), quote(k, ctr->name));
			continue;
		}
		const struct container *old = strmap_claim(k->a, &names, ctr->name, (void *)ctr);
		if (old && old->role == ROLE_WAIT)
			diag(&k->c->diags, E0501, ctr->name_loc,
			     "container name %s is also the name of the init container that waits "
			     "for %s", quote(k, ctr->name), quote(k, old->wait->target->name.text));
	}
}

/* Volumes, the pod, routes */

static void
check_volumes(struct checker *k, struct component *comp)
{
	for (size_t i = 0; i < comp->pod.volumes.len; i++) {
		struct volume *vol = comp->pod.volumes.items[i];
		check_quantity(k, &vol->size, "size", true);
		if (vol->claim != CLAIM_OBJECT)
			continue;
		check_object_name(k, vol->claim_name, "PersistentVolumeClaim",
		                  dns1123_subdomain_problem, vol->name.loc, NAMING_WORKLOAD);
		if (comp->max_replicas > 1)
			diag(&k->c->diags, W0503, vol->loc,
			     "the claim of volume %s is ReadWriteOnce, but %s may run several "
			     "replicas on different nodes; use a stateful for per-replica volumes",
			     quote(k, vol->name.text), quote(k, comp->name.text));
	}
}

static void
check_pod_metadata(struct checker *k, struct component *comp)
{
	for (size_t i = 0; i < comp->pod.labels.len; i++) {
		const struct header *h = comp->pod.labels.items[i];
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
	for (size_t i = 0; i < comp->pod.annotations.len; i++) {
		const struct header *h = comp->pod.annotations.items[i];
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
		if (!r->host.value || !r->path.value)
			continue;
		const char *host = r->host.value;
		if (strncmp(host, "*.", 2) == 0)
			host += 2;
		const char *problem = dns1123_subdomain_problem(host);
		if (problem)
			diag(&k->c->diags, E0501, r->host_loc, "route host %s is not valid: %s",
			     quote(k, r->host.value), problem);
		if (r->path.value[0] != '/')
			diag(&k->c->diags, E0515, r->path_loc, "a route's path starts with '/', unlike %s",
			     quote(k, r->path.value));
		if (!comp->service)
			diag(&k->c->diags, E0513, r->loc, "a route needs the Service of %s, which has none",
			     quote(k, comp->name.text));
		check_object_name(k, comp->workload_name, "Ingress", dns1123_subdomain_problem,
		                  comp->name.loc, NAMING_WORKLOAD);
	}
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
	    !check_int32(k, comp->autoscale_max, at, "replicas") ||
	    !check_int32(k, comp->cpu_percent, at, "the CPU target"))
		return;
	if (comp->min_replicas < 1)
		diag(&k->c->diags, E0511, at, "an autoscaler's minimum must be at least 1, not %lld",
		     comp->min_replicas);
	if (comp->autoscale_max < comp->min_replicas)
		diag(&k->c->diags, E0511, at,
		     "an autoscaler's maximum (%lld) must not be below its minimum (%lld)",
		     comp->autoscale_max, comp->min_replicas);
	if (comp->cpu_percent < 1)
		diag(&k->c->diags, E0511, at, "the CPU target must be at least 1%%");
	if (!comp->main->requests.cpu.text)
		diag(&k->c->diags, E0519, at,
		     "%s scales on CPU use but requests no CPU, so the autoscaler cannot measure it; "
		     "add 'requests cpu ...'", quote(k, comp->name.text));
	check_object_name(k, comp->workload_name, "HorizontalPodAutoscaler",
	                  dns1123_subdomain_problem, comp->name.loc, NAMING_WORKLOAD);
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
	bool stateful = comp->kind == WORKLOAD_STATEFULSET;
	check_object_name(k, comp->workload_name, WORKLOAD_KIND_NAME(comp),
	                  stateful ? statefulset_name_problem : dns1123_subdomain_problem,
	                  comp->name.loc, NAMING_WORKLOAD);
	/* The app label carries the workload's name: a label value. */
	if (!dns1123_subdomain_problem(comp->workload_name) && label_value_problem(comp->workload_name))
		check_object_name(k, comp->workload_name, "workload (as the 'app' label)",
		                  label_value_problem, comp->name.loc, NAMING_WORKLOAD);
	check_main_container(k, comp->main);
	check_container_names(k, comp);
	if (comp->pod.grace >= 0)
		check_int32(k, comp->pod.grace, comp->pod.grace_loc, "grace");
	check_ports(k, comp);
	check_service(k, comp);
	check_autoscaling(k, comp);
	check_volumes(k, comp);
	check_pod_metadata(k, comp);
	check_routes(k, comp);
}

/* Configs and secrets */

static void
check_keys(struct checker *k, const struct keyset *set)
{
	const char *kind = set->secret ? "secret" : "config";
	size_t total = 0;
	for (size_t i = 0; i < set->keys.len; i++) {
		struct kv *kv = set->keys.items[i];
		const char *problem = config_key_problem(kv->key.text);
		if (problem)
			diag(&k->c->diags, E0509, kv->key.loc, "%s key %s is not valid: %s", kind,
			     quote(k, kv->key.text), problem);
		total += set->secret ? kv->nbytes
		         : kv->value && kv->value->kind == RV_TEXT ? kv->value->len : 0;
	}
	if (total > MAX_OBJECT_BYTES)
		diag(&k->c->diags, E0510, set->name.loc,
		     "%s %s holds %zu bytes; Kubernetes accepts at most 1048576 (1 MiB)", kind,
		     quote(k, set->name.text), total);
}

/* A secret a route uses for TLS is written as type kubernetes.io/tls,
 * which holds exactly the keys tls.crt and tls.key. */
static void
check_tls_secret(struct checker *k, struct keyset *sec)
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
check_keyset(struct checker *k, struct keyset *set)
{
	k->skip_names = k->s->bad_name || set->bad_name;
	check_object_name(k, set->k8s_name, set->secret ? "Secret" : "ConfigMap",
	                  dns1123_subdomain_problem, set->name.loc,
	                  set->secret ? NAMING_SECRET : NAMING_CONFIG);
	check_keys(k, set);
	check_tls_secret(k, set);
}

/* Across the stack */

/* Two objects of one kind must not share a name.  `map` holds the names
 * taken so far for that kind (workloads share one map: their names are
 * also their 'app' labels, which select their pods). */
static void
claim_name(struct checker *k, struct strmap *map, const char *kind, const char *name,
           const struct loc *loc)
{
	if (!name)
		return;
	const struct loc *old = strmap_claim(k->a, map, name, (void *)loc);
	if (old)
		diag_again(&k->c->diags, E0401, *loc, *old, "the other one comes from here",
		           "two %s would be named %s", kind, quote(k, name));
}

static void
check_object_names(struct checker *k)
{
	struct strmap configs = {0}, secrets = {0}, workloads = {0}, claims = {0};
	for (size_t i = 0; i < k->s->configs.len; i++) {
		struct keyset *cfg = k->s->configs.items[i];
		claim_name(k, &configs, "ConfigMaps", cfg->k8s_name, &cfg->name.loc);
	}
	for (size_t i = 0; i < k->s->secrets.len; i++) {
		struct keyset *sec = k->s->secrets.items[i];
		claim_name(k, &secrets, "Secrets", sec->k8s_name, &sec->name.loc);
	}
	for (size_t i = 0; i < k->s->components.len; i++) {
		struct component *comp = k->s->components.items[i];
		claim_name(k, &workloads, comp->kind == WORKLOAD_STATEFULSET ? "workloads" : "Deployments",
		           comp->workload_name, &comp->name.loc);
		for (size_t j = 0; j < comp->pod.volumes.len; j++) {
			struct volume *vol = comp->pod.volumes.items[j];
			if (vol->claim == CLAIM_OBJECT)
				claim_name(k, &claims, "PersistentVolumeClaims", vol->claim_name, &vol->name.loc);
		}
	}
}

/* A NodePort is allocated once per cluster: two Services asking for the
 * same one cannot both be applied. */
static void
claim_node_port(struct checker *k, struct strmap *taken, long long port, const struct loc *loc)
{
	if (!port)
		return;
	const struct loc *old = strmap_claim(k->a, taken, arena_printf(k->a, "%lld", port), (void *)loc);
	if (old)
		diag_again(&k->c->diags, E0514, *loc, *old, "the other one is here",
		           "NodePort %lld is used twice", port);
}

/* Every Service name of the stack is unique (main and extra ones), and
 * so is every NodePort. */
static void
check_services(struct checker *k)
{
	struct strmap names = {0}, node_ports = {0};
	for (size_t i = 0; i < k->s->components.len; i++) {
		struct component *comp = k->s->components.items[i];
		if (comp->service)
			claim_name(k, &names, "Services", comp->service->name, &comp->name.loc);
		if (comp->expose.kind == EXPOSE_NODEPORT)
			claim_node_port(k, &node_ports, comp->expose.node_port, &comp->expose.loc);
		for (size_t j = 0; j < comp->extra_services.len; j++) {
			struct service *svc = comp->extra_services.items[j];
			claim_name(k, &names, "Services", svc->name, &svc->loc);
			if (svc->type == EXPOSE_NODEPORT)
				claim_node_port(k, &node_ports, svc->node_port, &svc->loc);
		}
	}
}

/* What a component's pods request of a resource at the most replicas. */
static long double
component_request(const struct component *comp, bool memory, const struct quantity **q)
{
	*q = memory ? &comp->main->requests.memory : &comp->main->requests.cpu;
	if (!(*q)->text || comp->max_replicas <= 0)
		return -1;
	return (*q)->value * (long double)comp->max_replicas;
}

/* Notes on the three largest contributors to a capacity error, largest first. */
static void
note_largest(struct checker *k, struct diagnostic *g, bool memory, const char *unit,
             long double scale)
{
	const struct component *top[3] = {0};
	long double topv[3] = {0};
	for (size_t i = 0; i < k->s->components.len; i++) {
		const struct component *comp = k->s->components.items[i];
		const struct quantity *q;
		long double v = component_request(comp, memory, &q);
		for (int t = 0; v >= 0 && t < 3; t++) {
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
		const struct quantity *q;
		component_request(top[t], memory, &q);
		long long replicas = top[t]->max_replicas;
		diag_note(&k->c->diags, g, q->loc, "%s requests %s x %lld replica%s = %.0Lf%s",
		          quote(k, top[t]->name.text), q->text, replicas, replicas == 1 ? "" : "s",
		          topv[t] / scale, unit);
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
	for (size_t i = 0; i < s->components.len; i++) {
		const struct quantity *q;
		long double v = component_request(s->components.items[i], memory, &q);
		if (v >= 0)
			total += v;
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
	note_largest(k, g, memory, unit, scale);
}

void
check_stack(struct compilation *c)
{
	struct checker k = {c, c->stack, &c->arena, false};
	struct stack *s = c->stack;
	if (s->namespace)
		check_object_name(&k, s->namespace, "Namespace", dns1123_label_problem,
		                  s->namespace_loc, NAMING_SLOTS);
	for (size_t i = 0; i < s->configs.len; i++)
		check_keyset(&k, s->configs.items[i]);
	for (size_t i = 0; i < s->secrets.len; i++)
		check_keyset(&k, s->secrets.items[i]);
	for (size_t i = 0; i < s->components.len; i++) {
		struct component *comp = s->components.items[i];
		k.skip_names = s->bad_name || comp->bad_name;
		check_component(&k, comp);
	}
	k.skip_names = false;
	check_services(&k);
	check_object_names(&k);
	check_capacity_of(&k, false);
	check_capacity_of(&k, true);
}
