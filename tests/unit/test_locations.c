/*
 * test_locations.c - source locations (include/diag.h): source_position()
 * turns a byte offset into a 1-based line and a 1-based column counted in
 * characters (a UTF-8 sequence is one column, a tab is one column), and
 * the parser gives each token the exact byte range it was written at, so
 * that a diagnostic lies on the word it is about (an unknown reference on
 * the name, a bad member on the member, a duplicate's note on the first
 * declaration).
 */
#include "unit_helpers.h"

/* source_position on a bare source */

struct src_fixture {
	struct arena arena;
	struct source src;
};

static void
load(struct src_fixture *f, const char *text, size_t len)
{
	memset(f, 0, sizeof *f);
	source_init(&f->arena, &f->src, "t.todok", text, len);
}

static void
at(const struct src_fixture *f, uint32_t offset, size_t line, size_t column)
{
	size_t l = 0, c = 0;
	source_position(&f->src, offset, &l, &c);
	if (l != line || c != column)
		fail_msg("offset %u is %zu:%zu, expected %zu:%zu", offset, l, c, line, column);
}

static void
test_lines_and_columns(void **state)
{
	(void)state;
	struct src_fixture f;
	const char *text = "ab\ncd\n\nefg";
	load(&f, text, strlen(text));
	assert_int_equal(f.src.nlines, 4);
	at(&f, 0, 1, 1);
	at(&f, 1, 1, 2);
	at(&f, 2, 1, 3);  /* the newline ends its own line */
	at(&f, 3, 2, 1);
	at(&f, 5, 2, 3);
	at(&f, 6, 3, 1);  /* an empty line */
	at(&f, 7, 4, 1);
	at(&f, 9, 4, 3);
	at(&f, 10, 4, 4); /* the end of the input, just after the last character */
	arena_free(&f.arena);
}

static void
test_edges(void **state)
{
	(void)state;
	struct src_fixture f;
	load(&f, "", 0);
	assert_int_equal(f.src.nlines, 1);
	at(&f, 0, 1, 1);
	at(&f, 100, 1, 1); /* past the end: clamped */
	arena_free(&f.arena);

	load(&f, "abc\n", 4);
	at(&f, 4, 2, 1);   /* after a final newline: the empty last line */
	at(&f, 9999, 2, 1);
	arena_free(&f.arena);

	load(&f, "\n\n\n", 3);
	at(&f, 0, 1, 1);
	at(&f, 1, 2, 1);
	at(&f, 2, 3, 1);
	at(&f, 3, 4, 1);
	arena_free(&f.arena);
}

static void
test_columns_in_characters(void **state)
{
	(void)state;
	struct src_fixture f;
	/* é (2 bytes), € (3 bytes), 😀 (4 bytes): each one column */
	const char *text = "x = \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\" y\n\xc3\xa9z";
	load(&f, text, strlen(text));
	at(&f, 4, 1, 5);   /* the quote */
	at(&f, 5, 1, 6);   /* é */
	at(&f, 7, 1, 7);   /* € */
	at(&f, 10, 1, 8);  /* 😀 */
	at(&f, 14, 1, 9);  /* the closing quote */
	at(&f, 16, 1, 11); /* y */
	at(&f, 18, 2, 1);  /* é at the start of line 2 */
	at(&f, 20, 2, 2);  /* z */
	arena_free(&f.arena);
	/* a tab and a carriage return are one column each */
	load(&f, "\ta\r\nb", 5);
	at(&f, 1, 1, 2);
	at(&f, 2, 1, 3);
	at(&f, 4, 2, 1);
	arena_free(&f.arena);
}

/* Many lines: the line search is right everywhere, not only at the ends. */
static void
test_many_lines(void **state)
{
	(void)state;
	enum { LINES = 20000 };
	struct buf b = {0};
	struct vec starts = {0};
	struct arena scratch = {0};
	for (size_t i = 0; i < LINES; i++) {
		vec_push(&scratch, &starts, (void *)(uintptr_t)b.len);
		/* lines of varying length, some with multi-byte characters */
		for (size_t k = 0; k < i % 7; k++)
			buf_puts(&b, i % 3 ? "x" : "\xc3\xa9");
		buf_putc(&b, '\n');
	}
	struct src_fixture f;
	load(&f, b.data, b.len);
	assert_int_equal(f.src.nlines, LINES + 1);
	for (size_t i = 0; i < LINES; i++) {
		uint32_t start = (uint32_t)(uintptr_t)starts.items[i];
		size_t l, c;
		source_position(&f.src, start, &l, &c);
		if (l != i + 1 || c != 1)
			fail_msg("line %zu starts at %u, found %zu:%zu", i + 1, start, l, c);
		/* the newline of the line: column = characters + 1 */
		uint32_t nl = (uint32_t)(i + 1 < LINES ? (uintptr_t)starts.items[i + 1] - 1 : b.len - 1);
		source_position(&f.src, nl, &l, &c);
		if (l != i + 1 || c != i % 7 + 1)
			fail_msg("line %zu: its newline is at %zu:%zu", i + 1, l, c);
	}
	arena_free(&f.arena);
	arena_free(&scratch);
	buf_free(&b);
}

/* Locations of parsed tokens */

/* Compiles src, expects exactly one diagnostic with this code (and maybe
 * others), and returns it. */
static const struct diagnostic *
one(struct unit_compile *t, const char *src, enum diag_code code)
{
	unit_compile(t, src);
	if (unit_count(t, code) != 1) {
		unit_dump(t);
		fail_msg("expected one %s", diag_codes[code].name);
	}
	return unit_find(t, code);
}

static void
test_unknown_reference_on_the_name(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  config app-config { A = \"1\" }\n"
		"  service w {\n"
		"    image \"nginx\"\n"
		"    port 80\n"
		"    env from app-confg\n"
		"  }\n"
		"}\n";
	const struct diagnostic *g = one(&t, src, E0301);
	assert_string_equal(unit_loc_text(&t, g->loc), "app-confg");
	unit_assert_position(&t, g->loc.begin, 6, 14);
	unit_assert_position(&t, g->loc.end, 6, 23);
	assert_non_null(strstr(g->message, "'app-config'")); /* the suggestion */
	unit_free(&t);
}

static void
test_reference_locations(void **state)
{
	(void)state;
	struct unit_compile t;
	/* an unknown name as a value: on the name */
	const char *src =
		"stack s {\n"
		"  service w { image \"nginx\" port 80 env { A = nope } }\n"
		"}\n";
	const struct diagnostic *g = one(&t, src, E0301);
	assert_string_equal(unit_loc_text(&t, g->loc), "nope");
	unit_assert_position(&t, g->loc.begin, 2, 47);
	unit_free(&t);

	/* an unknown name inside ${...}: on the name, not the braces */
	src = "stack s {\n"
	      "  service w { image \"nginx\" port 80 env { A = \"x${nope}\" } }\n"
	      "}\n";
	g = one(&t, src, E0301);
	assert_string_equal(unit_loc_text(&t, g->loc), "nope");
	unit_assert_position(&t, g->loc.begin, 2, 51);
	unit_free(&t);

	/* an unknown member: on the member */
	src = "stack s {\n"
	      "  config cfg { A = \"1\" }\n"
	      "  service w { image \"nginx\" port 80 env { X = cfg.B } }\n"
	      "}\n";
	g = one(&t, src, E0302);
	assert_string_equal(unit_loc_text(&t, g->loc), "B");
	unit_free(&t);

	/* the same inside ${...}, after an escape that is longer in the source
	 * than in the decoded text */
	src = "stack s {\n"
	      "  config cfg { A = \"1\" }\n"
	      "  service w { image \"nginx\" port 80 env { X = \"\\u{1F600}\\t${cfg.Bee}\" } }\n"
	      "}\n";
	g = one(&t, src, E0302);
	assert_string_equal(unit_loc_text(&t, g->loc), "Bee");
	unit_free(&t);

	/* an unknown workload after "after" */
	src = "stack s {\n"
	      "  service web { image \"nginx\" port 80 after dbb }\n"
	      "  service db { image \"postgres\" port 5432 }\n"
	      "}\n";
	g = one(&t, src, E0301);
	assert_string_equal(unit_loc_text(&t, g->loc), "dbb");
	assert_non_null(strstr(g->message, "'db'"));
	unit_free(&t);
}

/* Columns count characters: a multi-byte string earlier on the line. */
static void
test_location_after_multibyte(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  service w { image \"nginx\" port 80 env { A = \"été😀\" B = nope } }\n"
		"}\n";
	const struct diagnostic *g = one(&t, src, E0301);
	assert_string_equal(unit_loc_text(&t, g->loc), "nope");
	/* the quote is column 47, then 4 characters, the quote and " B = " */
	unit_assert_position(&t, g->loc.begin, 2, 58);
	unit_free(&t);
}

static void
test_duplicate_points_at_both(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  config dup { A = \"1\" }\n"
		"  secret dup { B = \"2\" }\n"
		"}\n";
	unit_compile(&t, src);
	const struct diagnostic *g = unit_find(&t, E0401);
	assert_non_null(g);
	assert_string_equal(unit_loc_text(&t, g->loc), "dup");
	unit_assert_position(&t, g->loc.begin, 3, 10);
	assert_true(g->notes.len >= 1);
	const struct note *n = g->notes.items[0];
	assert_string_equal(unit_loc_text(&t, n->loc), "dup");
	unit_assert_position(&t, n->loc.begin, 2, 10);
	unit_free(&t);
}

/* The syntax tree's locations: items, names, properties and strings. */
static void
test_ast_locations(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack shop {\n"
		"  service web {\n"
		"    image \"nginx:1.27\"\n"
		"    port http 8080\n"
		"  }\n"
		"}\n";
	if (!unit_parse(&t, src))
		unit_dump(&t);
	assert_true(t.ok);
	struct ast_stack *st = t.c.ast;
	assert_string_equal(unit_loc_text(&t, st->name.loc), "shop");
	assert_int_equal(st->loc.begin, 0);
	struct ast_item *it = st->items.items[0];
	assert_string_equal(unit_loc_text(&t, it->kw_loc), "service");
	assert_string_equal(unit_loc_text(&t, it->name.loc), "web");
	assert_memory_equal(unit_loc_text(&t, it->loc), "service web {", 13);
	struct ast_prop *image = it->props.items[0];
	assert_string_equal(unit_loc_text(&t, image->loc), "image \"nginx:1.27\"");
	assert_string_equal(unit_loc_text(&t, image->kw_loc), "image");
	assert_string_equal(unit_loc_text(&t, image->u.image->loc), "\"nginx:1.27\"");
	struct ast_prop *port = it->props.items[1];
	assert_string_equal(unit_loc_text(&t, port->loc), "port http 8080");
	assert_string_equal(unit_loc_text(&t, port->u.port->name.loc), "http");
	assert_string_equal(unit_loc_text(&t, port->u.port->number.loc), "8080");
	unit_assert_position(&t, port->u.port->number.loc.begin, 4, 15);
	unit_free(&t);
	/* the lowered component keeps them (a compile frees the tree) */
	assert_true(unit_compile(&t, src));
	assert_null(t.c.ast);
	struct component *w = t.c.stack->components.items[0];
	assert_string_equal(unit_loc_text(&t, w->name.loc), "web");
	struct container_port *p = WORKLOAD_OF(w)->main->ports.items[0];
	assert_string_equal(unit_loc_text(&t, p->name_loc), "http");
	unit_free(&t);
}

/* A probe on an undeclared port is blamed on its "on NAME". */
static void
test_probe_port_location(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  service w {\n"
		"    image \"nginx\"\n"
		"    port 80\n"
		"    readiness http \"/\" on admin\n"
		"  }\n"
		"}\n";
	const struct diagnostic *g = one(&t, src, E0304);
	const char *text = unit_loc_text(&t, g->loc);
	assert_non_null(strstr(text, "admin"));
	assert_true(g->loc.begin >= unit_offset_of(&t, "on admin", 0));
	unit_assert_position(&t, g->loc.end, 5, 32);
	unit_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines_and_columns),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_columns_in_characters),
		cmocka_unit_test(test_many_lines),
		cmocka_unit_test(test_unknown_reference_on_the_name),
		cmocka_unit_test(test_reference_locations),
		cmocka_unit_test(test_location_after_multibyte),
		cmocka_unit_test(test_duplicate_points_at_both),
		cmocka_unit_test(test_ast_locations),
		cmocka_unit_test(test_probe_port_location),
	};
	return cmocka_run_group_tests_name("locations", tests, NULL, NULL);
}
