/*
 * test_yaml_quoting.c - the YAML 1.1 typing predicate: every string a
 * YAML 1.1 reader (PyYAML, Go's yaml.v2) would take for a bool, number,
 * null or timestamp is reported ambiguous, so the backend quotes it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "objects.h"

static bool
ambiguous(const char *s)
{
	return yaml_plain_is_ambiguous(s, strlen(s));
}

static void
test_bools_and_nulls(void **state)
{
	(void)state;
	const char *words[] = {"", "yes", "no", "on", "off", "y", "N", "true", "False",
	                       "NULL", "~", "null", "Off", "YES"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		assert_true(ambiguous(words[i]));
}

/* Every reserved word of YAML 1.1, in each of its spellings, and words
 * one letter off each, which are plain (the words are compared by
 * length, so each length is covered). */
static void
test_every_reserved_word(void **state)
{
	(void)state;
	const char *words[] = {
		"~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
		"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON",
		"off", "Off", "OFF", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
		"-.Inf", "-.INF", ".nan", ".NaN", ".NAN", "<<", "=",
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!ambiguous(words[i]))
			fail_msg("'%s' is not reported ambiguous", words[i]);
	const char *near[] = {"nul", "nulls", "tru", "trues", "fals", "falsey", "ye", "yess",
	                      "of", "offs", "ONN", "<", "==", ".in", "+.infs", "nO", "oN", "tRUE"};
	for (size_t i = 0; i < sizeof near / sizeof *near; i++)
		if (ambiguous(near[i]))
			fail_msg("'%s' is reported ambiguous", near[i]);
}

static void
test_numbers(void **state)
{
	(void)state;
	const char *numbers[] = {"8000", "0", "-1", "+1", "1.0", ".5", "1e3", "1E3", "0x1F",
	                         "010", "0o17", "0b101", "1_000", "12:30", "190:20:30",
	                         ".inf", "-.Inf", ".nan", "08", "3.14"};
	for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
		assert_true(ambiguous(numbers[i]));
}

static void
test_timestamps_and_specials(void **state)
{
	(void)state;
	assert_true(ambiguous("2001-12-14"));
	assert_true(ambiguous("2001-12-14t21:59:43.10-05:00"));
	assert_true(ambiguous("<<"));
	assert_true(ambiguous("="));
}

static void
test_plain_strings(void **state)
{
	(void)state;
	const char *plain[] = {"todo-backend", "512Mi", "500m", "nginx:1.25", "v1", "yES",
	                       "café", "http://todo-backend-service:8000", "NaN", "postgres",
	                       "/var/lib/postgresql/data", "apps/v1", "a1"};
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
		assert_false(ambiguous(plain[i]));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bools_and_nulls),
		cmocka_unit_test(test_every_reserved_word),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_timestamps_and_specials),
		cmocka_unit_test(test_plain_strings),
	};
	return cmocka_run_group_tests_name("yaml quoting", tests, NULL, NULL);
}
