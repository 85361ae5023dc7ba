/*
 * objects.c - from the checked stack to the Kubernetes objects, in apply
 * order (docs/language.md sections 8-10): the plan (Namespace, Secrets,
 * ConfigMaps, PersistentVolumeClaims, then for each component in
 * dependency order its Services, its Deployment or StatefulSet, its HPA
 * and its Ingress), and one builder per object kind that makes the tree
 * of an object when it is written.  The workloads' builders are in
 * src/workloads.c.  Secret values are written here, base64-encoded, into
 * the Secret's data and nowhere else.
 */
#include "objects.h"

#include <string.h>

const struct object_kind_info object_kinds[OBJ_KINDS] = {
	[OBJ_NAMESPACE] = {"v1", "Namespace", false},
	[OBJ_SECRET] = {"v1", "Secret", true},
	[OBJ_CONFIGMAP] = {"v1", "ConfigMap", false},
	[OBJ_CLAIM] = {"v1", "PersistentVolumeClaim", false},
	[OBJ_SERVICE] = {"v1", "Service", false},
	[OBJ_DEPLOYMENT] = {"apps/v1", "Deployment", false},
	[OBJ_STATEFULSET] = {"apps/v1", "StatefulSet", false},
	[OBJ_AUTOSCALER] = {"autoscaling/v2", "HorizontalPodAutoscaler", false},
	[OBJ_INGRESS] = {"networking.k8s.io/v1", "Ingress", false},
};

struct node *
object_root(const struct compilation *c, struct arena *a, enum object_kind kind,
            const char *name, const char *app, struct node **metadata)
{
	const struct stack *s = c->stack;
	struct node *doc = node_map(a);
	put_str(a, doc, "apiVersion", object_kinds[kind].api_version);
	put_str(a, doc, "kind", object_kinds[kind].kind);
	struct node *meta = put_map(a, doc, "metadata");
	put_str(a, meta, "name", name);
	if (s->namespace && kind != OBJ_NAMESPACE)
		put_str(a, meta, "namespace", s->namespace);
	struct node *labels = put_map(a, meta, "labels");
	if (app)
		put_str(a, labels, "app", app);
	put_str(a, labels, "app.kubernetes.io/part-of", s->name.text);
	put_str(a, labels, "app.kubernetes.io/managed-by", "todokc");
	if (metadata)
		*metadata = meta;
	return doc;
}

struct node *
component_object(const struct compilation *c, struct arena *a, enum object_kind kind,
                 const struct component *comp, struct node **spec)
{
	struct node *doc = object_root(c, a, kind, comp->workload_name, comp->workload_name, NULL);
	*spec = put_map(a, doc, "spec");
	return doc;
}

/* Objects that are not workloads */

/* A ConfigMap's or a Secret's data: a Secret's values base64-encoded; a
 * config's secret-bearing keys are left out (they reach containers as
 * env entries instead). */
static struct node *
keyset_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	const struct keyset *set = o->subject;
	struct node *doc = object_root(c, a, o->kind, set->k8s_name, NULL, NULL);
	struct node *data = put_map(a, doc, "data");
	for (size_t i = 0; i < set->keys.len; i++) {
		const struct kv *kv = set->keys.items[i];
		struct node *value;
		if (set->secret) {
			struct buf enc = {0};
			base64_encode(&enc, (const unsigned char *)kv->bytes, kv->nbytes);
			size_t len = enc.len;
			value = node_strn(a, arena_buf_take(a, &enc), len);
		} else if (kv->value && kv->value->kind == RV_TEXT) {
			value = node_strn(a, kv->value->text, kv->value->len);
		} else {
			continue;
		}
		map_put(a, data, kv->key.text, value);
	}
	if (set->secret)
		put_str(a, doc, "type", HAS_LOC(set->tls_use) ? "kubernetes.io/tls" : "Opaque");
	return doc;
}

static struct node *
claim_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	const struct volume *vol = o->subject;
	struct node *doc = object_root(c, a, OBJ_CLAIM, vol->claim_name, o->comp->workload_name, NULL);
	claim_spec(a, put_map(a, doc, "spec"), vol);
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
	const char *app = o->comp->workload_name;
	struct node *doc = object_root(c, a, OBJ_SERVICE, svc->name, app, NULL);
	struct node *spec = put_map(a, doc, "spec");
	put_str(a, spec, "type", service_type(svc->type));
	put_str(a, put_map(a, spec, "selector"), "app", app);
	struct node *ports = put_seq(a, spec, "ports");
	for (size_t i = 0; i < svc->ports->len; i++) {
		const struct service_port *p = svc->ports->items[i];
		struct node *m = push_map(a, ports);
		if (p->k8s_name)
			put_str(a, m, "name", p->k8s_name);
		put_int(a, m, "port", p->number);
		put_int(a, m, "targetPort", p->target->number);
		if (p->udp)
			put_str(a, m, "protocol", "UDP");
		if (p == svc->port && svc->type == EXPOSE_NODEPORT && svc->node_port)
			put_int(a, m, "nodePort", svc->node_port);
	}
	return doc;
}

static struct node *
autoscaler_tree(const struct compilation *c, const struct component *comp, struct arena *a)
{
	struct node *spec;
	struct node *doc = component_object(c, a, OBJ_AUTOSCALER, comp, &spec);
	struct node *target = put_map(a, spec, "scaleTargetRef");
	enum object_kind kind = workload_kinds[comp->kind].object;
	put_str(a, target, "apiVersion", object_kinds[kind].api_version);
	put_str(a, target, "kind", object_kinds[kind].kind);
	put_str(a, target, "name", comp->workload_name);
	put_int(a, spec, "minReplicas", comp->min_replicas);
	put_int(a, spec, "maxReplicas", comp->autoscale_max);
	struct node *metric = push_map(a, put_seq(a, spec, "metrics"));
	put_str(a, metric, "type", "Resource");
	struct node *res = put_map(a, metric, "resource");
	put_str(a, res, "name", "cpu");
	struct node *t = put_map(a, res, "target");
	put_str(a, t, "type", "Utilization");
	put_int(a, t, "averageUtilization", comp->cpu_percent);
	return doc;
}

static struct node *
ingress_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	const struct component *comp = o->comp;
	const struct route *route = o->subject;
	struct node *spec;
	struct node *doc = component_object(c, a, OBJ_INGRESS, comp, &spec);
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

struct node *
object_tree(const struct compilation *c, const struct object *o, struct arena *a)
{
	switch (o->kind) {
	case OBJ_NAMESPACE: return object_root(c, a, OBJ_NAMESPACE, o->name, NULL, NULL);
	case OBJ_SECRET:
	case OBJ_CONFIGMAP: return keyset_tree(c, o, a);
	case OBJ_CLAIM: return claim_tree(c, o, a);
	case OBJ_SERVICE: return service_tree(c, o, a);
	case OBJ_DEPLOYMENT:
	case OBJ_STATEFULSET: return workload_tree(c, o->comp, a);
	case OBJ_AUTOSCALER: return autoscaler_tree(c, o->comp, a);
	case OBJ_INGRESS: return ingress_tree(c, o, a);
	case OBJ_KINDS: break;
	}
	return node_map(a);
}

struct node *
kustomization_tree(struct arena *a, const char *const *file_names, size_t n)
{
	struct node *doc = node_map(a);
	put_str(a, doc, "apiVersion", "kustomize.config.k8s.io/v1beta1");
	put_str(a, doc, "kind", "Kustomization");
	struct node *resources = put_seq(a, doc, "resources");
	for (size_t i = 0; i < n; i++)
		seq_push(a, resources, node_str(a, file_names[i]));
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
	for (size_t k = 0; k < comp->extra_services.len; k++) {
		const struct service *svc = comp->extra_services.items[k];
		plan(c, OBJ_SERVICE, svc->name, comp, svc);
	}
	plan(c, workload_kinds[comp->kind].object, comp->workload_name, comp, NULL);
	if (comp->autoscaled)
		plan(c, OBJ_AUTOSCALER, comp->workload_name, comp, NULL);
	for (size_t k = 0; k < comp->routes.len; k++)
		plan(c, OBJ_INGRESS, comp->workload_name, comp, comp->routes.items[k]);
}

/* File names: NN-kind-name, NN as wide as the count needs (at least 2). */
static void
name_files(struct compilation *c)
{
	size_t n = c->objects.len, width = 2;
	for (size_t k = 100; k <= n; k *= 10)
		width++;
	for (size_t i = 0; i < n; i++) {
		struct object *o = c->objects.items[i];
		char *kind = arena_strdup(&c->arena, object_kinds[o->kind].kind);
		for (char *p = kind; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		o->file_stem = arena_printf(&c->arena, "%0*zu-%s-%s", (int)width, i + 1, kind, o->name);
	}
}

void
plan_objects(struct compilation *c)
{
	const struct stack *s = c->stack;
	if (s->namespace)
		plan(c, OBJ_NAMESPACE, s->namespace, NULL, NULL);
	for (size_t i = 0; i < s->secrets.len; i++) {
		const struct keyset *sec = s->secrets.items[i];
		plan(c, OBJ_SECRET, sec->k8s_name, NULL, sec);
	}
	for (size_t i = 0; i < s->configs.len; i++) {
		const struct keyset *cfg = s->configs.items[i];
		plan(c, OBJ_CONFIGMAP, cfg->k8s_name, NULL, cfg);
	}
	for (size_t i = 0; i < s->ordered.len; i++) {
		const struct component *comp = s->ordered.items[i];
		for (size_t k = 0; k < comp->pod.volumes.len; k++) {
			const struct volume *vol = comp->pod.volumes.items[k];
			if (vol->claim == CLAIM_OBJECT)
				plan(c, OBJ_CLAIM, vol->claim_name, comp, vol);
		}
	}
	for (size_t i = 0; i < s->ordered.len; i++)
		plan_component(c, s->ordered.items[i]);
	name_files(c);
}
