/*
 * check_hosts.c - hosts written as literal strings: a component's env
 * value, or a key of a config it takes, that names another component in
 * a URL (`"redis://cache:6379/0"`), with its Service's port (`"postgres:5432"`),
 * with the namespace (`"postgres.shop.svc"`), or as the whole value of a
 * variable named for a host (`DB_HOST = "postgres"`), instead of
 * referring to it (`${postgres.host}`):
 *   - W0508: the name is the component's and not its Service's (a
 *     Compose habit: the naming template makes `shop-postgres-service`),
 *     so it does not resolve;
 *   - W0510: the component has no Service (it declares no port), so no
 *     host of its name resolves;
 *   - W0511: the host has a port (`redis://cache:6380`) that none of
 *     its Services listens on;
 *   - W0533: under `network isolated`, the Service's name, with no edge
 *     that admits the client, so the NetworkPolicies refuse it.
 * It reads the Services' names and the edges that resolution settled
 * (`comp->ingress`, src/network.c), and the values as resolved; secret
 * values are not read.
 */
#include "check.h"

#include <stdlib.h>
#include <string.h>

/* The component a literal host names; comp NULL: none. */
struct host_name {
	struct component *comp;
	bool service;            /* the name of one of its Services; else the component's */
	long long port;          /* the host's port, written after it; -1: none */
};

/* Where a value is: an env entry, or a key of a config; its text for a
 * message is made only when one is reported. */
struct place {
	const char *name;          /* the variable's or the key's */
	const struct keyset *set;  /* the config; NULL: an env entry */
	struct loc at;
};

/* What one search looks for: the names of the Services (the components'
 * are the stack's declared names), and the (place, provider) pairs
 * reported already. */
struct host_search {
	struct checker *k;
	struct strmap services;   /* `network isolated` only: a Service's name ->
	                           * struct component * */
	struct strmap reported;   /* "OFFSET NAME" */
	struct vec *allowed;      /* `network isolated`, by provider's index: its `allow from`
	                           * sources in source order, made when first asked */
};

static bool
dns_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.';
}

/* Whether consumer is in a list of components in source order (by their
 * index): a binary search, since a component that every other one refers
 * to has them all as clients, and each of them asks. */
static bool
in_source_order(const struct vec *list, const struct component *consumer)
{
	size_t lo = 0, hi = list->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct component *c = list->items[mid];
		if (c == consumer)
			return true;
		if (c->index < consumer->index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static int
compare_index(const void *a, const void *b)
{
	const struct component *x = *(const struct component *const *)a;
	const struct component *y = *(const struct component *const *)b;
	return (x->index > y->index) - (x->index < y->index);
}

/* The provider's `allow from` sources in source order (they are listed as
 * written), sorted once into the search's scratch. */
static const struct vec *
allowed_in_order(struct host_search *h, const struct component *provider)
{
	struct vec *sorted = &h->allowed[provider->index];
	const struct vec *written = &provider->ingress.allowed;
	if (written->len && !sorted->len) {
		sorted->items = arena_alloc(&h->k->scratch, written->len * sizeof *sorted->items);
		memcpy(sorted->items, written->items, written->len * sizeof *sorted->items);
		sorted->len = sorted->cap = written->len;
		qsort(sorted->items, sorted->len, sizeof *sorted->items, compare_index);
	}
	return sorted;
}

/* Whether provider admits a connection from consumer to its Service.  Its
 * clients are in source order, each once (src/network.c). */
static bool
reaches(struct host_search *h, const struct component *consumer,
        const struct component *provider)
{
	const struct stack *s = h->k->s;
	const struct ingress *in = &provider->ingress;
	if (consumer == provider || in->open || in->public ||
	    in_source_order(&in->clients, consumer) ||
	    in_source_order(allowed_in_order(h, provider), consumer))
		return true;
	for (size_t i = 0; s->namespace && i < in->namespaces.len; i++)
		if (strcmp(in->namespaces.items[i], s->namespace) == 0)
			return true;
	return false;
}

/* The component that host[0..len) names: NAME, or NAME.NS,
 * NAME.NS.svc, NAME.NS.svc.cluster.local with the stack's namespace (any
 * namespace when it declares none).  fqdn: the name has a namespace. */
static struct host_name
named(struct host_search *h, const char *host, size_t len, bool *fqdn)
{
	const struct host_name none = {NULL, false, -1};
	while (len && host[len - 1] == '.')
		len--;
	const char *dot = memchr(host, '.', len);
	size_t name_len = dot ? (size_t)(dot - host) : len;
	*fqdn = dot != NULL;
	if (dot) {
		const char *ns = dot + 1, *end = host + len;
		const char *ns_end = memchr(ns, '.', (size_t)(end - ns));
		if (!ns_end)
			ns_end = end;
		size_t ns_len = (size_t)(ns_end - ns), rest_len = (size_t)(end - ns_end);
		const char *declared = h->k->s->namespace;
		if (!ns_len || (declared && (strlen(declared) != ns_len || memcmp(ns, declared, ns_len))))
			return none;
		if (rest_len && !(rest_len == 4 && memcmp(ns_end, ".svc", 4) == 0) &&
		    !(rest_len == 18 && memcmp(ns_end, ".svc.cluster.local", 18) == 0))
			return none;
	}
	char name[64];
	if (!name_len || name_len >= sizeof name)
		return none;
	memcpy(name, host, name_len);
	name[name_len] = '\0';
	struct component *service = strmap_get(&h->services, name);
	if (service)
		return (struct host_name){service, true, -1};
	const struct decl *d = strmap_get(&h->k->s->names, name);
	if (!d || d->kind != DECL_COMPONENT)
		return none;
	struct component *comp = d->what;
	/* Its own Service's name (outside isolation, where no map holds it). */
	return (struct host_name){comp, comp->service && strcmp(comp->service->name, name) == 0, -1};
}

/* P of ":P" at s (digits up to a character that is not one); -1: none. */
static long long
port_at(const char *s)
{
	if (s[0] != ':' || s[1] < '0' || s[1] > '9')
		return -1;
	long long number = 0;
	for (s++; *s >= '0' && *s <= '9'; s++)
		if ((number = number * 10 + (*s - '0')) > 65535)
			return -1;
	return number;
}

/* Whether one of the component's Services listens on port. */
static bool
listens(const struct component *comp, long long port)
{
	for (size_t i = 0; i < comp->ports.len; i++)
		if (((const struct service_port *)comp->ports.items[i])->number == port)
			return true;
	return false;
}

/* The ports the component's Services listen on, for a message: "6379",
 * "80 and 443", "80, 443 and 8443". */
static const char *
service_ports(struct checker *k, const struct component *comp)
{
	struct buf b = {0};
	size_t n = comp->ports.len;
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", !i ? "" : i + 1 == n ? " and " : ", ",
		           ((const struct service_port *)comp->ports.items[i])->number);
	return arena_buf_take(k->a, &b);
}

/* W0508, W0510, W0511 or W0533 for a provider named at `at`, once per
 * place and provider. */
static void
report(struct host_search *h, const struct component *consumer, struct host_name named,
       const struct place *where)
{
	struct checker *k = h->k;
	struct loc at = where->at;
	const struct component *provider = named.comp;
	bool wrong_port = provider->service && named.port >= 0 && !listens(provider, named.port);
	if (named.service && !wrong_port && (!k->s->isolated || reaches(h, consumer, provider)))
		return;
	const char *key = arena_printf(&k->scratch, "%u %s", at.begin, provider->name.text);
	if (strmap_get(&h->reported, key))
		return;
	strmap_put(&k->scratch, &h->reported, key, (void *)provider);
	const char *p = cquote(k, provider->name.text);
	const char *what = where->set ? arena_printf(k->a, "key %s of config %s", cquote(k, where->name),
	                                             cquote(k, where->set->name.text))
	                              : cquote(k, where->name);
	bool batch = provider->kind == WORKLOAD_JOB || provider->kind == WORKLOAD_CRONJOB;
	if (!provider->service)
		diag(&k->c->diags, W0510, at,
		     "%s names %s in a literal string, but %s has no Service (%s), so no host of its "
		     "name resolves; %s", what, p, p,
		     batch ? "a job has none" : "it declares no port",
		     batch ? "connect to a component that has one"
		           : "give it a port, or connect to a component that has one");
	else if (!named.service)
		diag(&k->c->diags, W0508, at,
		     "%s names %s in a literal string, but its Service is named %s, so the host does "
		     "not resolve; write ${%s.host} (or .url, .port)", what, p,
		     cquote(k, provider->service->name), provider->name.text);
	else if (wrong_port)
		diag(&k->c->diags, W0511, at,
		     "%s connects to %s on port %lld in a literal string, but its Service listens on "
		     "%s; write ${%s.port} (or .url)", what, p, named.port,
		     service_ports(k, provider), provider->name.text);
	else
		diag(&k->c->diags, W0533, at,
		     "%s names the Service of %s in a literal string, and 'network isolated' lets %s "
		     "reach only what it refers to or starts after: write ${%s.host} (or .url, .port) "
		     "so that the connection is seen, or add 'allow from %s' to %s",
		     what, p, cquote(k, consumer->name.text), provider->name.text,
		     consumer->name.text, p);
}

/* The host of each URL in the value: after "://", past any "user:pass@",
 * up to its port or path. */
static void
search_urls(struct host_search *h, const struct component *consumer, const char *value,
            const struct place *where)
{
	for (const char *s = strstr(value, "://"); s; s = strstr(s, "://")) {
		s += 3;
		size_t authority = strcspn(s, "/?# \t\n,;\"'");
		const char *host = s;
		for (size_t i = 0; i < authority; i++)
			if (s[i] == '@')
				host = s + i + 1;
		size_t len = 0;
		while (host + len < s + authority && host[len] != ':')
			len++;
		bool fqdn;
		struct host_name found = named(h, host, len, &fqdn);
		found.port = port_at(host + len);
		if (found.comp)
			report(h, consumer, found, where);
		s += authority;
	}
}

/* Outside URLs: a Service name with its port (`cache:6379`), with the
 * stack's namespace (`postgres.shop.svc`), or the whole value of a
 * variable whose name says it holds a host (DB_HOST, REDIS_ADDR). */
static void
search_hosts(struct host_search *h, const struct component *consumer, const char *value,
             const struct place *where)
{
	bool whole_is_host = host_like_name(where->name);
	for (size_t i = 0; value[i];) {
		if (!dns_char(value[i]) || (i > 0 && dns_char(value[i - 1]))) {
			i++;
			continue;
		}
		size_t len = 0;
		while (dns_char(value[i + len]))
			len++;
		bool in_url = i >= 3 && memcmp(value + i - 3, "://", 3) == 0;
		bool in_userinfo = value[i + len] == '@' || (i > 0 && value[i - 1] == '@');
		bool whole = whole_is_host && i == 0 && !value[len];
		bool fqdn = false;
		struct host_name found = {NULL, false, -1};
		if (!in_url && !in_userinfo)
			found = named(h, value + i, len, &fqdn);
		/* Without its namespace a name and a port not the Service's are
		 * an image and its tag (`postgres:16`), not a host. */
		long long port = port_at(value + i + len);
		found.port = fqdn ? port : -1;
		if (found.comp && (fqdn || whole || (port >= 0 && listens(found.comp, port))))
			report(h, consumer, found, where);
		i += len;
	}
}

static void
search_value(struct host_search *h, const struct component *consumer, const char *value,
             const struct place *where)
{
	search_urls(h, consumer, value, where);
	search_hosts(h, consumer, value, where);
}

/* A key of a config (not a secret's: its values are not read). */
static void
search_key(struct host_search *h, const struct component *consumer, const struct keyset *set,
           const struct kv *kv)
{
	if (!kv || set->secret || !kv->value || kv->value->kind != RV_TEXT || kv->value->binary)
		return;
	const struct place where = {kv->key.text, set, kv->loc};
	search_value(h, consumer, kv->value->text, &where);
}

/* A config taken whole. */
static void
search_keyset(struct host_search *h, const struct component *consumer, const struct keyset *set)
{
	for (size_t i = 0; set && i < set->keys.len; i++)
		search_key(h, consumer, set, set->keys.items[i]);
}

static void
search_container(struct host_search *h, const struct component *consumer,
                 const struct container *ctr)
{
	for (size_t i = 0; i < ctr->env.len; i++) {
		const struct env_var *e = ctr->env.items[i];
		if (e->removed || e->kind != ENV_VALUE || !e->value)
			continue;
		const struct place where = {e->name, NULL, e->loc};
		search_value(h, consumer, e->value, &where);
	}
	for (size_t i = 0; i < ctr->env.len; i++) {
		const struct env_var *e = ctr->env.items[i];
		if (!e->removed && e->kind == ENV_CONFIG_KEY && e->from)
			search_key(h, consumer, e->from, strmap_get(&e->from->by_key, e->key));
	}
	for (size_t i = 0; i < ctr->env_from.len; i++)
		search_keyset(h, consumer, ((const struct env_source *)ctr->env_from.items[i])->set);
}

static void
search_component(struct host_search *h, const struct component *comp)
{
	for (size_t i = 0; i < comp->workloads.len; i++) {
		const struct pod *pod = &((const struct workload *)comp->workloads.items[i])->pod;
		for (size_t j = 0; j < pod->containers.len; j++) {
			const struct container *ctr = pod->containers.items[j];
			if (ctr->role != ROLE_WAIT)
				search_container(h, comp, ctr);
		}
		for (size_t j = 0; j < pod->volumes.len; j++) {
			const struct volume *v = pod->volumes.items[j];
			if (v->kind == VOLUME_CONFIG)
				search_keyset(h, comp, v->mounted);
		}
	}
}

static void
add_service(struct host_search *h, const struct service *svc, struct component *comp)
{
	if (svc && svc->name)
		strmap_claim(&h->k->scratch, &h->services, svc->name, comp);
}

void
review_literal_hosts(struct checker *k)
{
	const struct stack *s = k->s;
	struct host_search h = {.k = k};
	if (s->isolated) {
		size_t n = 0;
		for (size_t i = 0; i < s->components.len; i++) {
			const struct component *comp = s->components.items[i];
			n += comp->service ? 1 + (comp->headless != NULL) + comp->extra_services.len : 0;
		}
		strmap_reserve(&k->scratch, &h.services, n);
		h.allowed = arena_alloc(&k->scratch, s->components.len * sizeof *h.allowed);
	}
	for (size_t i = 0; s->isolated && i < s->components.len; i++) {
		struct component *comp = s->components.items[i];
		if (!comp->service)
			continue;
		add_service(&h, comp->service, comp);
		add_service(&h, comp->headless, comp);
		for (size_t j = 0; j < comp->extra_services.len; j++)
			add_service(&h, comp->extra_services.items[j], comp);
	}
	for (size_t i = 0; i < s->components.len; i++)
		search_component(&h, s->components.items[i]);
	arena_reset(&k->scratch);
}
