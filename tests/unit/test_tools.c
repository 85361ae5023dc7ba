/*
 * test_tools.c - what todokc fmt and todokc lsp build on: the keyword
 * table with roles (src/tools.c) agrees with the scanner's for every
 * keyword; which diagnostics stop formatting; the formatter on texts
 * held in memory (idempotent, tokens placed where they went); and the
 * language server's positions: byte offsets to lines and UTF-16 code
 * units and back (src/lsp_doc.c), with characters of 1 to 4 bytes, CRLF
 * line ends and positions past a line's or the text's end.
 */
#include "unit_helpers.h"

#include "lsp.h"
#include "parse.h"
#include "todok.tab.h"

static void
test_keyword_roles(void **state)
{
	(void)state;
	assert_true(nkeywords > 100);
	for (size_t i = 0; i < nkeywords; i++) {
		const struct keyword_info *k = &keywords_by_spelling[i];
		assert_ptr_equal(keyword_info(k->token), k);
		assert_int_equal(keyword_token(k->spelling, strlen(k->spelling)), k->token);
		assert_true(token_is_word(k->token));
		assert_true(keyword_has_role(k->token, k->role));
	}
	assert_true(keyword_has_role(KW_SERVICE, "declaration"));
	assert_true(keyword_has_role(KW_IMAGE, "property"));
	assert_true(keyword_has_role(KW_READ_ONLY, "modifier"));
	assert_false(keyword_has_role(KW_IMAGE, "declaration"));
	assert_null(keyword_info(WORD));
	assert_null(keyword_info('{'));
	assert_true(token_is_word(WORD));
	assert_false(token_is_word(STRING));
}

/* Formats text; NULL when it has syntax errors. */
static char *
format(struct compilation *c, struct options *o, const char *text, struct loc **placed)
{
	options_init(o);
	compilation_init(c, o);
	struct buf out = {0};
	if (!format_source(c, "t.todok", text, strlen(text), &out, placed)) {
		buf_free(&out);
		return NULL;
	}
	return arena_buf_take(&c->arena, &out);
}

static void
test_format(void **state)
{
	(void)state;
	struct options o;
	struct compilation c;
	struct loc *placed;
	const char *text = "stack s{service a{image \"x\"   port 80 env{A=1 BB=a.port}}}  # end";
	char *out = format(&c, &o, text, &placed);
	assert_non_null(out);
	assert_string_equal(out, "stack s {\n"
	                         "  service a {\n"
	                         "    image \"x\"\n"
	                         "    port 80\n"
	                         "    env {\n"
	                         "      A  = 1\n"
	                         "      BB = a.port\n"
	                         "    }\n"
	                         "  }\n"
	                         "}  # end\n");
	/* Each token went where the layout says, with its bytes. */
	for (size_t i = 0; i < c.syntax->ntokens; i++) {
		struct loc in = c.syntax->tokens[i].loc;
		assert_int_equal(placed[i].end - placed[i].begin, in.end - in.begin);
		assert_memory_equal(out + placed[i].begin, text + in.begin, in.end - in.begin);
	}
	struct options o2;
	struct compilation c2;
	char *again = format(&c2, &o2, out, NULL);
	assert_string_equal(again, out);
	compilation_free(&c2);
	compilation_free(&c);
	/* A syntax error stops formatting; an unknown name (no syntax error
	 * of the parser's) does not. */
	assert_null(format(&c, &o, "stack s { service a { port } }", NULL));
	assert_true(has_syntax_errors(&c.diags));
	compilation_free(&c);
	assert_null(format(&c, &o, "stack s { param p = \"a\\q\" }", NULL));
	compilation_free(&c);
	assert_non_null(format(&c, &o, "stack s { config c { A = nope.x } }", NULL));
	assert_false(has_syntax_errors(&c.diags));
	compilation_free(&c);
}

static void
expect_position(const struct lsp_lines *lines, uint32_t offset, json_int_t line,
                json_int_t character)
{
	json_t *p = lsp_position_in(lines, offset);
	assert_int_equal(json_integer_value(json_object_get(p, "line")), line);
	assert_int_equal(json_integer_value(json_object_get(p, "character")), character);
	json_decref(p);
}

static void
test_positions(void **state)
{
	(void)state;
	/* "a" 1 byte, "é" 2, "☕" 3, "𝄞" 4 bytes (two UTF-16 units). */
	const char *text = "a\xC3\xA9\xE2\x98\x95\xF0\x9D\x84\x9Ez\r\n\nlast";
	size_t len = strlen(text);
	struct arena a = {0};
	struct source src;
	source_init(&a, &src, "t", text, len);
	struct lsp_lines lines;
	lsp_lines_init(&a, &src, &lines);
	expect_position(&lines, 0, 0, 0);
	expect_position(&lines, 1, 0, 1);   /* before é */
	expect_position(&lines, 3, 0, 2);   /* before ☕ */
	expect_position(&lines, 6, 0, 3);   /* before 𝄞 */
	expect_position(&lines, 10, 0, 5);  /* before z: 𝄞 counts 2 */
	expect_position(&lines, 11, 0, 6);  /* before \r */
	expect_position(&lines, 13, 1, 0);
	expect_position(&lines, 14, 2, 0);
	expect_position(&lines, (uint32_t)len, 2, 4);
	expect_position(&lines, (uint32_t)len + 50, 2, 4); /* past the end: the end */
	assert_int_equal(lsp_offset(text, len, 0, 0), 0);
	assert_int_equal(lsp_offset(text, len, 0, 2), 3);
	assert_int_equal(lsp_offset(text, len, 0, 5), 10);
	assert_int_equal(lsp_offset(text, len, 0, 4), 10);  /* inside a surrogate pair */
	assert_int_equal(lsp_offset(text, len, 0, 99), 11); /* past the line: before its \r\n */
	assert_int_equal(lsp_offset(text, len, 1, 0), 13);
	assert_int_equal(lsp_offset(text, len, 1, 7), 13);  /* an empty line */
	assert_int_equal(lsp_offset(text, len, 2, 4), len);
	assert_int_equal(lsp_offset(text, len, 9, 0), len); /* past the last line */
	json_t *r = lsp_range_in(&lines, NO_LOC);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(r, "end"), "line")), 0);
	json_decref(r);
	/* A lone CR ends a line for LSP (the compiler's lines end at LF only). */
	const char *cr = "a\rb\r\nc";
	struct source cr_src;
	source_init(&a, &cr_src, "cr", cr, strlen(cr));
	struct lsp_lines cr_lines;
	lsp_lines_init(&a, &cr_src, &cr_lines);
	expect_position(&cr_lines, 2, 1, 0); /* b */
	expect_position(&cr_lines, 5, 2, 0); /* c */
	arena_free(&a);
}

int
main(void)
{
	json_set_alloc_funcs(xmalloc, free);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keyword_roles),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_positions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
