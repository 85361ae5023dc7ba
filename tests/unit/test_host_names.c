/*
 * test_host_names.c - the host-name rule (host_like_name() in
 * src/names.c, W0508 and W0533): which variable names say that their
 * value is a host, so that a literal value that is a component's name
 * alone (`DB_HOST = "postgres"`) is taken for a host.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>

#include "todokc.h"

static void
host(const char *name)
{
	if (!host_like_name(name))
		fail_msg("'%s' should be a host's name", name);
}

static void
not_host(const char *name)
{
	if (host_like_name(name))
		fail_msg("'%s' should not be a host's name", name);
}

/* HOST, ADDR, SERVER, ENDPOINT anywhere, in any case. */
static void
test_words_anywhere(void **state)
{
	(void)state;
	host("DB_HOST");
	host("POSTGRES_HOSTNAME");
	host("redis_host");
	host("REDIS_ADDR");
	host("MEMCACHED_ADDRESS");
	host("SMTP_SERVER");
	host("SERVERS");
	host("API_ENDPOINT");
	not_host("DB_USER");
	not_host("POSTGRES_DB");
	not_host("HOS");
	not_host("PORT");
	not_host("");
}

/* A part (between '_', '-' or '.') ending in URL or URI. */
static void
test_part_ending_in_url_or_uri(void **state)
{
	(void)state;
	host("DATABASE_URL");
	host("REDIS_URL");
	host("MONGO_URI");
	host("url");
	host("api.url");
	host("BROKER_URL_PRIMARY");
	not_host("URLS");
	not_host("SECURITY_LEVEL");
	not_host("URIEL");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_anywhere),
		cmocka_unit_test(test_part_ending_in_url_or_uri),
	};
	return cmocka_run_group_tests_name("host names", tests, NULL, NULL);
}
