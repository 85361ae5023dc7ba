/*
 * test_names.c - the Kubernetes name rules of include/todokc.h
 * (src/names.c), each at its boundaries: DNS-1123 labels (63 vs 64
 * characters), DNS-1035 labels (start with a letter), DNS-1123 subdomains
 * (253 vs 254), IANA port names (15 vs 16, a letter, no "--"), ConfigMap
 * and Secret keys ("." ".." "..a"), C identifiers and the relaxed
 * environment variable names, label keys (with a prefix) and values
 * (empty allowed), image references (distribution/reference), a route's
 * path and whether a host is an IPv4 address; a cron's schedule and time
 * zone.
 * Each *_problem function returns NULL for a valid string, else a reason.
 * Source of the rules: Kubernetes' validation (docs/diagnostics.md names each).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "todokc.h"

typedef const char *(*rule_fn)(const char *);

/* A string of n copies of c (n < 1024), in a rotating static buffer. */
static const char *
rep(char c, size_t n)
{
	static char bufs[4][1024];
	static int next;
	char *b = bufs[next++ & 3];
	assert_true(n < sizeof bufs[0]);
	memset(b, c, n);
	b[n] = '\0';
	return b;
}

/* prefix + n copies of c + suffix */
static const char *
build(const char *prefix, char c, size_t n, const char *suffix)
{
	static char bufs[4][1100];
	static int next;
	char *b = bufs[next++ & 3];
	snprintf(b, sizeof bufs[0], "%s%s%s", prefix, rep(c, n), suffix);
	return b;
}

static void
valid(rule_fn f, const char *s)
{
	const char *why = f(s);
	if (why)
		fail_msg("\"%s\" should be valid, but: %s", s, why);
}

static void
invalid(rule_fn f, const char *s)
{
	const char *why = f(s);
	if (!why)
		fail_msg("\"%s\" should be rejected", s);
	assert_true(strlen(why) > 0);
}

/* DNS-1123 label: [a-z0-9]([-a-z0-9]*[a-z0-9])?, 1-63 */
static void
test_dns1123_label(void **state)
{
	(void)state;
	rule_fn f = dns1123_label_problem;
	valid(f, "a");
	valid(f, "0");
	valid(f, "todo-backend");
	valid(f, "1abc");          /* may start with a digit */
	valid(f, "a--b");
	valid(f, rep('a', 63));
	invalid(f, rep('a', 64));
	valid(f, build("a", '-', 61, "z"));  /* 63 */
	invalid(f, build("a", '-', 62, "z")); /* 64 */
	invalid(f, "");
	invalid(f, "-a");
	invalid(f, "a-");
	invalid(f, "A");
	invalid(f, "todo_backend");
	invalid(f, "todo.backend");
	invalid(f, "café");
	invalid(f, "a b");
	/* the reasons say what is wrong */
	assert_non_null(strstr(f(rep('a', 64)), "63"));
	assert_non_null(strstr(f(""), "empty"));
}

/* DNS-1035 label: [a-z]([-a-z0-9]*[a-z0-9])?, 1-63 (Service names) */
static void
test_dns1035_label(void **state)
{
	(void)state;
	rule_fn f = dns1035_label_problem;
	valid(f, "a");
	valid(f, "todo-backend-service");
	valid(f, "a1");
	valid(f, build("a", 'b', 62, ""));   /* 63 */
	invalid(f, build("a", 'b', 63, "")); /* 64 */
	invalid(f, "1abc");                  /* the difference with DNS-1123 */
	invalid(f, "0");
	invalid(f, "-a");
	invalid(f, "a-");
	invalid(f, "Abc");
	invalid(f, "");
	invalid(f, "a.b");
	assert_non_null(strstr(f("1abc"), "letter"));
}

/* DNS-1123 subdomain: labels joined by dots, 1-253 in all */
static void
test_dns1123_subdomain(void **state)
{
	(void)state;
	rule_fn f = dns1123_subdomain_problem;
	valid(f, "a");
	valid(f, "example.com");
	valid(f, "todo-app-config");
	valid(f, "a.b.c.d");
	valid(f, "1.2.3");
	/* 253 characters: labels of 63 (no per-label limit is asked by k8s
	 * here, but keep them at 63 to be unambiguous) */
	char s[300];
	snprintf(s, sizeof s, "%s.%s.%s.%s", rep('a', 63), rep('b', 63), rep('c', 63), rep('d', 61));
	assert_int_equal(strlen(s), 253);
	valid(f, s);
	snprintf(s, sizeof s, "%s.%s.%s.%s", rep('a', 63), rep('b', 63), rep('c', 63), rep('d', 62));
	assert_int_equal(strlen(s), 254);
	invalid(f, s);
	assert_non_null(strstr(f(s), "253"));
	invalid(f, "");
	invalid(f, ".a");
	invalid(f, "a.");
	invalid(f, "a..b");
	invalid(f, "a.-b");
	invalid(f, "a-.b");
	invalid(f, "A.b");
	invalid(f, "a_b.c");
}

/* IANA_SVC_NAME: 1-15 of [-a-z0-9], a letter, no "--", no hyphen at an end */
static void
test_iana_port_name(void **state)
{
	(void)state;
	rule_fn f = iana_port_name_problem;
	valid(f, "http");
	valid(f, "h");
	valid(f, "metrics-9090");
	valid(f, "8080a");
	valid(f, "a-b-c");
	valid(f, rep('p', 15));
	invalid(f, rep('p', 16));
	assert_non_null(strstr(f(rep('p', 16)), "15"));
	valid(f, build("a", '1', 14, ""));   /* 15 */
	invalid(f, build("a", '1', 15, "")); /* 16 */
	invalid(f, "");
	invalid(f, "8080");     /* no letter */
	invalid(f, "1-2");
	assert_non_null(strstr(f("8080"), "letter"));
	invalid(f, "a--b");     /* consecutive hyphens */
	invalid(f, "--");
	invalid(f, "-http");
	invalid(f, "http-");
	invalid(f, "Http");
	invalid(f, "http_alt");
	invalid(f, "http.alt");
}

/* ConfigMap and Secret keys: [-._a-zA-Z0-9]+, 1-253, not ".", "..", "..*" */
static void
test_config_key(void **state)
{
	(void)state;
	rule_fn f = config_key_problem;
	valid(f, "DATABASE_URL");
	valid(f, "nginx.conf");
	valid(f, "key-name");
	valid(f, "a");
	valid(f, ".a");            /* a hidden file name is fine */
	valid(f, ".a.");
	valid(f, "a..b");          /* ".." only matters at the start */
	valid(f, "0");
	valid(f, rep('k', 253));
	invalid(f, rep('k', 254));
	invalid(f, "");
	invalid(f, ".");
	invalid(f, "..");
	invalid(f, "..a");
	invalid(f, "...");
	invalid(f, "a/b");
	invalid(f, "a b");
	invalid(f, "a=b");
	invalid(f, "é");
}

/* C identifiers: [A-Za-z_][A-Za-z0-9_]* */
static void
test_c_identifier(void **state)
{
	(void)state;
	rule_fn f = c_identifier_problem;
	valid(f, "A");
	valid(f, "_");
	valid(f, "_x1");
	valid(f, "POSTGRES_PASSWORD");
	valid(f, "camelCase9");
	invalid(f, "");
	invalid(f, "1A");
	invalid(f, "A-B");
	invalid(f, "A.B");
	invalid(f, "A B");
	invalid(f, "$A");
	invalid(f, "é");
}

/* Environment variable names: [-._a-zA-Z][-._a-zA-Z0-9]* (not '.', '..'
 * or '..x') everywhere; any printable ASCII but '=' only on clusters with
 * RelaxedEnvironmentVariableValidation (reported through relaxed_only). */
static void
env(const char *s, bool want_valid, bool want_relaxed)
{
	bool relaxed = !want_relaxed; /* must be written either way */
	const char *why = env_name_problem(s, &relaxed);
	if (want_valid && why)
		fail_msg("env name \"%s\" should be accepted, but: %s", s, why);
	if (!want_valid && !why)
		fail_msg("env name \"%s\" should be rejected", s);
	if (want_valid && relaxed != want_relaxed)
		fail_msg("env name \"%s\": relaxed_only should be %d", s, want_relaxed);
	if (!want_valid && relaxed)
		fail_msg("env name \"%s\" is rejected but marked relaxed_only", s);
}

static void
test_env_name(void **state)
{
	(void)state;
	/* C identifiers: accepted by every cluster */
	env("POSTGRES_PASSWORD", true, false);
	env("_", true, false);
	env("a1", true, false);
	/* IsEnvVarName: accepted by every cluster, though not C identifiers */
	env("MY-VAR", true, false);
	env("my.env-name", true, false);
	env(".a", true, false);
	env("-", true, false);
	/* only the relaxed rule accepts these */
	env(".", true, true);
	env("..", true, true);
	env("..a", true, true);
	env("1VAR", true, true);
	env("A B", true, true);
	env("$HOME", true, true);
	env("a:b", true, true);
	env("~", true, true);
	/* never accepted */
	env("", false, false);
	env("A=B", false, false);
	env("=", false, false);
	env("A\tB", false, false);
	env("A\nB", false, false);
	env("\x7f", false, false);
	env("caf\xc3\xa9", false, false);
}

/* The secret-name rule (secret_like_name()): the importer's words, any
 * case; a part ending in PASS; KEY at the end only. */
static void
test_secret_like_name(void **state)
{
	(void)state;
	static const char *const secret[] = {"DB_PASSWORD", "ldap_passwd", "GPG_PASSPHRASE",
	                                     "client_secret", "GITHUB_TOKEN", "AWS_CREDENTIALS",
	                                     "PRIVATE_PEM", "DB_PASS", "PGPASS", "ftp-pass",
	                                     "API_KEY", "key"};
	static const char *const other[] = {"POSTGRES_USER", "TOKE", "PASSENGER_COUNT", "PASS2",
	                                    "KEYCLOAK_URL", "KEY_ID", ""};
	for (size_t i = 0; i < sizeof secret / sizeof *secret; i++)
		if (!secret_like_name(secret[i]))
			fail_msg("'%s' should look like a secret's name", secret[i]);
	for (size_t i = 0; i < sizeof other / sizeof *other; i++)
		if (secret_like_name(other[i]))
			fail_msg("'%s' should not look like a secret's name", other[i]);
}

/* Label keys: [prefix/]name, prefix a DNS subdomain <= 253, name 1-63 of
 * ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9] */
static void
test_label_key(void **state)
{
	(void)state;
	rule_fn f = label_key_problem;
	valid(f, "app");
	valid(f, "App");
	valid(f, "my_label.v-1");
	valid(f, "app.kubernetes.io/part-of");
	valid(f, "example.com/MyName");
	valid(f, "a/b");
	valid(f, rep('n', 63));
	invalid(f, rep('n', 64));
	valid(f, build("example.com/", 'n', 63, ""));
	invalid(f, build("example.com/", 'n', 64, ""));
	/* prefix of 253 and 254 */
	char s[400];
	snprintf(s, sizeof s, "%s.%s.%s.%s/name", rep('a', 63), rep('b', 63), rep('c', 63), rep('d', 61));
	valid(f, s);
	snprintf(s, sizeof s, "%s.%s.%s.%s/name", rep('a', 63), rep('b', 63), rep('c', 63), rep('d', 62));
	invalid(f, s);
	invalid(f, "");
	invalid(f, "/name");          /* empty prefix */
	invalid(f, "example.com/");   /* empty name */
	invalid(f, "a/b/c");          /* two slashes */
	invalid(f, "Example.com/name"); /* the prefix is lower case */
	invalid(f, "example_com/name");
	invalid(f, "-app");
	invalid(f, "app-");
	invalid(f, "_app");
	invalid(f, "app.");
	invalid(f, "a b");
	invalid(f, "a:b");
}

/* Label values: empty, or like a label key's name part, <= 63 */
static void
test_label_value(void **state)
{
	(void)state;
	rule_fn f = label_value_problem;
	valid(f, "");
	valid(f, "todo");
	valid(f, "MyValue");
	valid(f, "my_value");
	valid(f, "12345");
	valid(f, "1.0.0");
	valid(f, "a");
	valid(f, rep('v', 63));
	invalid(f, rep('v', 64));
	assert_non_null(strstr(f(rep('v', 64)), "63"));
	invalid(f, "-a");
	invalid(f, "a-");
	invalid(f, ".a");
	invalid(f, "a/b");
	invalid(f, "a b");
	invalid(f, "a:b");
	invalid(f, "été");
}

static const char digest[] =
	"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/* Image references: [domain[:port]/]path[:tag][@digest] */
static void
test_image_valid(void **state)
{
	(void)state;
	rule_fn f = image_problem;
	char s[300];
	valid(f, "nginx");
	valid(f, "nginx:1.27");
	valid(f, "nginx:latest");
	valid(f, "postgres:13");
	valid(f, "ghcr.io/a/b:v1");
	valid(f, "localhost:5000/x");
	valid(f, "localhost/x");
	valid(f, "registry.example.com:443/team/app:1.0.0-rc.1");
	valid(f, "docker.io/library/nginx");
	valid(f, "a_b");
	valid(f, "a__b");
	valid(f, "a.b");
	valid(f, "a-b");
	valid(f, "a--b");
	valid(f, "x:_tag");
	valid(f, "x:TAG");
	valid(f, "todo-backend:latest");
	valid(f, "busybox:1.36.1");
	snprintf(s, sizeof s, "nginx@%s", digest);
	valid(f, s);
	snprintf(s, sizeof s, "ghcr.io/a/b:v1@%s", digest);
	valid(f, s);
	snprintf(s, sizeof s, "localhost:5000/x@%s", digest);
	valid(f, s);
	valid(f, build("x:", 't', 128, ""));
}

static void
test_image_invalid(void **state)
{
	(void)state;
	rule_fn f = image_problem;
	char s[300];
	invalid(f, "");
	invalid(f, "Nginx");          /* upper case in the repository */
	invalid(f, "library/Nginx");
	invalid(f, "a::b");
	invalid(f, ":tag");
	invalid(f, "a/b:");
	invalid(f, "nginx:");
	invalid(f, "a//b");
	invalid(f, "/a");
	invalid(f, "a/");
	invalid(f, "-a");
	invalid(f, "a-");
	invalid(f, "a.");
	invalid(f, "a..b");
	invalid(f, "a___b");
	invalid(f, "x:-tag");        /* a tag starts with [A-Za-z0-9_] */
	invalid(f, "x:.tag");
	invalid(f, "x:t@g");
	invalid(f, build("x:", 't', 129, ""));
	invalid(f, "nginx latest");
	invalid(f, "nginx@");
	invalid(f, "nginx@sha256:");
	invalid(f, "nginx@sha256:xyz");
	invalid(f, "nginx@:0123456789abcdef0123456789abcdef");
	/* 64 hex digits with one that is not hex */
	snprintf(s, sizeof s, "nginx@%s", digest);
	s[strlen(s) - 1] = 'g';
	invalid(f, s);
}

/* distribution/reference: path-component := [a-z0-9]+ (separator
 * [a-z0-9]+)*, separator := [_.] | __ | -+.  Two separators in a row
 * (other than "__" and dashes) are not valid: "a-.b", "a_-b", "a-_b". */
/* Asserts that every string of a list is rejected, naming all those that
 * are not (not only the first). */
static void
all_invalid(rule_fn f, const char *const *list, size_t n)
{
	size_t accepted = 0;
	for (size_t i = 0; i < n; i++)
		if (!f(list[i])) {
			print_message("accepted although not valid: \"%s\"\n", list[i]);
			accepted++;
		}
	assert_int_equal(accepted, 0);
}

static void
test_image_separators(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"a._b", "a.-b", "a-.b", "a_-b", "a-_b", "a_.b", "org/a-.b:1",
	};
	all_invalid(image_problem, bad, sizeof bad / sizeof *bad);
}

/* A shell's $VAR in an image says how a param is put in; a '$' that
 * starts no variable is only a character a reference cannot hold. */
/* The name after a shell's '$', and how the language spells it (W0550). */
static void
test_shell_variable_names(void **state)
{
	(void)state;
	assert_int_equal(c_identifier_length("DB_HOST:5432"), 7);
	assert_int_equal(c_identifier_length("_x y"), 2);
	assert_int_equal(c_identifier_length("5 dollars"), 0);
	assert_int_equal(c_identifier_length("(VAR)"), 0);
	assert_int_equal(c_identifier_length(""), 0);
	struct arena a = {0};
	assert_string_equal(shell_name_folded(&a, "DB_HOST"), "db-host");
	assert_string_equal(shell_name_folded(&a, "Tag_2"), "tag-2");
	arena_free(&a);
}

static void
test_image_shell_variable(void **state)
{
	(void)state;
	const char *why = "'$' is no part of one: a param's value is put in with `${NAME}`";
	assert_string_equal(image_problem("shop/web:$tag"), why);
	assert_string_equal(image_problem("$REGISTRY/web:1"), why);
	assert_string_equal(image_problem("web:$(TAG)"), why);
	assert_string_equal(image_problem("web:_$_tag"), why);
	const char *other = image_problem("web:1$");
	assert_non_null(other);
	assert_string_not_equal(other, why);
}

/* distribution/reference: domain := host [':' port-number], the host's
 * components /[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]/ joined by
 * single dots, the port digits.  Kubernetes then fails the pod with
 * InvalidImageName. */
static void
test_image_registry_host(void **state)
{
	(void)state;
	rule_fn f = image_problem;
	valid(f, "Registry.Example.com/x");   /* the host is case-insensitive */
	valid(f, "127.0.0.1:5000/x");
	valid(f, "[::1]:5000/x");
	static const char *const bad[] = {
		"example.com:/x",    /* empty port */
		"example.com:abc/x", /* the port is digits */
		"x:ta/g",
		"a:1:2/x",
		"-example.com/x",
		"example-.com/x",
		"example..com/x",
	};
	all_invalid(f, bad, sizeof bad / sizeof *bad);
}

/* Ingress paths: the API server's refused sequences and endings; an
 * HTTPRoute's also refuses '#' and bytes outside a URL path. */
static void
test_route_path(void **state)
{
	(void)state;
	static const char *const fine[] = {"/", "/api", "/api/v1/", "/a.b", "/..a", "/a%20b", "/~x"};
	for (size_t i = 0; i < sizeof fine / sizeof *fine; i++) {
		assert_null(route_path_problem(fine[i], false));
		assert_null(route_path_problem(fine[i], true));
	}
	static const char *const refused[] = {"//", "/a//b", "/a/./b", "/a/../b", "/a%2fb",
	                                      "/a%2Fb", "/a/.", "/a/..", "/."};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
		assert_non_null(route_path_problem(refused[i], false));
		assert_non_null(route_path_problem(refused[i], true));
	}
	static const char *const gateway_only[] = {"/a#b", "/a b", "/a%zz", "/a%2", "/\xc3\xa9"};
	for (size_t i = 0; i < sizeof gateway_only / sizeof *gateway_only; i++) {
		assert_null(route_path_problem(gateway_only[i], false));
		assert_non_null(route_path_problem(gateway_only[i], true));
	}
}

/* An annotation's key is checked lower-cased, a label's as written. */
static void
test_annotation_key(void **state)
{
	(void)state;
	assert_null(annotation_key_problem("Example.COM/x"));
	assert_non_null(label_key_problem("Example.COM/x"));
	assert_null(annotation_key_problem("example.com/x"));
	assert_non_null(annotation_key_problem("exa_mple.com/x"));
	assert_non_null(annotation_key_problem(""));
}

/* An item's path: relative, never up, and not starting with '..'. */
static void
test_item_path(void **state)
{
	(void)state;
	static const char *const fine[] = {"a", "a/b", "a..b", "a/..b", ".a"};
	static const char *const refused[] = {"", "/a", "..", "..data", "..a/b", "a/../b", "../a", "x/.."};
	for (size_t i = 0; i < sizeof fine / sizeof *fine; i++)
		assert_null(item_path_problem(fine[i]));
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
		assert_non_null(item_path_problem(refused[i]));
}

/* A route's host may not be an IPv4 address (leading zeros as Kubernetes
 * reads them); names made of digits and dots that are not one are hosts. */
static void
test_ipv4_address(void **state)
{
	(void)state;
	static const char *const ips[] = {"10.0.0.1", "255.255.255.255", "0.0.0.0", "010.001.0.1"};
	for (size_t i = 0; i < sizeof ips / sizeof *ips; i++)
		assert_true(is_ipv4_address(ips[i]));
	static const char *const names[] = {"10.0.0", "10.0.0.1.2", "256.0.0.1", "1.2.3.4a",
	                                    "a.b.c.d", "1..2.3", "1.2.3.0004", "", "10.0.0.1."};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		assert_false(is_ipv4_address(names[i]));
}

/* Schedules as robfig/cron's ParseStandard (Kubernetes') reads them:
 * fields split on any blank, and "@every " (one space) with a Go duration
 * of at most 2^63 - 1 ns (2562047h is within, 2562048h is not). */
static void
test_cron_schedule(void **state)
{
	(void)state;
	static const char *const fine[] = {"*/5 * * * *", "0\t6 * * MON", "0  6 * * 1-5",
	                                   "@every 5m", "@every 1h30m", "@every 1.5s", "@every 0",
	                                   "@every 300ms", "@every 2562047h", "@hourly"};
	static const char *const refused[] = {"@every", "@every ", "@every 5", "@every m",
	                                      "@every 5m3", "@every .s", "@everyday", "@every 5 m",
	                                      "* * * *", "* * * * * *", "0 6 * * 7", "@every\t2h",
                                      "@every 2562048h"};
	size_t begin, end;
	for (size_t i = 0; i < sizeof fine / sizeof *fine; i++)
		assert_null(cron_schedule_problem(fine[i], &begin, &end));
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
		assert_non_null(cron_schedule_problem(refused[i], &begin, &end));
}

/* Cron time zones: every name of the table is taken (so the table is in
 * the order its binary search needs, and each name keeps Kubernetes'
 * rule of parts); a name in another case is refused with its spelling as
 * the suggestion; "Local" in any case, the empty name, a path, a part of
 * 15 characters and one starting with '-' are refused. */
static void
test_time_zones(void **state)
{
	(void)state;
	static const char *const table[] = {
#include "time_zones.def"
	};
	size_t budget = SIZE_MAX;
	const char *suggestion;
	for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
		assert_null(time_zone_problem(table[i], &budget, &suggestion));
		if (i)
			assert_true(strcmp(table[i - 1], table[i]) < 0);
	}
	assert_non_null(time_zone_problem("europe/paris", &budget, &suggestion));
	assert_string_equal(suggestion, "Europe/Paris");
	static const char *const refused[] = {"", "Local", "LOCAL", "../etc/passwd", "a//b",
	                                      "/UTC", "UTC/", "America/ABCDEFGHIJKLMNO",
	                                      "-UTC", "Mars/Olympus", "Europe/Paris "};
	for (size_t i = 0; i < sizeof refused / sizeof *refused; i++)
		assert_non_null(time_zone_problem(refused[i], &budget, &suggestion));
	assert_null(time_zone_problem("Etc/GMT+5", &budget, &suggestion));
	assert_null(time_zone_problem("UTC", &budget, &suggestion));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dns1123_label),
		cmocka_unit_test(test_dns1035_label),
		cmocka_unit_test(test_dns1123_subdomain),
		cmocka_unit_test(test_iana_port_name),
		cmocka_unit_test(test_config_key),
		cmocka_unit_test(test_c_identifier),
		cmocka_unit_test(test_env_name),
		cmocka_unit_test(test_secret_like_name),
		cmocka_unit_test(test_label_key),
		cmocka_unit_test(test_label_value),
		cmocka_unit_test(test_image_valid),
		cmocka_unit_test(test_image_invalid),
		cmocka_unit_test(test_image_separators),
		cmocka_unit_test(test_image_shell_variable),
		cmocka_unit_test(test_shell_variable_names),
		cmocka_unit_test(test_image_registry_host),
		cmocka_unit_test(test_annotation_key),
		cmocka_unit_test(test_item_path),
		cmocka_unit_test(test_route_path),
		cmocka_unit_test(test_ipv4_address),
		cmocka_unit_test(test_cron_schedule),
		cmocka_unit_test(test_time_zones),
	};
	return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
