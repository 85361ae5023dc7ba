/*
 * objects.c - from the checked stack to the Kubernetes objects, in apply
 * order (docs/language.md sections 8-10): the plan (Namespace, Secrets,
 * ConfigMaps, PersistentVolumeClaims, then for each component in
 * dependency order its Services, its Deployment or StatefulSet, its HPA,
 * its PodDisruptionBudget, its NetworkPolicy and its Ingress; the default-deny
 * NetworkPolicy of `network isolated` after the Namespace), and one builder per
 * object kind that makes the tree
 * of an object when it is written.  The workloads' builders are in
 * src/workloads.c.  Secret values are written here, base64-encoded, into
 * the Secret's data and nowhere else.
 */
#include "objects.h"

#include <string.h>

const struct object_kind_info object_kinds[OBJ_KINDS] = {
	[OBJ_NAMESPACE] = {"v1", "Namespace", false},
	[OBJ_SERVICE_ACCOUNT] = {"v1", "ServiceAccount", false},
	[OBJ_ROLE] = {"rbac.authorization.k8s.io/v1", "Role", false},
	[OBJ_ROLE_BINDING] = {"rbac.authorization.k8s.io/v1", "RoleBinding", false},
	[OBJ_SECRET] = {"v1", "Secret", true},
	[OBJ_CONFIGMAP] = {"v1", "ConfigMap", false},
	[OBJ_CLAIM] = {"v1", "PersistentVolumeClaim", false},
	[OBJ_SERVICE] = {"v1", "Service", false},
	[OBJ_DEPLOYMENT] = {"apps/v1", "Deployment", false},
	[OBJ_STATEFULSET] = {"apps/v1", "StatefulSet", false},
	[OBJ_JOB] = {"batch/v1", "Job", false},
	[OBJ_CRONJOB] = {"batch/v1", "CronJob", false},
	[OBJ_AUTOSCALER] = {"autoscaling/v2", "HorizontalPodAutoscaler", false},
	[OBJ_BUDGET] = {"policy/v1", "PodDisruptionBudget", false},
	[OBJ_NETWORK_POLICY] = {"networking.k8s.io/v1", "NetworkPolicy", false},
	[OBJ_INGRESS] = {"networking.k8s.io/v1", "Ingress", false},
	[OBJ_HTTPROUTE] = {"gateway.networking.k8s.io/v1", "HTTPRoute", false},
};

struct node *
object_root(const struct compilation *c, struct arena *a, enum object_kind kind,
            const char *name, const struct vec *labels, const struct vec *annotations,
            struct node **metadata)
{
	const struct stack *s = c->stack;
	struct node *doc = node_map(a);
	put_str(a, doc, "apiVersion", object_kinds[kind].api_version);
	put_str(a, doc, "kind", object_kinds[kind].kind);
	struct node *meta = put_map(a, doc, "metadata");
	put_str(a, meta, "name", name);
	if (s->namespace && kind != OBJ_NAMESPACE)
		put_str(a, meta, "namespace", s->namespace);
	struct node *label_map = put_map(a, meta, "labels");
	put_pairs(a, label_map, labels);
	put_pairs(a, label_map, &s->common_labels);
	if ((annotations && annotations->len) || s->meta.annotations.len) {
		struct node *ann = put_map(a, meta, "annotations");
		put_pairs(a, ann, annotations);
		put_pairs(a, ann, &s->meta.annotations);
	}
	if (metadata)
		*metadata = meta;
	return doc;
}

/* Objects that are not workloads */

/* The stack's namespace: its Pod Security admission enforces the
 * standard the stack chose. */
static struct node *
namespace_tree(const struct compilation *c, const char *name, struct arena *a)
{
	static const char *const levels[] = {NULL, "baseline", "restricted"};
	struct node *meta;
	struct node *doc = object_root(c, a, OBJ_NAMESPACE, name, NULL, NULL, &meta);
	if (c->stack->security != SECURITY_NONE)
		put_str(a, map_find(meta, "labels"), "pod-security.kubernetes.io/enforce",
		        levels[c->stack->security]);
	return doc;
}

/* A ConfigMap's or a Secret's data: a Secret's values base64-encoded; a
 * config's secret-bearing keys are left out (they reach containers as
 * env entries instead). */
static struct node *
keyset_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	const struct keyset *set = o->subject;
	struct node *doc = object_root(c, a, o->kind, set->k8s_name, &set->meta.labels,
	                               &set->meta.annotations, NULL);
	struct node *data = put_map(a, doc, "data"), *binary = NULL;
	for (size_t i = 0; i < set->keys.len; i++) {
		const struct kv *kv = set->keys.items[i];
		const struct rvalue *v = kv->value;
		if (!set->secret && (!v || v->kind != RV_TEXT))
			continue;
		if (set->secret || v->binary) {
			struct buf enc = {0};
			base64_encode(&enc, (const unsigned char *)(set->secret ? kv->bytes : v->text),
			              set->secret ? kv->nbytes : v->len);
			size_t len = enc.len;
			struct node *into = set->secret ? data : binary ? binary : (binary = node_map(a));
			map_put(a, into, kv->key.text, node_strn(a, arena_buf_take(a, &enc), len));
		} else {
			map_put(a, data, kv->key.text, node_strn(a, v->text, v->len));
		}
	}
	if (binary)
		map_put(a, doc, "binaryData", binary);
	if (set->secret)
		put_str(a, doc, "type", HAS_LOC(set->tls_use)    ? "kubernetes.io/tls"
		                        : HAS_LOC(set->pull_use) ? "kubernetes.io/dockerconfigjson"
		                                                 : "Opaque");
	return doc;
}

static struct node *
claim_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	const struct volume *vol = o->subject;
	struct node *doc = object_root(c, a, OBJ_CLAIM, vol->claim_name, &o->comp->labels, NULL, NULL);
	claim_spec(a, put_map(a, doc, "spec"), vol);
	return doc;
}

static struct node *
account_tree(const struct compilation *c, const struct account *acc, struct arena *a)
{
	struct node *doc = object_root(c, a, OBJ_SERVICE_ACCOUNT, acc->name, &acc->labels,
	                               &acc->annotations, NULL);
	map_put(a, doc, "automountServiceAccountToken", node_bool(a, false));
	return doc;
}

/* A Role: that may only get the Jobs a pod waits for, or that grants a
 * component's `api` rules. */
static struct node *
role_tree(const struct compilation *c, const struct role *role, struct arena *a)
{
	struct node *doc = object_root(c, a, OBJ_ROLE, role->name, NULL, NULL, NULL);
	struct node *rules = put_seq(a, doc, "rules");
	if (role->jobs.len) {
		struct node *rule = push_map(a, rules);
		seq_push(a, put_seq(a, rule, "apiGroups"), node_str(a, "batch"));
		seq_push(a, put_seq(a, rule, "resources"), node_str(a, "jobs"));
		seq_push(a, put_seq(a, rule, "verbs"), node_str(a, "get"));
		struct node *names = put_seq(a, rule, "resourceNames");
		for (size_t i = 0; i < role->jobs.len; i++)
			seq_push(a, names, node_str(a, WORKLOAD_OF((const struct component *)
			                                           role->jobs.items[i])->name));
	}
	for (size_t i = 0; i < role->rules.len; i++) {
		const struct api_rule *r = role->rules.items[i];
		struct node *rule = push_map(a, rules);
		seq_push(a, put_seq(a, rule, "apiGroups"), node_str(a, r->group));
		put_strings(a, rule, "resources", &r->resources);
		put_strings(a, rule, "verbs", &r->verbs);
	}
	return doc;
}

static struct node *
role_binding_tree(const struct compilation *c, const struct role *role, struct arena *a)
{
	struct node *doc = object_root(c, a, OBJ_ROLE_BINDING, role->name, NULL, NULL, NULL);
	struct node *ref = put_map(a, doc, "roleRef");
	put_str(a, ref, "apiGroup", "rbac.authorization.k8s.io");
	put_str(a, ref, "kind", "Role");
	put_str(a, ref, "name", role->name);
	struct node *subject = push_map(a, put_seq(a, doc, "subjects"));
	put_str(a, subject, "kind", "ServiceAccount");
	put_str(a, subject, "name", role->account->name);
	return doc;
}

static const char *
service_type(enum expose_kind kind)
{
	switch (kind) {
	case EXPOSE_NODEPORT: return "NodePort";
	case EXPOSE_LOADBALANCER: return "LoadBalancer";
	default: return "ClusterIP";
	}
}

static struct node *
service_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	const struct service *svc = o->subject;
	const struct component *comp = o->comp;
	struct node *doc = object_root(c, a, OBJ_SERVICE, svc->name, &comp->service_labels,
	                               &COMPONENT_META(comp, TARGET_SERVICE)->annotations, NULL);
	struct node *spec = put_map(a, doc, "spec");
	put_str(a, spec, "type", service_type(svc->type));
	/* A headless Service gives the pods their names for their peers: a
	 * member of an ensemble (etcd, ZooKeeper, Cassandra) must find the
	 * others before any is ready, so it publishes pods not yet ready. */
	if (svc->headless) {
		put_str(a, spec, "clusterIP", "None");
		map_put(a, spec, "publishNotReadyAddresses", node_bool(a, true));
	}
	put_pairs(a, put_map(a, spec, "selector"), &comp->selector);
	struct node *ports = put_seq(a, spec, "ports");
	for (size_t i = 0; i < svc->ports->len; i++) {
		const struct service_port *p = svc->ports->items[i];
		struct node *m = push_map(a, ports);
		if (p->k8s_name)
			put_str(a, m, "name", p->k8s_name);
		put_int(a, m, "port", p->number);
		if (p->target_name)
			put_str(a, m, "targetPort", p->target_name);
		else
			put_int(a, m, "targetPort", p->target->number);
		if (p->udp)
			put_str(a, m, "protocol", "UDP");
		if (p == svc->port && svc->type == EXPOSE_NODEPORT && svc->node_port)
			put_int(a, m, "nodePort", svc->node_port);
	}
	return doc;
}

static struct node *
autoscaler_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	const struct workload *w = o->subject;
	struct node *doc = object_root(c, a, OBJ_AUTOSCALER, w->name, &w->labels, NULL, NULL);
	struct node *spec = put_map(a, doc, "spec");
	struct node *target = put_map(a, spec, "scaleTargetRef");
	enum object_kind kind = workload_kinds[o->comp->kind].object;
	put_str(a, target, "apiVersion", object_kinds[kind].api_version);
	put_str(a, target, "kind", object_kinds[kind].kind);
	put_str(a, target, "name", w->name);
	put_int(a, spec, "minReplicas", w->min_replicas);
	put_int(a, spec, "maxReplicas", w->autoscale_max);
	struct node *metric = push_map(a, put_seq(a, spec, "metrics"));
	put_str(a, metric, "type", "Resource");
	struct node *res = put_map(a, metric, "resource");
	put_str(a, res, "name", "cpu");
	struct node *t = put_map(a, res, "target");
	put_str(a, t, "type", "Utilization");
	put_int(a, t, "averageUtilization", w->cpu_percent);
	return doc;
}

/* A component's budget, over the pods of all its workloads: what its
 * Services select. */
static struct node *
budget_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	const struct component *comp = o->comp;
	const struct amount *n = &comp->budget->amount;
	struct node *doc = object_root(c, a, OBJ_BUDGET, o->name, &comp->labels, NULL, NULL);
	struct node *spec = put_map(a, doc, "spec");
	const char *key = comp->budget->max_unavailable ? "maxUnavailable" : "minAvailable";
	if (n->percent)
		put_str(a, spec, key, arena_printf(a, "%lld%%", n->value));
	else
		put_int(a, spec, key, n->value);
	put_pairs(a, put_map(a, put_map(a, spec, "selector"), "matchLabels"), &comp->selector);
	return doc;
}

static struct node *
ingress_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	const struct component *comp = o->comp;
	const struct route *route = o->subject;
	struct node *doc = object_root(c, a, OBJ_INGRESS, o->name, &comp->route_labels,
	                               &COMPONENT_META(comp, TARGET_ROUTE)->annotations, NULL);
	struct node *spec = put_map(a, doc, "spec");
	if (route->class.value)
		put_str(a, spec, "ingressClassName", route->class.value);
	if (route->tls_secret) {
		struct node *tls = push_map(a, put_seq(a, spec, "tls"));
		seq_push(a, put_seq(a, tls, "hosts"), node_str(a, route->host.value));
		put_str(a, tls, "secretName", route->tls_secret->k8s_name);
	}
	struct node *rule = push_map(a, put_seq(a, spec, "rules"));
	put_str(a, rule, "host", route->host.value);
	struct node *path = push_map(a, put_seq(a, put_map(a, rule, "http"), "paths"));
	put_str(a, path, "path", route->path.value);
	put_str(a, path, "pathType", "Prefix");
	struct node *svc = put_map(a, put_map(a, path, "backend"), "service");
	put_str(a, svc, "name", comp->service->name);
	put_int(a, put_map(a, svc, "port"), "number", comp->service->port->number);
	return doc;
}

/* A route through a Gateway of the Gateway API. */
static struct node *
http_route_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	const struct component *comp = o->comp;
	const struct route *route = o->subject;
	struct node *doc = object_root(c, a, OBJ_HTTPROUTE, o->name, &comp->route_labels,
	                               &COMPONENT_META(comp, TARGET_ROUTE)->annotations, NULL);
	struct node *spec = put_map(a, doc, "spec");
	struct node *parent = push_map(a, put_seq(a, spec, "parentRefs"));
	put_str(a, parent, "name", route->gateway_name);
	if (route->gateway_namespace)
		put_str(a, parent, "namespace", route->gateway_namespace);
	seq_push(a, put_seq(a, spec, "hostnames"), node_str(a, route->host.value));
	struct node *rule = push_map(a, put_seq(a, spec, "rules"));
	struct node *path = put_map(a, push_map(a, put_seq(a, rule, "matches")), "path");
	put_str(a, path, "type", "PathPrefix");
	put_str(a, path, "value", route->path.value);
	struct node *backend = push_map(a, put_seq(a, rule, "backendRefs"));
	put_str(a, backend, "name", comp->service->name);
	put_int(a, backend, "port", comp->service->port->number);
	return doc;
}

static struct node *
object_body(const struct compilation *c, const struct object *o, struct arena *a)
{
	switch (o->kind) {
	case OBJ_NAMESPACE: return namespace_tree(c, o->name, a);
	case OBJ_SECRET:
	case OBJ_CONFIGMAP: return keyset_tree(c, o, a);
	case OBJ_CLAIM: return claim_tree(c, o, a);
	case OBJ_SERVICE: return service_tree(c, o, a);
	case OBJ_SERVICE_ACCOUNT: return account_tree(c, o->subject, a);
	case OBJ_ROLE: return role_tree(c, o->subject, a);
	case OBJ_ROLE_BINDING: return role_binding_tree(c, o->subject, a);
	case OBJ_DEPLOYMENT:
	case OBJ_STATEFULSET:
	case OBJ_JOB:
	case OBJ_CRONJOB: return workload_tree(c, o->subject, a);
	case OBJ_AUTOSCALER: return autoscaler_tree(c, o, a);
	case OBJ_BUDGET: return budget_tree(c, o, a);
	case OBJ_NETWORK_POLICY: return network_policy_tree(c, o, a);
	case OBJ_INGRESS: return ingress_tree(c, o, a);
	case OBJ_HTTPROUTE: return http_route_tree(c, o, a);
	case OBJ_KINDS: break;
	}
	return node_map(a);
}

struct node *
object_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	struct node *doc = object_body(c, o, a);
	if (o->order_value) {
		struct node *meta = map_find(doc, "metadata");
		struct node *annotations = map_find(meta, "annotations");
		put_str(a, annotations ? annotations : put_map(a, meta, "annotations"), o->order_key,
		        o->order_value);
	}
	return doc;
}

/* The i-th of the files a Kustomization lists. */
static struct node *
file_name_tree(const void *file_names, size_t i, struct arena *a)
{
	return node_str(a, ((const char *const *)file_names)[i]);
}

struct node *
kustomization_tree(struct arena *a, const char *const *file_names, size_t n)
{
	struct node *doc = node_map(a);
	put_str(a, doc, "apiVersion", "kustomize.config.k8s.io/v1beta1");
	put_str(a, doc, "kind", "Kustomization");
	put_seq_source(a, doc, "resources", n, file_name_tree, file_names);
	put_str(a, put_map(a, doc, "sortOptions"), "order", "fifo");
	return doc;
}

/* The plan */

static void
plan(struct compilation *c, enum object_kind kind, const char *name,
     const struct component *comp, const void *subject)
{
	struct object *o = NEW(&c->arena, struct object);
	o->kind = kind;
	o->name = name;
	o->comp = comp;
	o->subject = subject;
	vec_push(&c->arena, &c->objects, o);
}

static void
plan_component(struct compilation *c, const struct component *comp)
{
	if (comp->service)
		plan(c, OBJ_SERVICE, comp->service->name, comp, comp->service);
	if (comp->headless)
		plan(c, OBJ_SERVICE, comp->headless->name, comp, comp->headless);
	for (size_t k = 0; k < comp->extra_services.len; k++) {
		const struct service *svc = comp->extra_services.items[k];
		plan(c, OBJ_SERVICE, svc->name, comp, svc);
	}
	for (size_t k = 0; k < comp->workloads.len; k++) {
		const struct workload *w = comp->workloads.items[k];
		plan(c, workload_kinds[comp->kind].object, w->name, comp, w);
	}
	for (size_t k = 0; k < comp->workloads.len; k++) {
		const struct workload *w = comp->workloads.items[k];
		if (w->autoscaled)
			plan(c, OBJ_AUTOSCALER, w->name, comp, w);
	}
	if (comp->budget)
		plan(c, OBJ_BUDGET, comp->base_name, comp, comp->budget);
	if (comp->ingress.policy_name)
		plan(c, OBJ_NETWORK_POLICY, comp->ingress.policy_name, comp, comp);
	for (size_t k = 0; k < comp->routes.len; k++) {
		const struct route *route = comp->routes.items[k];
		plan(c, route->gateway.written ? OBJ_HTTPROUTE : OBJ_INGRESS, comp->base_name, comp, route);
	}
}

/* The names that need the rest of the stack first, in dependency order: a
 * job's carries the hash of its pod template (a changed job is a new Job,
 * as Kubernetes cannot change a Job's template), and a wait for a job
 * names it.  This is where a job's name is decided. */
static void
finish_workload_names(struct compilation *c)
{
	/* One scratch arena and one buffer for them all, reset after each use:
	 * a stack of many jobs maps no chunk per job. */
	struct arena scratch = {0};
	struct buf text = {0};
	for (size_t i = 0; i < c->stack->ordered.len; i++) {
		struct component *comp = c->stack->ordered.items[i];
		for (size_t k = 0; k < comp->workloads.len; k++) {
			struct workload *w = comp->workloads.items[k];
			for (size_t j = 0; j < w->pod.containers.len; j++) {
				struct container *ctr = w->pod.containers.items[j];
				if (ctr->role != ROLE_WAIT || !ctr->wait->for_job)
					continue;
				complete_job_wait(&c->arena, &scratch, ctr, WORKLOAD_OF(ctr->wait->target)->name);
				arena_reset(&scratch);
			}
			if (comp->kind != WORKLOAD_JOB)
				continue;
			text.len = 0;
			json_document(&text, pod_template_tree(c, w, &scratch));
			char hash[65];
			sha256_hex(text.data, text.len, hash);
			w->name = arena_printf(&c->arena, "%s-%.8s", comp->base_name, hash);
			arena_reset(&scratch);
		}
	}
	buf_free(&text);
	arena_free(&scratch);
}

/* File names: NN-kind-name, NN as wide as the count needs (at least 2). */
void
name_files(struct compilation *c)
{
	size_t n = c->objects.len, width = 2;
	if (n && ((const struct object *)c->objects.items[0])->file_stem)
		return; /* named already */
	for (size_t k = 100; k <= n; k *= 10)
		width++;
	char *lower[OBJ_KINDS] = {0}; /* each kind in lower case, made once */
	for (size_t i = 0; i < n; i++) {
		struct object *o = c->objects.items[i];
		if (!lower[o->kind]) {
			lower[o->kind] = arena_strdup(&c->arena, object_kinds[o->kind].kind);
			for (char *p = lower[o->kind]; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
		}
		o->file_stem = arena_printf(&c->arena, "%0*zu-%s-%s", (int)width, i + 1, lower[o->kind],
		                            o->name);
	}
}

void
plan_objects(struct compilation *c)
{
	const struct stack *s = c->stack;
	finish_workload_names(c);
	if (s->namespace)
		plan(c, OBJ_NAMESPACE, s->namespace, NULL, NULL);
	if (s->isolated)
		plan(c, OBJ_NETWORK_POLICY, s->deny_policy, NULL, NULL);
	for (size_t i = 0; i < s->accounts.len; i++) {
		const struct account *acc = s->accounts.items[i];
		if (!acc->external)
			plan(c, OBJ_SERVICE_ACCOUNT, acc->name, NULL, acc);
	}
	for (size_t i = 0; i < s->roles.len; i++) {
		const struct role *role = s->roles.items[i];
		plan(c, OBJ_ROLE, role->name, NULL, role);
		plan(c, OBJ_ROLE_BINDING, role->name, NULL, role);
	}
	for (size_t i = 0; i < s->secrets.len; i++) {
		const struct keyset *sec = s->secrets.items[i];
		if (!sec->external)
			plan(c, OBJ_SECRET, sec->k8s_name, NULL, sec);
	}
	for (size_t i = 0; i < s->configs.len; i++) {
		const struct keyset *cfg = s->configs.items[i];
		if (!cfg->external)
			plan(c, OBJ_CONFIGMAP, cfg->k8s_name, NULL, cfg);
	}
	for (size_t i = 0; i < s->ordered.len; i++) {
		const struct component *comp = s->ordered.items[i];
		const struct pod *pod = &WORKLOAD_OF(comp)->pod;
		for (size_t k = 0; k < pod->volumes.len; k++) {
			const struct volume *vol = pod->volumes.items[k];
			if (vol->claim == CLAIM_OBJECT)
				plan(c, OBJ_CLAIM, vol->claim_name, comp, vol);
		}
	}
	for (size_t i = 0; i < s->ordered.len; i++)
		plan_component(c, s->ordered.items[i]);
	annotate_order(c);
}
