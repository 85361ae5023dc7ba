/*
 * test_secret_names.c - the secret-name rule (secret_like_name() in
 * src/names.c, docs/import.md "Secrets", W0703): which variable names of a
 * Compose file hold a secret, so that their values are read with env()
 * when the .todok is compiled and never written into it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>

#include "import.h"

static void
secret(const char *name)
{
	if (!secret_like_name(name))
		fail_msg("'%s' should be a secret's name", name);
}

static void
not_secret(const char *name)
{
	if (secret_like_name(name))
		fail_msg("'%s' should not be a secret's name", name);
}

/* PASSWORD, PASSWD, PASSPHRASE, SECRET, TOKEN, CREDENTIAL, PRIVATE anywhere,
 * in any case. */
static void
test_words_anywhere(void **state)
{
	(void)state;
	secret("POSTGRES_PASSWORD");
	secret("mysql_root_password");
	secret("PASSWORD");
	secret("LDAP_PASSWD");
	secret("GPG_PASSPHRASE");
	secret("SECRET_KEY_BASE");
	secret("client_secret_value");
	secret("GITHUB_TOKEN");
	secret("TOKENS");
	secret("AWS_CREDENTIALS");
	secret("PRIVATE_PEM");
	not_secret("POSTGRES_USER");
	not_secret("DATABASE_HOST");
	not_secret("TOKE");
	not_secret("PASSWOR");
}

/* A part (between '_', '-' or '.') ending in PASS. */
static void
test_part_ending_in_pass(void **state)
{
	(void)state;
	secret("DB_PASS");
	secret("PGPASS");
	secret("smtp_pass");
	secret("REDIS_PASS_VALUE");
	secret("mail.pass");
	secret("ftp-pass");
	secret("BYPASS_CACHE");
	not_secret("PASSENGER_COUNT");
	not_secret("PASS2");
	not_secret("PAS");
}

/* KEY at the end only. */
static void
test_key_at_the_end(void **state)
{
	(void)state;
	secret("API_KEY");
	secret("stripe_api_key");
	secret("KEY");
	not_secret("KEYCLOAK_URL");
	not_secret("KEY_ID");
	not_secret("KE");
	not_secret("");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_anywhere),
		cmocka_unit_test(test_part_ending_in_pass),
		cmocka_unit_test(test_key_at_the_end),
	};
	return cmocka_run_group_tests_name("secret names", tests, NULL, NULL);
}
