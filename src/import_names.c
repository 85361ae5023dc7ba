/*
 * import_names.c - the small rules of `todokc import compose`: names made
 * DNS labels and unique in the stack, which variables are secrets (and
 * which *_FILE ones hold a path), the keys of `secret secrets`, the
 * well-known ports of images, and Compose's
 * durations, byte sizes and CPU counts as the .todok writes them.
 */
#include "import.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

const char *
unique_name(struct importer *im, struct strmap *taken, struct strmap *next, const char *base,
            size_t max)
{
	const char *name = base;
	unsigned *k = strmap_get(next, base);
	if (!k) {
		k = NEW(im->a, unsigned);
		*k = 2;
		strmap_put(im->a, next, base, k);
	}
	while (strmap_get(taken, name)) {
		char suffix[16];
		size_t sl = (size_t)snprintf(suffix, sizeof suffix, "-%u", (*k)++);
		size_t bl = strlen(base);
		if (bl + sl > max)
			bl = max - sl;
		while (bl && base[bl - 1] == '-')
			bl--;
		name = arena_printf(im->a, "%.*s%s", (int)bl, base, suffix);
	}
	strmap_put(im->a, taken, name, (void *)name);
	return name;
}

const char *
claim_name(struct importer *im, const char *s, const char *fallback)
{
	return unique_name(im, &im->names, &im->name_suffixes, dns_label(im->a, s, fallback, 52), 52);
}

const char *
upper_snake(struct arena *a, const char *s)
{
	char *u = arena_strdup(a, s);
	for (char *p = u; *p; p++)
		*p = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A')
		     : (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ? *p : '_';
	return u;
}

bool
url_password(const char *s, size_t *from, size_t *to)
{
	const char *scheme = strstr(s, "://");
	if (!scheme)
		return false;
	const char *auth = scheme + 3;
	size_t alen = strcspn(auth, "/?#");
	const char *at = NULL;
	for (const char *p = auth; p < auth + alen; p++)
		if (*p == '@')
			at = p;
	const char *colon = at ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	if (!colon || colon + 1 == at)
		return false;
	*from = (size_t)(colon + 1 - s);
	*to = (size_t)(at - s);
	return true;
}

bool
url_has_password(const char *s)
{
	size_t from, to;
	return url_password(s, &from, &to);
}

/* Variables that hold a path (*_FILE) or a secret */

static bool
path_like(const char *s)
{
	return s && *s && !strpbrk(s, " \t\n") && (s[0] == '/' || s[0] == '.' || strchr(s, '/'));
}

/* The path of a file Compose mounts a secret at (/run/secrets/db_password):
 * the place of a secret, not its value. */
static bool
secret_file_path(const char *s)
{
	return s && strncmp(s, "/run/secrets/", 13) == 0 && s[13] && path_like(s);
}

static bool
file_name(const char *name)
{
	size_t n = strlen(name);
	return n > 5 && strcmp(name + n - 5, "_FILE") == 0;
}

bool
ivar_secret(const struct ivar *v)
{
	if (v->secret)
		return true;
	if (secret_file_path(v->value))
		return false;
	if (file_name(v->name))
		return v->value && !path_like(v->value);
	return secret_like_name(v->name);
}

bool
file_variable(const char *name, const struct ival *value)
{
	if (!value->n)
		return false;
	const struct ipart *p = &value->parts[0];
	const char *first = p->kind == IP_TEXT ? p->text : p->kind == IP_VAR ? p->resolved : NULL;
	if (value->n == 1 && secret_file_path(first))
		return true;
	return file_name(name) && path_like(first);
}

void
put_entry(struct importer *im, struct ientries *e, struct ientry *entry)
{
	size_t *at = strmap_get(&e->index, entry->key);
	if (at) {
		e->list.items[*at] = entry;
		return;
	}
	at = NEW(im->a, size_t);
	*at = e->list.len;
	strmap_put(im->a, &e->index, entry->key, at);
	vec_push(im->a, &e->list, entry);
}

struct ientry *
find_entry(const struct ientries *e, const char *key)
{
	const size_t *at = strmap_get(&e->index, key);
	return at ? e->list.items[*at] : NULL;
}

struct isecret *
ask_secret(struct importer *im, const char *var, const char *literal, const char *service)
{
	struct isecret *s = NEW(im->a, struct isecret);
	s->var = var;
	s->literal = literal;
	s->service = service;
	vec_push(im->a, &im->secret_asks, s);
	return s;
}

/* The ports images listen on, by their repository's last part. */
static const struct {
	const char *repo;
	long port;
} known_ports[] = {
	{"adminer", 8080}, {"caddy", 80}, {"cassandra", 9042}, {"clickhouse-server", 8123},
	{"consul", 8500}, {"couchdb", 5984}, {"cp-kafka", 9092}, {"cp-zookeeper", 2181},
	{"eclipse-mosquitto", 1883},
	{"elasticsearch", 9200}, {"etcd", 2379}, {"grafana", 3000}, {"haproxy", 80},
	{"httpd", 80}, {"influxdb", 8086}, {"kafka", 9092}, {"keydb", 6379}, {"mariadb", 3306},
	{"memcached", 11211}, {"minio", 9000}, {"mongo", 27017}, {"mongo-express", 8081},
	{"mongodb", 27017}, {"mysql", 3306}, {"nats", 4222}, {"neo4j", 7687}, {"nginx", 80},
	{"opensearch", 9200}, {"percona", 3306}, {"pgadmin4", 80}, {"phpmyadmin", 80},
	{"postgis", 5432}, {"postgres", 5432}, {"postgresql", 5432},
	{"prometheus", 9090}, {"rabbitmq", 5672}, {"redis", 6379}, {"timescaledb", 5432},
	{"valkey", 6379}, {"whoami", 80}, {"zookeeper", 2181},
};

/* The repository of an image reference without its tag and digest: its
 * length, and where its last part begins. */
static size_t
image_repository(const char *image, const char **last)
{
	size_t end = strcspn(image, "@");
	*last = image;
	for (const char *p = image; p < image + end; p++)
		if (*p == '/')
			*last = p + 1;
	const char *colon = memchr(*last, ':', (size_t)(image + end - *last));
	return colon ? (size_t)(colon - image) : end;
}

long
image_port(const char *image, const char **repo)
{
	const char *start;
	size_t len = image_repository(image, &start) - (size_t)(start - image);
	for (size_t i = 0; i < sizeof known_ports / sizeof *known_ports; i++) {
		if (strlen(known_ports[i].repo) == len && memcmp(known_ports[i].repo, start, len) == 0) {
			*repo = known_ports[i].repo;
			return known_ports[i].port;
		}
	}
	return 0;
}

/* The non-root users that well-known images run as (their Dockerfile's
 * USER, which they keep: their entrypoint does not start as root and
 * chown), by repository without the registry; "bitnami/" is a prefix. */
static const struct {
	const char *repo;
	long uid;
} known_users[] = {
	{"bitnami/", 1001}, {"docker.elastic.co/elasticsearch/elasticsearch", 1000},
	{"docker.elastic.co/kibana/kibana", 1000}, {"elasticsearch", 1000},
	{"grafana/grafana", 472}, {"grafana/grafana-oss", 472}, {"grafana/loki", 10001},
	{"grafana/tempo", 10001}, {"jenkins/jenkins", 1000}, {"kibana", 1000},
	{"n8nio/n8n", 1000}, {"nodered/node-red", 1000}, {"prom/alertmanager", 65534},
	{"prom/prometheus", 65534}, {"quay.io/keycloak/keycloak", 1000},
	{"sonarqube", 1000}, {"sonatype/nexus3", 200},
};

long
image_user(const char *image)
{
	const char *last;
	size_t len = image_repository(image, &last);
	if (len > 10 && memcmp(image, "docker.io/", 10) == 0)
		image += 10, len -= 10;
	if (len > 8 && memcmp(image, "library/", 8) == 0)
		image += 8, len -= 8;
	for (size_t i = 0; i < sizeof known_users / sizeof *known_users; i++) {
		size_t n = strlen(known_users[i].repo);
		bool prefix = known_users[i].repo[n - 1] == '/';
		if ((prefix ? len > n : len == n) && memcmp(known_users[i].repo, image, n) == 0)
			return known_users[i].uid;
	}
	return -1;
}

bool
parse_long(const char *s, long min, long max, long *out)
{
	if (!*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 12)
		return false;
	long v = strtol(s, NULL, 10);
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* A decimal number at *s, moved past it; false when there is none. */
static bool
decimal(const char **s, long double *v)
{
	const char *p = *s;
	size_t whole = strspn(p, "0123456789");
	size_t frac = p[whole] == '.' ? strspn(p + whole + 1, "0123456789") : 0;
	if (!whole && !frac)
		return false;
	if (whole > 15 || frac > 15)
		return false;
	*v = strtold(p, NULL);
	*s = p + whole + (p[whole] == '.' ? 1 + frac : 0);
	return true;
}

long
compose_seconds(const char *s, bool *exact)
{
	static const struct {
		const char *unit;
		long double seconds;
	} units[] = {{"ns", 1e-9L}, {"us", 1e-6L}, {"\xC2\xB5s", 1e-6L}, {"ms", 1e-3L},
	             {"s", 1}, {"m", 60}, {"h", 3600}};
	long double total = 0;
	if (!*s)
		return -1;
	while (*s) {
		long double v;
		if (!decimal(&s, &v))
			return -1;
		size_t best = 0, found = 0;
		for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
			size_t ul = strlen(units[i].unit);
			if (strncmp(s, units[i].unit, ul) == 0 && ul > best)
				best = ul, found = i;
		}
		if (!best)
			return -1;
		total += v * units[found].seconds;
		s += best;
	}
	if (total > 86400L * 365)
		return -1;
	long whole = (long)total;
	*exact = (long double)whole == total;
	return *exact ? whole : whole + 1;
}

static const char *
binary_quantity(struct arena *a, long double bytes)
{
	static const char *const suffixes[] = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
	if (bytes < 0 || bytes > 9e18L)
		return NULL;
	unsigned long long b = (unsigned long long)(bytes + 0.5L);
	for (size_t i = 0; i < 6; i++) {
		unsigned long long unit = 1ULL << (10 * (6 - i));
		if (b && b % unit == 0)
			return arena_printf(a, "%llu%s", b / unit, suffixes[i]);
	}
	return arena_printf(a, "%llu", b);
}

const char *
compose_bytes(struct arena *a, const char *s)
{
	static const char units[] = "kmgtp";
	long double v;
	const char *p = s;
	if (!decimal(&p, &v))
		return NULL;
	if (*p == ' ')
		p++;
	const char *u = *p ? strchr(units, tolower((unsigned char)*p)) : NULL;
	if (u) {
		for (const char *k = units; k <= u; k++)
			v *= 1024;
		p++;
		if (*p == 'i' || *p == 'I')
			p++;
	}
	if (*p == 'b' || *p == 'B')
		p++;
	return *p ? NULL : binary_quantity(a, v);
}

const char *
compose_cpus(struct arena *a, const char *s)
{
	long double v;
	const char *p = s;
	if (!decimal(&p, &v) || *p || v <= 0 || v > 1e6L)
		return NULL;
	long double milli = v * 1000;
	long m = (long)milli;
	if ((long double)m < milli)
		m++;
	return m % 1000 == 0 ? arena_printf(a, "%ld", m / 1000) : arena_printf(a, "%ldm", m);
}

const char *
qnode(struct importer *im, const struct cnode *n)
{
	return diag_quote(im->a, n->kind == CNODE_SCALAR ? n->text : "...");
}

struct diagnostic *
import_diag(struct importer *im, enum diag_code code, const struct cnode *at, const char *fmt,
            ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *message = arena_vprintf(im->a, fmt, ap);
	va_end(ap);
	return diag(&im->c->diags, code, at ? at->loc : NO_LOC, "%s", message);
}
