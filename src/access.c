/*
 * access.c - a component's access to the Kubernetes API: its `api VERBS
 * RESOURCES` lines become one Role of the stack's namespace (a rule per
 * line and API group), bound to the account its pods run as (one is made
 * for it when it has none), whose token the pods then mount.  Only the
 * verbs of RBAC and the namespaced resources of Kubernetes' own API groups
 * (and their subresources, `pods/log`) are granted: a cluster-scoped
 * resource needs a ClusterRole, which a
 * stack does not write, and Roles themselves are not granted (E0524).
 * The Role that lets wait containers get jobs is src/waits.c's.
 */
#include "resolve.h"

#include <string.h>

static const char *const verbs[] = {
	"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch",
};

/* The namespaced resources of Kubernetes' API groups, and their group. */
static const struct {
	const char *resource, *group;
} resources[] = {
	{"configmaps", ""}, {"controllerrevisions", "apps"}, {"cronjobs", "batch"},
	{"daemonsets", "apps"}, {"deployments", "apps"}, {"endpoints", ""},
	{"endpointslices", "discovery.k8s.io"}, {"events", ""},
	{"horizontalpodautoscalers", "autoscaling"}, {"ingresses", "networking.k8s.io"},
	{"jobs", "batch"}, {"leases", "coordination.k8s.io"}, {"limitranges", ""},
	{"networkpolicies", "networking.k8s.io"}, {"persistentvolumeclaims", ""},
	{"poddisruptionbudgets", "policy"}, {"pods", ""}, {"podtemplates", ""},
	{"replicasets", "apps"}, {"replicationcontrollers", ""}, {"resourcequotas", ""},
	{"secrets", ""}, {"serviceaccounts", ""}, {"services", ""}, {"statefulsets", "apps"},
};

/* The subresources of those resources (Kubernetes' API discovery), which
 * RBAC names RESOURCE/SUBRESOURCE: a pod's logs are `pods/log`. */
static const char *const subresources[] = {
	"cronjobs/status", "daemonsets/status", "deployments/scale", "deployments/status",
	"horizontalpodautoscalers/status", "ingresses/status", "jobs/status",
	"persistentvolumeclaims/status", "poddisruptionbudgets/status", "pods/attach",
	"pods/binding", "pods/ephemeralcontainers", "pods/eviction", "pods/exec", "pods/log",
	"pods/portforward", "pods/proxy", "pods/resize", "pods/status", "replicasets/scale",
	"replicasets/status", "replicationcontrollers/scale", "replicationcontrollers/status",
	"resourcequotas/status", "serviceaccounts/token", "services/proxy", "services/status",
	"statefulsets/scale", "statefulsets/status",
};

/* Resources of the whole cluster, which a Role cannot grant. */
static const char *const cluster_scoped[] = {
	"certificatesigningrequests", "clusterrolebindings", "clusterroles",
	"customresourcedefinitions", "ingressclasses", "mutatingwebhookconfigurations",
	"namespaces", "nodes", "persistentvolumes", "priorityclasses", "runtimeclasses",
	"storageclasses", "validatingwebhookconfigurations", "volumeattachments",
};

#define COUNT(a) (sizeof (a) / sizeof *(a))

static bool
known_verb(struct resolver *r, const struct ident *verb)
{
	struct suggestion s = suggestion_start(&r->c->diags.suggestion_budget, verb->text);
	for (size_t i = 0; i < COUNT(verbs); i++) {
		if (strcmp(verb->text, verbs[i]) == 0)
			return true;
		suggestion_consider(&s, verbs[i]);
	}
	if (s.best)
		diag(&r->c->diags, E0524, verb->loc, "unknown verb %s; did you mean %s?",
		     rquote(r, verb->text), rquote(r, s.best));
	else
		diag(&r->c->diags, E0524, verb->loc, "unknown verb %s; the verbs are create, delete, "
		     "deletecollection, get, list, patch, update and watch", rquote(r, verb->text));
	return false;
}

/* The API group of a resource, or of a subresource's resource (its part
 * before the '/'), among those a Role grants. */
static const char *
group_of(const char *res, size_t len)
{
	for (size_t i = 0; i < COUNT(resources); i++)
		if (strlen(resources[i].resource) == len && strncmp(res, resources[i].resource, len) == 0)
			return resources[i].group;
	return NULL;
}

static const char *resource_group(struct resolver *r, const struct ident *res);

/* A subresource, `pods/log`: its resource's group; NULL when it is no
 * subresource of a resource a Role grants (reported: the resource's
 * message when that is not granted, else the resource's subresources). */
static const char *
subresource_group(struct resolver *r, const struct ident *res, const char *slash)
{
	size_t base = (size_t)(slash - res->text);
	for (size_t i = 0; i < COUNT(subresources); i++)
		if (strcmp(res->text, subresources[i]) == 0)
			return group_of(res->text, base);
	struct ident resource = {arena_strndup(r->a, res->text, base), res->loc};
	if (!resource_group(r, &resource))
		return NULL;
	struct suggestion s = suggestion_start(&r->c->diags.suggestion_budget, res->text);
	struct buf names = {0};
	for (size_t i = 0; i < COUNT(subresources); i++)
		if (strncmp(subresources[i], res->text, base + 1) == 0) {
			suggestion_consider(&s, subresources[i]);
			buf_printf(&names, "%s%s", names.len ? ", " : "", subresources[i] + base + 1);
		}
	if (s.best)
		diag(&r->c->diags, E0524, res->loc, "unknown subresource %s; did you mean %s?",
		     rquote(r, res->text), rquote(r, s.best));
	else if (names.len)
		diag(&r->c->diags, E0524, res->loc, "unknown subresource %s: the subresources of "
		     "'%s' are %s", rquote(r, res->text), resource.text, names.data);
	else
		diag(&r->c->diags, E0524, res->loc, "unknown subresource %s: '%s' has none",
		     rquote(r, res->text), resource.text);
	buf_free(&names);
	return NULL;
}

/* The API group of a resource; NULL when it is not one a Role grants
 * (reported). */
static const char *
resource_group(struct resolver *r, const struct ident *res)
{
	const char *slash = strchr(res->text, '/');
	if (slash)
		return subresource_group(r, res, slash);
	struct suggestion s = suggestion_start(&r->c->diags.suggestion_budget, res->text);
	for (size_t i = 0; i < COUNT(resources); i++) {
		if (strcmp(res->text, resources[i].resource) == 0)
			return resources[i].group;
		suggestion_consider(&s, resources[i].resource);
	}
	for (size_t i = 0; i < COUNT(cluster_scoped); i++)
		if (strcmp(res->text, cluster_scoped[i]) == 0) {
			diag(&r->c->diags, E0524, res->loc, "%s are not in a namespace: a Role cannot "
			     "grant them, and a stack writes no ClusterRole; grant them with one beside "
			     "the stack's manifests", rquote(r, res->text));
			return NULL;
		}
	if (strcmp(res->text, "roles") == 0 || strcmp(res->text, "rolebindings") == 0) {
		diag(&r->c->diags, E0524, res->loc, "'api' does not grant %s: a pod that may change "
		     "Roles may grant itself anything", rquote(r, res->text));
		return NULL;
	}
	if (s.best)
		diag(&r->c->diags, E0524, res->loc, "unknown resource %s; did you mean %s?",
		     rquote(r, res->text), rquote(r, s.best));
	else
		diag(&r->c->diags, E0524, res->loc, "unknown resource %s; 'api' grants the namespaced "
		     "resources of Kubernetes' own API groups, in the plural (pods, services, "
		     "configmaps, leases, ...); a custom resource's Role goes beside the stack's "
		     "manifests", rquote(r, res->text));
	return NULL;
}

/* The rules of one `api` line: one per API group of its resources, in
 * the order of their first resource. */
static void
add_rules(struct resolver *r, struct role *role, const struct api_grant *g)
{
	bool verbs_ok = true;
	for (size_t i = 0; i < g->verbs.len; i++)
		verbs_ok = known_verb(r, g->verbs.items[i]) && verbs_ok;
	struct vec rules = {0};
	for (size_t i = 0; i < g->resources.len; i++) {
		const struct ident *res = g->resources.items[i];
		const char *group = resource_group(r, res);
		if (!group)
			continue;
		struct api_rule *rule = NULL;
		for (size_t k = 0; k < rules.len && !rule; k++)
			if (strcmp(((struct api_rule *)rules.items[k])->group, group) == 0)
				rule = rules.items[k];
		if (!rule) {
			rule = NEW(r->a, struct api_rule);
			rule->group = group;
			for (size_t v = 0; v < g->verbs.len; v++)
				vec_push(r->a, &rule->verbs, (void *)((const struct ident *)
				                                      g->verbs.items[v])->text);
			vec_push(r->a, &rules, rule);
		}
		vec_push(r->a, &rule->resources, (void *)res->text);
	}
	for (size_t k = 0; verbs_ok && k < rules.len; k++)
		vec_push(r->a, &role->rules, rules.items[k]);
}

void
resolve_api(struct resolver *r, struct component *comp)
{
	if (!comp->api.len)
		return;
	struct pod *first = &WORKLOAD_OF(comp)->pod;
	if (!first->account)
		first->account = use_account(r, comp->name, false, true);
	if (!first->account)
		return; /* reported */
	struct role *role = NEW(r->a, struct role);
	role->name = arena_printf(r->a, "%s-api", comp->base_name);
	role->account = first->account;
	for (size_t i = 0; i < comp->api.len; i++)
		add_rules(r, role, comp->api.items[i]);
	vec_push(r->a, &r->s->roles, role);
	/* The variants' pods share the component's account and its Role. */
	for (size_t i = 0; i < comp->workloads.len; i++) {
		struct pod *pod = &((struct workload *)comp->workloads.items[i])->pod;
		pod->account = first->account;
		pod->api_role = role;
	}
}
