/*
 * waits.c - what each `after` becomes at run time (docs/language.md
 * section 8): a wait init container in the waiting pod.  For a workload,
 * it checks the target's Service (busybox's nc, or wget on the target's
 * http readiness path); for a job, it asks the Kubernetes API until the
 * Job has succeeded, with the least privilege that allows it: a Role that
 * may only get those Jobs, bound to the pod's ServiceAccount (made for it
 * when it has none), and an API token mounted into the wait containers
 * alone.  Also the order of a pod's containers: sidecars, waits, init
 * containers, then the main container and the classic ones.
 */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

/* Where a pod's API token is mounted in the containers that wait for jobs. */
#define TOKEN_PATH "/var/run/secrets/kubernetes.io/serviceaccount"

/* A wait container; its name is its target's, made once: the first wait
 * container made for a target is the model of the others (its name, and
 * a service wait's command, are shared: they are the target's facts). */
static struct container *
new_wait_container(struct resolver *r, struct wait *w, const char *image)
{
	struct container *ctr = NEW(r->a, struct container);
	struct container **model = &r->wait_models[w->target->index];
	ctr->role = ROLE_WAIT;
	ctr->wait = w;
	ctr->name = *model ? (*model)->name : arena_printf(r->a, "wait-for-%s", w->target->name.text);
	if (!*model)
		*model = ctr;
	ctr->name_loc = w->loc;
	ctr->image.value = image;
	ctr->has_command = true;
	if (!r->wait_resources) {
		/* With their values, as a checked container's have them (the
		 * capacity check adds them up). */
		struct container_resources *res = NEW(r->a, struct container_resources);
		res->requests = (struct resources){{"10m", NO_LOC, 0}, {"16Mi", NO_LOC, 0}, {0}};
		res->limits = (struct resources){{"50m", NO_LOC, 0}, {"32Mi", NO_LOC, 0}, {0}};
		struct quantity *given[] = {&res->requests.cpu, &res->requests.memory,
		                            &res->limits.cpu, &res->limits.memory};
		for (size_t i = 0; i < sizeof given / sizeof *given; i++)
			quantity_parse(given[i]->text, &given[i]->value);
		r->wait_resources = res;
	}
	ctr->resources = r->wait_resources;
	return ctr;
}

/* sh -c 'until CHECK; do echo waiting for WHAT; sleep 2; done', in a;
 * WHAT quoted in tmp, where the caller made CHECK and WHAT and which it
 * frees or resets: only the command is kept. */
static void
set_wait_command(struct arena *a, struct arena *tmp, struct container *ctr, const char *check,
                 const char *what)
{
	void **argv = arena_alloc(a, 3 * sizeof *argv); /* exactly three: a vector would take 4 */
	argv[0] = "sh";
	argv[1] = "-c";
	argv[2] = arena_printf(a, "until %s; do echo waiting for %s; sleep 2; done", check,
	                       shell_quote(tmp, what));
	ctr->command = (struct vec){argv, 3, 3};
}

/* The container that waits for a workload's Service. */
static struct container *
service_wait_container(struct resolver *r, struct wait *w)
{
	const struct container *model = r->wait_models[w->target->index];
	struct container *ctr = new_wait_container(r, w, r->c->opts->wait_image);
	if (model) {
		ctr->command = model->command;
		return ctr;
	}
	struct arena *tmp = &r->scratch; /* the command's parts: reset before returning */
	if (w->url) {
		/* The probe's headers too: the app may answer only with them. */
		struct buf check = {0};
		buf_puts(&check, "wget -q -T 2");
		for (size_t i = 0; w->headers && i < w->headers->len; i++) {
			const struct header *h = w->headers->items[i];
			buf_printf(&check, " --header %s",
			           shell_quote(tmp, arena_printf(tmp, "%s: %s", h->name, h->value)));
		}
		buf_printf(&check, " -O /dev/null %s", shell_quote(tmp, w->url));
		set_wait_command(r->a, tmp, ctr, arena_buf_take(tmp, &check), w->url);
	} else
		set_wait_command(r->a, tmp, ctr, arena_printf(tmp, "nc -z -w 2 %s %lld", w->host, w->port),
		                 arena_printf(tmp, "%s:%lld", w->host, w->port));
	arena_reset(tmp);
	return ctr;
}

/* Until the API says the Job has succeeded, or that it is gone: a Job is
 * removed `keep` after it finished (a day by default), and a pod that
 * starts later must not wait for it forever.  The API server indents its
 * JSON for a client called curl (`"succeeded": 1`) unless the query says
 * pretty=false; the pattern takes both forms all the same. */
void
complete_job_wait(struct arena *a, struct arena *tmp, struct container *ctr, const char *job_name)
{
	const char *check = arena_printf(
		tmp,
		"s=$(curl -s --cacert " TOKEN_PATH "/ca.crt -H \"Authorization: Bearer $(cat " TOKEN_PATH
		"/token)\" -w ' %%{http_code}' \"https://kubernetes.default.svc/apis/batch/v1/namespaces/"
		"$(cat " TOKEN_PATH "/namespace)/jobs/%s?pretty=false\"); case \"$s\" in *' 404' | "
		"*'\"succeeded\":'[1-9]* | *'\"succeeded\": '[1-9]*) true ;; *) false ;; esac",
		job_name);
	set_wait_command(a, tmp, ctr, check, arena_printf(tmp, "job %s", job_name));
}

/* What a wait on a workload checks: the target's Service on its first
 * port, or, when the target has an http readiness probe, that path
 * through the Service (on the Service port of the probed container port;
 * so a target whose first port is UDP can still be waited for when its
 * readiness probe is on a TCP port); a target whose first port is UDP
 * and whose readiness probe is tcp, on the Service port of the probed
 * one. */
static void
plan_service_wait(struct resolver *r, struct wait *w)
{
	const struct component *t = w->target;
	const char *name = rquote(r, t->name.text);
	if (!t->service) {
		diag(&r->c->diags, W0502, w->loc,
		     "%s has no Service: 'after %s' orders the manifests but cannot wait for it at "
		     "run time", name, t->name.text);
		return;
	}
	w->host = t->service->name;
	const struct probe *ready = WORKLOAD_OF(t)->main->probes[PROBE_READINESS];
	if (ready && ready->kind == PROBE_HTTP && ready->path && ready->port &&
	    ready->port->published && !ready->port->udp) {
		w->at_run_time = true;
		w->port = ready->port->published->number;
		w->url = service_url(r->a, w->host, w->port, ready->path);
		w->headers = ready->headers.len ? &ready->headers : NULL;
		return;
	}
	const struct service_port *port = t->service->port;
	/* A first port that is UDP: a tcp readiness probe on a TCP port says
	 * where the target answers (CoreDNS and its health port). */
	if (port->udp && ready && ready->kind == PROBE_TCP && ready->port &&
	    ready->port->published && !ready->port->udp)
		port = ready->port->published;
	if (port->udp) {
		diag(&r->c->diags, W0502, w->loc,
		     "the first port of %s is UDP: 'after %s' orders the manifests but cannot wait "
		     "for it at run time (an http or tcp readiness probe on a TCP port would let it)",
		     name, t->name.text);
		return;
	}
	w->at_run_time = true;
	w->port = port->number;
}

/* The volume that brings the pod's API token to its job waits: the
 * token, the cluster's CA and the namespace, as Kubernetes' own
 * kube-api-access volume has them. */
static struct volume *
token_volume(struct resolver *r)
{
	struct volume *vol = NEW(r->a, struct volume);
	vol->kind = VOLUME_TOKEN;
	vol->name = (struct ident){"wait-api-token", NO_LOC};
	return vol;
}

/* The pod of a component that waits for jobs: an account (made for it
 * when it has none), the Role and RoleBinding that let it get those
 * jobs, the token volume.  A component has one Role and RoleBinding,
 * which the pods of its variants share (they share its account and its
 * waits: neither may be given in a variant). */
static struct role *
waits_role_for(struct resolver *r, struct component *comp, struct pod *pod)
{
	if (pod->waits_role)
		return pod->waits_role;
	if (!pod->account)
		pod->account = use_account(r, comp->name, false, true);
	struct role *role = NULL;
	for (size_t i = 0; !role && i < comp->workloads.len; i++)
		role = ((struct workload *)comp->workloads.items[i])->pod.waits_role;
	if (!role) {
		role = NEW(r->a, struct role);
		role->name = arena_printf(r->a, "%s-waits", comp->base_name);
		role->account = pod->account;
		vec_push(r->a, &r->s->roles, role);
	}
	pod->waits_role = role;
	vec_push(r->a, &pod->volumes, token_volume(r));
	return role;
}

/* The container that waits for a job, with the token mounted; its
 * command names the job, whose name is final only once the objects are
 * planned (complete_job_wait()). */
static struct container *
job_wait_container(struct resolver *r, struct component *comp, struct pod *pod, struct wait *w)
{
	struct role *role = waits_role_for(r, comp, pod);
	if (!role->account)
		return NULL; /* reported */
	bool listed = false;
	for (size_t i = 0; i < role->jobs.len && !listed; i++)
		listed = role->jobs.items[i] == w->target;
	if (!listed)
		vec_push(r->a, &role->jobs, w->target);
	struct container *ctr = new_wait_container(r, w, r->c->opts->job_wait_image);
	struct mount *m = NEW(r->a, struct mount);
	for (size_t i = 0; i < pod->volumes.len; i++)
		if (((struct volume *)pod->volumes.items[i])->kind == VOLUME_TOKEN)
			m->volume = pod->volumes.items[i];
	m->path.value = TOKEN_PATH;
	m->read_only = true;
	vec_push(r->a, &ctr->mounts, m);
	return ctr;
}

/* The order Kubernetes runs a pod's containers in: native sidecars first
 * (so that a proxy is up before anything talks through it), then the
 * waits (in the order of the `after`s), the init containers, and the main
 * and classic containers. */
static void
order_containers(struct resolver *r, struct pod *pod, const struct vec *waits)
{
	static const enum container_role order[] = {ROLE_SIDECAR, ROLE_WAIT, ROLE_INIT, ROLE_MAIN,
	                                            ROLE_CLASSIC};
	const struct vec *from[] = {&pod->containers, waits, &pod->containers, &pod->containers,
	                            &pod->containers};
	struct vec all = {0};
	for (size_t k = 0; k < sizeof order / sizeof *order; k++)
		for (size_t i = 0; i < from[k]->len; i++) {
			struct container *ctr = from[k]->items[i];
			if (ctr->role == order[k])
				vec_push(r->a, &all, ctr);
		}
	pod->containers = all;
}

static struct component *
wait_target(struct resolver *r, const struct component *comp, struct wait *w)
{
	struct decl *d = lookup_after(r, w->target_name, comp);
	struct component *t = d ? d->what : NULL;
	if (t && t->kind == WORKLOAD_CRONJOB) {
		struct diagnostic *g = diag(&r->c->diags, E0303, w->loc,
		                            "%s is a cron: it runs on a schedule, so nothing can wait "
		                            "for it to finish", rquote(r, t->name.text));
		diag_note(&r->c->diags, g, t->name.loc, "%s is declared here", rquote(r, t->name.text));
		return NULL;
	}
	return t;
}

static void
resolve_waits(struct resolver *r, struct component *comp)
{
	size_t kept = 0;
	for (size_t i = 0; i < comp->waits.len; i++) {
		struct wait *w = comp->waits.items[i];
		if (!(w->target = wait_target(r, comp, w)))
			continue;
		comp->waits.items[kept++] = w;
		if (r->c->opts->no_wait)
			continue;
		if (w->target->kind == WORKLOAD_JOB)
			w->at_run_time = w->for_job = true;
		else
			plan_service_wait(r, w);
	}
	comp->waits.len = kept;
	/* Every pod of the component waits, each with containers of its own. */
	for (size_t k = 0; k < comp->workloads.len; k++) {
		struct pod *pod = &((struct workload *)comp->workloads.items[k])->pod;
		struct vec containers = {0};
		for (size_t i = 0; i < comp->waits.len; i++) {
			struct wait *w = comp->waits.items[i];
			struct container *ctr = !w->at_run_time ? NULL
			                        : w->for_job    ? job_wait_container(r, comp, pod, w)
			                                        : service_wait_container(r, w);
			if (ctr)
				vec_push(r->a, &containers, ctr);
		}
		order_containers(r, pod, &containers);
	}
}

void
resolve_stack_waits(struct resolver *r)
{
	const struct vec *comps = &r->s->components;
	r->wait_models = xmalloc((comps->len ? comps->len : 1) * sizeof *r->wait_models);
	memset(r->wait_models, 0, comps->len * sizeof *r->wait_models);
	for (size_t i = 0; i < comps->len; i++)
		resolve_waits(r, comps->items[i]);
	free(r->wait_models);
	r->wait_models = NULL;
}
