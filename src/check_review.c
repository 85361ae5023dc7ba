/*
 * check_review.c - what a production review of the output would find,
 * checked on each component (docs/diagnostics.md, W0540-W0548): cpu and
 * memory amounts probably written in the wrong unit, cpu below 1m (which
 * Kubernetes rounds up), images that no tag or digest pins, Services
 * whose pods have no readiness probe, containers that request no cpu or
 * memory, liveness probes that are the readiness probe, env values with
 * a shell's $VAR that nothing expands (W0550), 'api' rules that reach
 * every Secret (W0549); configs and secrets too large for a client-side
 * kubectl apply (W0506); and the one error of the kind, a disruption
 * budget that lets no pod be evicted (E0540); and the stack's requests
 * against its cluster's capacity (E0507).  The component's warnings
 * can be silenced for one component with `quiet CODE "reason"`
 * (src/lower_rollout.c, src/diag.c).
 */
#include "check.h"

#include <string.h>

/* cpu counts cores: above 64 of them, it was probably meant as
 * millicores (`cpu 500`), or written with a memory unit (`cpu 500Mi`,
 * what `500mi` is close to); below 1m, Kubernetes rounds it up to 1m. */
static void
review_cpu(struct checker *k, const struct quantity *cpu)
{
	if (cpu->text && cpu->value > 0 && cpu->value * 1000 < 1 - 1e-9L)
		diag(&k->c->diags, W0547, cpu->loc,
		     "cpu %s is less than 1m (a thousandth of a core), the least Kubernetes counts: "
		     "it rounds it up to '1m'; write '1m'", cquote(k, cpu->text));
	if (cpu->text && cpu->value > 64) {
		size_t numeric = strspn(cpu->text, "0123456789.");
		const char *suffix = cpu->text + numeric;
		const char *cores = *suffix ? arena_printf(k->a, "%.0Lf", cpu->value) : cpu->text;
		/* A unit of memory (500Mi), or M for m (500M): millicores were
		 * meant; another multiple (2k) says nothing of what was. */
		bool memory_unit = *suffix && suffix[strlen(suffix) - 1] == 'i';
		bool millicores = !*suffix || memory_unit || strcmp(suffix, "M") == 0;
		const char *unit = "";
		if (*suffix)
			unit = arena_printf(k->a, " (%s %s)", cquote(k, suffix),
			                    memory_unit ? "is a unit of memory" : "multiplies cores");
		const char *fix = millicores
		                      ? arena_printf(k->a, "did you mean '%.*sm' (millicores)?", (int)numeric,
		                                     cpu->text)
		                      : "write cores ('2') or millicores ('500m')";
		diag(&k->c->diags, W0540, cpu->loc, "cpu %s means %s cores%s, more than a node has; %s",
		     cquote(k, cpu->text), cores, unit, fix);
	}
}

/* A plain number is in bytes for memory: below 1Mi, it was probably
 * meant as mebibytes.  Above 64Ti, more than a node has, its unit is
 * probably wrong. */
static void
review_memory(struct checker *k, const struct quantity *memory)
{
	long double ti = memory->value / 1099511627776.0L;
	if (memory->text && ti > 64)
		diag(&k->c->diags, W0548, memory->loc,
		     "memory %s means %.*LfTi, more than a node has: a request that high is never "
		     "scheduled, a limit that high limits nothing; check its unit (Mi, Gi)",
		     cquote(k, memory->text), ti == (long long)ti ? 0 : 1, ti);
	const char *fix, *means = memory_slip(k, memory, &fix);
	if (means && plain_number(memory->text))
		diag(&k->c->diags, W0541, memory->loc, "memory %s means %s, less than any process "
		     "needs; %s", cquote(k, memory->text), means, fix);
}

/* The param the image's tag comes from: the reference the image ends
 * with, when it is a param's. */
static const struct param *
tag_param(struct checker *k, const struct ast_string *image)
{
	if (!image || !image->parts.len)
		return NULL;
	const struct ast_part *last = image->parts.items[image->parts.len - 1];
	if (!last->is_ref || last->ref->member.text)
		return NULL;
	const struct decl *d = strmap_get(&k->s->names, last->ref->name.text);
	return d && d->kind == DECL_PARAM ? d->what : NULL;
}

/* An image that no tag or digest pins; blamed on the param that makes
 * it so (once, whatever the images made from it). */
static void
review_image(struct checker *k, const struct container *ctr)
{
	const char *image = ctr->image.value;
	const char *why = image && !image_problem(image) ? image_unpinned(image) : NULL;
	if (!why)
		return;
	const struct param *param = tag_param(k, ctr->image.written);
	if (param)
		diag(&k->c->diags, W0542, param->source ? param->source->loc : param->loc,
		     "param %s makes an image that %s: a node pulls whatever it names at the time, "
		     "so the pods of one workload may run different code and a rollback does not go "
		     "back; give a version, as in 'param %s = \"1.4.2\"', or set one with -D %s=VERSION",
		     cquote(k, param->name.text), why, param->name.text, param->name.text);
	else
		diag(&k->c->diags, W0542, ctr->image_loc,
		     "image %s %s: a node pulls whatever it names at the time, so the pods of one "
		     "workload may run different code and a rollback does not go back; give a "
		     "version, as in 'NAME:1.4.2', or a digest", cquote(k, image), why);
}

static void
review_requests(struct checker *k, const struct component *comp, const struct container *ctr)
{
	/* With a limit and no request, Kubernetes requests the limit. */
	const struct container_resources *res = RESOURCES_OF(ctr);
	bool cpu = res->requests.cpu.text || res->limits.cpu.text;
	bool memory = res->requests.memory.text || res->limits.memory.text;
	if (cpu && memory)
		return;
	const char *who = ctr->role == ROLE_MAIN
	                      ? cquote(k, comp->name.text)
	                      : arena_printf(k->a, "container %s of %s", cquote(k, ctr->name),
	                                     cquote(k, comp->name.text));
	/* At the request that is given, beside which the other one goes (in
	 * the profile that replaced the `requests`, if one did); else at the
	 * container. */
	const struct quantity *given = res->requests.cpu.text ? &res->requests.cpu
	                                                      : &res->requests.memory;
	diag(&k->c->diags, W0544, given->text ? given->loc : ctr->name_loc,
	     "%s requests no %s: the scheduler places it as if it needed none, and without a "
	     "limit either it is the first evicted when its node runs short; add 'requests %s' "
	     "with what it uses", who,
	     !cpu && !memory ? "cpu and no memory" : cpu ? "memory" : "cpu",
	     !cpu && !memory ? "cpu 100m memory 128Mi" : cpu ? "memory 128Mi" : "cpu 100m");
}

static bool
same_headers(const struct vec *a, const struct vec *b)
{
	if (a->len != b->len)
		return false;
	for (size_t i = 0; i < a->len; i++) {
		const struct header *x = a->items[i], *y = b->items[i];
		if (strcmp(x->name, y->name) != 0 || strcmp(x->value, y->value) != 0)
			return false;
	}
	return true;
}

/* The same check (kind, path or service, port, command, headers) with
 * the same timings: identical, as kube-score's rule has it. */
static void
review_probes(struct checker *k, const struct container *ctr)
{
	const struct probe *live = ctr->probes[PROBE_LIVENESS], *ready = ctr->probes[PROBE_READINESS];
	if (!live || !ready)
		return;
	const struct probe_timing *lt = TIMING_OF(live), *rt = TIMING_OF(ready);
	if (live->kind != ready->kind || live->port != ready->port || lt->delay != rt->delay ||
	    lt->every != rt->every || lt->timeout != rt->timeout || lt->failures != rt->failures ||
	    (live->path == NULL) != (ready->path == NULL) ||
	    (live->path && strcmp(live->path, ready->path) != 0) ||
	    !vec_same_strings(&live->command, &ready->command) ||
	    !same_headers(&live->headers, &ready->headers))
		return;
	struct diagnostic *g = diag(&k->c->diags, W0545, live->loc,
	                            "the liveness probe of container %s is its readiness probe: when "
	                            "the container is only busy, both fail and the kubelet restarts "
	                            "it instead of sending it no requests for a while; make liveness "
	                            "another check (a cheaper path, or 'tcp'), or less frequent",
	                            cquote(k, ctr->name));
	diag_note(&k->c->diags, g, ready->loc, "the readiness probe is here");
}

/* A workload with ports: some container of its pods says when they are ready. */
static void
review_readiness(struct checker *k, const struct component *comp, const struct workload *w)
{
	if (!comp->ports.len || (comp->kind != WORKLOAD_DEPLOYMENT && comp->kind != WORKLOAD_STATEFULSET))
		return;
	for (size_t i = 0; i < w->pod.containers.len; i++) {
		const struct container *ctr = w->pod.containers.items[i];
		if (ctr->probes[PROBE_READINESS])
			return;
	}
	const char *who = w->variant.text
	                      ? arena_printf(k->a, "variant %s of %s", cquote(k, w->variant.text),
	                                     cquote(k, comp->name.text))
	                      : cquote(k, comp->name.text);
	diag(&k->c->diags, W0543, w->variant.text ? w->variant.loc : comp->name.loc,
	     "%s has ports but no readiness probe: its Service sends requests to each new pod as "
	     "soon as it starts, before it can answer them; add 'readiness http \"/ready\"' or "
	     "'readiness tcp'", who);
}

/* The pods a budget counts on: every workload's, at its fewest. */
static long long
fewest_pods(const struct component *comp)
{
	long long n = 0;
	for (size_t i = 0; i < comp->workloads.len; i++) {
		const struct workload *w = comp->workloads.items[i];
		n += w->autoscaled ? w->min_replicas : w->replicas;
	}
	return n;
}

/* A budget must let at least one pod be evicted, with the fewest pods
 * the component runs; else a node drain waits for ever.  Kubernetes
 * rounds a percentage up, for both kinds. */
void
check_budget(struct checker *k, const struct component *comp)
{
	const struct budget *b = comp->budget;
	if (!b)
		return;
	const char *word = b->max_unavailable ? "max-unavailable" : "min-available";
	if (!check_amount(k, &b->amount, word))
		return;
	long long pods = fewest_pods(comp), n = b->amount.value;
	if (b->amount.percent)
		n = (n * pods + 99) / 100;
	long long evictable = b->max_unavailable ? n : pods - n;
	if (evictable > 0 || pods < 1)
		return;
	const char *as = arena_printf(k->a, "%lld%s", b->amount.value, b->amount.percent ? "%" : "");
	const struct workload *w = WORKLOAD_OF(comp);
	const char *count = pods == 1 ? "the one pod"
	                              : arena_printf(k->a, "all %lld pods%s", pods,
	                                             w->autoscaled ? " (the autoscaler's minimum)" : "");
	struct diagnostic *d;
	if (b->max_unavailable)
		d = diag(&k->c->diags, E0540, b->loc,
		     "'budget max-unavailable %s' lets no pod of %s be evicted: a node drain or a "
		     "cluster upgrade waits for ever; allow at least 1", as, cquote(k, comp->name.text));
	else
		d = diag(&k->c->diags, E0540, b->loc,
		     "'budget min-available %s' keeps %s of %s available, so none can be "
		     "evicted: a node drain or a cluster upgrade waits for ever; %s", as, count,
		     cquote(k, comp->name.text),
		     pods > 1 ? arena_printf(k->a, "ask for at most %lld, or run more replicas", pods - 1)
		              : "run 2 replicas or more, or give no budget");
	/* Where the count comes from (a profile's `replicas 1`, often). */
	if (comp->workloads.len == 1 && w->has_replicas && HAS_LOC(w->replicas_loc))
		diag_note(&k->c->diags, d, w->replicas_loc, "%s runs %s%lld %s here",
		          cquote(k, comp->name.text), w->autoscaled ? "at fewest " : "", pods,
		          pods == 1 ? "pod" : "pods");
}

/* `api get secrets` (or list, watch): the pods may read every Secret of
 * the namespace, the other components' passwords and keys too; `api
 * create pods/exec` (or get, and pods/attach): they may run commands in
 * every pod of the namespace, and read what those pods hold. */
static void
review_api(struct checker *k, const struct component *comp)
{
	for (size_t i = 0; i < comp->api.len; i++) {
		const struct api_grant *g = comp->api.items[i];
		bool reads = false, enters = false;
		for (size_t v = 0; v < g->verbs.len; v++) {
			const char *verb = ((const struct ident *)g->verbs.items[v])->text;
			bool get = strcmp(verb, "get") == 0;
			reads |= get || strcmp(verb, "list") == 0 || strcmp(verb, "watch") == 0;
			enters |= get || strcmp(verb, "create") == 0;
		}
		for (size_t r = 0; r < g->resources.len; r++) {
			const struct ident *res = g->resources.items[r];
			if (reads && strcmp(res->text, "secrets") == 0)
				diag(&k->c->diags, W0549, res->loc, "%s may read every Secret of the "
				     "namespace, the other components' passwords and keys too; give it the "
				     "secret it needs with 'env from' or a volume instead", cquote(k,
				     comp->name.text));
			else if (enters && (strcmp(res->text, "pods/exec") == 0 ||
			                    strcmp(res->text, "pods/attach") == 0))
				diag(&k->c->diags, W0549, res->loc, "%s may run commands in every pod of the "
				     "namespace, and so read the Secrets those pods are given; keep it to a "
				     "tool whose job that is", cquote(k, comp->name.text));
		}
	}
}

static bool
has_variable(const struct container *ctr, const char *name)
{
	for (size_t i = 0; i < ctr->env.len; i++) {
		const struct env_var *e = ctr->env.items[i];
		if (!e->removed && strcmp(e->name, name) == 0)
			return true;
	}
	return false;
}

/* "http://$HOST/" in an env value reaches the container as written:
 * Kubernetes expands $(HOST), todokc ${host}, nothing $HOST.  Said once
 * per entry, when HOST is a variable of the container or names a param
 * (W0550); "$$" is Kubernetes' literal '$'. */
static void
review_env_dollars(struct checker *k, const struct container *ctr)
{
	for (size_t i = 0; i < ctr->env.len; i++) {
		const struct env_var *e = ctr->env.items[i];
		const char *p = e->kind == ENV_VALUE && !e->removed ? e->value : NULL, *fix = NULL;
		while (p && !fix && (p = strchr(p, '$'))) {
			size_t n = c_identifier_length(p + 1);
			const char *name = arena_strndup(&k->scratch, p + 1, n);
			const struct decl *d = n ? strmap_get(&k->s->names, shell_name_folded(&k->scratch,
			                                                                      name)) : NULL;
			if (n && has_variable(ctr, name))
				fix = arena_printf(k->a, "'$(%s)' for the container's variable", name);
			else if (d && d->kind == DECL_PARAM)
				fix = arena_printf(k->a, "'${%s}' for the param", d->name);
			p += p[1] == '$' ? 2 : 1 + n;
			if (fix)
				diag(&k->c->diags, W0550, e->loc, "%s holds '$%s', which reaches the container "
				     "as written: Kubernetes expands '$(VAR)' and todokc '${...}', not '$VAR'; "
				     "write %s", cquote(k, e->name), name, fix);
		}
	}
	arena_reset(&k->scratch);
}

void
review_component(struct checker *k, const struct component *comp)
{
	review_api(k, comp);
	for (size_t i = 0; i < comp->workloads.len; i++) {
		const struct workload *w = comp->workloads.items[i];
		review_readiness(k, comp, w);
		for (size_t j = 0; j < w->pod.containers.len; j++) {
			const struct container *ctr = w->pod.containers.items[j];
			if (ctr->role == ROLE_WAIT)
				continue; /* todokc's own */
			const struct container_resources *res = RESOURCES_OF(ctr);
			review_cpu(k, &res->requests.cpu);
			review_cpu(k, &res->limits.cpu);
			review_memory(k, &res->requests.memory);
			review_memory(k, &res->limits.memory);
			review_image(k, ctr);
			review_requests(k, comp, ctr);
			review_probes(k, ctr);
			review_env_dollars(k, ctr);
		}
	}
}

/* An external config or secret without its object's name is looked up
 * by the naming template's, which its maker (cert-manager, a platform
 * team) rarely gives it: the pods then wait for an object that does not
 * exist. */
static void
review_external_name(struct checker *k, const struct keyset *set)
{
	if (!set->external || set->object || !set->k8s_name || set->bad_name ||
	    strcmp(set->k8s_name, set->name.text) == 0)
		return;
	const char *kind = set->secret ? "secret" : "config";
	diag(&k->c->diags, W0509, HAS_LOC(set->external_loc) ? set->external_loc : set->name.loc,
	     "external %s %s is looked up in the cluster as %s, the name the naming template gives "
	     "it; write the name of the object that exists, as in '%s %s external \"%s\"'", kind,
	     cquote(k, set->name.text), cquote(k, set->k8s_name), kind, set->name.text,
	     set->name.text);
}

/* A client-side `kubectl apply` keeps the object, as JSON (a Secret's
 * data in base64), in an annotation of 256 KiB at most: a config or secret
 * Kubernetes takes may still be too large for it. */
void
review_keyset(struct checker *k, const struct keyset *set)
{
	review_external_name(k, set);
	size_t total = keyset_bytes(set);
	size_t applied = set->secret ? (total + 2) / 3 * 4 : total;
	if (set->external || total > MAX_OBJECT_BYTES || applied <= MAX_ANNOTATION_BYTES)
		return;
	diag(&k->c->diags, W0506, set->name.loc,
	     "%s %s holds %zu bytes: 'kubectl apply' keeps a copy of what it applies in an "
	     "annotation of at most 262144 bytes and refuses it; apply with 'kubectl apply "
	     "--server-side'", set->secret ? "secret" : "config", cquote(k, set->name.text), total);
}

void
review_stack(struct compilation *c)
{
	struct checker k = {c, c->stack, &c->arena, false, {0}};
	struct stack *s = c->stack;
	for (size_t i = 0; i < s->components.len; i++)
		review_component(&k, s->components.items[i]);
	for (size_t i = 0; i < s->configs.len; i++)
		review_keyset(&k, s->configs.items[i]);
	for (size_t i = 0; i < s->secrets.len; i++)
		review_keyset(&k, s->secrets.items[i]);
	review_literal_hosts(&k);
	arena_free(&k.scratch);
}

/* A container's request of a resource: with a limit and no request,
 * Kubernetes requests the limit.  NULL when it gives neither. */
const struct quantity *
container_request(const struct container *ctr, bool memory)
{
	const struct container_resources *res = RESOURCES_OF(ctr);
	const struct quantity *r = memory ? &res->requests.memory : &res->requests.cpu;
	const struct quantity *l = memory ? &res->limits.memory : &res->limits.cpu;
	return r->text ? r : l->text ? l : NULL;
}

/* What a component's pods request of a resource at the most replicas,
 * each pod as Kubernetes counts it: the more of its containers' requests
 * (main, classic and sidecars) added up and the peak of its init
 * containers (the waits too), each while it runs beside the sidecars
 * before it; over every variant's pods.  What the note says of it. */
struct request_share {
	long double total, per_pod; /* -1: nothing requested */
	const struct quantity *q;   /* the main container's request, else the first one;
	                             * the init container's when its peak is the pod's */
	size_t containers;          /* of the one workload that requests it */
	const struct container *init; /* the init container whose peak is the pod's, or NULL */
	long double running;          /* then: what the pod's running containers request */
};

static struct request_share
component_request(const struct component *comp, bool memory)
{
	struct request_share r = {-1, 0, NULL, 0, NULL, 0};
	bool at_main = false;
	for (size_t i = 0; i < comp->workloads.len; i++) {
		const struct workload *w = comp->workloads.items[i];
		long double pod = 0, sidecars = 0, peak = 0;
		const struct container *init = NULL;
		for (size_t j = 0; j < w->pod.containers.len; j++) {
			const struct container *ctr = w->pod.containers.items[j];
			const struct quantity *q = container_request(ctr, memory);
			if (!q)
				continue;
			long double v = q->value;
			if (ctr->role == ROLE_WAIT || ctr->role == ROLE_INIT) {
				if (sidecars + v > peak) {
					peak = sidecars + v;
					init = ctr;
				}
				continue;
			}
			if (ctr->role == ROLE_SIDECAR)
				sidecars += v;
			if (!r.q || (ctr->role == ROLE_MAIN && !at_main)) {
				r.q = q;
				at_main = ctr->role == ROLE_MAIN;
			}
			pod += v;
			r.containers++;
		}
		r.init = peak > pod ? init : NULL;
		r.running = pod;
		if (r.init) {
			r.q = container_request(init, memory);
			pod = peak;
		}
		if (!pod || w->max_replicas <= 0)
			continue;
		r.per_pod = pod;
		r.total = (r.total < 0 ? 0 : r.total) + pod * (long double)w->max_replicas;
	}
	return r;
}

/* The note on one contributor to a capacity error. */
static void
note_share(struct checker *k, struct diagnostic *g, const struct component *comp, bool memory,
           const char *unit, long double scale)
{
	struct request_share r = component_request(comp, memory);
	const struct workload *w = WORKLOAD_OF(comp);
	const char *name = cquote(k, comp->name.text);
	long long n = w->max_replicas;
	const struct container_resources *res = RESOURCES_OF(w->main);
	bool limit = r.q == &res->limits.cpu || r.q == &res->limits.memory;
	if (comp->workloads.len == 1 && r.init)
		diag_note(&k->c->diags, g, HAS_LOC(r.q->loc) ? r.q->loc : r.init->name_loc,
		          "%s requests %.0Lf%s a pod x %lld replica%s = %.0Lf%s: Kubernetes reserves "
		          "what its init container %s requests (%s)%s, more than the %.0Lf%s of its "
		          "running containers", name, r.per_pod / scale, unit, n, n == 1 ? "" : "s",
		          r.total / scale, unit, cquote(k, r.init->name), r.q->text,
		          r.per_pod > r.q->value ? " beside its sidecars" : "",
		          r.running / scale, unit);
	else if (comp->workloads.len > 1)
		diag_note(&k->c->diags, g, r.q->loc, "%s requests %.0Lf%s over the pods of its %u "
		          "variants", name, r.total / scale, unit, comp->workloads.len);
	else if (r.containers > 1)
		diag_note(&k->c->diags, g, r.q->loc, "%s requests %.0Lf%s a pod (its containers' "
		          "requests added up) x %lld replica%s = %.0Lf%s", name, r.per_pod / scale, unit,
		          n, n == 1 ? "" : "s", r.total / scale, unit);
	else
		diag_note(&k->c->diags, g, r.q->loc, "%s requests %s%s x %lld replica%s = %.0Lf%s",
		          name, r.q->text, limit ? " (its limit)" : "", n, n == 1 ? "" : "s",
		          r.total / scale, unit);
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
		long double v = component_request(comp, memory).total;
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
	for (int t = 0; t < 3 && top[t]; t++)
		note_share(k, g, top[t], memory, unit, scale);
}

/* The sum of requests times the most replicas each workload may run fits
 * in the cluster's capacity; the error names the largest contributors. */
void
check_capacity(struct checker *k, bool memory)
{
	struct stack *s = k->s;
	struct quantity *cap = memory ? &s->capacity.memory : &s->capacity.cpu;
	if (!cap->text || !check_quantity(k, cap, memory ? "memory capacity" : "cpu capacity", memory))
		return;
	long double total = 0;
	for (size_t i = 0; i < s->components.len; i++) {
		long double v = component_request(s->components.items[i], memory).total;
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
	                            cquote(k, cap->text), cap->value / scale, unit);
	note_largest(k, g, memory, unit, scale);
}
