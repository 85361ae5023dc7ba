/*
 * test_quantities.c - Kubernetes quantities (docs/language.md section 2;
 * Kubernetes' resource.Quantity): quantity_parse() turns "150m", "0.5", "256Mi", "1Gi",
 * "2G", "100k", "1e3" into their value in base units (cores, bytes) and
 * rejects what is not a quantity ("1Gb", "", signs, stray characters).
 * Then the same rules through the compiler: the scanner's classification
 * of numbers in requests and limits, and the checks that compare values
 * (a request above its limit, 1Gi vs 1G).
 */
#include "unit_helpers.h"

#include <math.h>

/* Parses s and asserts success and the value (relative precision 1e-12). */
static void
parses_to(const char *s, long double want)
{
	long double v = -12345;
	if (!quantity_parse(s, &v))
		fail_msg("quantity \"%s\" should parse", s);
	long double tolerance = fabsl(want) * 1e-12L;
	if (fabsl(v - want) > tolerance)
		fail_msg("quantity \"%s\" is %Lg, expected %Lg", s, v, want);
}

static void
rejected(const char *s)
{
	long double v = -12345;
	if (quantity_parse(s, &v))
		fail_msg("\"%s\" should not be a quantity (parsed as %Lg)", s, v);
}

static void
test_spec_examples(void **state)
{
	(void)state;
	parses_to("150m", 0.15L);
	parses_to("0.5", 0.5L);
	parses_to("256Mi", 256.0L * 1024 * 1024);
	parses_to("1Gi", 1073741824.0L);
	parses_to("2G", 2e9L);
	parses_to("100k", 1e5L);
	parses_to("1e3", 1000.0L);
	parses_to("8000", 8000.0L);
}

static void
test_binary_suffixes(void **state)
{
	(void)state;
	parses_to("1Ki", 1024.0L);
	parses_to("1Mi", 1048576.0L);
	parses_to("1Ti", 1099511627776.0L);
	parses_to("1Pi", 1125899906842624.0L);
	parses_to("1Ei", 1152921504606846976.0L);
	parses_to("1.5Gi", 1.5L * 1073741824.0L);
	parses_to("512Mi", 536870912.0L);
	/* 1Gi is more than 1G */
	long double gi, g;
	assert_true(quantity_parse("1Gi", &gi));
	assert_true(quantity_parse("1G", &g));
	assert_true(gi > g);
}

static void
test_decimal_suffixes(void **state)
{
	(void)state;
	parses_to("1n", 1e-9L);
	parses_to("1u", 1e-6L);
	parses_to("1m", 1e-3L);
	parses_to("300m", 0.3L);
	parses_to("1k", 1e3L);
	parses_to("1M", 1e6L);
	parses_to("1T", 1e12L);
	parses_to("1P", 1e15L);
	parses_to("1E", 1e18L); /* E alone is exa, not an exponent */
	parses_to("0", 0.0L);
	parses_to("0m", 0.0L);
}

static void
test_decimal_forms(void **state)
{
	(void)state;
	parses_to("0.5", 0.5L);
	parses_to("1.", 1.0L);      /* <digits> . is a decimal number */
	parses_to(".5", 0.5L);      /* . <digits> too */
	parses_to("0.25Gi", 0.25L * 1073741824.0L);
	parses_to("1.5", 1.5L);
	parses_to("007", 7.0L);
	parses_to("0.001", 0.001L);
}

static void
test_exponents(void **state)
{
	(void)state;
	parses_to("1e3", 1e3L);
	parses_to("1E3", 1e3L);
	parses_to("1e+3", 1e3L);
	parses_to("1e-3", 1e-3L);
	parses_to("2.5e2", 250.0L);
	parses_to("1e0", 1.0L);
	rejected("1e");      /* an exponent needs digits */
	rejected("1e+");
	rejected("1e3x");
	rejected("1e3Mi");
}

static void
test_rejected(void **state)
{
	(void)state;
	rejected("");
	rejected("1Gb");     /* a typo of 1Gi */
	rejected("1gi");
	rejected("1ki");
	rejected("1K");      /* k is lower case for 1000 */
	rejected("1KiB");
	rejected("1mi");
	rejected("Gi");
	rejected(".");
	rejected("-1");      /* requests are never negative */
	rejected("-0.5");
	rejected("+1");
	rejected("1 ");
	rejected(" 1");
	rejected("1 Gi");
	rejected("1m5");
	rejected("1..5");
	rejected("1.2.3");
	rejected("0x10");
	rejected("1,5");
	rejected("one");
}

/* The same rules, through the compiler. */

static void
test_scanner_suggests_gi(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  service w {\n"
		"    image \"nginx\"\n"
		"    port 80\n"
		"    limits memory 1Gb\n"
		"  }\n"
		"}\n";
	assert_false(unit_compile(&t, src));
	assert_int_equal(unit_count(&t, E0108), 1);
	const struct diagnostic *g = unit_find(&t, E0108);
	assert_string_equal(unit_loc_text(&t, g->loc), "1Gb");
	assert_non_null(strstr(g->message, "'1Gi'"));
	unit_free(&t);
}

static void
test_requests_and_limits_compile(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  service w {\n"
		"    image \"nginx\"\n"
		"    port 80\n"
		"    requests cpu 0.5 memory 1000Mi\n"
		"    limits cpu 1 memory 1Gi\n"
		"  }\n"
		"}\n";
	if (!unit_compile(&t, src))
		unit_dump(&t);
	assert_true(t.ok);
	struct component *w = t.c.stack->components.items[0];
	const struct container_resources *res = RESOURCES_OF(WORKLOAD_OF(w)->main);
	assert_string_equal(res->requests.cpu.text, "0.5");
	assert_true(fabsl(res->requests.cpu.value - 0.5L) < 1e-12L);
	assert_true(fabsl(res->requests.memory.value - 1000.0L * 1048576) < 1);
	assert_true(fabsl(res->limits.cpu.value - 1.0L) < 1e-12L);
	assert_true(fabsl(res->limits.memory.value - 1073741824.0L) < 1);
	assert_string_equal(unit_loc_text(&t, res->requests.cpu.loc), "0.5");
	unit_free(&t);
}

/* Requests are compared with limits by value, not by text. */
static void
test_request_above_limit(void **state)
{
	(void)state;
	struct unit_compile t;
	/* 1Gi = 1073741824 > 1G = 1000000000 */
	const char *src =
		"stack s {\n"
		"  service w {\n"
		"    image \"nginx\"\n"
		"    port 80\n"
		"    requests cpu 500m memory 1Gi\n"
		"    limits cpu 0.4 memory 1G\n"
		"  }\n"
		"}\n";
	assert_false(unit_compile(&t, src));
	assert_int_equal(unit_count(&t, E0506), 2);
	unit_free(&t);

	/* equal values written differently are fine: 500m = 0.5, 1Gi = 1024Mi */
	src = "stack s {\n"
	      "  service w {\n"
	      "    image \"nginx\"\n"
	      "    port 80\n"
	      "    requests cpu 500m memory 1024Mi\n"
	      "    limits cpu 0.5 memory 1Gi\n"
	      "  }\n"
	      "}\n";
	if (!unit_compile(&t, src))
		unit_dump(&t);
	assert_true(t.ok);
	assert_int_equal(unit_count(&t, E0506), 0);
	unit_free(&t);
}

/* Memory in millibytes is legal but almost always a mistake (W0101). */
static void
test_memory_milli_warning(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  service w {\n"
		"    image \"nginx\"\n"
		"    port 80\n"
		"    requests memory 128m\n"
		"  }\n"
		"}\n";
	unit_compile(&t, src);
	assert_int_equal(unit_count(&t, W0101), 1);
	assert_string_equal(unit_loc_text(&t, unit_find(&t, W0101)->loc), "128m");
	unit_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_examples),
		cmocka_unit_test(test_binary_suffixes),
		cmocka_unit_test(test_decimal_suffixes),
		cmocka_unit_test(test_decimal_forms),
		cmocka_unit_test(test_exponents),
		cmocka_unit_test(test_rejected),
		cmocka_unit_test(test_scanner_suggests_gi),
		cmocka_unit_test(test_requests_and_limits_compile),
		cmocka_unit_test(test_request_above_limit),
		cmocka_unit_test(test_memory_milli_warning),
	};
	return cmocka_run_group_tests_name("quantities", tests, NULL, NULL);
}
