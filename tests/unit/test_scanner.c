/*
 * test_scanner.c - the lexical structure of docs/language.md section 2, through the
 * keyword table (keyword_token / keyword_spelling of include/parse.h,
 * iterated over every spelling of include/keywords.def with an X-macro)
 * and through compile_source on small inputs: comments, string escapes
 * (\" \\ \n \t \r \$ \u{HEX}), ${...} interpolation, integers, quantities,
 * durations and percentages, a bad suffix (1Gb, with 1Gi suggested), an
 * unterminated string, a NUL byte and invalid UTF-8, each diagnostic with
 * its code and exact location.
 */
#include "unit_helpers.h"

#include <stdlib.h>

#include "parse.h"
#include "todok.tab.h"

/* Keywords */

struct kw {
	int token;
	const char *spelling;
	const char *role;
};

static const struct kw all_keywords[] = {
#define KEYWORD(token, spelling, role) {token, spelling, #role},
#include "keywords.def"
#undef KEYWORD
};
enum { NKW = sizeof all_keywords / sizeof all_keywords[0] };

static void
test_keyword_lookup(void **state)
{
	(void)state;
	assert_true(NKW >= 50);
	for (size_t i = 0; i < NKW; i++) {
		const struct kw *k = &all_keywords[i];
		int tok = keyword_token(k->spelling, strlen(k->spelling));
		if (tok != k->token)
			fail_msg("keyword_token(\"%s\") = %d, expected %d", k->spelling, tok, k->token);
		const char *sp = keyword_spelling(k->token);
		if (!sp || strcmp(sp, k->spelling) != 0)
			fail_msg("keyword_spelling(%d) = %s, expected %s", k->token, sp ? sp : "NULL",
			         k->spelling);
		/* the scanner passes a length, not a NUL-terminated word */
		char longer[64];
		snprintf(longer, sizeof longer, "%s{x", k->spelling);
		assert_int_equal(keyword_token(longer, strlen(k->spelling)), k->token);
	}
}

/* Every word differs, every token differs, every role is documented, and
 * the list is sorted by spelling (keywords.def says so: the scanner
 * looks words up by binary search). */
static void
test_keyword_table_shape(void **state)
{
	(void)state;
	static const char *const roles[] = {"declaration", "property", "resource", "probe",
	                                    "expose", "volume", "function", "modifier"};
	for (size_t i = 0; i < NKW; i++) {
		const struct kw *a = &all_keywords[i];
		bool known = false;
		for (size_t r = 0; r < sizeof roles / sizeof *roles; r++)
			known |= strcmp(a->role, roles[r]) == 0;
		if (!known)
			fail_msg("keyword '%s' has an undocumented role %s", a->spelling, a->role);
		/* spellings are names the scanner's WORD rule matches: lower case
		 * words, joined by '-' */
		for (const char *c = a->spelling; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || (*c == '-' && c != a->spelling && c[1]));
		assert_true(a->token > 0);
		for (size_t j = i + 1; j < NKW; j++) {
			const struct kw *b = &all_keywords[j];
			if (strcmp(a->spelling, b->spelling) == 0)
				fail_msg("keyword '%s' is listed twice", a->spelling);
			if (a->token == b->token)
				fail_msg("'%s' and '%s' share a token", a->spelling, b->spelling);
			if (strcmp(a->spelling, b->spelling) > 0)
				fail_msg("keywords.def is not sorted: '%s' before '%s' (the scanner "
				         "looks words up by binary search)", a->spelling, b->spelling);
		}
	}
}

static void
test_not_keywords(void **state)
{
	(void)state;
	const char *words[] = {"Service", "SERVICE", "servic", "services", "stack1", "x", "s",
	                       "loadbalancers", "app-config", "env_", "_env", "ports", "image.tag",
	                       "expose-", "udp2", "clusterIP"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (keyword_token(words[i], strlen(words[i])))
			fail_msg("\"%s\" is not a keyword", words[i]);
	assert_int_equal(keyword_token("", 0), 0);
	assert_int_equal(keyword_token("stack", 4), 0); /* "stac" */
	assert_int_equal(keyword_token("on", 1), 0);    /* "o" */
	assert_null(keyword_spelling(0));
	assert_null(keyword_spelling(WORD));
	assert_null(keyword_spelling(STRING));
	assert_null(keyword_spelling(-1));
}

/* Kubernetes' spelling of a keyword (IfNotPresent) finds it: every keyword
 * folds to itself alone, in upper case too, and a word that folds to no
 * keyword finds none. */
static void
test_keyword_folded(void **state)
{
	(void)state;
	for (size_t i = 0; i < NKW; i++) {
		const struct kw *k = &all_keywords[i];
		char upper[64];
		size_t len = strlen(k->spelling);
		for (size_t j = 0; j <= len; j++)
			upper[j] = (char)(k->spelling[j] >= 'a' && k->spelling[j] <= 'z'
			                  ? k->spelling[j] - 'a' + 'A' : k->spelling[j]);
		if (keyword_folded(upper, len) != k->token)
			fail_msg("keyword_folded(\"%s\") = %d, expected %d", upper,
			         keyword_folded(upper, len), k->token);
	}
	assert_int_equal(keyword_folded("IfNotPresent", 12), KW_IF_NOT_PRESENT);
	assert_int_equal(keyword_folded("LoadBalancer", 12), KW_LOADBALANCER);
	assert_int_equal(keyword_folded("fs_group", 8), KW_FS_GROUP);
	assert_int_equal(keyword_folded("Recreate!", 8), KW_RECREATE); /* its length is given */
	assert_int_equal(keyword_folded("NotAKeyword", 11), 0);
	assert_int_equal(keyword_folded("", 0), 0);
	assert_int_equal(keyword_folded("a-very-long-word-that-no-keyword-is-near", 40), 0);
}

/* Keywords are allowed as keys of config blocks (docs/language.md section 2). */
static void
test_keywords_as_keys(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_puts(&b, "stack s {\n  config c {\n");
	for (size_t i = 0; i < NKW; i++)
		buf_printf(&b, "    %s = \"v%zu\"\n", all_keywords[i].spelling, i);
	buf_puts(&b, "  }\n}\n");
	struct unit_compile t;
	if (!unit_compile_n(&t, b.data, b.len))
		unit_dump(&t);
	assert_true(t.ok);
	struct keyset *cfg = t.c.stack->configs.items[0];
	assert_int_equal(cfg->keys.len, NKW);
	for (size_t i = 0; i < NKW; i++) {
		struct kv *kv = cfg->keys.items[i];
		assert_string_equal(kv->key.text, all_keywords[i].spelling);
		assert_string_equal(unit_loc_text(&t, kv->key.loc), all_keywords[i].spelling);
	}
	unit_free(&t);
	buf_free(&b);
}

/* Helpers over the syntax tree */

static struct ast_item *
item(struct unit_compile *t, size_t i)
{
	assert_non_null(t->c.ast);
	assert_true(i < t->c.ast->items.len);
	return t->c.ast->items.items[i];
}

static struct ast_entry *
entry(struct unit_compile *t, size_t item_index, size_t i)
{
	struct ast_item *it = item(t, item_index);
	assert_true(i < it->entries.len);
	return it->entries.items[i];
}

/* The decoded text of a string with no interpolation. */
static void
assert_plain_string(const struct ast_string *s, const char *want, size_t want_len)
{
	size_t len = 0;
	for (size_t i = 0; i < s->parts.len; i++) {
		const struct ast_part *p = s->parts.items[i];
		assert_false(p->is_ref);
		assert_true(len + p->len <= want_len);
		assert_memory_equal(p->text, want + len, p->len);
		len += p->len;
	}
	assert_int_equal(len, want_len);
}

/* Comments */

static void
test_comments(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"# a comment before the stack, with \"quotes\", { braces } and é\n"
		"stack s { # after a brace\n"
		"  #config hidden { A = \"x\" }\n"
		"  config c {\n"
		"    A = \"a#b\" # the # inside the string is text\n"
		"    B = 1#no space needed\n"
		"  }\n"
		"}\n"
		"# a last comment without a newline";
	if (!unit_compile_keeping_tree(&t, src))
		unit_dump(&t);
	assert_true(t.ok);
	assert_int_equal(t.c.ast->items.len, 1); /* the commented config is gone */
	assert_plain_string(entry(&t, 0, 0)->value->string, "a#b", 3);
	struct ast_value *b = entry(&t, 0, 1)->value;
	assert_int_equal(b->kind, VALUE_NUMBER);
	assert_int_equal(b->number.kind, NUM_INT);
	assert_int_equal(b->number.value, 1);
	assert_int_equal(t.c.diags.list.len, 0);
	unit_free(&t);
}

/* Strings and escapes */

static void
test_string_escapes(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  config c {\n"
		"    A = \"q\\\"b\\\\s\\nn\\tt\\rr\\$d\\u{E9}\"\n"
		"    B = \"\\u{41}\\u{1F600}\\u{10FFFF}\"\n"
		"    C = \"\\${not.a.ref}\"\n"
		"    D = \"\"\n"
		"    E = \"caf\xc3\xa9 \\\\n\"\n"
		"  }\n"
		"}\n";
	if (!unit_compile_keeping_tree(&t, src))
		unit_dump(&t);
	assert_true(t.ok);
	static const char a[] = "q\"b\\s\nn\tt\rr$d\xc3\xa9";
	assert_plain_string(entry(&t, 0, 0)->value->string, a, sizeof a - 1);
	static const char b[] = "A\xf0\x9f\x98\x80\xf4\x8f\xbf\xbf";
	assert_plain_string(entry(&t, 0, 1)->value->string, b, sizeof b - 1);
	assert_plain_string(entry(&t, 0, 2)->value->string, "${not.a.ref}", 12);
	assert_int_equal(entry(&t, 0, 3)->value->string->parts.len, 0);
	assert_plain_string(entry(&t, 0, 4)->value->string, "caf\xc3\xa9 \\n", 8);
	/* the string's location covers its quotes */
	assert_string_equal(unit_loc_text(&t, entry(&t, 0, 3)->value->string->loc), "\"\"");
	/* the resolved config value is the decoded text */
	struct keyset *cfg = t.c.stack->configs.items[0];
	struct kv *kv = cfg->keys.items[0];
	assert_int_equal(kv->value->kind, RV_TEXT);
	assert_int_equal(kv->value->len, sizeof a - 1);
	assert_memory_equal(kv->value->text, a, sizeof a - 1);
	unit_free(&t);
}

/* One bad escape in a string, with the code and the text it is blamed on. */
static void
bad_escape(const char *literal, enum diag_code code, const char *blamed)
{
	char src[256];
	snprintf(src, sizeof src, "stack s {\n  config c {\n    A = \"%s\"\n  }\n}\n", literal);
	struct unit_compile t;
	if (unit_compile(&t, src))
		fail_msg("\"%s\" should not compile", literal);
	if (unit_count(&t, code) != 1 || t.c.diags.list.len != 1) {
		unit_dump(&t);
		fail_msg("\"%s\" should give exactly one %s", literal, diag_codes[code].name);
	}
	const struct diagnostic *g = unit_find(&t, code);
	assert_string_equal(unit_loc_text(&t, g->loc), blamed);
	/* line 3, column 10 is the opening quote: the escape follows */
	size_t line, col;
	source_position(&t.c.src, g->loc.begin, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 10 + (size_t)(strstr(literal, blamed) - literal));
	unit_free(&t);
}

static void
test_bad_escapes(void **state)
{
	(void)state;
	bad_escape("a\\qb", E0105, "\\q");
	bad_escape("\\0", E0105, "\\0");
	bad_escape("x\\'", E0105, "\\'");
	bad_escape("\\u{D800}", E0106, "\\u{D800}");   /* a surrogate */
	bad_escape("\\u{110000}", E0106, "\\u{110000}"); /* beyond Unicode */
	bad_escape("\\u{0}", E0106, "\\u{0}");         /* NUL */
	bad_escape("\\u{}", E0106, "\\u");
	bad_escape("\\uE9", E0106, "\\u");
	bad_escape("\\u{1234567}", E0106, "\\u");     /* more than 6 digits */
	bad_escape("\\u{XY}", E0106, "\\u");
}

/* Interpolation */

static void
test_interpolation(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  param p = \"v\"\n"
		"  config c {\n"
		"    K = \"k\"\n"
		"    A = \"x${p}y${c.K}z\"\n"
		"    B = \"${p}${p}\"\n"
		"    C = \"\\u{E9}${p}\"\n"
		"  }\n"
		"}\n";
	if (!unit_compile_keeping_tree(&t, src))
		unit_dump(&t);
	assert_true(t.ok);
	struct ast_string *a = entry(&t, 1, 1)->value->string;
	assert_int_equal(a->parts.len, 5);
	const struct ast_part *p0 = a->parts.items[0], *p1 = a->parts.items[1],
	                      *p2 = a->parts.items[2], *p3 = a->parts.items[3],
	                      *p4 = a->parts.items[4];
	assert_false(p0->is_ref);
	assert_memory_equal(p0->text, "x", 1);
	assert_true(p1->is_ref);
	assert_string_equal(p1->ref->name.text, "p");
	assert_null(p1->ref->member.text);
	assert_string_equal(unit_loc_text(&t, p1->ref->name.loc), "p");
	assert_false(p2->is_ref);
	assert_memory_equal(p2->text, "y", 1);
	assert_true(p3->is_ref);
	assert_string_equal(p3->ref->name.text, "c");
	assert_string_equal(p3->ref->member.text, "K");
	assert_string_equal(unit_loc_text(&t, p3->ref->loc), "c.K");
	assert_string_equal(unit_loc_text(&t, p3->ref->name.loc), "c");
	assert_string_equal(unit_loc_text(&t, p3->ref->member.loc), "K");
	assert_false(p4->is_ref);
	/* two adjacent interpolations, no text between */
	assert_int_equal(((struct ast_string *)entry(&t, 1, 2)->value->string)->parts.len, 2);
	/* locations stay on the source bytes after a multi-byte escape */
	struct ast_string *c = entry(&t, 1, 3)->value->string;
	assert_int_equal(c->parts.len, 2);
	assert_string_equal(unit_loc_text(&t, ((struct ast_part *)c->parts.items[1])->ref->loc), "p");
	/* resolved: the param and the config key are substituted */
	struct keyset *cfg = t.c.stack->configs.items[0];
	struct kv *kv = cfg->keys.items[1];
	assert_int_equal(kv->value->kind, RV_TEXT);
	assert_int_equal(kv->value->len, 5);
	assert_memory_equal(kv->value->text, "xvykz", 5);
	unit_free(&t);
}

static void
test_bad_interpolation(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{"${x", "${x"},        /* not closed: blamed up to the end of the string */
		{"a${}b", "${}"},
		{"${1x}", "${1x}"},
		{"${a b}", "${a b}"},
		{"${a+b}", "${a+b}"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char src[256];
		snprintf(src, sizeof src, "stack s {\n  config c {\n    A = \"%s\"\n  }\n}\n", cases[i][0]);
		struct unit_compile t;
		assert_false(unit_compile(&t, src));
		if (unit_count(&t, E0107) != 1) {
			unit_dump(&t);
			fail_msg("\"%s\" should give one E0107", cases[i][0]);
		}
		const struct diagnostic *g = unit_find(&t, E0107);
		const char *blamed = unit_loc_text(&t, g->loc);
		/* the diagnostic starts at the "${" */
		assert_memory_equal(blamed, "${", 2);
			assert_string_equal(blamed, cases[i][1]);
		unit_free(&t);
	}
}

/* Numbers */

static void
assert_number(const struct ast_value *v, enum number_kind kind, const char *text)
{
	assert_int_equal(v->kind, VALUE_NUMBER);
	assert_int_equal(v->number.kind, kind);
	assert_string_equal(v->number.text, text);
}

static void
test_numbers(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  config c {\n"
		"    I = 8080\n"
		"    Z = 0\n"
		"    Q1 = 150m\n"
		"    Q2 = 0.5\n"
		"    Q3 = 256Mi\n"
		"    Q4 = 1Gi\n"
		"    Q5 = 2G\n"
		"    Q6 = 100k\n"
		"    Q7 = 1e3\n"
		"    D = 10s\n"
		"    P = 70%\n"
		"  }\n"
		"}\n";
	if (!unit_compile_keeping_tree(&t, src))
		unit_dump(&t);
	assert_true(t.ok);
	assert_number(entry(&t, 0, 0)->value, NUM_INT, "8080");
	assert_int_equal(entry(&t, 0, 0)->value->number.value, 8080);
	assert_number(entry(&t, 0, 1)->value, NUM_INT, "0");
	const char *q[] = {"150m", "0.5", "256Mi", "1Gi", "2G", "100k", "1e3"};
	for (size_t i = 0; i < 7; i++) {
		assert_number(entry(&t, 0, 2 + i)->value, NUM_QUANTITY, q[i]);
		assert_string_equal(unit_loc_text(&t, entry(&t, 0, 2 + i)->value->number.loc), q[i]);
	}
	assert_number(entry(&t, 0, 9)->value, NUM_DURATION, "10s");
	assert_int_equal(entry(&t, 0, 9)->value->number.value, 10);
	assert_number(entry(&t, 0, 10)->value, NUM_PERCENT, "70%");
	assert_int_equal(entry(&t, 0, 10)->value->number.value, 70);
	/* in a config a number is its text */
	struct keyset *cfg = t.c.stack->configs.items[0];
	struct kv *kv = cfg->keys.items[0];
	assert_int_equal(kv->value->kind, RV_TEXT);
	assert_string_equal(kv->value->text, "8080");
	kv = cfg->keys.items[3];
	assert_string_equal(kv->value->text, "0.5");
	unit_free(&t);
}

static void
test_numbers_in_properties(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  service w {\n"
		"    image \"nginx\"\n"
		"    port 8000\n"
		"    replicas 2..5 cpu 70%\n"
		"    requests cpu 150m memory 256Mi\n"
		"    liveness http \"/health\" delay 10s every 5s timeout 2s failures 3\n"
		"  }\n"
		"}\n";
	if (!unit_compile_keeping_tree(&t, src))
		unit_dump(&t);
	assert_true(t.ok);
	struct ast_item *w = item(&t, 0);
	assert_int_equal(w->props.len, 5);
	struct ast_prop *port = w->props.items[1];
	assert_int_equal(port->kind, PROP_PORT);
	assert_int_equal(port->u.port->number.value, 8000);
	struct ast_prop *as = w->props.items[2];
	assert_int_equal(as->kind, PROP_AUTOSCALE);
	assert_int_equal(as->u.autoscale->min.value, 2);
	assert_int_equal(as->u.autoscale->max.value, 5);
	assert_int_equal(as->u.autoscale->percent.kind, NUM_PERCENT);
	assert_int_equal(as->u.autoscale->percent.value, 70);
	struct ast_prop *req = w->props.items[3];
	assert_int_equal(req->kind, PROP_REQUESTS);
	assert_string_equal(req->u.resources.cpu->text, "150m");
	assert_string_equal(req->u.resources.memory->text, "256Mi");
	assert_string_equal(unit_loc_text(&t, req->u.resources.cpu_loc), "cpu 150m");
	struct ast_prop *probe = w->props.items[4];
	assert_int_equal(probe->kind, PROP_PROBE);
	assert_int_equal(probe->u.probe.options.len, 4);
	const long long want[] = {10, 5, 2, 3};
	const enum number_kind kinds[] = {NUM_DURATION, NUM_DURATION, NUM_DURATION, NUM_INT};
	for (size_t i = 0; i < 4; i++) {
		struct ast_probe_option *o = probe->u.probe.options.items[i];
		assert_int_equal(o->number.kind, kinds[i]);
		assert_int_equal(o->number.value, want[i]);
	}
	struct component *comp = t.c.stack->components.items[0];
	const struct probe_timing *timing = TIMING_OF(WORKLOAD_OF(comp)->main->probes[PROBE_LIVENESS]);
	assert_int_equal(timing->delay, 10);
	assert_int_equal(timing->failures, 3);
	unit_free(&t);
}

/* One bad number as a config value: its code, location and message. */
static void
bad_number(const char *number, enum diag_code code, const char *in_message)
{
	char src[256];
	snprintf(src, sizeof src, "stack s {\n  config c {\n    A = %s\n  }\n}\n", number);
	struct unit_compile t;
	assert_false(unit_compile(&t, src));
	if (unit_count(&t, code) != 1 || t.c.diags.list.len != 1) {
		unit_dump(&t);
		fail_msg("%s should give exactly one %s", number, diag_codes[code].name);
	}
	const struct diagnostic *g = unit_find(&t, code);
	assert_string_equal(unit_loc_text(&t, g->loc), number);
	unit_assert_position(&t, g->loc.begin, 3, 9);
	if (in_message && !strstr(g->message, in_message))
		fail_msg("the message for %s does not say %s: %s", number, in_message, g->message);
	unit_free(&t);
}

static void
test_bad_numbers(void **state)
{
	(void)state;
	bad_number("1Gb", E0108, "did you mean '1Gi'?");
	bad_number("512Mb", E0108, "did you mean '512Mi'?");
	bad_number("1.5Kb", E0108, "did you mean '1.5Ki'?");
	bad_number("10ms", E0108, "a duration is whole seconds: `1s`");
	bad_number("5min", E0108, "a duration is whole seconds: `300s`");
	bad_number("2.5s", E0108, "a duration is whole seconds: `3s`");
	bad_number("2x", E0108, "unknown suffix 'x'");
	bad_number("1.5%", E0108, NULL);   /* a percentage is whole */
	bad_number("99999999999999999999", E0109, NULL);
}

/* Errors in the input itself */

static void
test_unterminated_string(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  config c {\n"
		"    A = \"abc\n"
		"    B = \"ok\"\n"
		"  }\n"
		"}\n";
	assert_false(unit_compile(&t, src));
	assert_int_equal(unit_count(&t, E0104), 1);
	const struct diagnostic *g = unit_find(&t, E0104);
	unit_assert_position(&t, g->loc.begin, 3, 9); /* the opening quote */
	assert_int_equal(t.c.src.text[g->loc.begin], '"');
	/* the string stops at the end of its line */
	assert_string_equal(unit_loc_text(&t, g->loc), "\"abc");
	unit_free(&t);

	/* a backslash at the end of the line does not continue the string */
	src = "stack s {\n  config c { A = \"abc\\\n\" }\n}\n";
	assert_false(unit_compile(&t, src));
	assert_true(unit_count(&t, E0104) >= 1);
	unit_assert_position(&t, unit_find(&t, E0104)->loc.begin, 2, 18);
	unit_free(&t);

	/* unterminated at the end of the file, with no newline */
	src = "stack s {\n  config c { A = \"abc";
	assert_false(unit_compile(&t, src));
	assert_true(unit_count(&t, E0104) >= 1);
	unit_assert_position(&t, unit_find(&t, E0104)->loc.begin, 2, 18);
	unit_free(&t);
}

/* The input check reports the first bad byte alone, and nothing else. */
static void
bad_input(const char *src, size_t len, enum diag_code code, uint32_t offset,
          size_t line, size_t column)
{
	struct unit_compile t;
	assert_false(unit_compile_n(&t, src, len));
	if (t.c.diags.list.len != 1 || unit_count(&t, code) != 1) {
		unit_dump(&t);
		fail_msg("expected exactly one %s", diag_codes[code].name);
	}
	const struct diagnostic *g = unit_find(&t, code);
	assert_int_equal(g->loc.begin, offset);
	assert_int_equal(g->loc.end, offset + 1);
	unit_assert_position(&t, g->loc.begin, line, column);
	assert_null(t.c.stack); /* nothing after the input check ran */
	unit_free(&t);
}

static void
test_nul_byte(void **state)
{
	(void)state;
	static const char a[] = "stack s {\n  config c { A = \"x\0y\" }\n}\n";
	bad_input(a, sizeof a - 1, E0102, 29, 2, 20);
	/* in a comment, after a multi-byte character: the column counts it once */
	static const char b[] = "stack s {\n  # \xc3\xa9\xc3\xa9 \0\n}\n";
	bad_input(b, sizeof b - 1, E0102, 19, 2, 8);
	/* the first byte of the file */
	static const char c[] = "\0stack s {}";
	bad_input(c, sizeof c - 1, E0102, 0, 1, 1);
	/* the last byte of the file */
	static const char d[] = "stack s {}\n\0";
	bad_input(d, sizeof d - 1, E0102, 11, 2, 1);
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	/* 0xFF after é: é is column 19, 0xFF column 20 */
	static const char a[] = "stack s {\n  config c { A = \"\xc3\xa9\xff\" }\n}\n";
	bad_input(a, sizeof a - 1, E0101, 30, 2, 20);
	/* an overlong '/' */
	static const char b[] = "stack s {\n  # \xc0\xaf\n}\n";
	bad_input(b, sizeof b - 1, E0101, 14, 2, 5);
	/* a UTF-16 surrogate */
	static const char c[] = "stack s {\n\n   \xed\xa0\x80\n}\n";
	bad_input(c, sizeof c - 1, E0101, 14, 3, 4);
	/* beyond U+10FFFF */
	static const char d[] = "stack s { # \xf4\x90\x80\x80\n}\n";
	bad_input(d, sizeof d - 1, E0101, 12, 1, 13);
	/* a lone continuation byte */
	static const char e[] = "stack s { \x80 }";
	bad_input(e, sizeof e - 1, E0101, 10, 1, 11);
	/* a sequence cut by the end of the file */
	static const char f[] = "stack s {}\n#\xe2\x82";
	bad_input(f, sizeof f - 1, E0101, 12, 2, 2);
}

static void
test_valid_utf8_accepted(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"# Ünïcödé comments: € 😀\n"
		"stack s {\n"
		"  config c { GREETING = \"héllo wörld 😀 \xf4\x8f\xbf\xbf\" }\n"
		"}\n";
	if (!unit_compile_keeping_tree(&t, src))
		unit_dump(&t);
	assert_true(t.ok);
	assert_plain_string(entry(&t, 0, 0)->value->string,
	                    "h\xc3\xa9llo w\xc3\xb6rld \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf", 23);
	unit_free(&t);
}

static void
test_stray_characters(void **state)
{
	(void)state;
	struct unit_compile t;
	assert_false(unit_compile(&t, "stack s {\n  config c { A = 1 } @\n}\n"));
	assert_int_equal(unit_count(&t, E0103), 1);
	const struct diagnostic *g = unit_find(&t, E0103);
	assert_string_equal(unit_loc_text(&t, g->loc), "@");
	unit_assert_position(&t, g->loc.begin, 2, 22);
	unit_free(&t);

	/* a non-ASCII character outside a string is one stray character */
	assert_false(unit_compile(&t, "stack s {\n  \xc3\xa9\n}\n"));
	assert_int_equal(unit_count(&t, E0103), 1);
	g = unit_find(&t, E0103);
	assert_string_equal(unit_loc_text(&t, g->loc), "\xc3\xa9");
	unit_assert_position(&t, g->loc.begin, 2, 3);
	unit_free(&t);
}

static void
test_syntax_errors(void **state)
{
	(void)state;
	struct unit_compile t;
	/* an unknown declaration keyword, with a suggestion */
	assert_false(unit_compile(&t, "stack s {\n  servce w { }\n}\n"));
	const struct diagnostic *g = unit_find(&t, E0202);
	assert_non_null(g);
	assert_string_equal(unit_loc_text(&t, g->loc), "servce");
	assert_non_null(strstr(g->message, "'service'"));
	unit_free(&t);

	/* an unknown property, with a suggestion */
	assert_false(unit_compile(&t, "stack s {\n  service w { imag \"nginx\" port 80 }\n}\n"));
	g = unit_find(&t, E0202);
	assert_non_null(g);
	assert_string_equal(unit_loc_text(&t, g->loc), "imag");
	assert_non_null(strstr(g->message, "'image'"));
	unit_free(&t);

	/* a token of the wrong kind */
	assert_false(unit_compile(&t, "stack s {\n  service w { image 42 port 80 }\n}\n"));
	g = unit_find(&t, E0201);
	assert_non_null(g);
	assert_string_equal(unit_loc_text(&t, g->loc), "42");
	unit_free(&t);

	/* the parser recovers: both broken components are reported */
	assert_false(unit_compile(&t,
		"stack s {\n"
		"  service a { image 1 }\n"
		"  service b { port \"x\" }\n"
		"}\n"));
	assert_true(unit_count(&t, E0201) >= 2);
	unit_free(&t);

	/* a missing closing brace is reported at the end of the input: after
	 * the last token, on the last line, with a note at its '{' */
	assert_false(unit_compile(&t, "stack s {\n  config c { A = 1 }\n"));
	g = unit_find(&t, E0120);
	assert_non_null(g);
	assert_non_null(strstr(g->message, "end of the file"));
	assert_int_equal(g->notes.len, 1);
	assert_int_equal(((const struct note *)g->notes.items[0])->loc.begin, unit_offset_of(&t, "{", 0));
	assert_true(g->loc.begin >= unit_offset_of(&t, "}", 0) + 1);
	assert_true(g->loc.end <= t.c.src.len);
	unit_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keyword_lookup),
		cmocka_unit_test(test_keyword_table_shape),
		cmocka_unit_test(test_not_keywords),
		cmocka_unit_test(test_keyword_folded),
		cmocka_unit_test(test_keywords_as_keys),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_string_escapes),
		cmocka_unit_test(test_bad_escapes),
		cmocka_unit_test(test_interpolation),
		cmocka_unit_test(test_bad_interpolation),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_numbers_in_properties),
		cmocka_unit_test(test_bad_numbers),
		cmocka_unit_test(test_unterminated_string),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_valid_utf8_accepted),
		cmocka_unit_test(test_stray_characters),
		cmocka_unit_test(test_syntax_errors),
	};
	return cmocka_run_group_tests_name("scanner", tests, NULL, NULL);
}
