/*
 * gitops.c - the dependency order as annotations that GitOps tools
 * honour when they ignore file order (--order-annotations, docs/output.md):
 *
 *   argocd  argocd.argoproj.io/sync-wave: "0" for the Namespace, "1" for
 *           accounts, roles, role bindings, configs and secrets, and for
 *           a component's objects, its claims included, 2 plus its depth
 *           (the longest chain of `after` leading to it);
 *   kpt     config.kubernetes.io/depends-on: the objects each one depends
 *           on, as GROUP/namespaces/NAMESPACE/KIND/NAME, comma-separated
 *           (kpt and Config Sync apply those first and wait for them).
 *
 * A claim is never waited for: on a storage class that binds a volume
 * when the first pod uses it (WaitForFirstConsumer, the default of the big
 * clouds' classes) a claim stays Pending, which both tools take for "not
 * ready yet", until its consumer runs: waiting for it before the consumer
 * would wait forever.  It comes in its consumer's wave instead.
 *
 * Part of the plan stage: it reads the planned objects and the IR.
 */
#include "objects.h"

#include <string.h>

#define SYNC_WAVE "argocd.argoproj.io/sync-wave"
#define DEPENDS_ON "config.kubernetes.io/depends-on"

static const char *
sync_wave(struct compilation *c, const struct object *o)
{
	if (o->kind == OBJ_NAMESPACE)
		return "0";
	if (!o->comp)
		return "1";
	return arena_printf(&c->arena, "%zu", 2 + (size_t)o->comp->depth);
}

/* The list of one object's dependencies, each once. */
struct depends {
	struct compilation *c;
	struct buf text;
	struct strmap seen;
};

static void
depend_on(struct depends *d, enum object_kind kind, const char *name)
{
	const char *api = object_kinds[kind].api_version, *slash = strchr(api, '/');
	const char *ref = arena_printf(&d->c->arena, "%.*s/namespaces/%s/%s/%s",
	                               slash ? (int)(slash - api) : 0, api, d->c->stack->namespace,
	                               object_kinds[kind].kind, name);
	if (strmap_claim(&d->c->arena, &d->seen, ref, (void *)ref))
		return;
	if (d->text.len)
		buf_putc(&d->text, ',');
	buf_puts(&d->text, ref);
}

static void
depend_on_keyset(struct depends *d, const struct keyset *set)
{
	if (set && !set->external)
		depend_on(d, set->secret ? OBJ_SECRET : OBJ_CONFIGMAP, set->k8s_name);
}

/* What a workload's pods need before they start: the configs, secrets
 * and account they use, the Role that lets them ask for the jobs they
 * wait for, and the workloads of every component they start after (not
 * their claims, which may bind only once a pod uses them). */
static void
workload_depends(struct depends *d, const struct workload *w)
{
	const struct pod *pod = &w->pod;
	for (size_t i = 0; i < pod->containers.len; i++) {
		const struct container *ctr = pod->containers.items[i];
		for (size_t k = 0; k < ctr->env_from.len; k++)
			depend_on_keyset(d, ((const struct env_source *)ctr->env_from.items[k])->set);
		for (size_t k = 0; k < ctr->env.len; k++)
			depend_on_keyset(d, ((const struct env_var *)ctr->env.items[k])->from);
	}
	for (size_t i = 0; i < pod->volumes.len; i++) {
		const struct volume *vol = pod->volumes.items[i];
		depend_on_keyset(d, vol->mounted);
	}
	if (pod->account && !pod->account->external)
		depend_on(d, OBJ_SERVICE_ACCOUNT, pod->account->name);
	if (pod->waits_role)
		depend_on(d, OBJ_ROLE_BINDING, pod->waits_role->name);
	if (pod->api_role)
		depend_on(d, OBJ_ROLE_BINDING, pod->api_role->name);
	const struct component *comp = w->comp;
	for (size_t i = 0; i < comp->waits.len; i++) {
		const struct component *t = ((const struct wait *)comp->waits.items[i])->target;
		for (size_t k = 0; k < t->workloads.len; k++)
			depend_on(d, workload_kinds[t->kind].object,
			          ((const struct workload *)t->workloads.items[k])->name);
	}
}

static const char *
depends_on(struct compilation *c, const struct object *o)
{
	struct depends d = {.c = c};
	switch (o->kind) {
	case OBJ_DEPLOYMENT:
	case OBJ_STATEFULSET:
	case OBJ_JOB:
	case OBJ_CRONJOB: workload_depends(&d, o->subject); break;
	case OBJ_AUTOSCALER: {
		const struct workload *w = o->subject;
		depend_on(&d, workload_kinds[w->comp->kind].object, w->name);
		break;
	}
	case OBJ_INGRESS:
	case OBJ_HTTPROUTE: depend_on(&d, OBJ_SERVICE, o->comp->service->name); break;
	case OBJ_ROLE_BINDING: {
		const struct role *role = o->subject;
		depend_on(&d, OBJ_ROLE, role->name);
		if (!role->account->external)
			depend_on(&d, OBJ_SERVICE_ACCOUNT, role->account->name);
		break;
	}
	default: break;
	}
	return d.text.len ? arena_buf_take(&c->arena, &d.text) : NULL;
}

void
annotate_order(struct compilation *c)
{
	enum order_annotations how = c->opts->order_annotations;
	for (size_t i = 0; how != ORDER_NONE && i < c->objects.len; i++) {
		struct object *o = c->objects.items[i];
		o->order_key = how == ORDER_ARGOCD ? SYNC_WAVE : DEPENDS_ON;
		o->order_value = how == ORDER_ARGOCD ? sync_wave(c, o) : depends_on(c, o);
	}
}
