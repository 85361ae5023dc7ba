/*
 * check.c - the validation pass (docs/language.md section 12).
 *
 * Runs on the resolved stack IR, where every value still knows its
 * source location, and checks what Kubernetes would reject at apply time
 * and what would fail at run time: names and their lengths (derived names
 * blamed on the component or the naming template), ports and Services,
 * routes, autoscaling bounds, configs and secrets, and across the stack
 * the names of objects, NodePorts and (in check_review.c) the cluster's
 * capacity.  Each workload and its pod are checked in check_pod.c.  The rules on strings
 * live in names.c; these files decide where they apply and what to say.
 * Each rule is checked in one place.
 */
#include "check.h"

#include <jansson.h>
#include <string.h>

const char *
cquote(struct checker *k, const char *s)
{
	return diag_quote(k->a, s);
}

bool
check_int32(struct checker *k, long long v, struct loc loc, const char *what)
{
	if (v >= 0 && v <= 2147483647)
		return true;
	diag(&k->c->diags, E0408, loc, "%s %lld is out of range: it must be between 0 and 2147483647",
	     what, v);
	return false;
}

/* A derived name too long by what the default naming adds to the name
 * it is made from (declared, of at most limit characters): a note at it
 * says what todokc adds, and the template that leaves it out. */
static void
note_default_naming(struct checker *k, struct diagnostic *g, const char *name, struct loc blame,
                    enum naming_slot slot)
{
	static const char *const words[NAMING_SLOTS] = {
		[NAMING_WORKLOAD] = "workload", [NAMING_SERVICE] = "service",
		[NAMING_CONFIG] = "config",     [NAMING_SECRET] = "secret",
		[NAMING_ACCOUNT] = "account",
	};
	size_t declared = blame.end - blame.begin, stack = strlen(k->s->name.text);
	const char *at = k->c->diags.src->text + blame.begin;
	if (strncmp(name, k->s->name.text, stack) != 0 || name[stack] != '-' ||
	    strlen(name) < stack + 1 + declared || strncmp(name + stack + 1, at, declared) != 0)
		return;
	const char *before = arena_strndup(k->a, name, stack + 1);
	const char *after = name + stack + 1 + declared;
	diag_note(&k->c->diags, g, blame,
	          "the default naming adds %s before this name%s%s, %zu characters; "
	          "'naming { %s \"{component}\" }' (docs/language.md, \"naming\") leaves %s out",
	          cquote(k, before), *after ? " and " : "",
	          *after ? arena_printf(k->a, "%s after it", cquote(k, after)) : "",
	          strlen(name) - declared, words[slot], *after ? "them" : "it");
}

void
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
	                            "the %s name %s is not valid: %s", kind, cquote(k, name),
	                            name_problem_text(k->a, rule, name, problem));
	size_t limit = length_limit(rule, name, problem);
	bool prefixed = limit && HAS_LOC(blame) && blame.end - blame.begin <= limit;
	if (template && prefixed)
		diag_note(&k->c->diags, g, blame,
		          "the name is made from this one, of %u characters: the template adds %zu",
		          blame.end - blame.begin,
		          strlen(name) - (blame.end - blame.begin));
	else if (template)
		diag_note(&k->c->diags, g, blame, "the name is made from this one");
	else if (prefixed && slot < NAMING_SLOTS)
		note_default_naming(k, g, name, blame, slot);
}

bool
check_quantity(struct checker *k, struct quantity *q, const char *what, bool memory)
{
	if (!q->text)
		return false;
	if (!quantity_parse(q->text, &q->value)) {
		diag(&k->c->diags, E0505, q->loc, "%s %s is not a Kubernetes quantity", what,
		     cquote(k, q->text));
		return false;
	}
	/* resource.Quantity caps its number at 2^63-1: what is applied is
	 * not what is written. */
	if (q->value > 9223372036854775807.0L) {
		diag(&k->c->diags, E0505, q->loc,
		     "%s %s is out of range: Kubernetes caps a quantity at 2^63-1 "
		     "(9223372036854775807, about 8Ei), so it would apply another amount", what,
		     cquote(k, q->text));
		return false;
	}
	if (memory)
		warn_milli_memory(k, q);
	return true;
}

bool
plain_number(const char *s)
{
	for (const char *p = s; *p; p++)
		if ((*p < '0' || *p > '9') && *p != '.')
			return false;
	return *s != '\0';
}

const char *
memory_slip(struct checker *k, const struct quantity *q, const char **fix)
{
	size_t len = q->text ? strlen(q->text) : 0;
	*fix = NULL;
	if (len > 1 && q->text[len - 1] == 'm') {
		*fix = arena_printf(k->a, "did you mean '%.*sMi'?", (int)(len - 1), q->text);
		return arena_printf(k->a, "%.*s thousandths of a byte", (int)(len - 1), q->text);
	}
	if (!len || !plain_number(q->text) || q->value <= 0 || q->value >= 1024.0L * 1024.0L)
		return NULL;
	*fix = q->value <= 64 * 1024 ? arena_printf(k->a, "did you mean '%sMi'?", q->text)
	                             : "give it a unit, such as Mi or Gi";
	return arena_printf(k->a, "%s bytes", q->text);
}

void
warn_milli_memory(struct checker *k, const struct quantity *q)
{
	const char *fix, *means = memory_slip(k, q, &fix);
	if (means && q->text[strlen(q->text) - 1] == 'm')
		diag(&k->c->diags, W0101, q->loc, "memory %s means %s; %s", cquote(k, q->text), means,
		     fix);
}

/* Ports and Services */

/* A Service port, and the container port its line declares.  A name that
 * is the Service port's alone follows the Service's rule (a DNS label);
 * a container port's name, the 15-character IANA rule. */
static void
check_port_range(struct checker *k, const struct service_port *p)
{
	if (p->number < 1 || p->number > 65535)
		diag(&k->c->diags, E0502, p->loc, "port %lld is out of range: it must be between 1 and 65535",
		     p->number);
	const struct container_port *cp = p->target_name ? NULL : p->target;
	if (cp && cp->number != p->number && (cp->number < 1 || cp->number > 65535))
		diag(&k->c->diags, E0502, p->loc,
		     "container port %lld is out of range: it must be between 1 and 65535", cp->number);
	if (p->name && (!cp || !cp->by_service_name)) {
		const char *problem = dns1123_label_problem(p->name);
		if (problem)
			diag(&k->c->diags, E0503, p->name_loc, "Service port name %s is not valid: %s",
			     cquote(k, p->name),
			     name_problem_text(k->a, dns1123_label_problem, p->name, problem));
	}
	if (cp && cp->name) {
		const char *problem = iana_port_name_problem(cp->name);
		if (problem)
			diag(&k->c->diags, E0503, cp->name_loc, "port name %s is not valid: %s",
			     cquote(k, cp->name),
			     name_problem_text(k->a, iana_port_name_problem, cp->name, problem));
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
			if (q->udp == p->udp && q->number == p->number) {
				struct diagnostic *g = diag(&k->c->diags, E0514, p->loc,
				                            "port %lld%s is declared twice", p->number,
				                            p->udp ? "/udp" : "");
				diag_note(&k->c->diags, g, q->loc, "the other port is here");
				break;
			}
			bool same = q->udp == p->udp && !p->target_name && !q->target_name &&
			            q->target->number == p->target->number;
			if (port_twice(k, (struct port_side){p->loc, p->name_loc, p->name},
			               (struct port_side){q->loc, q->name_loc, q->name},
			               same ? p->target->number : 0, p->udp, same))
				break;
		}
	}
}

static void
check_node_port(struct checker *k, long long port, struct loc loc)
{
	if (port && (port < 30000 || port > 32767))
		diag(&k->c->diags, E0504, loc,
		     "NodePort %lld is outside the range 30000-32767 that clusters allocate from; give "
		     "one in that range, or leave the number out for the cluster to pick one", port);
}

static void
check_service(struct checker *k, struct component *comp)
{
	const char *kind = workload_kinds[comp->kind].word;
	const struct expose *x = &comp->expose;
	bool stateful = comp->kind == WORKLOAD_STATEFULSET;
	if (comp->kind == WORKLOAD_JOB || comp->kind == WORKLOAD_CRONJOB)
		return; /* they run to completion: no Service */
	if (stateful && x->kind == EXPOSE_NONE) {
		diag(&k->c->diags, E0409, x->loc,
		     "'expose none' is not allowed on a stateful: its StatefulSet needs its "
		     "Service (serviceName)");
		return;
	}
	if (stateful && comp->ports.len == 0)
		diag(&k->c->diags, E0513, comp->name.loc,
		     "stateful %s has no port; its StatefulSet needs a Service, which needs a port",
		     cquote(k, comp->name.text));
	else if (comp->ports.len == 0 && x->kind != EXPOSE_NONE)
		diag(&k->c->diags, E0513, x->given ? x->loc : comp->name.loc,
		     "%s %s has no port, so it can have no Service; %s", kind,
		     cquote(k, comp->name.text),
		     comp->routes.len ? "its route needs one: add the port it listens on"
		                      : "add a port, or 'expose none' for a workload nothing connects to");
	else if (comp->ports.len && x->kind == EXPOSE_NONE)
		diag(&k->c->diags, E0513, x->loc, "%s %s has ports but 'expose none': %s", kind,
		     cquote(k, comp->name.text),
		     comp->routes.len ? "its route needs its Service; remove 'expose none'"
		                      : "nothing could reach them; remove 'expose none' or the ports");
	if (comp->service)
		check_object_name(k, comp->service->name, "Service", dns1035_label_problem,
		                  comp->name.loc, NAMING_SERVICE);
	if (comp->headless)
		check_object_name(k, comp->headless->name, "headless Service", dns1035_label_problem,
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
			     cquote(k, comp->name.text));
	}
}

/* Volumes, the pod, routes */

void
check_slash_path(struct checker *k, const char *path, struct loc loc, const char *what)
{
	const char *scheme = strstr(path, "://"), *fix;
	if (!*path)
		fix = "write '/' for the root";
	else if (scheme) {
		const char *rest = strchr(scheme + 3, '/');
		fix = arena_printf(k->a, "it is a URL: write only its path, %s",
		                   cquote(k, rest ? rest : "/"));
	} else
		fix = arena_printf(k->a, "write %s", cquote(k, arena_printf(k->a, "/%s", path)));
	diag(&k->c->diags, E0515, loc, "%s starts with '/', unlike %s; %s", what, cquote(k, path),
	     fix);
}

/* gateway "NAME" or "NAMESPACE/NAME": a Gateway's name and namespace. */
static void
check_gateway(struct checker *k, const struct route *r)
{
	const char *problem = NULL, *what = "name";
	if (r->gateway_namespace && strchr(r->gateway_name, '/'))
		problem = "write it as NAME or NAMESPACE/NAME";
	else if (r->gateway_namespace && (problem = dns1123_label_problem(r->gateway_namespace)))
		what = "namespace";
	else
		problem = dns1123_subdomain_problem(r->gateway_name);
	if (problem)
		diag(&k->c->diags, E0501, r->gateway_loc, "gateway %s is not valid: its %s: %s",
		     cquote(k, r->gateway.value), what, problem);
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
		const char *problem = route_host_is_url(k, r) ? NULL : dns1123_subdomain_problem(host);
		if (!problem && is_ipv4_address(host))
			problem = "it must be a DNS name, not an IP address";
		if (problem)
			diag(&k->c->diags, E0501, r->host_loc, "route host %s is not valid: %s",
			     cquote(k, r->host.value), problem);
		if (r->path.value[0] != '/')
			check_slash_path(k, r->path.value, r->path_loc, "a route's path");
		else if ((problem = route_path_problem(r->path.value, r->gateway.value != NULL)))
			diag(&k->c->diags, E0515, r->path_loc, "route path %s is not valid: %s",
			     cquote(k, r->path.value), problem);
		/* Without a Service, check_service() says why (no port; 'expose
		 * none' with ports), but for 'expose none' without a port. */
		if (!comp->service && !comp->ports.len && comp->expose.kind == EXPOSE_NONE)
			diag(&k->c->diags, E0513, r->loc,
			     "a route needs the Service of %s, which has none; remove 'expose none' and "
			     "add the port it listens on", cquote(k, comp->name.text));
		else if (comp->service && comp->service->port->udp) {
			struct diagnostic *g = diag(&k->c->diags, E0404, r->loc,
			                            "a route sends HTTP to the first port of %s, which is UDP; "
			                            "declare a TCP port first",
			                            cquote(k, comp->name.text));
			diag_note(&k->c->diags, g, comp->service->port->loc, "the first port is declared here");
		}
		if (r->class.value && (problem = dns1123_subdomain_problem(r->class.value)))
			diag(&k->c->diags, E0501, r->class_loc, "ingress class %s is not valid: %s",
			     cquote(k, r->class.value), problem);
		if (r->gateway.value)
			check_gateway(k, r);
		check_object_name(k, comp->base_name, "Ingress", dns1123_subdomain_problem,
		                  comp->name.loc, NAMING_WORKLOAD);
	}
}

static void
check_autoscaling(struct checker *k, struct component *comp, struct workload *w)
{
	if (w->has_replicas)
		check_int32(k, w->replicas, w->replicas_loc, "replicas");
	if (!w->autoscaled)
		return;
	struct loc at = w->autoscale_loc;
	if (!check_int32(k, w->min_replicas, at, "replicas") ||
	    !check_int32(k, w->autoscale_max, at, "replicas") ||
	    !check_int32(k, w->cpu_percent, at, "the CPU target"))
		return;
	if (w->min_replicas < 1)
		diag(&k->c->diags, E0511, at, "an autoscaler's minimum must be at least 1, not %lld",
		     w->min_replicas);
	if (w->autoscale_max < w->min_replicas)
		diag(&k->c->diags, E0511, at,
		     "an autoscaler's maximum (%lld) must not be below its minimum (%lld)",
		     w->autoscale_max, w->min_replicas);
	if (w->cpu_percent < 1)
		diag(&k->c->diags, E0511, at, "the CPU target must be at least 1%%");
	if (!container_request(w->main, false))
		diag(&k->c->diags, E0519, at,
		     "%s scales on CPU use but requests no CPU, so the autoscaler cannot measure it; "
		     "add 'requests cpu ...'", cquote(k, comp->name.text));
	/* The autoscaler sums the requests of every container that runs
	 * beside the main one (native sidecars too), and measures nothing
	 * when one has none. */
	for (size_t i = 0; i < w->pod.containers.len; i++) {
		const struct container *ctr = w->pod.containers.items[i];
		bool beside = ctr->role == ROLE_CLASSIC || ctr->role == ROLE_SIDECAR;
		if (!beside || container_request(ctr, false))
			continue;
		struct diagnostic *g = diag(&k->c->diags, E0519, at,
		                            "%s scales on CPU use but its %s %s requests no CPU, so the "
		                            "autoscaler cannot measure it; add 'requests cpu ...' to it",
		                            cquote(k, comp->name.text),
		                            ctr->role == ROLE_SIDECAR ? "sidecar" : "container",
		                            cquote(k, ctr->name));
		diag_note(&k->c->diags, g, ctr->name_loc, "%s is declared here", cquote(k, ctr->name));
	}
	check_object_name(k, w->name, "HorizontalPodAutoscaler", dns1123_subdomain_problem,
	                  comp->name.loc, NAMING_WORKLOAD);
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

/* A Job's name is NAME-HASH, 9 characters more, and its pods carry it in
 * a label of at most 63. */
static const char *
job_name_problem(const char *s)
{
	const char *problem = dns1123_label_problem(s);
	if (!problem && strlen(s) > 54)
		return "a job's name gets a 9-character hash of its pod template, and must fit "
		       "63 characters with it: no more than 54 before it";
	return problem;
}

/* A CronJob names its Jobs NAME-TIME, 11 characters more. */
static const char *
cronjob_name_problem(const char *s)
{
	const char *problem = dns1123_label_problem(s);
	if (!problem && strlen(s) > 52)
		return "a CronJob name must be no more than 52 characters, to leave room for the "
		       "names of its Jobs";
	return problem;
}

static void
check_component(struct checker *k, struct component *comp)
{
	static const char *(*const name_rules[WORKLOAD_KINDS])(const char *) = {
		dns1123_subdomain_problem, statefulset_name_problem, job_name_problem,
		cronjob_name_problem,
	};
	check_object_name(k, comp->base_name, WORKLOAD_KIND_NAME(comp), name_rules[comp->kind],
	                  comp->name.loc, NAMING_WORKLOAD);
	/* The default selector's app label carries the workload's name: a
	 * label value. */
	if (!HAS_LOC(comp->selector_loc) && !dns1123_subdomain_problem(comp->base_name) &&
	    label_value_problem(comp->base_name))
		check_object_name(k, comp->base_name, "workload (as the 'app' label)",
		                  label_value_problem, comp->name.loc, NAMING_WORKLOAD);
	for (size_t i = 0; i < comp->workloads.len; i++) {
		struct workload *w = comp->workloads.items[i];
		if (w->variant.text && !w->bad_variant && !dns1123_subdomain_problem(comp->base_name))
			check_object_name(k, w->name, "Deployment", dns1123_subdomain_problem, w->variant.loc,
			                  NAMING_SLOTS);
		check_workload(k, comp, w);
		check_autoscaling(k, comp, w);
	}
	check_ports(k, comp);
	check_service(k, comp);
	check_routes(k, comp);
	check_job_settings(k, comp);
	check_budget(k, comp);
}

/* Configs and secrets */

size_t
keyset_bytes(const struct keyset *set)
{
	size_t total = 0;
	for (size_t i = 0; i < set->keys.len; i++) {
		const struct kv *kv = set->keys.items[i];
		total += set->secret ? kv->nbytes
		         : kv->value && kv->value->kind == RV_TEXT ? kv->value->len : 0;
	}
	return total;
}

static void
check_keys(struct checker *k, const struct keyset *set)
{
	const char *kind = set->secret ? "secret" : "config";
	for (size_t i = 0; i < set->keys.len; i++) {
		struct kv *kv = set->keys.items[i];
		const char *problem = config_key_problem(kv->key.text);
		if (problem)
			diag(&k->c->diags, E0509, kv->key.loc, "%s key %s is not valid: %s", kind,
			     cquote(k, kv->key.text), problem);
	}
	size_t total = keyset_bytes(set);
	if (total > MAX_OBJECT_BYTES)
		diag(&k->c->diags, E0510, set->name.loc,
		     "%s %s holds %zu bytes; Kubernetes accepts at most 1048576 (1 MiB)", kind,
		     cquote(k, set->name.text), total);
}

/* A secret a route uses for TLS is written as type kubernetes.io/tls,
 * which holds exactly the keys tls.crt and tls.key. */
static void
check_tls_secret(struct checker *k, struct keyset *sec)
{
	if (!HAS_LOC(sec->tls_use) || (sec->external && !sec->keys_listed))
		return;
	bool crt = strmap_get(&sec->by_key, "tls.crt"), key = strmap_get(&sec->by_key, "tls.key");
	if (crt && key && sec->external) /* the object may hold ca.crt too */
		return;
	if (crt && key && sec->keys.len == 2)
		return;
	struct diagnostic *g = diag(&k->c->diags, E0509, sec->name.loc,
	                            "secret %s is a route's TLS certificate, so it holds %sthe keys "
	                            "'tls.crt' and 'tls.key'", cquote(k, sec->name.text),
	                            sec->external ? "" : "exactly ");
	diag_note(&k->c->diags, g, sec->tls_use, "it is used for TLS here");
}

/* The value of a pull secret's '.dockerconfigjson' is a JSON object (a
 * Docker config file), or the API server refuses the Secret.  Read only
 * when the value is (not for a configuration only checked); the message
 * never quotes it, nor the JSON reader's account of it. */
static void
check_docker_config(struct checker *k, const struct keyset *sec, const struct kv *kv)
{
	if (sec->external || !reads_secret_values(k->c) || !kv->bytes)
		return;
	json_error_t error;
	json_t *config = json_loadb((const char *)kv->bytes, kv->nbytes, 0, &error);
	if (!json_is_object(config))
		diag(&k->c->diags, E0509, kv->key.loc,
		     "secret %s holds registry credentials for 'pull-secret', so its key "
		     "'.dockerconfigjson' holds a Docker config file, a JSON object (as 'docker login' "
		     "writes ~/.docker/config.json); its value is not one", cquote(k, sec->name.text));
	json_decref(config);
}

/* A secret a pod pulls its images with is written as type
 * kubernetes.io/dockerconfigjson, which holds exactly the key
 * '.dockerconfigjson'. */
static void
check_pull_secret(struct checker *k, struct keyset *sec)
{
	if (!HAS_LOC(sec->pull_use) || (sec->external && !sec->keys_listed))
		return;
	const struct kv *found = strmap_get(&sec->by_key, ".dockerconfigjson");
	if (found && (sec->external || sec->keys.len == 1)) {
		check_docker_config(k, sec, found);
		if (!HAS_LOC(sec->tls_use))
			return;
		struct diagnostic *g = diag(&k->c->diags, E0404, sec->pull_use,
		                            "secret %s cannot hold both a TLS certificate and "
		                            "registry credentials", cquote(k, sec->name.text));
		diag_note(&k->c->diags, g, sec->tls_use, "it is used for TLS here");
		return;
	}
	struct diagnostic *g = diag(&k->c->diags, E0509, sec->name.loc,
	                            "secret %s holds registry credentials for 'pull-secret', so it "
	                            "holds %sthe key '.dockerconfigjson'", cquote(k, sec->name.text),
	                            sec->external ? "" : "exactly ");
	diag_note(&k->c->diags, g, sec->pull_use, "it is used to pull images here");
}

static void
check_keyset(struct checker *k, struct keyset *set)
{
	k->skip_names = k->s->bad_name || set->bad_name;
	check_object_name(k, set->k8s_name, set->secret ? "Secret" : "ConfigMap",
	                  dns1123_subdomain_problem, set->object ? set->object->loc : set->name.loc,
	                  set->object ? NAMING_SLOTS : set->secret ? NAMING_SECRET : NAMING_CONFIG);
	check_keys(k, set);
	check_tls_secret(k, set);
	check_pull_secret(k, set);
}

/* Across the stack */

/* Two objects of one kind must not share a name.  `map` holds the names
 * taken so far for that kind (workloads share one map: their names are
 * also their 'app' labels, which select their pods), in the scratch arena
 * that the caller resets. */
static void
claim_name(struct checker *k, struct strmap *map, const char *kind, const char *name,
           const struct loc *loc)
{
	if (!name)
		return;
	const struct loc *old = strmap_claim(&k->scratch, map, name, (void *)loc);
	if (old)
		diag_again(&k->c->diags, E0401, *loc, *old, "the other one comes from here",
		           "two %s would be named %s", kind, cquote(k, name));
}

static void
check_object_names(struct checker *k)
{
	struct strmap configs = {0}, secrets = {0}, workloads = {0}, claims = {0}, accounts = {0};
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
		for (size_t j = 0; j < comp->workloads.len; j++) {
			const struct workload *w = comp->workloads.items[j];
			claim_name(k, &workloads, comp->kind == WORKLOAD_DEPLOYMENT ? "Deployments" : "workloads",
			           w->name, w->variant.text ? &w->variant.loc : &comp->name.loc);
		}
		const struct pod *pod = &WORKLOAD_OF(comp)->pod;
		struct strmap own = {0}; /* a volume declared twice is reported as such (E0401) */
		for (size_t j = 0; j < pod->volumes.len; j++) {
			struct volume *vol = pod->volumes.items[j];
			if (vol->claim == CLAIM_OBJECT &&
			    !strmap_claim(&k->scratch, &own, vol->name.text, vol))
				claim_name(k, &claims, "PersistentVolumeClaims", vol->claim_name, &vol->name.loc);
		}
	}
	for (size_t i = 0; i < k->s->accounts.len; i++) {
		struct account *acc = k->s->accounts.items[i];
		if (!acc->external)
			claim_name(k, &accounts, "ServiceAccounts", acc->name, &acc->written.loc);
		if (!acc->external)
			check_object_name(k, acc->name, "ServiceAccount", dns1123_subdomain_problem,
			                  acc->written.loc, NAMING_ACCOUNT);
	}
	arena_reset(&k->scratch); /* the maps */
}

/* A NodePort is allocated once per cluster: two Services asking for the
 * same one cannot both be applied. */
static void
claim_node_port(struct checker *k, struct strmap *taken, long long port, const struct loc *loc)
{
	if (!port)
		return;
	const struct loc *old = strmap_claim(&k->scratch, taken, arena_printf(&k->scratch, "%lld", port),
	                                     (void *)loc);
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
		if (comp->headless)
			claim_name(k, &names, "Services", comp->headless->name, &comp->name.loc);
		if (comp->expose.kind == EXPOSE_NODEPORT)
			claim_node_port(k, &node_ports, comp->expose.node_port, &comp->expose.loc);
		for (size_t j = 0; j < comp->extra_services.len; j++) {
			struct service *svc = comp->extra_services.items[j];
			claim_name(k, &names, "Services", svc->name, &svc->loc);
			if (svc->type == EXPOSE_NODEPORT)
				claim_node_port(k, &node_ports, svc->node_port, &svc->loc);
		}
	}
	arena_reset(&k->scratch); /* the maps */
}

/* Two components routing one host and path through one controller (the
 * same ingress class, or the same Gateway): ingress-nginx refuses the
 * second Ingress, a Gateway sends the traffic to one route only. */
static void
check_route_hosts(struct checker *k)
{
	struct strmap taken = {0};
	for (size_t i = 0; i < k->s->components.len; i++) {
		const struct component *comp = k->s->components.items[i];
		for (size_t j = 0; j < comp->routes.len; j++) {
			const struct route *r = comp->routes.items[j];
			if (!r->host.value || !r->path.value)
				continue;
			const char *via = r->gateway.value ? r->gateway.value : r->class.value;
			const char *key = arena_printf(&k->scratch, "%s %s %s %s", r->gateway.value ? "g" : "i",
			                               via ? via : "", r->host.value, r->path.value);
			const struct route *old = strmap_claim(&k->scratch, &taken, key, (void *)r);
			if (old)
				diag_again(&k->c->diags, W0505, r->loc, old->loc, "the other route is here",
				           "host %s path %s is routed twice: %s", cquote(k, r->host.value),
				           cquote(k, r->path.value),
				           r->gateway.value ? "the Gateway sends their traffic to one route only"
				                            : "an ingress controller such as ingress-nginx refuses "
				                              "the second Ingress, others pick one");
		}
	}
	arena_reset(&k->scratch);
}

void
check_stack(struct compilation *c)
{
	struct checker k = {c, c->stack, &c->arena, false, {0}};
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
	if (c->opts->order_annotations == ORDER_KPT && !s->namespace && !c->checking_other)
		diag(&c->diags, E0010, NO_LOC,
		     "--order-annotations kpt names each object with its namespace, and the stack "
		     "declares none; add 'namespace NAME'");
	check_services(&k);
	check_route_hosts(&k);
	check_object_names(&k);
	check_labels(&k);
	check_capacity(&k, false);
	check_capacity(&k, true);
	arena_free(&k.scratch);
}
