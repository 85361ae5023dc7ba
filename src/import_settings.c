/*
 * import_settings.c - the keys of a Compose service that set how its
 * component runs and what it waits for: depends_on and links (after),
 * the host names others reach it by (container_name, links, network
 * aliases: more Services), labels and annotations, user, read_only,
 * cap_add and cap_drop (security), restart, stop_grace_period (grace),
 * pull_policy (pull).
 */
#include "import.h"

#include <string.h>

/* depends_on, links */

/* The service `name` (a depends_on or links entry's, interpolated)
 * names; `at` is where it is written. */
static struct icomp *
target_of(struct importer *im, const struct icomp *ic, const char *name, const struct cnode *at,
          bool required)
{
	struct icomp *t = strmap_get(&im->comps, name);
	const char *q = diag_quote(im->a, name);
	if (!t && required)
		import_diag(im, E0805, at, "%s depends on %s, which is not a service of the file",
		            diag_quote(im->a, ic->compose_name), q);
	else if (!t)
		import_diag(im, W0801, at,
		            "the optional dependency on %s is left out: it is not a service of the file", q);
	else if (t->left_out)
		import_diag(im, W0811, at, "%s waits for %s, which is left out by its profiles; so is "
		            "the wait", diag_quote(im->a, ic->compose_name), q);
	return t && !t->left_out ? t : NULL;
}

/* The waits of ic, each target once (a target remembers the last
 * component that waits for it: a service's keys are read together).  A
 * target waited for until it completes runs once: a job; one waited for
 * to start or be healthy runs on. */
static void
add_after(struct importer *im, struct icomp *ic, struct icomp *target, struct loc loc,
          bool completes)
{
	if (completes)
		target->must_complete = true;
	else
		target->waited_running = true;
	if (target->waited_by == ic)
		return;
	target->waited_by = ic;
	struct iafter *a = NEW(im->a, struct iafter);
	a->target = target;
	a->loc = loc;
	vec_push(im->a, &ic->after, a);
}

/* One entry of the mapping form: NAME: {condition, restart, required}. */
static void
depends_entry(struct importer *im, struct icomp *ic, const struct cnode *name,
              const struct cnode *spec)
{
	bool required = true, completes = false;
	if (!cnode_null(spec) && !want_kind(im, spec, CNODE_MAP, "a depends_on entry"))
		return;
	for (size_t i = 0; spec && spec->kind == CNODE_MAP && i < spec->n; i++) {
		const struct cnode *k = spec->entries[i].key, *v = spec->entries[i].value;
		if (strcmp(k->text, "required") == 0) {
			if (!compose_bool(im, v, "required", &required))
				return;
		} else if (strcmp(k->text, "restart") == 0) {
			import_diag(im, W0801, k, "restart: is left out: Kubernetes does not restart a "
			            "component when one it waits for restarts");
		} else if (strcmp(k->text, "condition") == 0) {
			const char *c = compose_text(im, v, "condition");
			if (c && strcmp(c, "service_started") != 0 && strcmp(c, "service_healthy") != 0 &&
			    strcmp(c, "service_completed_successfully") != 0)
				import_diag(im, E0804, v, "condition takes service_started, service_healthy or "
				            "service_completed_successfully, not %s", diag_quote(im->a, c));
			completes = c && strcmp(c, "service_completed_successfully") == 0;
		} else if (strncmp(k->text, "x-", 2) != 0) {
			import_diag(im, W0802, k, "depends_on has no key %s; it is left out", qnode(im, k));
		}
	}
	struct icomp *t = target_of(im, ic, name->text, name, required);
	if (t)
		add_after(im, ic, t, name->loc, completes);
}

void
key_depends_on(struct importer *im, struct icomp *ic, const struct cnode *v,
               const struct cnode *k)
{
	if (v->kind == CNODE_SEQ) {
		for (size_t i = 0; i < v->n; i++) {
			const char *name = compose_text(im, v->items[i], "a depends_on entry");
			struct icomp *t = name ? target_of(im, ic, name, v->items[i], true) : NULL;
			if (t)
				add_after(im, ic, t, v->items[i]->loc, false);
		}
		return;
	}
	if (!want_kind(im, v, CNODE_MAP, "depends_on"))
		return;
	for (size_t i = 0; i < v->n; i++)
		depends_entry(im, ic, v->entries[i].key, v->entries[i].value);
}

/* Another host name of a component: an extra Service (expose ... as). */
void
add_alias(struct importer *im, struct icomp *ic, const char *alias, const struct cnode *at)
{
	if (strcmp(alias, ic->compose_name) == 0 || strcmp(alias, ic->name) == 0)
		return;
	if (dns1035_label_problem(alias) || strmap_get(&im->names, alias)) {
		import_diag(im, W0801, at, "the host name %s is left out: %s", diag_quote(im->a, alias),
		            dns1035_label_problem(alias) ? "a Service cannot have that name"
		                                         : "the stack has that name already");
		return;
	}
	strmap_put(im->a, &im->names, alias, (void *)alias);
	vec_push(im->a, &ic->aliases, (void *)alias);
}

void
key_links(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	if (!want_kind(im, v, CNODE_SEQ, "links"))
		return;
	for (size_t i = 0; i < v->n; i++) {
		const struct cnode *item = v->items[i];
		const char *link = compose_text(im, item, "a link");
		const char *colon = link ? strchr(link, ':') : NULL;
		const char *name = colon ? arena_strndup(im->a, link, (size_t)(colon - link)) : link;
		struct icomp *t = name ? target_of(im, ic, name, item, true) : NULL;
		if (!t)
			continue;
		add_after(im, ic, t, item->loc, false);
		if (colon)
			add_alias(im, t, colon + 1, item);
	}
}

void
key_container_name(struct importer *im, struct icomp *ic, const struct cnode *v,
                   const struct cnode *k)
{
	const char *name = compose_text(im, v, "container_name");
	ic->container_name_at = k;
	if (name)
		add_alias(im, ic, name, v);
}

void
key_networks(struct importer *im, struct icomp *ic, const struct cnode *v,
             const struct cnode *k)
{
	if (v->kind == CNODE_SEQ || !want_kind(im, v, CNODE_MAP, "networks"))
		return;
	for (size_t i = 0; i < v->n; i++) {
		const struct cnode *net = v->entries[i].value;
		for (size_t j = 0; net && net->kind == CNODE_MAP && j < net->n; j++) {
			const struct cnode *key = net->entries[j].key, *value = net->entries[j].value;
			struct vec names = {0};
			if (strcmp(key->text, "aliases") != 0) {
				import_diag(im, W0801, key, "%s of a network is left out: every Pod has one "
				            "address of the cluster's network", qnode(im, key));
				continue;
			}
			if (string_list(im, value, "aliases", &names))
				for (size_t n = 0; n < names.len; n++)
					add_alias(im, ic, names.items[n], string_list_item(value, n));
		}
	}
}

/* network_mode: each Pod has a network of its own.  service:NAME, which
 * Compose runs in another service's network (a VPN's, a proxy's), and
 * container:NAME of a service's container_name, say what that changes
 * and how to keep it. */
/* The service whose container_name is `container` (as written), or NULL. */
static const char *
named_container(const struct importer *im, const char *container)
{
	for (size_t i = 0; i < im->comp_list.len; i++) {
		const struct icomp *ic = im->comp_list.items[i];
		const struct cnode *n = cnode_get(ic->node, "container_name");
		if (n && n->kind == CNODE_SCALAR && strcmp(n->text, container) == 0)
			return ic->compose_name;
	}
	return NULL;
}

void
key_network_mode(struct importer *im, struct icomp *ic, const struct cnode *v,
                 const struct cnode *k)
{
	const char *mode = v->kind == CNODE_SCALAR ? compose_text(im, v, "network_mode") : NULL;
	const char *name = ic->compose_name;
	const char *service = !mode ? NULL : strncmp(mode, "service:", 8) == 0 ? mode + 8
	                      : strncmp(mode, "container:", 10) == 0 ? named_container(im, mode + 10)
	                      : NULL;
	if (service && *service) {
		const char *other = diag_quote(im->a, service);
		import_diag(im, W0801, k, "network_mode %s is left out: %s gets a Pod and a network of "
		            "its own, and does not share the address, the published ports nor the "
		            "localhost of %s as under Compose; reach %s by its name, or make %s a "
		            "sidecar of %s in the .todok if they must share one network",
		            diag_quote(im->a, mode), diag_quote(im->a, name), other, other,
		            diag_quote(im->a, name), other);
	} else if (mode && strncmp(mode, "container:", 10) == 0) {
		import_diag(im, W0801, k, "network_mode %s is left out: %s gets a Pod of its own, with "
		            "its own network; the container %s is not one of the file's services",
		            diag_quote(im->a, mode), diag_quote(im->a, name),
		            diag_quote(im->a, mode + 10));
	} else {
		import_diag(im, W0801, k, "network_mode is left out: every Pod has a network of its own "
		            "in the cluster");
	}
}

/* labels, annotations */

/* KEY = value into labels, or into annotations when it cannot be a label
 * (or when labels is NULL); left out when it can be neither. */
static void
metadata_entry(struct importer *im, const char *key, const struct cnode *value,
               const struct cnode *at, struct ientries *labels, struct ientries *annotations)
{
	struct ival v = {NULL, 0};
	if (value && (!want_kind(im, value, CNODE_SCALAR, "a label") || !interpolate(im, value, &v)))
		return;
	use_ival(im, &v, CTX_LABEL);
	struct buf b = {0};
	for (size_t i = 0; i < v.n; i++)
		buf_puts(&b, v.parts[i].kind == IP_TEXT ? v.parts[i].text : v.parts[i].resolved);
	const char *text = b.data ? arena_buf_take(im->a, &b) : "";
	bool reserved = strcmp(key, "app") == 0 || strcmp(key, "app.kubernetes.io/part-of") == 0;
	bool label = labels && !reserved && !label_value_problem(text);
	if (label_key_problem(key) || (!label && !annotations)) {
		import_diag(im, W0801, at, "the label %s is left out: Kubernetes rejects its %s",
		            diag_quote(im->a, key), label_key_problem(key) ? "key" : "value");
		return;
	}
	struct ientry *e = NEW(im->a, struct ientry);
	e->key = key;
	e->value = v;
	e->loc = at->loc;
	put_entry(im, label ? labels : annotations, e);
}

void
metadata_into(struct importer *im, const struct cnode *v, const char *what,
              struct ientries *labels, struct ientries *annotations)
{
	if (v->kind == CNODE_SEQ) {
		for (size_t i = 0; i < v->n; i++) {
			const struct cnode *item = v->items[i];
			if (!want_kind(im, item, CNODE_SCALAR, what))
				continue;
			struct cnode value = *item;
			const char *key = item_key(im, item, "a label's key", &value.text);
			value.text = value.text ? value.text : "";
			value.len = strlen(value.text);
			if (key)
				metadata_entry(im, key, &value, item, labels, annotations);
		}
	} else if (want_kind(im, v, CNODE_MAP, what)) {
		for (size_t i = 0; i < v->n; i++)
			metadata_entry(im, v->entries[i].key->text,
			               cnode_null(v->entries[i].value) ? NULL : v->entries[i].value,
			               v->entries[i].key, labels, annotations);
	}
}

void
key_labels(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	metadata_into(im, v, "labels", &ic->labels, &ic->annotations);
}

void
key_annotations(struct importer *im, struct icomp *ic, const struct cnode *v,
                const struct cnode *k)
{
	metadata_into(im, v, "annotations", NULL, &ic->annotations);
}

/* user, read_only, cap_add, cap_drop, restart, stop_grace_period, pull_policy */

/* A user's or group's id: a number, or root, which is 0 on every system
 * (another name is the image's /etc/passwd's, which the import cannot read). */
static bool
user_id(const char *s, long *id)
{
	if (strcmp(s, "root") == 0) {
		*id = 0;
		return true;
	}
	return parse_long(s, 0, 2147483647, id);
}

void
key_user(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	const char *u = compose_text(im, v, "user");
	if (!u)
		return;
	const char *colon = strchr(u, ':');
	const char *user = colon ? arena_strndup(im->a, u, (size_t)(colon - u)) : u;
	long uid, gid;
	if (!user_id(user, &uid) || (colon && !user_id(colon + 1, &gid))) {
		ic->user_name = u; /* said by finish_user(), which knows the volumes */
		ic->user_name_at = v;
		return;
	}
	ic->user = uid;
	if (colon)
		ic->group = gid;
}

void
finish_user(struct importer *im, const struct icomp *ic)
{
	const char *u = ic->user_name;
	if (!u)
		return;
	const struct ivolume *vol = root_owned_volume(ic);
	const char *what = !vol ? NULL : vol->kind == IV_CLAIM
	                   ? arena_printf(im->a, "write its volume %s", diag_quote(im->a, vol->name))
	                   : "read its secret files";
	const char *needs = !vol ? ""
	                    : arena_printf(im->a, "; nor is the pod given the fs-group that lets "
	                                   "that user %s: add security { user UID fs-group GID } "
	                                   "with the ids of %s in the image", what,
	                                   diag_quote(im->a, u));
	import_diag(im, W0809, ic->user_name_at, "user %s is left out: the .todok takes a user id and group id as "
	            "numbers (security { user N group N })%s", diag_quote(im->a, u), needs);
}

void
key_read_only(struct importer *im, struct icomp *ic, const struct cnode *v,
              const struct cnode *k)
{
	compose_bool(im, v, "read_only", &ic->read_only);
}

static void
capabilities(struct importer *im, const struct cnode *v, const char *what, struct vec *out)
{
	struct vec names = {0};
	struct strmap seen = {0};
	if (!string_list(im, v, what, &names))
		return;
	for (size_t i = 0; i < names.len; i++) {
		const char *c = upper_snake(im->a, names.items[i]); /* Docker takes any case */
		if (strncmp(c, "CAP_", 4) == 0)
			c += 4;
		/* upper_snake() leaves letters, digits and underscores; a name
		 * must also start with a letter to be a word of the language
		 * (CHOWN, NET_BIND_SERVICE; not 1_ALL). */
		if (!(*c >= 'A' && *c <= 'Z')) {
			import_diag(im, W0801, string_list_item(v, i), "the capability %s is left out: it is no capability "
			            "name", diag_quote(im->a, names.items[i]));
			continue;
		}
		if (!strmap_claim(im->a, &seen, c, (void *)c))
			vec_push(im->a, out, (void *)c);
	}
}

void
key_cap_add(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	capabilities(im, v, "cap_add", &ic->cap_add);
}

void
key_cap_drop(struct importer *im, struct icomp *ic, const struct cnode *v,
             const struct cnode *k)
{
	capabilities(im, v, "cap_drop", &ic->cap_drop);
}

void
key_restart(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	const char *r = compose_text(im, v, "restart");
	long n = -1;
	if (!r || !*r) /* empty (an unset ${VAR}): not given, as Docker reads it */
		return;
	if (strncmp(r, "on-failure:", 11) == 0 && !parse_long(r + 11, 0, 2147483647, &n))
		r = "?";
	if (strcmp(r, "no") != 0 && strcmp(r, "always") != 0 && strcmp(r, "unless-stopped") != 0 &&
	    strcmp(r, "on-failure") != 0 && n < 0) {
		import_diag(im, E0804, v, "restart takes no, always, on-failure[:N] or unless-stopped");
		return;
	}
	ic->restart = r;
	ic->restart_at = v;
	ic->restart_count = n;
}

void
key_grace(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	const char *t = compose_text(im, v, "stop_grace_period");
	bool exact;
	long s = t ? compose_seconds(t, &exact) : -1;
	if (t && s < 0)
		import_diag(im, E0804, v, "stop_grace_period takes a duration such as 10s or 1m30s");
	else if (t && !exact)
		import_diag(im, W0814, v, "stop_grace_period is rounded up to %lds: the .todok "
		            "counts whole seconds", s);
	if (s >= 0)
		ic->grace = s;
}

void
key_pull_policy(struct importer *im, struct icomp *ic, const struct cnode *v,
                const struct cnode *k)
{
	static const char *const map[][2] = {{"always", "always"}, {"never", "never"},
	                                     {"missing", "if-not-present"},
	                                     {"if_not_present", "if-not-present"}};
	const char *p = compose_text(im, v, "pull_policy");
	for (size_t i = 0; p && i < sizeof map / sizeof *map; i++)
		if (strcmp(p, map[i][0]) == 0) {
			ic->pull = map[i][1];
			return;
		}
	if (p)
		import_diag(im, W0801, v, "pull_policy %s is left out: Kubernetes pulls always, never "
		            "or if the image is not present", diag_quote(im->a, p));
}

/* Traefik's router rules (traefik.http.routers.R.rule labels): under
 * Compose, Traefik reads them from the containers; on a cluster nothing
 * reads a pod's labels, so `Host(`H`)`, with `&& PathPrefix(`/P`)`, is the
 * component's route instead (the label stays). */

/* `FN(`ARG`)` at *s (any of ` " ' as the quote), *s moved past it. */
static const char *
rule_call(struct importer *im, const char **s, const char *fn)
{
	const char *p = *s + strspn(*s, " ");
	size_t n = strlen(fn);
	if (strncmp(p, fn, n) != 0 || p[n] != '(' || !p[n + 1] || !strchr("`\"'", p[n + 1]))
		return NULL;
	const char *arg = p + n + 2, *end = strchr(arg, p[n + 1]);
	if (!end || end == arg || end[1] != ')')
		return NULL;
	*s = end + 2;
	return arena_strndup(im->a, arg, (size_t)(end - arg));
}

/* The host and path of a rule; false when it is not of those forms. */
static bool
parse_rule(struct importer *im, const char *rule, const char **host, const char **path)
{
	const char *s = rule;
	*path = NULL;
	bool path_first = (*path = rule_call(im, &s, "PathPrefix")) != NULL;
	if (path_first && strncmp(s + strspn(s, " "), "&&", 2) != 0)
		return false;
	if (path_first)
		s += strspn(s, " ") + 2;
	if (!(*host = rule_call(im, &s, "Host")))
		return false;
	if (!path_first && strncmp(s + strspn(s, " "), "&&", 2) == 0) {
		s += strspn(s, " ") + 2;
		if (!(*path = rule_call(im, &s, "PathPrefix")))
			return false;
	}
	return s[strspn(s, " ")] == '\0' && !dns1123_subdomain_problem(*host) &&
	       (!*path || (*path)[0] == '/');
}

const char *
entry_text(struct importer *im, const struct ientry *e)
{
	struct buf b = {0};
	for (size_t i = 0; i < e->value.n; i++) {
		const struct ipart *p = &e->value.parts[i];
		if (p->kind == IP_TEXT)
			buf_append(&b, p->text, p->len);
		else
			buf_puts(&b, p->resolved ? p->resolved : "");
	}
	return b.data ? arena_buf_take(im->a, &b) : "";
}

static void
router_rule(struct importer *im, struct icomp *ic, const struct ientry *e)
{
	const char *q = diag_quote(im->a, e->key), *host, *path;
	if (!parse_rule(im, entry_text(im, e), &host, &path))
		diag(&im->c->diags, W0801, e->loc, "the route of the Traefik rule %s is left out: "
		     "only Host(`HOST`), with && PathPrefix(`/PATH`), becomes a route", q);
	else if (ic->route_host)
		diag(&im->c->diags, W0801, e->loc, "the route of the Traefik rule %s is left out: "
		     "a component has one route", q);
	else if (!ic->ports.len || ((const struct iport *)ic->ports.items[0])->udp)
		diag(&im->c->diags, W0801, e->loc, "the route of the Traefik rule %s is left out: "
		     "%s has no TCP port to route to; give it its port (expose:)", q,
		     diag_quote(im->a, ic->compose_name));
	else
		ic->route_host = host, ic->route_path = path;
}

/* Whether key is PREFIX NAME SUFFIX, NAME not empty (a Traefik router's
 * or service's setting). */
static bool
traefik_key(const char *key, const char *prefix, const char *suffix)
{
	size_t n = strlen(key), np = strlen(prefix), ns = strlen(suffix);
	return n > np + ns && strncmp(key, prefix, np) == 0 && strcmp(key + n - ns, suffix) == 0;
}

const struct ientry *
traefik_port_label(const struct icomp *ic)
{
	const struct ientries *blocks[] = {&ic->labels, &ic->annotations};
	for (size_t b = 0; b < 2; b++)
		for (size_t i = 0; i < blocks[b]->list.len; i++) {
			const struct ientry *e = blocks[b]->list.items[i];
			if (traefik_key(e->key, "traefik.http.services.", ".loadbalancer.server.port"))
				return e;
		}
	return NULL;
}

void
traefik_routes(struct importer *im, struct icomp *ic)
{
	const struct ientries *blocks[] = {&ic->labels, &ic->annotations};
	const struct ientry *enable = NULL;
	const size_t *at = strmap_get(&ic->labels.index, "traefik.enable");
	if (at)
		enable = ic->labels.list.items[*at];
	if (ic->kind == IC_JOB || (enable && strcmp(entry_text(im, enable), "false") == 0))
		return;
	for (size_t b = 0; b < 2; b++)
		for (size_t i = 0; i < blocks[b]->list.len; i++) {
			const struct ientry *e = blocks[b]->list.items[i];
			if (traefik_key(e->key, "traefik.http.routers.", ".rule"))
				router_rule(im, ic, e);
		}
}
