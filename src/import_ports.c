/*
 * import_ports.c - the keys of a Compose service that say how it is
 * reached, checked and sized: ports (short and long syntax) and expose
 * (container ports; a published port makes the Service a NodePort or a
 * LoadBalancer; a port that another service reaches, HOST:PORT in its
 * environment, is one too), healthcheck (a readiness probe, never a liveness one:
 * a failing dependency must not restart the pod), deploy (replicas,
 * resources, restart_policy, labels) and the older scale, cpus,
 * mem_limit and mem_reservation.
 */
#include "import.h"

#include <string.h>

/* ports, expose */

static void
add_port(struct importer *im, struct icomp *ic, const struct iport *p, const struct cnode *at)
{
	const char *key = arena_printf(im->a, "%ld%s", p->number, p->udp ? "/udp" : "");
	struct iport *old = strmap_get(&ic->port_index, key);
	if (old) {
		old->local |= p->local;
		if (p->published && !old->published) {
			old->name = old->name ? old->name : p->name;
			old->published = true;
			old->host = p->host;
		} else if (p->published) {
			import_diag(im, W0814, at, "port %ld is published twice; the .todok publishes it "
			            "once", p->number);
		}
		return;
	}
	struct iport *copy = NEW(im->a, struct iport);
	*copy = *p;
	if (copy->name && strmap_claim(im->a, &ic->port_names, copy->name, copy)) {
		import_diag(im, W0801, at, "the name %s of port %ld is left out: another port has it",
		            diag_quote(im->a, copy->name), copy->number);
		copy->name = NULL;
	}
	strmap_put(im->a, &ic->port_index, key, copy);
	vec_push(im->a, &ic->ports, copy);
	if (p->published && p->host && p->host != p->number)
		import_diag(im, W0814, at, "port %ld is published as %ld: the .todok's Service listens "
		            "on %ld, the port the other containers use", p->number, p->host, p->number);
}

/* "N" or "A-B" into [*from, *to]; false when malformed. */
static bool
port_range(const char *s, size_t len, long *from, long *to)
{
	char t[32];
	if (len >= sizeof t)
		return false;
	memcpy(t, s, len);
	t[len] = '\0';
	char *dash = strchr(t, '-');
	if (dash)
		*dash = '\0';
	if (!parse_long(t, 1, 65535, from))
		return false;
	*to = *from;
	return !dash || (parse_long(dash + 1, 1, 65535, to) && *to >= *from);
}

static bool
loopback(const char *ip, size_t len)
{
	return (len >= 4 && strncmp(ip, "127.", 4) == 0) || (len == 3 && strncmp(ip, "::1", 3) == 0) ||
	       (len == 9 && strncmp(ip, "localhost", 9) == 0);
}

/* Adds the container ports first->number..to, as first says (published
 * from first->host on, when it is given; the name on the first only). */
static void
add_ports(struct importer *im, struct icomp *ic, const struct iport *first, long to,
          const struct cnode *at)
{
	long from = first->number;
	if (to - from >= COMPOSE_MAX_PORT_RANGE) {
		import_diag(im, W0814, at, "only the first %d ports of the range %ld-%ld are imported",
		            COMPOSE_MAX_PORT_RANGE, from, to);
		to = from + COMPOSE_MAX_PORT_RANGE - 1;
	}
	for (long p = from; p <= to; p++) {
		struct iport port = *first;
		port.name = p == from ? first->name : NULL;
		port.number = p;
		port.host = first->host ? first->host + p - from : 0;
		add_port(im, ic, &port, at);
	}
}

/* The protocol after a '/'; false (reported) for one the .todok has not. */
static bool
protocol(struct importer *im, const char *proto, const struct cnode *at, bool *udp)
{
	*udp = strcmp(proto, "udp") == 0;
	if (*udp || strcmp(proto, "tcp") == 0)
		return true;
	import_diag(im, W0801, at, "the port is left out: the .todok has TCP and UDP ports, not %s",
	            diag_quote(im->a, proto));
	return false;
}

/* [[IP:]HOST:]CONTAINER[/PROTOCOL], HOST and CONTAINER a port or a range. */
static void
short_port(struct importer *im, struct icomp *ic, const struct cnode *n, bool publish)
{
	const char *t = compose_text(im, n, "a port");
	if (!t)
		return;
	const char *slash = strrchr(t, '/');
	bool udp = false;
	if (slash && !protocol(im, slash + 1, n, &udp))
		return;
	size_t len = slash ? (size_t)(slash - t) : strlen(t);
	const char *ip = t, *rest = t;
	size_t iplen = 0;
	if (t[0] == '[' && memchr(t, ']', len)) {
		const char *close = memchr(t, ']', len);
		ip = t + 1, iplen = (size_t)(close - t - 1), rest = close + 1 + (close[1] == ':');
	}
	const char *end = t + len, *last = NULL, *prev = NULL;
	for (const char *p = rest; p < end; p++)
		if (*p == ':')
			prev = last, last = p;
	if (prev && !iplen)
		ip = rest, iplen = (size_t)(prev - rest);
	const char *host = last ? (prev ? prev + 1 : rest) : NULL;
	size_t hostlen = last ? (size_t)(last - host) : 0;
	const char *container = last ? last + 1 : rest;
	long from, to, hfrom = 0, hto = 0;
	if (!port_range(container, (size_t)(end - container), &from, &to) ||
	    (hostlen && !port_range(host, hostlen, &hfrom, &hto))) {
		import_diag(im, E0804, n, "%s is not a port: [[IP:]HOST:]CONTAINER[/PROTOCOL]",
		            diag_quote(im->a, t));
		return;
	}
	struct iport first = {.number = from, .udp = udp, .published = publish, .host = hfrom};
	if (publish && iplen && loopback(ip, iplen)) {
		import_diag(im, W0814, n, "port %ld is published on the loopback address only: it stays "
		            "inside the cluster", from);
		first.published = false;
		first.local = true;
	}
	if (!first.published)
		first.host = 0;
	add_ports(im, ic, &first, to, n);
}

/* A port in the long syntax, as its keys are read. */
struct long_port {
	long target, host;
	bool udp, local;
	const char *name;
};

/* One key of the long syntax; false (reported) when the port is left out. */
static bool
long_port_key(struct importer *im, struct long_port *lp, const struct cnode *k,
              const struct cnode *v)
{
	static const char *const keys[] = {"target", "published", "host_ip", "protocol", "name"};
	const char *key = k->text;
	bool known = false;
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		known |= strcmp(key, keys[i]) == 0;
	if (!known && (strcmp(key, "mode") == 0 || strcmp(key, "app_protocol") == 0))
		import_diag(im, W0801, k, "%s is left out: a Service has no such setting", qnode(im, k));
	else if (!known && strncmp(key, "x-", 2) != 0)
		import_diag(im, W0802, k, "a port has no key %s; it is left out", qnode(im, k));
	if (!known)
		return true;
	const char *t = compose_text(im, v, key);
	long last;
	if (!t)
		return false;
	if (strcmp(key, "target") == 0 && !parse_long(t, 1, 65535, &lp->target)) {
		import_diag(im, E0804, v, "target takes a port number");
		return false;
	}
	if (strcmp(key, "published") == 0) {
		if (*t && !port_range(t, strlen(t), &lp->host, &last)) {
			import_diag(im, E0804, v, "published takes a port or a range of ports");
			return false;
		}
	}
	if (strcmp(key, "host_ip") == 0)
		lp->local = loopback(t, strlen(t));
	if (strcmp(key, "protocol") == 0)
		return protocol(im, t, v, &lp->udp);
	if (strcmp(key, "name") == 0 && iana_port_name_problem(t))
		import_diag(im, W0801, v, "the port's name %s is left out: %s", diag_quote(im->a, t),
		            iana_port_name_problem(t));
	else if (strcmp(key, "name") == 0)
		lp->name = t;
	return true;
}

static void
long_port(struct importer *im, struct icomp *ic, const struct cnode *n)
{
	struct long_port lp = {0}; /* published, as Docker does on a port it picks when not given */
	for (size_t i = 0; i < n->n; i++)
		if (!long_port_key(im, &lp, n->entries[i].key, n->entries[i].value))
			return;
	if (!lp.target) {
		import_diag(im, E0804, n, "a port in the long syntax needs its target");
		return;
	}
	struct iport port = {.name = lp.name, .number = lp.target, .udp = lp.udp,
	                     .published = true, .host = lp.host};
	if (lp.local) {
		import_diag(im, W0814, n, "port %ld is published on the loopback address only: it stays "
		            "inside the cluster", lp.target);
		port.published = false;
		port.local = true;
		port.host = 0;
	}
	add_ports(im, ic, &port, lp.target, n);
}

static void
published_port(struct importer *im, struct icomp *ic, const struct cnode *n)
{
	short_port(im, ic, n, true);
}

static void
exposed_port(struct importer *im, struct icomp *ic, const struct cnode *n)
{
	short_port(im, ic, n, false);
}

void
key_ports(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	each_item(im, ic, v, "ports", long_port, published_port);
}

void
key_expose(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	each_item(im, ic, v, "expose", exposed_port, exposed_port);
}

/* healthcheck */

/* A duration of the healthcheck in seconds, at least 1; `fallback` when
 * not given.  -2 (reported) when malformed. */
static long
probe_seconds(struct importer *im, const struct cnode *hc, const char *key, long fallback)
{
	const struct cnode *v = cnode_get(hc, key);
	if (cnode_null(v))
		return fallback;
	const char *t = compose_text(im, v, key);
	bool exact = true;
	long s = t ? compose_seconds(t, &exact) : -1;
	if (s < 0) {
		if (t)
			import_diag(im, E0804, v, "%s takes a duration such as 10s or 1m30s", key);
		return -2;
	}
	if (!exact)
		import_diag(im, W0814, v, "%s is rounded up to %lds: a probe counts whole seconds", key, s);
	if (s == 0 && fallback > 0)
		return fallback;
	return s;
}

/* The test: CMD (an exec list), CMD-SHELL or a string (sh -c), NONE. */
static bool
probe_test(struct importer *im, const struct icomp *ic, struct iprobe *p,
           const struct cnode *test)
{
	const char *kind = "CMD-SHELL";
	size_t first = 0;
	if (test->kind == CNODE_SEQ) {
		if (!test->n || !(kind = compose_text(im, test->items[0], "test")))
			return false;
		first = 1;
	} else if (!want_kind(im, test, CNODE_SCALAR, "test")) {
		return false;
	}
	if (strcmp(kind, "NONE") == 0)
		return false;
	bool shell = strcmp(kind, "CMD-SHELL") == 0;
	if ((!shell && strcmp(kind, "CMD") != 0) || (test->kind == CNODE_SEQ && test->n < 2)) {
		import_diag(im, E0804, test, "test is CMD with a command, CMD-SHELL with a command "
		            "line, NONE or a command line");
		return false;
	}
	p->ctx = shell ? CTX_SHELL : CTX_PLAIN;
	if (shell && test->kind == CNODE_SEQ && test->n != 2) {
		import_diag(im, E0804, test, "CMD-SHELL takes one command line");
		return false;
	}
	static const char *const sh[] = {"/bin/sh", "-c"};
	for (size_t i = 0; shell && i < 2; i++) {
		struct ival *w = NEW(im->a, struct ival);
		*w = ival_of_text(im->a, sh[i], test->loc);
		vec_push(im->a, &p->argv, w);
	}
	size_t own = p->argv.len; /* the test's words, after sh -c */
	for (size_t i = first; i < (test->kind == CNODE_SEQ ? test->n : 1); i++) {
		const struct cnode *word = test->kind == CNODE_SEQ ? test->items[i] : test;
		struct ival *w = NEW(im->a, struct ival);
		if (!want_kind(im, word, CNODE_SCALAR, "test") || !interpolate(im, word, w))
			return false;
		vec_push(im->a, &p->argv, w);
	}
	secret_words(im, ic, &p->argv, own, p->ctx, "healthcheck", test);
	if (!p->argv.len) {
		import_diag(im, W0801, test, "the healthcheck is left out: no word of its test is "
		            "left to run");
		return false;
	}
	for (size_t i = own; i < p->argv.len; i++)
		use_ival(im, p->argv.items[i], p->ctx);
	return true;
}

void
key_healthcheck(struct importer *im, struct icomp *ic, const struct cnode *v,
                const struct cnode *k)
{
	static const char *const keys[] = {"test", "interval", "timeout", "retries",
	                                   "start_period", "start_interval", "disable"};
	if (!want_kind(im, v, CNODE_MAP, "healthcheck"))
		return;
	for (size_t i = 0; i < v->n; i++) {
		const struct cnode *key = v->entries[i].key;
		bool known = strncmp(key->text, "x-", 2) == 0;
		for (size_t j = 0; j < sizeof keys / sizeof *keys; j++)
			known |= strcmp(key->text, keys[j]) == 0;
		if (!known)
			import_diag(im, W0802, key, "healthcheck has no key %s; it is left out",
			            qnode(im, key));
		else if (strcmp(key->text, "start_interval") == 0)
			import_diag(im, W0801, key, "start_interval is left out: a probe has one period");
	}
	bool disabled = false;
	const struct cnode *disable = cnode_get(v, "disable"), *test = cnode_get(v, "test");
	if ((disable && !compose_bool(im, disable, "disable", &disabled)) || disabled)
		return;
	if (!test) {
		import_diag(im, W0801, k, "the healthcheck is left out: it has no test, and the image's "
		            "own cannot be imported");
		return;
	}
	struct iprobe *p = NEW(im->a, struct iprobe);
	p->delay = probe_seconds(im, v, "start_period", 0);
	p->every = probe_seconds(im, v, "interval", 30);
	p->timeout = probe_seconds(im, v, "timeout", 30);
	p->failures = 3;
	const struct cnode *retries = cnode_get(v, "retries");
	if ((retries && !compose_long(im, retries, 0, 1000000, "retries", &p->failures)) ||
	    p->delay < -1 || p->every < -1 || p->timeout < -1 || !probe_test(im, ic, p, test))
		return;
	if (!p->failures) /* Docker's 0: its default */
		p->failures = 3;
	ic->readiness = p;
	ic->readiness_at = k;
}

/* deploy, scale, cpus, mem_limit, mem_reservation */

/* A setting that two keys set (scale and deploy.replicas, cpus and
 * deploy.resources.limits.cpus, ...), here by `key` at `at`: Compose
 * refuses distinct values.  False (reported) when `same` is false. */
static bool
set_by(struct importer *im, struct iset_by *by, const char *key, const struct cnode *at,
       bool same)
{
	if (by->at && !same) {
		struct diagnostic *d = import_diag(im, E0804, at, "%s and %s set distinct values, which "
		                                   "Compose refuses; keep one", by->key, key);
		diag_note(&im->c->diags, d, by->at->loc, "%s is set here", by->key);
		return false;
	}
	if (!by->at)
		*by = (struct iset_by){key, at};
	return true;
}

/* A quantity of `key` (`what` in its own messages) into *out. */
static void
quantity(struct importer *im, const struct cnode *k, const struct cnode *v, bool cpu,
         const char *what, const char *key, const char **out, struct iset_by *by)
{
	const char *t = compose_text(im, v, what);
	const char *q = t ? (cpu ? compose_cpus(im->a, t) : compose_bytes(im->a, t)) : NULL;
	if (t && !q)
		import_diag(im, E0804, v, "%s takes %s, not %s", what,
		            cpu ? "a number of CPUs such as 0.5" : "a size such as 512m or 1g",
		            diag_quote(im->a, t));
	long double old, now;
	bool same = !q || !*out || (quantity_parse(*out, &old) && quantity_parse(q, &now) && old == now);
	if (q && set_by(im, by, key, k, same))
		*out = q;
}

/* limits and reservations: cpus, memory; the rest left out. */
static void
resources(struct importer *im, const struct cnode *v, const char **out, struct iset_by *by,
          const char *what)
{
	if (!want_kind(im, v, CNODE_MAP, what))
		return;
	for (size_t i = 0; i < v->n; i++) {
		const struct cnode *key = v->entries[i].key, *value = v->entries[i].value;
		bool cpus = strcmp(key->text, "cpus") == 0;
		const char *full = arena_printf(im->a, "deploy.resources.%s.%s", what, key->text);
		if (cpus || strcmp(key->text, "memory") == 0)
			quantity(im, key, value, cpus, key->text, full, &out[!cpus], &by[!cpus]);
		else if (strncmp(key->text, "x-", 2) != 0)
			import_diag(im, W0801, key, "%s of %s is left out: the .todok sets cpu and memory",
			            qnode(im, key), what);
	}
}

/* scale, deploy.replicas */
static void
replicas(struct importer *im, struct icomp *ic, const struct cnode *k, const struct cnode *v,
         const char *key)
{
	long n;
	if (compose_long(im, v, 0, 1000000, k->text, &n) &&
	    set_by(im, &ic->replicas_by, key, k, ic->replicas < 0 || ic->replicas == n))
		ic->replicas = n;
}

static void
deploy_key(struct importer *im, struct icomp *ic, const struct cnode *key,
           const struct cnode *value)
{
	const char *k = key->text;
	if (strcmp(k, "replicas") == 0) {
		replicas(im, ic, key, value, "deploy.replicas");
	} else if (strcmp(k, "resources") == 0 && want_kind(im, value, CNODE_MAP, "resources")) {
		for (size_t i = 0; i < value->n; i++) {
			const struct cnode *rk = value->entries[i].key, *rv = value->entries[i].value;
			if (strcmp(rk->text, "limits") == 0)
				resources(im, rv, ic->limits, ic->limits_by, "limits");
			else if (strcmp(rk->text, "reservations") == 0)
				resources(im, rv, ic->requests, ic->requests_by, "reservations");
			else if (strncmp(rk->text, "x-", 2) != 0)
				import_diag(im, W0802, rk, "resources has no key %s; it is left out",
				            qnode(im, rk));
		}
	} else if (strcmp(k, "labels") == 0) {
		metadata_into(im, value, "deploy labels", &ic->workload_labels, NULL);
	} else if (strcmp(k, "restart_policy") == 0) {
		if (want_kind(im, value, CNODE_MAP, "restart_policy"))
			ic->restart_policy = value;
	} else if (strcmp(k, "mode") == 0) {
		const char *m = compose_text(im, value, "mode");
		if (m && strcmp(m, "replicated-job") == 0)
			ic->must_complete = true; /* it runs once: a job */
		else if (m && strcmp(m, "replicated") != 0)
			import_diag(im, W0801, value, "mode %s is left out: a component runs as many "
			            "replicas as it says", diag_quote(im->a, m));
	} else if (strncmp(k, "x-", 2) != 0) {
		import_diag(im, W0801, key, "deploy's %s is left out: the .todok has no such setting",
		            qnode(im, key));
	}
}

void
key_deploy(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	if (!want_kind(im, v, CNODE_MAP, "deploy"))
		return;
	for (size_t i = 0; i < v->n; i++)
		deploy_key(im, ic, v->entries[i].key, v->entries[i].value);
}

void
key_scale(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	replicas(im, ic, k, v, "scale");
}

void
key_cpus(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	quantity(im, k, v, true, "cpus", "cpus", &ic->limits[0], &ic->limits_by[0]);
}

void
key_mem_limit(struct importer *im, struct icomp *ic, const struct cnode *v,
              const struct cnode *k)
{
	quantity(im, k, v, false, "mem_limit", "mem_limit", &ic->limits[1], &ic->limits_by[1]);
}

void
key_mem_reservation(struct importer *im, struct icomp *ic, const struct cnode *v,
                    const struct cnode *k)
{
	quantity(im, k, v, false, "mem_reservation", "mem_reservation", &ic->requests[1],
	         &ic->requests_by[1]);
}

/* Ports that other services reach: under Compose a container reaches any
 * port of another, so `BROKER=http://worker:5679` works whether or not
 * worker declares 5679; a Service routes only the ports it lists. */

/* The port of HOST:PORT at s (HOST starting there): 0 when s holds none,
 * or HOST is not `host`. */
static long
port_after(const char *s, const char *host, size_t host_len)
{
	if (strncmp(s, host, host_len) != 0 || s[host_len] != ':')
		return 0;
	const char *d = s + host_len + 1;
	long port = 0;
	size_t n = 0;
	while (d[n] >= '0' && d[n] <= '9' && n < 6)
		port = port * 10 + (d[n++] - '0');
	if (!n || port > 65535 || (d[n] && !strchr("/,;? \t\"')#", d[n])))
		return 0;
	return port;
}

/* The port a Traefik label names (Traefik sends the traffic of the
 * service's routers there, so the container listens there), or 0. */
static long
traefik_port(struct importer *im, const struct icomp *ic, const struct ientry **label)
{
	*label = traefik_port_label(ic);
	const char *text = *label ? entry_text(im, *label) : "";
	long port = 0;
	size_t n = strspn(text, "0123456789");
	for (size_t k = 0; k < n && n <= 5; k++)
		port = port * 10 + (text[k] - '0');
	return n && !text[n] && port >= 1 && port <= 65535 ? port : 0;
}

void
give_known_port(struct importer *im, struct icomp *ic)
{
	const char *repo = NULL;
	const struct ientry *label = NULL;
	long routed = !ic->ports.len ? traefik_port(im, ic, &label) : 0;
	long known = !ic->ports.len && !routed && ic->image_text ? image_port(ic->image_text, &repo)
	                                                         : 0;
	if (!routed && !known)
		return;
	struct iport p = {.number = routed ? routed : known};
	add_port(im, ic, &p, NULL);
	if (routed)
		diag(&im->c->diags, W0805, label->loc, "%s declares no port: it gets port %ld, where "
		     "its label %s sends Traefik's traffic", diag_quote(im->a, ic->compose_name),
		     routed, diag_quote(im->a, label->key));
	else
		diag(&im->c->diags, W0805, ic->loc, "%s declares no port: it gets port %ld, where %s "
		     "images listen", diag_quote(im->a, ic->compose_name), known, repo);
}

/* Gives target the port that `from` reaches it at in the value of KEY
 * (its image's well-known one first when it declares none: it listens
 * there too), unless it has the port, or COMPOSE_MAX_PORT_RANGE ports. */
static void
reach(struct importer *im, const struct icomp *from, struct icomp *target, long port,
      const struct ientry *e, bool in_compose)
{
	give_known_port(im, target);
	if (target->ports.len >= COMPOSE_MAX_PORT_RANGE || /* a file of every port: enough */
	    strmap_get(&target->port_index, arena_printf(im->a, "%ld", port)))
		return;
	struct iport p = {.number = port, .reached = true};
	add_port(im, target, &p, NULL);
	diag(&im->c->diags, W0805, in_compose ? e->loc : from->loc, "%s reaches %s at port %ld in "
	     "%s, a port %s does not declare: it gets it, as under Compose a container reaches "
	     "every port of another", diag_quote(im->a, from->compose_name),
	     diag_quote(im->a, target->compose_name), port, diag_quote(im->a, e->key),
	     diag_quote(im->a, target->compose_name));
}

/* The HOST:PORT of other services in the values of entries (a secret's
 * value is not read). */
static void
reached_in(struct importer *im, const struct icomp *from, const struct ientries *entries,
           bool in_compose)
{
	for (size_t i = 0; i < entries->list.len; i++) {
		const struct ientry *e = entries->list.items[i];
		bool secret = !e->text;
		for (size_t j = 0; j < e->value.n; j++)
			secret |= e->value.parts[j].kind == IP_SECRET;
		for (const char *s = e->text; !secret && *s; s++) {
			if (s != e->text && !strchr(" ,;=/@(\"'\t", s[-1]))
				continue;
			size_t len = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			                       "0123456789_.-");
			struct icomp *t = len && s[len] == ':'
			                      ? strmap_get(&im->comps, arena_strndup(im->a, s, len)) : NULL;
			long port = t ? port_after(s, t->compose_name, len) : 0;
			if (port && t != from && !t->left_out && !t->must_complete)
				reach(im, from, t, port, e, in_compose);
		}
	}
}

/* The HOST:PORT that a component reaches in its environment, its
 * env_files and the configs it mounts (proxy_pass http://api:8000 in a
 * proxy's nginx.conf), each config read once for it. */
void
reached_ports(struct importer *im)
{
	struct strmap read = {0};
	for (size_t i = 0; i < im->comp_list.len; i++) {
		const struct icomp *ic = im->comp_list.items[i];
		reached_in(im, ic, &ic->env, true);
		for (size_t j = 0; j < ic->env_from.len; j++)
			reached_in(im, ic, &((const struct iset *)ic->env_from.items[j])->entries, false);
		for (size_t j = 0; j < ic->volumes.len; j++) {
			const struct ivolume *v = ic->volumes.items[j];
			const char *key = v->config ? arena_printf(im->a, "%s/%s", ic->name, v->config->name)
			                            : NULL;
			if (key && !strmap_claim(im->a, &read, key, (void *)key))
				reached_in(im, ic, &v->config->entries, false);
		}
	}
}
