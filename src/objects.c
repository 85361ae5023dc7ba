/*
 * objects.c - from the stack IR to the Kubernetes objects, in apply order
 * (spec sections 4, 7 and 9): Namespace, Secrets, ConfigMaps,
 * PersistentVolumeClaims, then for each workload in dependency order its
 * Services, the Deployment or StatefulSet, its HPA and its Ingress.
 *
 * Each object is a tree of maps (keys in the order they are put),
 * sequences and typed scalars; both backends serialise these trees and
 * nothing else.  Secret values are written here, base64-encoded, into the
 * Secret's data and nowhere else.
 */
#include "todokc.h"

#include <string.h>

/* Trees */

struct node *
node_map(struct arena *a)
{
	struct node *n = NEW(a, struct node);
	n->kind = NODE_MAP;
	return n;
}

struct node *
node_seq(struct arena *a)
{
	struct node *n = NEW(a, struct node);
	n->kind = NODE_SEQ;
	return n;
}

struct node *
node_strn(struct arena *a, const char *s, size_t len)
{
	struct node *n = NEW(a, struct node);
	n->kind = NODE_STR;
	n->u.str.s = s;
	n->u.str.len = len;
	return n;
}

struct node *
node_str(struct arena *a, const char *s)
{
	return node_strn(a, s, strlen(s));
}

struct node *
node_int(struct arena *a, long long i)
{
	struct node *n = NEW(a, struct node);
	n->kind = NODE_INT;
	n->u.i = i;
	return n;
}

struct node *
node_bool(struct arena *a, bool b)
{
	struct node *n = NEW(a, struct node);
	n->kind = NODE_BOOL;
	n->u.b = b;
	return n;
}

void
map_put(struct arena *a, struct node *map, const char *key, struct node *value)
{
	if (map->u.map.len == map->u.map.cap) {
		size_t cap = map->u.map.cap ? map->u.map.cap * 2 : 4;
		map->u.map.items = arena_grow(a, map->u.map.items,
		                              map->u.map.cap * sizeof *map->u.map.items,
		                              cap * sizeof *map->u.map.items);
		map->u.map.cap = cap;
	}
	map->u.map.items[map->u.map.len++] = (struct pair){key, value};
}

void
seq_push(struct arena *a, struct node *seq, struct node *item)
{
	vec_push(a, &seq->u.seq, item);
}

/* Builders */

struct builder {
	struct compilation *c;
	struct stack *s;
	struct arena *a;
};

#define STR(b, s) node_str((b)->a, (s))
#define INT(b, i) node_int((b)->a, (i))

static struct node *
put_map(struct builder *b, struct node *m, const char *key)
{
	struct node *v = node_map(b->a);
	map_put(b->a, m, key, v);
	return v;
}

static struct node *
put_seq(struct builder *b, struct node *m, const char *key)
{
	struct node *v = node_seq(b->a);
	map_put(b->a, m, key, v);
	return v;
}

static struct node *
push_map(struct builder *b, struct node *seq)
{
	struct node *v = node_map(b->a);
	seq_push(b->a, seq, v);
	return v;
}

static const char *
lower_kind(struct builder *b, const char *kind)
{
	char *s = arena_strdup(b->a, kind);
	for (char *p = s; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

/* A new object with apiVersion, kind and metadata (name, namespace,
 * labels); `app` is the workload's name for a component's objects. */
static struct object *
new_object(struct builder *b, const char *api_version, const char *kind,
           const char *name, const char *app, struct node **metadata)
{
	struct object *o = NEW(b->a, struct object);
	o->api_version = api_version;
	o->kind = kind;
	o->name = name;
	o->doc = node_map(b->a);
	map_put(b->a, o->doc, "apiVersion", STR(b, api_version));
	map_put(b->a, o->doc, "kind", STR(b, kind));
	struct node *meta = put_map(b, o->doc, "metadata");
	map_put(b->a, meta, "name", STR(b, name));
	if (b->s->namespace && strcmp(kind, "Namespace") != 0)
		map_put(b->a, meta, "namespace", STR(b, b->s->namespace));
	struct node *labels = put_map(b, meta, "labels");
	if (app)
		map_put(b->a, labels, "app", STR(b, app));
	map_put(b->a, labels, "app.kubernetes.io/part-of", STR(b, b->s->name.text));
	map_put(b->a, labels, "app.kubernetes.io/managed-by", STR(b, "todokc"));
	if (metadata)
		*metadata = meta;
	vec_push(b->a, &b->c->objects, o);
	return o;
}

static void
put_resources(struct builder *b, struct node *m, const struct resources *r)
{
	if (r->cpu.text)
		map_put(b->a, m, "cpu", STR(b, r->cpu.text));
	if (r->memory.text)
		map_put(b->a, m, "memory", STR(b, r->memory.text));
}

/* Objects that are not workloads */

static void
build_secret(struct builder *b, struct secret *sec)
{
	struct object *o = new_object(b, "v1", "Secret", sec->k8s_name, NULL, NULL);
	o->is_secret = true;
	struct node *data = put_map(b, o->doc, "data");
	for (size_t i = 0; i < sec->keys.len; i++) {
		struct kv *kv = sec->keys.items[i];
		struct buf enc = {0};
		base64_encode(&enc, (const unsigned char *)kv->bytes, kv->nbytes);
		map_put(b->a, data, kv->key.text,
		        node_strn(b->a, arena_strndup(b->a, enc.data ? enc.data : "", enc.len), enc.len));
		buf_free(&enc);
	}
	map_put(b->a, o->doc, "type", STR(b, HAS_LOC(sec->tls_use) ? "kubernetes.io/tls" : "Opaque"));
}

static void
build_config(struct builder *b, struct config *cfg)
{
	struct object *o = new_object(b, "v1", "ConfigMap", cfg->k8s_name, NULL, NULL);
	struct node *data = put_map(b, o->doc, "data");
	for (size_t i = 0; i < cfg->keys.len; i++) {
		struct kv *kv = cfg->keys.items[i];
		/* Secret-bearing keys reach containers as env entries instead. */
		if (kv->value && kv->value->kind == RV_TEXT)
			map_put(b->a, data, kv->key.text, node_strn(b->a, kv->value->text, kv->value->len));
	}
}

static struct node *
claim_spec(struct builder *b, struct node *spec, const struct volume *vol)
{
	struct node *modes = put_seq(b, spec, "accessModes");
	seq_push(b->a, modes, STR(b, "ReadWriteOnce"));
	if (vol->class)
		map_put(b->a, spec, "storageClassName", STR(b, vol->class));
	struct node *requests = put_map(b, put_map(b, spec, "resources"), "requests");
	map_put(b->a, requests, "storage", STR(b, vol->size.text));
	return spec;
}

static void
build_claims(struct builder *b, struct component *comp)
{
	for (size_t i = 0; i < comp->volumes.len; i++) {
		struct volume *vol = comp->volumes.items[i];
		if (vol->kind != VOLUME_CLAIM || comp->stateful)
			continue;
		struct object *o = new_object(b, "v1", "PersistentVolumeClaim", vol->claim_name,
		                              comp->workload_name, NULL);
		claim_spec(b, put_map(b, o->doc, "spec"), vol);
	}
}

/* Services */

static const char *
service_type(enum expose_kind kind)
{
	switch (kind) {
	case EXPOSE_NODEPORT: return "NodePort";
	case EXPOSE_LOADBALANCER: return "LoadBalancer";
	default: return "ClusterIP";
	}
}

/* A Service port's name: the port's own, or, when a component has several
 * ports and this one is unnamed, PROTOCOL-NUMBER (Kubernetes needs a name
 * on each port of a multi-port Service). */
static const char *
service_port_name(struct builder *b, const struct component *comp, const struct port *p)
{
	if (p->name)
		return p->name;
	if (comp->ports.len < 2)
		return NULL;
	return arena_printf(b->a, "%s-%lld", p->udp ? "udp" : "tcp", p->number);
}

static void
build_service(struct builder *b, struct component *comp, const char *name,
              enum expose_kind kind, long long node_port)
{
	struct object *o = new_object(b, "v1", "Service", name, comp->workload_name, NULL);
	struct node *spec = put_map(b, o->doc, "spec");
	map_put(b->a, spec, "type", STR(b, service_type(kind)));
	map_put(b->a, put_map(b, spec, "selector"), "app", STR(b, comp->workload_name));
	struct node *ports = put_seq(b, spec, "ports");
	for (size_t i = 0; i < comp->ports.len; i++) {
		struct port *p = comp->ports.items[i];
		struct node *m = push_map(b, ports);
		const char *pname = service_port_name(b, comp, p);
		if (pname)
			map_put(b->a, m, "name", STR(b, pname));
		map_put(b->a, m, "port", INT(b, p->number));
		map_put(b->a, m, "targetPort", INT(b, p->target));
		if (p->udp)
			map_put(b->a, m, "protocol", STR(b, "UDP"));
		if (i == 0 && kind == EXPOSE_NODEPORT && node_port)
			map_put(b->a, m, "nodePort", INT(b, node_port));
	}
}

/* The pod template */

/* 'text' for a POSIX shell, single-quoted. */
static const char *
shell_quote(struct builder *b, const char *s)
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
	const char *r = arena_strndup(b->a, q.data, q.len);
	buf_free(&q);
	return r;
}

static void
build_wait(struct builder *b, struct node *init, const struct wait *w)
{
	struct node *m = push_map(b, init);
	map_put(b->a, m, "name", STR(b, arena_printf(b->a, "wait-for-%s", w->target->name.text)));
	map_put(b->a, m, "image",
	        STR(b, b->c->opts->wait_image ? b->c->opts->wait_image : DEFAULT_WAIT_IMAGE));
	const char *check, *what;
	if (w->http_path) {
		const char *url = arena_printf(b->a, "http://%s:%lld%s", w->host, w->port, w->http_path);
		check = arena_printf(b->a, "wget -q -T 2 -O /dev/null %s", shell_quote(b, url));
		what = url;
	} else {
		check = arena_printf(b->a, "nc -z -w 2 %s %lld", w->host, w->port);
		what = arena_printf(b->a, "%s:%lld", w->host, w->port);
	}
	struct node *cmd = put_seq(b, m, "command");
	seq_push(b->a, cmd, STR(b, "sh"));
	seq_push(b->a, cmd, STR(b, "-c"));
	seq_push(b->a, cmd, STR(b, arena_printf(b->a, "until %s; do echo waiting for %s; sleep 2; done",
	                                        check, shell_quote(b, what))));
	struct node *res = put_map(b, m, "resources");
	struct node *req = put_map(b, res, "requests");
	map_put(b->a, req, "cpu", STR(b, "10m"));
	map_put(b->a, req, "memory", STR(b, "16Mi"));
	struct node *lim = put_map(b, res, "limits");
	map_put(b->a, lim, "cpu", STR(b, "50m"));
	map_put(b->a, lim, "memory", STR(b, "32Mi"));
}

static void
build_probe(struct builder *b, struct node *container, const char *key, const struct probe *p)
{
	if (!p->present)
		return;
	struct node *m = put_map(b, container, key);
	struct node *port = NULL;
	if (p->port)
		port = p->by_name ? STR(b, p->port->name) : INT(b, p->port->target);
	switch (p->kind) {
	case PROBE_HTTP: {
		struct node *get = put_map(b, m, "httpGet");
		map_put(b->a, get, "path", STR(b, p->path ? p->path : "/"));
		if (port)
			map_put(b->a, get, "port", port);
		if (p->headers.len) {
			struct node *hs = put_seq(b, get, "httpHeaders");
			for (size_t i = 0; i < p->headers.len; i++) {
				const struct header *h = p->headers.items[i];
				struct node *hm = push_map(b, hs);
				map_put(b->a, hm, "name", STR(b, h->name));
				map_put(b->a, hm, "value", STR(b, h->value));
			}
		}
		break;
	}
	case PROBE_TCP:
		if (port)
			map_put(b->a, put_map(b, m, "tcpSocket"), "port", port);
		break;
	case PROBE_EXEC: {
		struct node *cmd = put_seq(b, put_map(b, m, "exec"), "command");
		for (size_t i = 0; i < p->command.len; i++)
			seq_push(b->a, cmd, STR(b, p->command.items[i]));
		break;
	}
	}
	if (p->delay >= 0)
		map_put(b->a, m, "initialDelaySeconds", INT(b, p->delay));
	if (p->every >= 0)
		map_put(b->a, m, "periodSeconds", INT(b, p->every));
	if (p->timeout >= 0)
		map_put(b->a, m, "timeoutSeconds", INT(b, p->timeout));
	if (p->failures >= 0)
		map_put(b->a, m, "failureThreshold", INT(b, p->failures));
}

static void
build_env(struct builder *b, struct node *container, const struct component *comp)
{
	if (comp->env_from.len) {
		struct node *from = put_seq(b, container, "envFrom");
		for (size_t i = 0; i < comp->env_from.len; i++) {
			const struct env_source *src = comp->env_from.items[i];
			struct node *m = push_map(b, from);
			if (src->config)
				map_put(b->a, put_map(b, m, "configMapRef"), "name", STR(b, src->config->k8s_name));
			else
				map_put(b->a, put_map(b, m, "secretRef"), "name", STR(b, src->secret->k8s_name));
		}
	}
	if (!comp->env.len)
		return;
	struct node *env = put_seq(b, container, "env");
	for (size_t i = 0; i < comp->env.len; i++) {
		const struct env_var *e = comp->env.items[i];
		struct node *m = push_map(b, env);
		map_put(b->a, m, "name", STR(b, e->name));
		if (e->kind == ENV_VALUE) {
			map_put(b->a, m, "value", STR(b, e->value));
			continue;
		}
		struct node *from = put_map(b, m, "valueFrom");
		bool secret = e->kind == ENV_SECRET_KEY;
		struct node *ref = put_map(b, from, secret ? "secretKeyRef" : "configMapKeyRef");
		map_put(b->a, ref, "name", STR(b, secret ? e->secret->k8s_name : e->config->k8s_name));
		map_put(b->a, ref, "key", STR(b, e->key));
	}
}

static void
build_container(struct builder *b, struct node *containers, const struct component *comp)
{
	struct node *m = push_map(b, containers);
	map_put(b->a, m, "name", STR(b, comp->container_name));
	map_put(b->a, m, "image", STR(b, comp->image ? comp->image : ""));
	if (comp->has_command) {
		struct node *cmd = put_seq(b, m, "command");
		for (size_t i = 0; i < comp->command.len; i++)
			seq_push(b->a, cmd, STR(b, comp->command.items[i]));
	}
	if (comp->has_args) {
		struct node *args = put_seq(b, m, "args");
		for (size_t i = 0; i < comp->args.len; i++)
			seq_push(b->a, args, STR(b, comp->args.items[i]));
	}
	if (comp->ports.len) {
		struct node *ports = put_seq(b, m, "ports");
		for (size_t i = 0; i < comp->ports.len; i++) {
			const struct port *p = comp->ports.items[i];
			struct node *pm = push_map(b, ports);
			if (p->name)
				map_put(b->a, pm, "name", STR(b, p->name));
			map_put(b->a, pm, "containerPort", INT(b, p->target));
			if (p->udp)
				map_put(b->a, pm, "protocol", STR(b, "UDP"));
		}
	}
	build_env(b, m, comp);
	if (comp->requests.cpu.text || comp->requests.memory.text || comp->limits.cpu.text ||
	    comp->limits.memory.text) {
		struct node *res = put_map(b, m, "resources");
		if (comp->requests.cpu.text || comp->requests.memory.text)
			put_resources(b, put_map(b, res, "requests"), &comp->requests);
		if (comp->limits.cpu.text || comp->limits.memory.text)
			put_resources(b, put_map(b, res, "limits"), &comp->limits);
	}
	if (comp->volumes.len) {
		struct node *mounts = put_seq(b, m, "volumeMounts");
		for (size_t i = 0; i < comp->volumes.len; i++) {
			const struct volume *vol = comp->volumes.items[i];
			struct node *vm = push_map(b, mounts);
			map_put(b->a, vm, "name", STR(b, vol->name.text));
			map_put(b->a, vm, "mountPath", STR(b, vol->path ? vol->path : "/"));
			if (vol->kind == VOLUME_CONFIG || vol->kind == VOLUME_SECRET)
				map_put(b->a, vm, "readOnly", node_bool(b->a, true));
		}
	}
	build_probe(b, m, "livenessProbe", &comp->probes[PROBE_LIVENESS]);
	build_probe(b, m, "readinessProbe", &comp->probes[PROBE_READINESS]);
	build_probe(b, m, "startupProbe", &comp->probes[PROBE_STARTUP]);
}

static void
build_pod_volumes(struct builder *b, struct node *pod, const struct component *comp)
{
	struct node *vols = NULL;
	for (size_t i = 0; i < comp->volumes.len; i++) {
		const struct volume *vol = comp->volumes.items[i];
		if (vol->kind == VOLUME_CLAIM && comp->stateful)
			continue; /* a claim template names the volume itself */
		if (!vols)
			vols = put_seq(b, pod, "volumes");
		struct node *m = push_map(b, vols);
		map_put(b->a, m, "name", STR(b, vol->name.text));
		switch (vol->kind) {
		case VOLUME_CLAIM:
			map_put(b->a, put_map(b, m, "persistentVolumeClaim"), "claimName",
			        STR(b, vol->claim_name));
			break;
		case VOLUME_TEMP: {
			struct node *dir = put_map(b, m, "emptyDir");
			if (vol->size.text)
				map_put(b->a, dir, "sizeLimit", STR(b, vol->size.text));
			break;
		}
		case VOLUME_CONFIG:
			map_put(b->a, put_map(b, m, "configMap"), "name",
			        STR(b, vol->config ? vol->config->k8s_name : ""));
			break;
		case VOLUME_SECRET: {
			struct node *sm = put_map(b, m, "secret");
			map_put(b->a, sm, "secretName", STR(b, vol->secret ? vol->secret->k8s_name : ""));
			map_put(b->a, sm, "defaultMode", INT(b, 0400));
			break;
		}
		}
	}
}

static void
build_workload(struct builder *b, struct component *comp)
{
	const char *kind = comp->stateful ? "StatefulSet" : "Deployment";
	struct object *o = new_object(b, "apps/v1", kind, comp->workload_name,
	                              comp->workload_name, NULL);
	struct node *spec = put_map(b, o->doc, "spec");
	if (comp->stateful)
		map_put(b->a, spec, "serviceName", STR(b, comp->service_name));
	if (!comp->autoscaled)
		map_put(b->a, spec, "replicas", INT(b, comp->replicas));
	map_put(b->a, put_map(b, put_map(b, spec, "selector"), "matchLabels"), "app",
	        STR(b, comp->workload_name));
	struct node *template = put_map(b, spec, "template");
	struct node *meta = put_map(b, template, "metadata");
	struct node *labels = put_map(b, meta, "labels");
	map_put(b->a, labels, "app", STR(b, comp->workload_name));
	map_put(b->a, labels, "app.kubernetes.io/part-of", STR(b, b->s->name.text));
	for (size_t i = 0; i < comp->pod_labels.len; i++) {
		const struct header *h = comp->pod_labels.items[i];
		map_put(b->a, labels, h->name, STR(b, h->value));
	}
	if (comp->pod_annotations.len) {
		struct node *ann = put_map(b, meta, "annotations");
		for (size_t i = 0; i < comp->pod_annotations.len; i++) {
			const struct header *h = comp->pod_annotations.items[i];
			map_put(b->a, ann, h->name, STR(b, h->value));
		}
	}
	struct node *pod = put_map(b, template, "spec");
	if (comp->grace >= 0)
		map_put(b->a, pod, "terminationGracePeriodSeconds", INT(b, comp->grace));
	struct node *init = NULL;
	for (size_t i = 0; i < comp->waits.len; i++) {
		const struct wait *w = comp->waits.items[i];
		if (!w->enabled)
			continue;
		if (!init)
			init = put_seq(b, pod, "initContainers");
		build_wait(b, init, w);
	}
	build_container(b, put_seq(b, pod, "containers"), comp);
	build_pod_volumes(b, pod, comp);
	if (comp->stateful) {
		struct node *templates = NULL;
		for (size_t i = 0; i < comp->volumes.len; i++) {
			const struct volume *vol = comp->volumes.items[i];
			if (vol->kind != VOLUME_CLAIM)
				continue;
			if (!templates)
				templates = put_seq(b, spec, "volumeClaimTemplates");
			struct node *t = push_map(b, templates);
			map_put(b->a, put_map(b, t, "metadata"), "name", STR(b, vol->name.text));
			claim_spec(b, put_map(b, t, "spec"), vol);
		}
	}
}

static void
build_autoscaler(struct builder *b, struct component *comp)
{
	struct object *o = new_object(b, "autoscaling/v2", "HorizontalPodAutoscaler",
	                              comp->workload_name, comp->workload_name, NULL);
	struct node *spec = put_map(b, o->doc, "spec");
	struct node *target = put_map(b, spec, "scaleTargetRef");
	map_put(b->a, target, "apiVersion", STR(b, "apps/v1"));
	map_put(b->a, target, "kind", STR(b, comp->stateful ? "StatefulSet" : "Deployment"));
	map_put(b->a, target, "name", STR(b, comp->workload_name));
	map_put(b->a, spec, "minReplicas", INT(b, comp->min_replicas));
	map_put(b->a, spec, "maxReplicas", INT(b, comp->max_replicas));
	struct node *metric = push_map(b, put_seq(b, spec, "metrics"));
	map_put(b->a, metric, "type", STR(b, "Resource"));
	struct node *res = put_map(b, metric, "resource");
	map_put(b->a, res, "name", STR(b, "cpu"));
	struct node *t = put_map(b, res, "target");
	map_put(b->a, t, "type", STR(b, "Utilization"));
	map_put(b->a, t, "averageUtilization", INT(b, comp->cpu_percent));
}

static void
build_ingress(struct builder *b, struct component *comp, const struct route *route)
{
	struct object *o = new_object(b, "networking.k8s.io/v1", "Ingress", comp->workload_name,
	                              comp->workload_name, NULL);
	struct node *spec = put_map(b, o->doc, "spec");
	if (route->tls) {
		struct node *tls = push_map(b, put_seq(b, spec, "tls"));
		seq_push(b->a, put_seq(b, tls, "hosts"), STR(b, route->host));
		map_put(b->a, tls, "secretName", STR(b, route->tls));
	}
	struct node *rule = push_map(b, put_seq(b, spec, "rules"));
	map_put(b->a, rule, "host", STR(b, route->host));
	struct node *path = push_map(b, put_seq(b, put_map(b, rule, "http"), "paths"));
	map_put(b->a, path, "path", STR(b, route->path));
	map_put(b->a, path, "pathType", STR(b, "Prefix"));
	struct node *svc = put_map(b, put_map(b, path, "backend"), "service");
	map_put(b->a, svc, "name", STR(b, comp->service_name));
	const struct port *first = comp->ports.items[0];
	map_put(b->a, put_map(b, svc, "port"), "number", INT(b, first->number));
}

/* File names: NN-kind-name, NN as wide as the count needs (at least 2). */
static void
name_files(struct builder *b)
{
	size_t n = b->c->objects.len, width = 2;
	for (size_t k = 100; k <= n; k *= 10)
		width++;
	for (size_t i = 0; i < n; i++) {
		struct object *o = b->c->objects.items[i];
		o->file_stem = arena_printf(b->a, "%0*zu-%s-%s", (int)width, i + 1,
		                            lower_kind(b, o->kind), o->name);
	}
}

void
build_objects(struct compilation *c)
{
	struct builder b = {c, c->stack, &c->arena};
	struct stack *s = c->stack;
	if (s->namespace)
		new_object(&b, "v1", "Namespace", s->namespace, NULL, NULL);
	for (size_t i = 0; i < s->secrets.len; i++)
		build_secret(&b, s->secrets.items[i]);
	for (size_t i = 0; i < s->configs.len; i++)
		build_config(&b, s->configs.items[i]);
	for (size_t i = 0; i < s->ordered.len; i++)
		build_claims(&b, s->ordered.items[i]);
	for (size_t i = 0; i < s->ordered.len; i++) {
		struct component *comp = s->ordered.items[i];
		if (comp->expose != EXPOSE_NONE)
			build_service(&b, comp, comp->service_name, comp->expose, comp->node_port);
		for (size_t k = 0; k < comp->extra_services.len; k++) {
			const struct extra_service *x = comp->extra_services.items[k];
			build_service(&b, comp, x->name, x->kind, x->node_port);
		}
		build_workload(&b, comp);
		if (comp->autoscaled)
			build_autoscaler(&b, comp);
		for (size_t k = 0; k < comp->routes.len; k++)
			build_ingress(&b, comp, comp->routes.items[k]);
	}
	name_files(&b);
}

struct object *
kustomization_object(struct compilation *c, struct vec *file_names)
{
	struct arena *a = &c->arena;
	struct object *o = NEW(a, struct object);
	o->api_version = "kustomize.config.k8s.io/v1beta1";
	o->kind = "Kustomization";
	o->name = "kustomization";
	o->file_stem = "kustomization";
	o->doc = node_map(a);
	map_put(a, o->doc, "apiVersion", node_str(a, o->api_version));
	map_put(a, o->doc, "kind", node_str(a, o->kind));
	struct node *resources = node_seq(a);
	for (size_t i = 0; i < file_names->len; i++)
		seq_push(a, resources, node_str(a, file_names->items[i]));
	map_put(a, o->doc, "resources", resources);
	struct node *sort = node_map(a);
	map_put(a, sort, "order", node_str(a, "fifo"));
	map_put(a, o->doc, "sortOptions", sort);
	return o;
}
