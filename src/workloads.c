/*
 * workloads.c - the trees of the objects that run pods: Deployments,
 * StatefulSets, Jobs and CronJobs, each holding the pod template of its
 * workload.  The pod template is built from the workload's pod
 * (include/ir.h): its containers in order (init containers, native
 * sidecars among them, first), their ports, environment, resources,
 * mounts, probes and securityContext, the pod's volumes and settings.
 */
#include "objects.h"

void
claim_spec(struct arena *a, struct node *spec, const struct volume *vol)
{
	seq_push(a, put_seq(a, spec, "accessModes"), node_str(a, "ReadWriteOnce"));
	if (vol->class.value)
		put_str(a, spec, "storageClassName", vol->class.value);
	struct node *requests = put_map(a, put_map(a, spec, "resources"), "requests");
	put_str(a, requests, "storage", vol->size.text);
}

/* Containers */

/* Puts one item of a list as the map m. */
typedef void put_item_fn(struct arena *a, struct node *m, const void *item);

/* A sequence under key with one map per item; nothing when there is none. */
static void
put_list(struct arena *a, struct node *parent, const char *key, const struct vec *items,
         put_item_fn *put_item)
{
	if (!items->len)
		return;
	struct node *seq = put_seq(a, parent, key);
	for (size_t i = 0; i < items->len; i++)
		put_item(a, push_map(a, seq), items->items[i]);
}

static void
put_resources(struct arena *a, struct node *container, const struct container *ctr)
{
	const struct container_resources *given = RESOURCES_OF(ctr);
	const struct resources *req = &given->requests, *lim = &given->limits;
	if (!req->cpu.text && !req->memory.text && !req->storage.text && !lim->cpu.text &&
	    !lim->memory.text && !lim->storage.text)
		return;
	struct node *res = put_map(a, container, "resources");
	const struct resources *both[] = {req, lim};
	const char *keys[] = {"requests", "limits"};
	for (int i = 0; i < 2; i++) {
		const struct quantity *q[] = {&both[i]->cpu, &both[i]->memory, &both[i]->storage};
		const char *names[] = {"cpu", "memory", "ephemeral-storage"};
		struct node *m = NULL;
		for (int k = 0; k < 3; k++) {
			if (!q[k]->text)
				continue;
			if (!m)
				m = put_map(a, res, keys[i]);
			put_str(a, m, names[k], q[k]->text);
		}
	}
}

static void
put_header(struct arena *a, struct node *m, const void *item)
{
	const struct header *h = item;
	put_str(a, m, "name", h->name);
	put_str(a, m, "value", h->value);
}

static void
put_probe_action(struct arena *a, struct node *m, const struct probe *p)
{
	struct node *port = NULL;
	if (p->port)
		port = p->by_name ? node_str(a, p->port->name) : node_int(a, p->port->number);
	switch (p->kind) {
	case PROBE_HTTP: {
		struct node *get = put_map(a, m, "httpGet");
		put_str(a, get, "path", p->path ? p->path : "/");
		if (port)
			map_put(a, get, "port", port);
		put_list(a, get, "httpHeaders", &p->headers, put_header);
		break;
	}
	case PROBE_TCP:
		if (port)
			map_put(a, put_map(a, m, "tcpSocket"), "port", port);
		break;
	case PROBE_EXEC:
		put_strings(a, put_map(a, m, "exec"), "command", &p->command);
		break;
	case PROBE_GRPC: {
		struct node *grpc = put_map(a, m, "grpc");
		if (p->port)
			put_int(a, grpc, "port", p->port->number); /* gRPC probes take a number only */
		if (p->path)
			put_str(a, grpc, "service", p->path);
		break;
	}
	}
}

static void
put_probe(struct arena *a, struct node *container, const char *key, const struct probe *p)
{
	if (!p)
		return;
	struct node *m = put_map(a, container, key);
	put_probe_action(a, m, p);
	const struct probe_timing *t = TIMING_OF(p);
	if (t->delay >= 0)
		put_int(a, m, "initialDelaySeconds", t->delay);
	if (t->every >= 0)
		put_int(a, m, "periodSeconds", t->every);
	if (t->timeout >= 0)
		put_int(a, m, "timeoutSeconds", t->timeout);
	if (t->failures >= 0)
		put_int(a, m, "failureThreshold", t->failures);
}

static void
put_env_source(struct arena *a, struct node *m, const void *item)
{
	const struct env_source *src = item;
	struct node *ref = put_map(a, m, src->set->secret ? "secretRef" : "configMapRef");
	put_str(a, ref, "name", src->set->k8s_name);
	if (src->set->optional)
		map_put(a, ref, "optional", node_bool(a, true));
}

static void
put_env_var(struct arena *a, struct node *m, const void *item)
{
	const struct env_var *e = item;
	put_str(a, m, "name", e->name);
	if (e->kind == ENV_VALUE) {
		put_str(a, m, "value", e->value);
		return;
	}
	struct node *from = put_map(a, m, "valueFrom");
	if (e->kind == ENV_FIELD) {
		put_str(a, put_map(a, from, "fieldRef"), "fieldPath", e->value);
		return;
	}
	bool secret = e->kind == ENV_SECRET_KEY;
	struct node *ref = put_map(a, from, secret ? "secretKeyRef" : "configMapKeyRef");
	put_str(a, ref, "name", e->from->k8s_name);
	put_str(a, ref, "key", e->key);
	if (e->from->optional)
		map_put(a, ref, "optional", node_bool(a, true));
}

static void
put_port(struct arena *a, struct node *m, const void *item)
{
	const struct container_port *p = item;
	if (p->name)
		put_str(a, m, "name", p->name);
	put_int(a, m, "containerPort", p->number);
	if (p->udp)
		put_str(a, m, "protocol", "UDP");
}

static void
put_mount(struct arena *a, struct node *m, const void *item)
{
	const struct mount *mnt = item;
	put_str(a, m, "name", mnt->volume->name.text);
	put_str(a, m, "mountPath", mnt->path.value ? mnt->path.value : "/");
	if (mnt->subpath.value)
		put_str(a, m, "subPath", mnt->subpath.value);
	if (mnt->read_only)
		map_put(a, m, "readOnly", node_bool(a, true));
}

/* A securityContext's fields, pod or container, in Kubernetes' order of
 * importance: who runs, then what it may do. */
static void
put_security_context(struct arena *a, struct node *parent, const struct security_context *sc)
{
	if (sc->non_root < 0 && sc->user < 0 && sc->group < 0 && sc->fs_group < 0 &&
	    sc->read_only < 0 && sc->allow_escalation < 0 && !sc->privileged && !sc->add.len &&
	    !sc->drop.len && !sc->seccomp_default)
		return;
	struct node *m = put_map(a, parent, "securityContext");
	if (sc->non_root >= 0)
		map_put(a, m, "runAsNonRoot", node_bool(a, sc->non_root));
	if (sc->user >= 0)
		put_int(a, m, "runAsUser", sc->user);
	if (sc->group >= 0)
		put_int(a, m, "runAsGroup", sc->group);
	if (sc->fs_group >= 0)
		put_int(a, m, "fsGroup", sc->fs_group);
	if (sc->read_only >= 0)
		map_put(a, m, "readOnlyRootFilesystem", node_bool(a, sc->read_only));
	if (sc->allow_escalation >= 0)
		map_put(a, m, "allowPrivilegeEscalation", node_bool(a, sc->allow_escalation));
	if (sc->privileged)
		map_put(a, m, "privileged", node_bool(a, true));
	if (sc->add.len || sc->drop.len) {
		struct node *caps = put_map(a, m, "capabilities");
		if (sc->add.len)
			put_strings(a, caps, "add", &sc->add);
		if (sc->drop.len)
			put_strings(a, caps, "drop", &sc->drop);
	}
	if (sc->seccomp_default)
		put_str(a, put_map(a, m, "seccompProfile"), "type", "RuntimeDefault");
}

static void
put_container(struct arena *a, struct node *list, const struct container *ctr)
{
	struct node *m = push_map(a, list);
	put_str(a, m, "name", ctr->name);
	put_str(a, m, "image", ctr->image.value ? ctr->image.value : "");
	if (ctr->pull != PULL_DEFAULT) {
		static const char *const policies[] = {NULL, "Always", "Never", "IfNotPresent"};
		put_str(a, m, "imagePullPolicy", policies[ctr->pull]);
	}
	if (ctr->role == ROLE_SIDECAR)
		put_str(a, m, "restartPolicy", "Always"); /* a native sidecar */
	if (ctr->has_command)
		put_strings(a, m, "command", &ctr->command);
	if (ctr->has_args)
		put_strings(a, m, "args", &ctr->args);
	put_list(a, m, "ports", &ctr->ports, put_port);
	put_list(a, m, "envFrom", &ctr->env_from, put_env_source);
	put_list(a, m, "env", &ctr->env, put_env_var);
	put_resources(a, m, ctr);
	put_list(a, m, "volumeMounts", &ctr->mounts, put_mount);
	put_probe(a, m, "livenessProbe", ctr->probes[PROBE_LIVENESS]);
	put_probe(a, m, "readinessProbe", ctr->probes[PROBE_READINESS]);
	put_probe(a, m, "startupProbe", ctr->probes[PROBE_STARTUP]);
	put_security_context(a, m, &ctr->security);
}

/* The pod */

static bool
is_init_container(const struct container *ctr)
{
	return ctr->role == ROLE_SIDECAR || ctr->role == ROLE_WAIT || ctr->role == ROLE_INIT;
}

static void
put_containers(struct arena *a, struct node *pod, const struct pod *p)
{
	struct node *init = NULL, *main = NULL;
	for (size_t i = 0; i < p->containers.len; i++) {
		const struct container *ctr = p->containers.items[i];
		struct node **list = is_init_container(ctr) ? &init : &main;
		if (!*list)
			*list = put_seq(a, pod, is_init_container(ctr) ? "initContainers" : "containers");
		put_container(a, *list, ctr);
	}
}

/* The API token of a pod's job waits: a projected volume as Kubernetes'
 * own kube-api-access has (the token, the cluster's CA, the namespace). */
static void
put_token_volume(struct arena *a, struct node *m)
{
	struct node *sources = put_seq(a, put_map(a, m, "projected"), "sources");
	struct node *token = put_map(a, push_map(a, sources), "serviceAccountToken");
	put_str(a, token, "path", "token");
	put_int(a, token, "expirationSeconds", 3600);
	struct node *ca = put_map(a, push_map(a, sources), "configMap");
	put_str(a, ca, "name", "kube-root-ca.crt");
	struct node *item = push_map(a, put_seq(a, ca, "items"));
	put_str(a, item, "key", "ca.crt");
	put_str(a, item, "path", "ca.crt");
	struct node *ns = push_map(a, put_seq(a, put_map(a, push_map(a, sources), "downwardAPI"), "items"));
	put_str(a, ns, "path", "namespace");
	struct node *field = put_map(a, ns, "fieldRef");
	put_str(a, field, "apiVersion", "v1");
	put_str(a, field, "fieldPath", "metadata.namespace");
}

/* items of a config or secret volume: only those keys, at those paths. */
static void
put_items(struct arena *a, struct node *source, const struct volume *vol)
{
	if (!vol->has_items)
		return;
	struct node *items = put_seq(a, source, "items");
	for (size_t i = 0; i < vol->items.len; i++) {
		const struct header *h = vol->items.items[i];
		struct node *item = push_map(a, items);
		put_str(a, item, "key", h->name);
		put_str(a, item, "path", h->value);
	}
}

static void
put_volume_source(struct arena *a, struct node *m, const struct volume *vol)
{
	switch (vol->kind) {
	case VOLUME_CLAIM:
		put_str(a, put_map(a, m, "persistentVolumeClaim"), "claimName", vol->claim_name);
		break;
	case VOLUME_TEMP: {
		struct node *dir = put_map(a, m, "emptyDir");
		if (vol->memory)
			put_str(a, dir, "medium", "Memory");
		if (vol->size.text)
			put_str(a, dir, "sizeLimit", vol->size.text);
		break;
	}
	case VOLUME_CONFIG: {
		struct node *cm = put_map(a, m, "configMap");
		put_str(a, cm, "name", vol->mounted->k8s_name);
		put_items(a, cm, vol);
		if (vol->mode >= 0)
			put_int(a, cm, "defaultMode", vol->mode);
		if (vol->mounted->optional)
			map_put(a, cm, "optional", node_bool(a, true));
		break;
	}
	case VOLUME_SECRET: {
		struct node *sm = put_map(a, m, "secret");
		put_str(a, sm, "secretName", vol->mounted->k8s_name);
		put_items(a, sm, vol);
		put_int(a, sm, "defaultMode", vol->mode >= 0 ? vol->mode : 0400);
		if (vol->mounted->optional)
			map_put(a, sm, "optional", node_bool(a, true));
		break;
	}
	case VOLUME_TOKEN: put_token_volume(a, m); break;
	}
}

static void
put_pod_volumes(struct arena *a, struct node *pod, const struct pod *p)
{
	struct node *vols = NULL;
	for (size_t i = 0; i < p->volumes.len; i++) {
		const struct volume *vol = p->volumes.items[i];
		if (vol->claim == CLAIM_TEMPLATE)
			continue; /* a claim template names the volume itself */
		if (!vols)
			vols = put_seq(a, pod, "volumes");
		struct node *m = push_map(a, vols);
		put_str(a, m, "name", vol->name.text);
		put_volume_source(a, m, vol);
	}
}

/* The pod template of a workload. */
struct node *
pod_template_tree(const struct compilation *c, const struct workload *w, struct arena *a)
{
	const struct pod *p = &w->pod;
	struct node *template = node_map(a);
	struct node *meta = put_map(a, template, "metadata");
	put_pairs(a, put_map(a, meta, "labels"), &p->template_labels);
	const struct vec *own = &METADATA_OF(p->meta)->annotations;
	if (own->len || p->config_hash) {
		struct node *annotations = put_map(a, meta, "annotations");
		put_pairs(a, annotations, own);
		if (p->config_hash)
			put_str(a, annotations, CONFIG_HASH_ANNOTATION, p->config_hash);
	}
	struct node *pod = put_map(a, template, "spec");
	if (p->restart_never)
		put_str(a, pod, "restartPolicy", "Never");
	if (p->account)
		put_str(a, pod, "serviceAccountName", p->account->name);
	if (p->api_role)
		map_put(a, pod, "automountServiceAccountToken", node_bool(a, true));
	else if (p->waits_role)
		map_put(a, pod, "automountServiceAccountToken", node_bool(a, false));
	struct node *secrets = p->pull_secrets.len ? put_seq(a, pod, "imagePullSecrets") : NULL;
	for (size_t i = 0; i < p->pull_secrets.len; i++)
		put_str(a, push_map(a, secrets), "name",
		        ((const struct keyset *)p->pull_secrets.items[i])->k8s_name);
	put_security_context(a, pod, &p->security);
	if (p->grace >= 0)
		put_int(a, pod, "terminationGracePeriodSeconds", p->grace);
	if (p->node_selector.len)
		put_pairs(a, put_map(a, pod, "nodeSelector"), &p->node_selector);
	put_containers(a, pod, p);
	put_pod_volumes(a, pod, p);
	return template;
}

/* A workload object, with its spec map in *spec. */
static struct node *
workload_object(const struct compilation *c, struct arena *a, const struct workload *w,
                struct node **spec)
{
	const struct component *comp = w->comp;
	struct node *doc = object_root(c, a, workload_kinds[comp->kind].object, w->name, &w->labels,
	                               &METADATA_OF(w->meta)->annotations, NULL);
	*spec = put_map(a, doc, "spec");
	return doc;
}

static void
put_claim_templates(struct arena *a, struct node *spec, const struct pod *pod)
{
	struct node *templates = NULL;
	for (size_t i = 0; i < pod->volumes.len; i++) {
		const struct volume *vol = pod->volumes.items[i];
		if (vol->claim != CLAIM_TEMPLATE)
			continue;
		if (!templates)
			templates = put_seq(a, spec, "volumeClaimTemplates");
		struct node *t = push_map(a, templates);
		put_str(a, put_map(a, t, "metadata"), "name", vol->name.text);
		claim_spec(a, put_map(a, t, "spec"), vol);
	}
}

static struct node *
amount_node(struct arena *a, const struct amount *n)
{
	return n->percent ? node_str(a, arena_printf(a, "%lld%%", n->value)) : node_int(a, n->value);
}

static void
put_strategy(struct arena *a, struct node *spec, const struct strategy *st)
{
	struct node *m = put_map(a, spec, "strategy");
	put_str(a, m, "type", st->recreate ? "Recreate" : "RollingUpdate");
	if (!st->surge.given && !st->unavailable.given)
		return;
	struct node *rolling = put_map(a, m, "rollingUpdate");
	if (st->surge.given)
		map_put(a, rolling, "maxSurge", amount_node(a, &st->surge));
	if (st->unavailable.given)
		map_put(a, rolling, "maxUnavailable", amount_node(a, &st->unavailable));
}

/* What every replicated workload's spec holds after its own first keys:
 * the replicas (unless an autoscaler sets them), the selector and the pod
 * template. */
static void
put_replicated_pods(const struct compilation *c, struct arena *a, struct node *spec,
                    const struct workload *w)
{
	if (!w->autoscaled)
		put_int(a, spec, "replicas", w->replicas);
	put_pairs(a, put_map(a, put_map(a, spec, "selector"), "matchLabels"), &w->selector);
	if (w->strategy)
		put_strategy(a, spec, w->strategy);
	map_put(a, spec, "template", pod_template_tree(c, w, a));
}

static struct node *
deployment_tree(const struct compilation *c, const struct workload *w, struct arena *a)
{
	struct node *spec;
	struct node *doc = workload_object(c, a, w, &spec);
	put_replicated_pods(c, a, spec, w);
	return doc;
}

static struct node *
statefulset_tree(const struct compilation *c, const struct workload *w, struct arena *a)
{
	const struct component *comp = w->comp;
	struct node *spec;
	struct node *doc = workload_object(c, a, w, &spec);
	put_str(a, spec, "serviceName", (comp->headless ? comp->headless : comp->service)->name);
	if (w->parallel)
		put_str(a, spec, "podManagementPolicy", "Parallel");
	put_replicated_pods(c, a, spec, w);
	put_claim_templates(a, spec, &w->pod);
	return doc;
}

/* A Job's spec: its retries, deadline and time to keep it (as resolved),
 * and its pod template. */
static void
put_job_spec(const struct compilation *c, struct arena *a, struct node *spec,
             const struct workload *w)
{
	const struct job_settings *job = w->comp->job;
	if (job->retries >= 0)
		put_int(a, spec, "backoffLimit", job->retries);
	if (job->deadline >= 0)
		put_int(a, spec, "activeDeadlineSeconds", job->deadline);
	if (job->ttl >= 0)
		put_int(a, spec, "ttlSecondsAfterFinished", job->ttl);
	map_put(a, spec, "template", pod_template_tree(c, w, a));
}

static struct node *
job_tree(const struct compilation *c, const struct workload *w, struct arena *a)
{
	struct node *spec;
	struct node *doc = workload_object(c, a, w, &spec);
	put_job_spec(c, a, spec, w);
	return doc;
}

static struct node *
cronjob_tree(const struct compilation *c, const struct workload *w, struct arena *a)
{
	static const char *const policies[] = {"Allow", "Forbid", "Replace"};
	const struct job_settings *job = w->comp->job;
	struct node *spec;
	struct node *doc = workload_object(c, a, w, &spec);
	put_str(a, spec, "schedule", job->schedule.value);
	if (job->time_zone.value)
		put_str(a, spec, "timeZone", job->time_zone.value);
	if (job->has_concurrency)
		put_str(a, spec, "concurrencyPolicy", policies[job->concurrency]);
	put_job_spec(c, a, put_map(a, put_map(a, spec, "jobTemplate"), "spec"), w);
	return doc;
}

struct node *
workload_tree(const struct compilation *c, const struct workload *w, struct arena *a)
{
	switch (w->comp->kind) {
	case WORKLOAD_DEPLOYMENT: return deployment_tree(c, w, a);
	case WORKLOAD_STATEFULSET: return statefulset_tree(c, w, a);
	case WORKLOAD_JOB: return job_tree(c, w, a);
	case WORKLOAD_CRONJOB: return cronjob_tree(c, w, a);
	case WORKLOAD_KINDS: break;
	}
	return node_map(a);
}
