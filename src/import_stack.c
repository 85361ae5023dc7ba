/*
 * import_stack.c - the Compose file as a whole: its top-level keys, the
 * table of a service's keys (what each becomes, or why it is left out),
 * the services in two passes (their names first, so that every
 * depends_on finds its target; then their keys), the kind and ports each
 * component ends up with, and the check that no services wait for each
 * other in a cycle.
 */
#include "import.h"

#include <string.h>

/* What is left of extends once the services are merged (name_services):
 * one that names another file, which is not read. */
static void
key_extends(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	if (v->kind == CNODE_MAP && !cnode_null(cnode_get(v, "file")))
		import_diag(im, W0801, k, "extends is left out: the file it names is not read; copy "
		            "the keys of the service it extends, or import what `docker compose "
		            "config` prints");
}

static const struct service_key {
	const char *key;
	key_fn *fn;
	const char *left_out;      /* when fn is NULL: why */
} service_keys[] = {
	{"annotations", key_annotations, NULL},
	{"attach", NULL, "Kubernetes does not attach to a container's output"},
	{"blkio_config", NULL, "Kubernetes has no block IO limits"},
	{"build", key_build, NULL},
	{"cap_add", key_cap_add, NULL},
	{"cap_drop", key_cap_drop, NULL},
	{"cgroup", NULL, "Kubernetes sets the cgroup namespace"},
	{"cgroup_parent", NULL, "Kubernetes sets the cgroup"},
	{"command", key_command, NULL},
	{"configs", key_configs, NULL},
	{"container_name", key_container_name, NULL},
	{"cpu_count", NULL, "the .todok sets cpu requests and limits"},
	{"cpu_percent", NULL, "the .todok sets cpu requests and limits"},
	{"cpu_period", NULL, "the .todok sets cpu requests and limits"},
	{"cpu_quota", NULL, "the .todok sets cpu requests and limits"},
	{"cpu_rt_period", NULL, "the .todok sets cpu requests and limits"},
	{"cpu_rt_runtime", NULL, "the .todok sets cpu requests and limits"},
	{"cpu_shares", NULL, "the .todok sets cpu requests and limits"},
	{"cpus", key_cpus, NULL},
	{"cpuset", NULL, "Kubernetes places containers on CPUs"},
	{"credential_spec", NULL, "it is for Windows containers"},
	{"depends_on", key_depends_on, NULL},
	{"deploy", key_deploy, NULL},
	{"develop", NULL, "it is for docker compose watch"},
	{"device_cgroup_rules", NULL, "Kubernetes has no device rules"},
	{"devices", NULL, "a Pod has no host devices"},
	{"dns", NULL, "the cluster's DNS serves every Pod"},
	{"dns_opt", NULL, "the cluster's DNS serves every Pod"},
	{"dns_search", NULL, "the cluster's DNS serves every Pod"},
	{"domainname", NULL, "the cluster names the Pods"},
	{"entrypoint", key_entrypoint, NULL},
	{"env_file", key_env_file, NULL},
	{"environment", key_environment, NULL},
	{"expose", key_expose, NULL},
	{"extends", key_extends, NULL},
	{"external_links", NULL, "containers outside the file are not in the cluster"},
	{"extra_hosts", NULL, "the .todok has no host aliases"},
	{"gpus", NULL, "the .todok has no GPU requests"},
	{"group_add", NULL, "the .todok has no supplementary groups"},
	{"healthcheck", key_healthcheck, NULL},
	{"hostname", NULL, "the cluster names the Pods; others reach it by its service's name"},
	{"image", key_image, NULL},
	{"init", NULL, "Kubernetes runs no init process in a container"},
	{"ipc", NULL, "a Pod shares no IPC namespace with the host or another Pod"},
	{"isolation", NULL, "it is for Windows containers"},
	{"label_file", NULL, "its labels are not read; write them under labels:"},
	{"labels", key_labels, NULL},
	{"links", key_links, NULL},
	{"logging", NULL, "the cluster collects the containers' output"},
	{"mac_address", NULL, "the cluster gives the Pods their addresses"},
	{"mem_limit", key_mem_limit, NULL},
	{"mem_reservation", key_mem_reservation, NULL},
	{"mem_swappiness", NULL, "Kubernetes sets no swappiness"},
	{"memswap_limit", NULL, "Kubernetes sets no swap limit"},
	{"models", NULL, "the .todok has no models"},
	{"network_mode", key_network_mode, NULL},
	{"networks", key_networks, NULL},
	{"oom_kill_disable", NULL, "Kubernetes decides what the OOM killer does"},
	{"oom_score_adj", NULL, "Kubernetes decides what the OOM killer does"},
	{"pid", NULL, "a Pod shares no PID namespace with the host"},
	{"pids_limit", NULL, "the .todok has no PID limit"},
	{"platform", NULL, "the cluster's nodes decide the platform"},
	{"ports", key_ports, NULL},
	{"post_start", NULL, "the .todok has no lifecycle hooks"},
	{"pre_stop", NULL, "the .todok has no lifecycle hooks"},
	{"privileged", NULL, "a privileged container is not imported; add security { privileged } "
	                     "by hand if it must be"},
	{"profiles", NULL, NULL},
	{"provider", NULL, "the .todok has no providers"},
	{"pull_policy", key_pull_policy, NULL},
	{"read_only", key_read_only, NULL},
	{"restart", key_restart, NULL},
	{"runtime", NULL, "the cluster decides the container runtime"},
	{"scale", key_scale, NULL},
	{"secrets", key_secrets, NULL},
	{"security_opt", NULL, "the .todok has no SELinux, AppArmor or seccomp options"},
	{"shm_size", key_shm_size, NULL},
	{"stdin_open", NULL, "the .todok has no interactive containers"},
	{"stop_grace_period", key_grace, NULL},
	{"stop_signal", NULL, "Kubernetes stops containers with SIGTERM"},
	{"storage_opt", NULL, "the .todok has no storage driver options"},
	{"sysctls", NULL, "the .todok has no sysctls"},
	{"tmpfs", key_tmpfs, NULL},
	{"tty", NULL, "the .todok has no interactive containers"},
	{"ulimits", NULL, "Kubernetes sets no ulimits"},
	{"use_api_socket", NULL, "a Pod has no Docker socket"},
	{"user", key_user, NULL},
	{"userns_mode", NULL, "the .todok has no user namespaces"},
	{"uts", NULL, "a Pod shares no UTS namespace with the host"},
	{"volumes", key_volumes, NULL},
	{"volumes_from", NULL, "a Pod mounts no other container's volumes; use a named volume"},
	{"working_dir", NULL, "the .todok has no working directory; set it in the image"},
};

static const struct service_key *
find_key(const char *key)
{
	for (size_t i = 0; i < sizeof service_keys / sizeof *service_keys; i++)
		if (strcmp(service_keys[i].key, key) == 0)
			return &service_keys[i];
	return NULL;
}

static void
unknown_key(struct importer *im, const struct cnode *key, const char *where)
{
	struct suggestion s = suggestion_start(&im->c->diags.suggestion_budget, key->text);
	for (size_t i = 0; i < sizeof service_keys / sizeof *service_keys; i++)
		suggestion_consider(&s, service_keys[i].key);
	import_diag(im, W0802, key, "%s has no key %s; it is left out%s%s%s", where, qnode(im, key),
	            s.best ? "; did you mean '" : "", s.best ? s.best : "", s.best ? "'?" : "");
}

/* The service's keys, `env_file` last: its lines read the service's
 * environment (every other key keeps the file's order, in which a
 * variable's first use gives its param's default). */
static void
map_service(struct importer *im, struct icomp *ic)
{
	const struct cnode *env_file_key = NULL, *env_files = NULL;
	for (size_t i = 0; i < ic->node->n; i++) {
		const struct cnode *k = ic->node->entries[i].key, *v = ic->node->entries[i].value;
		if (strncmp(k->text, "x-", 2) == 0)
			continue;
		const struct service_key *sk = find_key(k->text);
		if (sk && sk->fn == key_env_file)
			env_file_key = k, env_files = v;
		else if (!sk)
			unknown_key(im, k, "a service");
		else if (sk->fn)
			sk->fn(im, ic, v, k);
		else if (sk->left_out)
			import_diag(im, W0801, k, "%s is left out: %s", k->text, sk->left_out);
	}
	if (env_files)
		key_env_file(im, ic, env_files, env_file_key);
}

/* The diagnostics from the from-th on that are about ic's keys, but at a
 * place outside its mapping and its name and inside another service's, which it has
 * from the services it extends: each gets a note at its extends, which
 * says for which service it is (the base's own are given once, at the
 * same place, without it).  A value of an anchor outside the services
 * gets none: it is not the base's. */
static void
note_extended(struct importer *im, const struct icomp *ic, size_t from)
{
	const struct cnode *ext = NULL, *base = NULL;
	for (size_t i = 0; i < ic->own->n && !ext; i++)
		if (strcmp(ic->own->entries[i].key->text, "extends") == 0)
			ext = ic->own->entries[i].key, base = ic->own->entries[i].value;
	if (base && base->kind == CNODE_MAP)
		base = cnode_get(base, "service");
	if (!base || base->kind != CNODE_SCALAR)
		return;
	const struct vec *list = &im->c->diags.list;
	struct loc own = ic->own->loc, key = ic->loc, all = im->services_span;
	for (size_t i = from; i < list->len; i++) {
		struct diagnostic *d = list->items[i];
		struct loc l = d->loc;
		if (d->src || d->file || !HAS_LOC(l) || (l.begin >= own.begin && l.end <= own.end) ||
		    (l.begin >= key.begin && l.end <= key.end) || l.begin < all.begin ||
		    l.end > all.end)
			continue;
		diag_note(&im->c->diags, d, ext->loc, "for %s, which extends %s here",
		          diag_quote(im->a, ic->compose_name), qnode(im, base));
	}
}

/* Whether the service is imported with the --profile options given. */
static bool
in_profiles(struct importer *im, const struct cnode *svc, const struct cnode **profiles)
{
	*profiles = cnode_get(svc, "profiles");
	if (!*profiles)
		return true;
	struct vec names = {0};
	if (!string_list(im, *profiles, "profiles", &names))
		return true;
	for (size_t i = 0; i < names.len; i++)
		for (size_t j = 0; j < im->profiles.len; j++)
			if (strcmp(names.items[i], im->profiles.items[j]) == 0)
				return true;
	return !names.len;
}

static const char *
lower(struct importer *im, const char *s)
{
	char *l = arena_strdup(im->a, s);
	for (char *p = l; *p; p++)
		*p = *p >= 'A' && *p <= 'Z' ? (char)(*p - 'A' + 'a') : *p;
	return l;
}

/* The services that extends merged, by name (struct cnode *), and the
 * nodes the merges made. */
struct extending {
	struct strmap merged;
	size_t nodes;
	bool refused;              /* past COMPOSE_MAX_NODES: no more merges */
};

/* The service that svc, named *name, extends in this file, its name in
 * *name (NULL: none, another file's, one not declared (W0801), or an
 * error, reported). */
static const struct cnode *
extends_target(struct importer *im, const struct cnode *services, const struct cnode *svc,
               const struct cnode **name)
{
	const struct cnode *ext = cnode_get(svc, "extends"), *self = *name;
	if (!ext || cnode_null(ext))
		return NULL;
	*name = ext->kind == CNODE_MAP ? cnode_get(ext, "service") : ext;
	if (!*name || (*name)->kind != CNODE_SCALAR) {
		import_diag(im, E0804, ext, "extends takes the name of a service, or a mapping "
		            "with service: (and file:)");
		return NULL;
	}
	if (ext->kind == CNODE_MAP && !cnode_null(cnode_get(ext, "file")))
		return NULL;
	const struct cnode *base = cnode_get(services, (*name)->text);
	if (!base)
		import_diag(im, W0801, *name, "extends is left out: the service %s it names is not "
		            "declared in services, so %s is imported with its own keys only; declare "
		            "%s, or name a service of the file", qnode(im, *name), qnode(im, self),
		            qnode(im, *name));
	return base && base->kind == CNODE_MAP ? base : NULL;
}

/* The service, merged over the services it extends, each over the one it
 * extends (followed without recursion; a chain that comes back to a
 * service of it is an error, as in Compose). */
static const struct cnode *
extended(struct importer *im, struct extending *x, const struct cnode *services,
         const struct cnode *key, const struct cnode *svc)
{
	struct vec chain = {0};
	struct strmap on_chain = {0};
	const struct cnode *at = svc, *name = key, *merged = NULL;
	if (x->refused)
		return svc;
	while (at && !(merged = strmap_get(&x->merged, name->text))) {
		if (strmap_get(&on_chain, name->text)) {
			import_diag(im, W0801, name, "extends is left out: %s extends itself, through the "
			            "services it extends, which Compose refuses; each of them is imported "
			            "with its own keys only: end the chain at a service that extends none",
			            qnode(im, name));
			for (size_t i = 0; i < chain.len; i += 2)
				strmap_put(im->a, &x->merged, ((const struct cnode *)chain.items[i + 1])->text,
				           chain.items[i]);
			return svc;
		}
		strmap_put(im->a, &on_chain, name->text, (void *)at);
		vec_push(im->a, &chain, (void *)at);
		vec_push(im->a, &chain, (void *)name);
		at = extends_target(im, services, at, &name);
	}
	for (size_t i = chain.len; i > 0; i -= 2) {
		const struct cnode *local = chain.items[i - 2], *local_name = chain.items[i - 1];
		merged = merged ? cnode_extend(im->a, merged, local, &x->nodes) : local;
		strmap_put(im->a, &x->merged, local_name->text, (void *)merged);
	}
	if (x->nodes > COMPOSE_MAX_NODES) {
		import_diag(im, E0809, key, "with the services it extends merged in, the file has "
		            "more than %u nodes; todokc reads at most that many",
		            (unsigned)COMPOSE_MAX_NODES);
		x->refused = true;
	}
	return merged;
}

/* Pass 1: a component for every service, named (a name that differs in
 * more than its case is a warning: host names ignore case).  A service
 * whose name is already a valid one keeps it: one that must be renamed
 * into it (api_gw into api-gw) takes a suffix instead, so that the
 * containers that reach api-gw still reach the same service.  Each
 * service is merged over those it extends; false when those merges pass
 * the limit (reported). */
static bool
name_services(struct importer *im, const struct cnode *services)
{
	struct extending x = {.nodes = 0};
	for (size_t i = 0; i < services->n; i++) {
		const struct cnode *k = services->entries[i].key, *v = services->entries[i].value;
		if (!want_kind(im, v, CNODE_MAP, arena_printf(im->a, "the service %s", qnode(im, k))))
			continue;
		struct icomp *ic = NEW(im->a, struct icomp);
		ic->own = v;
		v = extended(im, &x, services, k, v);
		ic->compose_name = k->text;
		ic->node = v;
		ic->key = k;
		ic->loc = k->loc;
		ic->replicas = ic->user = ic->group = ic->grace = ic->retries = ic->restart_count = -1;
		strmap_put(im->a, &im->comps, k->text, ic);
		const struct cnode *profiles;
		if (!in_profiles(im, v, &profiles)) {
			ic->left_out = true;
			import_diag(im, W0811, k, "the service %s is left out: it runs only with its "
			            "profiles (import it with --profile NAME)", qnode(im, k));
			continue;
		}
		if (strcmp(dns_label(im->a, k->text, "service", 52), k->text) == 0)
			ic->name = claim_name(im, k->text, "service");
		vec_push(im->a, &im->comp_list, ic);
	}
	for (size_t i = 0; i < im->comp_list.len; i++) {
		struct icomp *ic = im->comp_list.items[i];
		if (!ic->name)
			ic->name = claim_name(im, ic->compose_name, "service");
		if (strcmp(ic->name, lower(im, ic->compose_name)) == 0)
			continue;
		const struct cnode *k = ic->key;
		import_diag(im, W0806, k, "the service %s is named %s: a Service's name is a DNS "
		            "label; containers that reach it as %s must use %s", qnode(im, k),
		            diag_quote(im->a, ic->name), qnode(im, k), diag_quote(im->a, ic->name));
	}
	return !x.refused;
}

/* image, or the one `docker compose build` would tag. */
static void
finish_image(struct importer *im, struct icomp *ic)
{
	if (ic->image.n && ic->build) {
		import_diag(im, W0803, ic->build, "build: is left out: the component runs the image "
		            "%s", ic->image_text ? diag_quote(im->a, ic->image_text) : "of image:");
	} else if (!ic->image.n && ic->build) {
		const char *image = arena_printf(im->a, "%s-%s", im->stack_name, ic->name);
		import_diag(im, W0803, ic->build, "build: is left out: the component runs the image %s, "
		            "the name docker compose build gives it; push it where the cluster can pull "
		            "it", diag_quote(im->a, image));
		ic->image = ival_of_text(im->a, image, ic->build->loc);
		ic->image_text = image;
	} else if (!ic->image.n && !cnode_get(ic->node, "image")) {
		bool first = !im->c->diags.errors;
		struct diagnostic *d = diag(&im->c->diags, E0804, ic->loc, "the service %s has "
		                            "neither an image nor a build",
		                            diag_quote(im->a, ic->compose_name));
		if (first) /* once: the usual cause is a file of overrides */
			diag_note(&im->c->diags, d, ic->loc, "a file that gives services no image is "
			          "often an override, which docker compose merges over another (-f BASE "
			          "-f THIS): import what `docker compose -f BASE -f THIS config` prints");
	}
}

/* deploy.restart_policy: condition and max_attempts count for a job;
 * a Deployment restarts its containers whatever it says. */
static void
restart_policy(struct importer *im, struct icomp *ic)
{
	const struct cnode *p = ic->restart_policy;
	for (size_t i = 0; p && p->kind == CNODE_MAP && i < p->n; i++) {
		const struct cnode *k = p->entries[i].key, *v = p->entries[i].value;
		const char *t = strcmp(k->text, "condition") == 0 ? compose_text(im, v, "condition") : NULL;
		long n;
		if (ic->kind == IC_JOB && t && strcmp(t, "none") == 0)
			ic->retries = 0;
		else if (ic->kind == IC_JOB && strcmp(k->text, "max_attempts") == 0 &&
		         compose_long(im, v, 0, 1000000, "max_attempts", &n))
			ic->retries = n;
		else if (ic->kind == IC_JOB && t && strcmp(t, "on-failure") == 0)
			continue;
		else if (!(t && strcmp(t, "any") == 0) && strncmp(k->text, "x-", 2) != 0)
			import_diag(im, W0814, k, "restart_policy's %s is left out: Kubernetes restarts %s",
			            qnode(im, k), ic->kind == IC_JOB ? "a job's pod up to its retries"
			                                             : "a container whenever it stops");
	}
}

/* What a job cannot have. */
static void
finish_job(struct importer *im, struct icomp *ic)
{
	const char *dropped[4] = {NULL};
	size_t n = 0;
	if (ic->ports.len)
		dropped[n++] = "ports";
	if (ic->readiness)
		dropped[n++] = "healthcheck";
	if (ic->replicas >= 0)
		dropped[n++] = "replicas";
	if (ic->aliases.len)
		dropped[n++] = "host names";
	for (size_t i = 0; i < n; i++)
		diag(&im->c->diags, W0801, ic->loc, "the %s of %s %s left out: the service runs to "
		     "completion as a job", dropped[i], diag_quote(im->a, ic->compose_name),
		     strcmp(dropped[i], "healthcheck") == 0 ? "is" : "are");
	ic->ports.len = ic->aliases.len = 0;
	ic->readiness = NULL;
	ic->replicas = -1;
	const char *r = ic->restart ? ic->restart : "no";
	if (strcmp(r, "no") == 0)
		ic->retries = 0;
	else if (ic->restart_count >= 0)
		ic->retries = ic->restart_count;
	else
		diag(&im->c->diags, W0814, ic->restart_at->loc, "restart %s: the job is retried as "
		     "Kubernetes does, up to 6 times", diag_quote(im->a, r));
	restart_policy(im, ic);
}

/* A port of a service that publishes others, and why it is not published (W0814). */
static const char *
unpublished(struct importer *im, const struct iport *p)
{
	if (p->local)
		return arena_printf(im->a, "port %ld to the loopback address only", p->number);
	if (p->reached)
		return arena_printf(im->a, "not port %ld, where only the other containers reach it",
		                    p->number);
	return arena_printf(im->a, "port %ld only to the other containers (expose:)", p->number);
}

static void
finish_ports(struct importer *im, struct icomp *ic)
{
	give_known_port(im, ic);
	const struct iport *published = NULL, *internal = NULL;
	for (size_t i = 0; i < ic->ports.len; i++) {
		const struct iport *p = ic->ports.items[i];
		if (p->published && !published)
			published = p;
		if (!p->published && (!internal || (p->local && !internal->local)))
			internal = p;
	}
	static const enum icomp_expose kinds[] = {IE_NODEPORT, IE_LOADBALANCER, IE_CLUSTERIP};
	ic->expose = published ? kinds[im->opts->expose] : IE_CLUSTERIP;
	if (ic->expose != IE_CLUSTERIP && internal) {
		/* Every port of a Service is exposed as the Service is: Compose's
		 * expose: and a port only reached are not published. */
		diag(&im->c->diags, W0814, ic->loc, "%s publishes port %ld to every address but %s: "
		     "a %s would publish both, so its Service stays inside the cluster",
		     diag_quote(im->a, ic->compose_name), published->number, unpublished(im, internal),
		     ic->expose == IE_NODEPORT ? "NodePort" : "LoadBalancer");
		ic->expose = IE_CLUSTERIP;
	}
	const struct iport *first = ic->ports.len ? ic->ports.items[0] : NULL;
	if (ic->expose == IE_NODEPORT && first && first->published && first->host >= 30000 &&
	    first->host <= 32767)
		ic->node_port = first->host;
	if (!ic->ports.len && ic->aliases.len) {
		diag(&im->c->diags, W0801, ic->loc, "the other host names of %s are left out: it has "
		     "no port, so no Service", diag_quote(im->a, ic->compose_name));
		ic->aliases.len = 0;
	}
}

/* restart no or on-failure of a service that runs on: why it runs on. */
static void
finish_restart(struct importer *im, struct icomp *ic, const char *runs_on)
{
	if (runs_on)
		diag(&im->c->diags, W0814, ic->restart_at->loc, "restart %s: Kubernetes restarts the "
		     "container of a %s whenever it stops (it is not made a job, which runs once: %s)",
		     diag_quote(im->a, ic->restart), ic->kind == IC_STATEFUL ? "StatefulSet"
		                                                             : "Deployment", runs_on);
}

/* A healthcheck that runs a file of a bind mount left out cannot pass. */
static void
probe_binds(struct importer *im, const struct icomp *ic)
{
	for (size_t i = 0; ic->readiness && i < ic->readiness->argv.len; i++) {
		const struct ival *w = ic->readiness->argv.items[i];
		for (size_t k = 0; k < w->n; k++) {
			for (size_t b = 0; w->parts[k].kind == IP_TEXT && b < ic->binds.len; b++) {
				const char *t = ic->binds.items[b], *at = strstr(w->parts[k].text, t);
				size_t n = strlen(t);
				if (!at || (at[n] != '/' && at[n] != '\0' && at[n] != ' '))
					continue;
				import_diag(im, W0804, ic->readiness_at, "the healthcheck runs a file of the bind "
				            "mount at %s, which is left out: it fails until the image has the "
				            "file", diag_quote(im->a, t));
				return;
			}
		}
	}
}

/* A reservation above its limit: Kubernetes refuses a request above its
 * limit (and Docker a memory reservation above the limit), so the
 * request is made the limit. */
static void
finish_resources(struct importer *im, struct icomp *ic)
{
	static const char *const what[] = {"cpus", "memory"};
	for (int i = 0; i < 2; i++) {
		long double request, limit;
		if (!ic->requests[i] || !ic->limits[i] || !quantity_parse(ic->requests[i], &request) ||
		    !quantity_parse(ic->limits[i], &limit) || request <= limit)
			continue;
		diag(&im->c->diags, W0814, ic->loc, "the %s reservation of %s (%s) is above its limit "
		     "(%s), which Kubernetes refuses: it requests the limit",
		     what[i], diag_quote(im->a, ic->compose_name), ic->requests[i], ic->limits[i]);
		ic->requests[i] = ic->limits[i];
	}
}

/* A container name is unique: Compose refuses one with more replicas. */
static void
check_container_name(struct importer *im, const struct icomp *ic)
{
	if (!ic->container_name_at || ic->replicas <= 1)
		return;
	struct diagnostic *d = import_diag(im, E0804, ic->container_name_at, "container_name and "
	                                   "%s %ld cannot both be set, which Compose refuses: a "
	                                   "container's name is unique", ic->replicas_by.key,
	                                   ic->replicas);
	diag_note(&im->c->diags, d, ic->replicas_by.at->loc, "%s is set here", ic->replicas_by.key);
}

/* A service whose `restart` is given as no or on-failure[:N]: Compose
 * runs it until it ends (or succeeds), then never again. */
static bool
restart_ends(const struct icomp *ic)
{
	const char *r = ic->restart;
	return r && (strcmp(r, "no") == 0 || strncmp(r, "on-failure", 10) == 0);
}

/* A service whose restart ends runs once (a migration, a seed): a job,
 * unless it serves (it has a port, others wait for it to start, or it
 * runs its image's server, a `postgres` with no command of its own); then
 * why, NULL when it is none of these or its restart does not end. */
static const char *
why_it_runs_on(struct importer *im, const struct icomp *ic)
{
	const char *repo;
	if (!restart_ends(ic))
		return NULL;
	if (ic->ports.len)
		return "it has ports";
	if (ic->waited_running)
		return "others wait for it to start or be healthy; a wait with condition: "
		       "service_completed_successfully makes it one";
	if (!ic->has_command && !ic->has_args && ic->image_text && image_port(ic->image_text, &repo))
		return arena_printf(im->a, "it runs the %s server of its image", repo);
	return NULL;
}

static void
finish_component(struct importer *im, struct icomp *ic)
{
	check_container_name(im, ic);
	finish_user(im, ic);
	probe_binds(im, ic);
	finish_image(im, ic);
	finish_resources(im, ic);
	const char *runs_on = why_it_runs_on(im, ic);
	if (ic->must_complete || (restart_ends(ic) && !runs_on)) {
		ic->kind = IC_JOB;
		finish_job(im, ic);
		return;
	}
	finish_ports(im, ic);
	ic->kind = ic->n_named_volumes && ic->ports.len ? IC_STATEFUL : IC_SERVICE;
	finish_restart(im, ic, runs_on);
	restart_policy(im, ic);
}

/* The services from path[k] on, which come back to target: the cycle. */
static void
report_cycle(struct importer *im, struct icomp **path, size_t depth, struct icomp *target)
{
	size_t from = depth;
	while (from && path[from - 1] != target)
		from--;
	from -= from > 0;
	struct buf names = {0};
	for (size_t k = from; k < depth; k++)
		buf_printf(&names, "%s -> ", path[k]->compose_name);
	buf_puts(&names, target->compose_name);
	struct diagnostic *g = NULL;
	for (size_t k = from; k < depth; k++) {
		struct icomp *next = k + 1 < depth ? path[k + 1] : target;
		struct loc at = path[k]->loc;
		for (size_t j = 0; j < path[k]->after.len; j++)
			if (((struct iafter *)path[k]->after.items[j])->target == next)
				at = ((struct iafter *)path[k]->after.items[j])->loc;
		if (!g)
			g = diag(&im->c->diags, E0812, at, "services wait for each other in a cycle: %s",
			         names.data);
		diag_note(&im->c->diags, g, at, "%s waits for %s here",
		          diag_quote(im->a, path[k]->compose_name), diag_quote(im->a, next->compose_name));
	}
	buf_free(&names);
}

/* Whether the services wait for each other in a cycle (reported). */
static bool
cycle(struct importer *im)
{
	size_t n = im->comp_list.len;
	unsigned char *state = arena_alloc(im->a, n + 1); /* 0 new, 1 on the path, 2 done */
	size_t *edge = arena_alloc(im->a, (n + 1) * sizeof *edge);
	struct icomp **path = arena_alloc(im->a, (n + 1) * sizeof *path);
	for (size_t i = 0; i < n; i++)
		((struct icomp *)im->comp_list.items[i])->index = i;
	for (size_t root = 0; root < n; root++) {
		if (state[root])
			continue;
		size_t depth = 0;
		path[depth++] = im->comp_list.items[root];
		state[root] = 1;
		edge[root] = 0;
		while (depth) {
			struct icomp *ic = path[depth - 1];
			if (edge[ic->index] == ic->after.len) {
				state[ic->index] = 2;
				depth--;
				continue;
			}
			struct iafter *a = ic->after.items[edge[ic->index]++];
			size_t t = a->target->index;
			if (state[t] == 1) {
				report_cycle(im, path, depth, a->target);
				return true;
			}
			if (!state[t]) {
				state[t] = 1;
				edge[t] = 0;
				path[depth++] = a->target;
			}
		}
	}
	return false;
}

/* W0810, once for each service that others wait for and that has no port
 * (so no Service): the first three that wait for it by name, the count of
 * the others, and the first wait as a note.  Needs cycle()'s indices. */
static void
portless_waits(struct importer *im)
{
	size_t n = im->comp_list.len;
	struct vec *waits = arena_alloc(im->a, (n + 1) * sizeof *waits); /* struct iafter * */
	struct vec *waiters = arena_alloc(im->a, (n + 1) * sizeof *waiters); /* struct icomp * */
	for (size_t i = 0; i < n; i++) {
		struct icomp *ic = im->comp_list.items[i];
		for (size_t j = 0; j < ic->after.len; j++) {
			struct iafter *a = ic->after.items[j];
			if (a->target->kind != IC_JOB && !a->target->ports.len) {
				vec_push(im->a, &waits[a->target->index], a);
				vec_push(im->a, &waiters[a->target->index], ic);
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct icomp *t = im->comp_list.items[i];
		size_t count = waiters[i].len, named = count > 3 ? 2 : count;
		if (!count)
			continue;
		struct buf who = {0};
		for (size_t k = 0; k < named; k++)
			buf_printf(&who, "%s%s", k == 0 ? "" : k + 1 < named || count > named ? ", " : " and ",
			           diag_quote(im->a, ((const struct icomp *)waiters[i].items[k])->compose_name));
		if (count > named)
			buf_printf(&who, " and %zu others", count - named);
		struct diagnostic *d = diag(&im->c->diags, W0810, t->loc, "%s declares no port, and %s "
		                            "%s for it: the order holds, but nothing can wait for it at "
		                            "run time; give it its port (ports: or expose:)",
		                            diag_quote(im->a, t->compose_name), who.data,
		                            count == 1 ? "waits" : "wait");
		const struct icomp *first = waiters[i].items[0];
		diag_note(&im->c->diags, d, ((const struct iafter *)waits[i].items[0])->loc,
		          "%s waits for it here", diag_quote(im->a, first->compose_name));
		buf_free(&who);
	}
}

void
import_services(struct importer *im)
{
	const struct cnode *services = cnode_get(im->root, "services");
	if (!services || cnode_null(services))
		return;
	if (!name_services(im, services))
		return; /* the merges of extends passed the limit: nothing more is read */
	im->services_span = services->loc;
	for (size_t i = 0; i < im->comp_list.len; i++) {
		size_t from = im->c->diags.list.len;
		map_service(im, im->comp_list.items[i]);
		note_extended(im, im->comp_list.items[i], from);
	}
	if (im->c->diags.errors)
		return; /* nothing is written: no more warnings */
	name_mounts(im);
	reached_ports(im);
	for (size_t i = 0; i < im->comp_list.len; i++) {
		size_t from = im->c->diags.list.len;
		finish_component(im, im->comp_list.items[i]);
		note_extended(im, im->comp_list.items[i], from);
	}
	hide_secret_literals(im);
	if (cycle(im))
		return;
	portless_waits(im);
}
