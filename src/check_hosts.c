/*
 * check_hosts.c - hosts written as literal strings: a component's env
 * value, or a key of a config it takes, that names another component in
 * a URL (`"redis://cache:6379/0"`), with its Service's port (`"postgres:5432"`),
 * with the namespace (`"postgres.shop.svc"`), or as the whole value of a
 * variable named for a host (`DB_HOST = "postgres"`), instead of
 * referring to it (`${postgres.host}`); and a container's command, args
 * and exec probes, read the same way, where a name with a port of 1024 or more
 * (`--redis=cache:6380`) and the value of an option named for a host
 * (`-h db`, `--db-host=db`, with the port of a `-p N` or `--port N` after
 * it in the same command) are hosts too:
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

/* Where a value is: an env entry, a key of a config, or a string of a
 * container's command or args; its text for a message is made only when
 * one is reported. */
struct place {
	const char *name;          /* the variable's or the key's; NULL: a string of a list */
	const struct keyset *set;  /* the config; NULL: an env entry or a list */
	const char *list;          /* "the command", "an argument"; NULL: not a list */
	const char *container;     /* the list's */
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
 * namespace when it declares none; but for a word of a command, which is
 * as often a file's name, `seed.json`, only with .svc).  fqdn: the name
 * has a namespace. */
static struct host_name
named(struct host_search *h, const char *host, size_t len, bool in_command, bool *fqdn)
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
		if (!declared && in_command && !rest_len)
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
	const char *what = where->list ? arena_printf(k->a, "%s of container %s", where->list,
	                                              cquote(k, where->container))
	                   : where->set ? arena_printf(k->a, "key %s of config %s",
	                                               cquote(k, where->name),
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
		struct host_name found = named(h, host, len, false, &fqdn);
		found.port = port_at(host + len);
		if (found.comp)
			report(h, consumer, found, where);
		s += authority;
	}
}

/* Whether the port at s (":P") is a whole word: not a version's start
 * (`postgres:16.4`, `16-alpine`). */
static bool
port_ends_word(const char *s)
{
	for (s++; *s >= '0' && *s <= '9'; s++)
		;
	return !dns_char(*s);
}

/* Outside URLs: a Service name with its port (`cache:6379`), with the
 * stack's namespace (`postgres.shop.svc`), or the whole value of a
 * variable whose name says it holds a host (DB_HOST, REDIS_ADDR); in a
 * command or args also a name with a port of 1024 or more
 * (`cache:6380`), which an image's tag (`postgres:16`) is not. */
static void
search_hosts(struct host_search *h, const struct component *consumer, const char *value,
             const struct place *where)
{
	bool whole_is_host = where->name && host_like_name(where->name);
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
			found = named(h, value + i, len, where->list != NULL, &fqdn);
		/* Without its namespace a name and a port not the Service's are
		 * an image and its tag (`postgres:16`), not a host. */
		long long port = port_at(value + i + len);
		bool argv_port = where->list && port >= 1024 && port_ends_word(value + i + len);
		found.port = fqdn || argv_port ? port : -1;
		if (found.comp &&
		    (fqdn || whole || argv_port || (port >= 0 && listens(found.comp, port))))
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

/* A command or args list, read word by word across its strings (a shell
 * command in one string, or one word a string). */
struct words {
	const struct vec *strings;  /* const char *, resolved */
	size_t index;               /* the string being read */
	const char *s;              /* the place in it */
};

/* The next word at or after w->s: up to a blank, a quote or a shell's
 * separator (`;`, `&`, `|`, each a word of its own, which ends a
 * command); false at the end of the list. */
static bool
next_word(struct words *w, const char **word, size_t *len)
{
	static const char blanks[] = " \t\r\n\"'";
	for (;;) {
		w->s += strspn(w->s, blanks);
		if (*w->s)
			break;
		if (w->index + 1 >= w->strings->len)
			return false;
		w->s = w->strings->items[++w->index];
	}
	*word = w->s;
	*len = strchr(";&|", *w->s) ? 1 : strcspn(w->s, " \t\r\n\"';&|");
	w->s += *len;
	return true;
}

static bool
is_word(const char *word, size_t len, const char *what)
{
	return len == strlen(what) && memcmp(word, what, len) == 0;
}

/* word[0..len) as a port number; -1 when it is not one. */
static long long
number_word(const char *word, size_t len)
{
	long long number = 0;
	for (size_t i = 0; i < len; i++)
		if (word[i] < '0' || word[i] > '9' || (number = number * 10 + (word[i] - '0')) > 65535)
			return -1;
	return len ? number : -1;
}

/* Whether the word (up to any '=') is an option that names a host: -h,
 * or --NAME with a name that says it holds one, as a variable's does
 * (`--host`, `--db-host`, `--redis-addr`: host_like_name()). */
static bool
host_option(const char *word, size_t len)
{
	const char *equals = memchr(word, '=', len);
	size_t n = equals ? (size_t)(equals - word) : len;
	char name[64];
	if (is_word(word, n, "-h"))
		return true;
	if (n < 3 || n - 2 >= sizeof name || memcmp(word, "--", 2) != 0)
		return false;
	memcpy(name, word + 2, n - 2);
	name[n - 2] = '\0';
	return host_like_name(name);
}

/* The port of a port option after a host's (-p N, -P N, --port N,
 * --port=N) in the same command; -1: none. */
static long long
port_option(struct words w)
{
	const char *word;
	size_t len;
	while (next_word(&w, &word, &len) && !strchr(";&|", *word) && !host_option(word, len)) {
		if (len > 7 && memcmp(word, "--port=", 7) == 0)
			return number_word(word + 7, len - 7);
		if (is_word(word, len, "-p") || is_word(word, len, "-P") || is_word(word, len, "--port"))
			return next_word(&w, &word, &len) ? number_word(word, len) : -1;
	}
	return -1;
}

/* The value of each option that names a host (`-h db`, `--host=db:5433`),
 * with its port (its own, or a port option's after it): a host even
 * without a port or the namespace, as the whole value of DB_HOST is. */
static void
search_host_options(struct host_search *h, const struct component *consumer,
                    const struct vec *strings, const struct vec *written,
                    const struct place *list)
{
	struct words w = {strings, 0, strings->items[0]};
	const char *word, *host;
	size_t len, host_len;
	while (next_word(&w, &word, &len)) {
		if (!host_option(word, len))
			continue;
		const char *equals = memchr(word, '=', len);
		if (equals) {
			host = equals + 1;
			host_len = len - (size_t)(host - word);
		} else if (!next_word(&w, &host, &host_len))
			return;
		size_t name_len = 0;
		while (name_len < host_len && host[name_len] != ':')
			name_len++;
		bool fqdn;
		struct host_name found = named(h, host, name_len, false, &fqdn);
		if (!found.comp)
			continue;
		found.port = name_len < host_len ? number_word(host + name_len + 1,
		                                               host_len - name_len - 1)
		                                 : port_option(w);
		struct place where = *list;
		where.at = ((const struct ast_string *)written->items[w.index])->loc;
		report(h, consumer, found, &where);
	}
}

/* A container's command, args or exec probe: each string as a value is,
 * then the options that name hosts across them. */
static void
search_list(struct host_search *h, const struct component *consumer,
            const struct container *ctr, const struct vec *strings, const struct vec *written,
            const char *list)
{
	/* As many strings as written: no error left one unresolved (the
	 * review runs only then). */
	if (!strings->len || strings->len != written->len)
		return;
	struct place where = {NULL, NULL, list, ctr->name, NO_LOC};
	for (size_t i = 0; i < strings->len; i++) {
		where.at = ((const struct ast_string *)written->items[i])->loc;
		search_value(h, consumer, strings->items[i], &where);
	}
	search_host_options(h, consumer, strings, written, &where);
}

/* A key of a config (not a secret's: its values are not read). */
static void
search_key(struct host_search *h, const struct component *consumer, const struct keyset *set,
           const struct kv *kv)
{
	if (!kv || set->secret || !kv->value || kv->value->kind != RV_TEXT || kv->value->binary)
		return;
	const struct place where = {kv->key.text, set, NULL, NULL, kv->loc};
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
		const struct place where = {e->name, NULL, NULL, NULL, e->loc};
		search_value(h, consumer, e->value, &where);
	}
	for (size_t i = 0; i < ctr->env.len; i++) {
		const struct env_var *e = ctr->env.items[i];
		if (!e->removed && e->kind == ENV_CONFIG_KEY && e->from)
			search_key(h, consumer, e->from, strmap_get(&e->from->by_key, e->key));
	}
	for (size_t i = 0; i < ctr->env_from.len; i++)
		search_keyset(h, consumer, ((const struct env_source *)ctr->env_from.items[i])->set);
	search_list(h, consumer, ctr, &ctr->command, &SOURCE_OF(ctr)->command, "the command");
	search_list(h, consumer, ctr, &ctr->args, &SOURCE_OF(ctr)->args, "an argument");
	for (int slot = 0; slot < PROBE_SLOTS; slot++) {
		const struct probe *p = ctr->probes[slot];
		if (p && p->kind == PROBE_EXEC)
			search_list(h, consumer, ctr, &p->command, &p->written.command, "an exec probe");
	}
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

/* A URL written as a route's host (`"https://shop.example.com/api"`,
 * `"shop.example.com:8080"`): the host alone is the route's, its path
 * goes after `path` and HTTPS is `tls` (E0501; true when reported). */
bool
route_host_is_url(struct checker *k, const struct route *r)
{
	const char *host = r->host.value, *scheme = strstr(host, "://");
	const char *name = scheme ? scheme + 3 : host;
	size_t len = strcspn(name, "/:?#");
	if (!scheme && !name[len])
		return false;
	const char *path = strchr(name + len, '/');
	bool https = scheme && strncmp(host, "https", 5) == 0;
	bool with_path = path && strcmp(path, "/") != 0 && !r->path.written;
	const char *line = arena_printf(k->a, "route \"%.*s\"%s%s%s%s", (int)len, name,
	                                with_path ? " path \"" : "", with_path ? path : "",
	                                with_path ? "\"" : "", https ? " tls NAME" : "");
	const char *why = "";
	if (https)
		why = " (tls names the secret of its certificate)";
	else if (name[len] == ':')
		why = " (an Ingress is served on ports 80 and 443; the port its Service sends to is "
		      "the component's)";
	diag(&k->c->diags, E0501, r->host_loc, "route host %s is a URL, not a host: write `%s`%s",
	     cquote(k, host), line, why);
	return true;
}
