/*
 * unit_helpers.h - what the cmocka suites of tests/unit share: compiling a
 * .todok text held in memory through the library (compile_source; parse_source
 * alone, or a compile that records the syntax, to look at the syntax tree) and looking at the
 * diagnostics it gave, with their locations.
 *
 *   struct unit_compile t;
 *   unit_compile(&t, "stack s { ... }");
 *   const struct diagnostic *g = unit_find(&t, E0301);
 *   assert_string_equal(unit_loc_text(&t, g->loc), "app-confg");
 *   unit_free(&t);
 *
 * Everything is static inline so that a suite that does not use a helper
 * still builds under -Werror.  Not a test itself (the Makefile builds only
 * tests/unit/test_*.c).
 */
#ifndef TODOKC_UNIT_HELPERS_H
#define TODOKC_UNIT_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "objects.h"

/* A compilation with its options (options_init()'s defaults unless given). */
struct unit_compile {
	struct options opts;
	struct compilation c;
	bool ok;
};

/* Compiles text (which must outlive t) with these options (NULL: the
 * defaults); false when there are errors. */
static inline bool
unit_compile_opts(struct unit_compile *t, const char *text, size_t len,
                  const struct options *opts)
{
	if (opts)
		t->opts = *opts;
	else
		options_init(&t->opts);
	if (!t->opts.input)
		t->opts.input = "t.todok";
	compilation_init(&t->c, &t->opts);
	t->ok = compile_source(&t->c, "t.todok", text, len);
	return t->ok;
}

static inline bool
unit_compile_n(struct unit_compile *t, const char *text, size_t len)
{
	return unit_compile_opts(t, text, len, NULL);
}

static inline bool
unit_compile(struct unit_compile *t, const char *text)
{
	return unit_compile_n(t, text, strlen(text));
}

/* Parses text only, for the suites that look at the syntax tree (a
 * compile frees the tree's items and properties once they are lowered). */
static inline bool
unit_parse(struct unit_compile *t, const char *text)
{
	options_init(&t->opts);
	t->opts.input = "t.todok";
	compilation_init(&t->c, &t->opts);
	source_init(&t->c.arena, &t->c.src, "t.todok", text, strlen(text));
	t->c.diags.src = &t->c.src;
	t->ok = parse_source(&t->c);
	return t->ok;
}

/* Compiles text as the language server does, recording the syntax, so
 * that the syntax tree is kept for the suite to look at. */
static inline bool
unit_compile_keeping_tree(struct unit_compile *t, const char *text)
{
	options_init(&t->opts);
	t->opts.input = "t.todok";
	compilation_init(&t->c, &t->opts);
	t->c.syntax = NEW(&t->c.arena, struct syntax);
	t->ok = compile_source(&t->c, "t.todok", text, strlen(text));
	return t->ok;
}

static inline void
unit_free(struct unit_compile *t)
{
	compilation_free(&t->c);
}

static inline size_t
unit_count(const struct unit_compile *t, enum diag_code code)
{
	size_t n = 0;
	for (size_t i = 0; i < t->c.diags.list.len; i++)
		n += ((const struct diagnostic *)t->c.diags.list.items[i])->code == code;
	return n;
}

/* The first diagnostic with this code, or NULL. */
static inline const struct diagnostic *
unit_find(const struct unit_compile *t, enum diag_code code)
{
	for (size_t i = 0; i < t->c.diags.list.len; i++) {
		const struct diagnostic *g = t->c.diags.list.items[i];
		if (g->code == code)
			return g;
	}
	return NULL;
}

/* Prints every diagnostic (to help when an assertion fails). */
static inline void
unit_dump(const struct unit_compile *t)
{
	for (size_t i = 0; i < t->c.diags.list.len; i++) {
		const struct diagnostic *g = t->c.diags.list.items[i];
		size_t line = 0, col = 0;
		if (HAS_LOC(g->loc))
			source_position(&t->c.src, g->loc.begin, &line, &col);
		print_message("  %s %zu:%zu %s\n", diag_codes[g->code].name, line, col, g->message);
	}
}

/* The source text a location covers, in the compilation's arena. */
static inline const char *
unit_loc_text(struct unit_compile *t, struct loc loc)
{
	assert_true(HAS_LOC(loc));
	assert_true(loc.begin <= loc.end);
	assert_true(loc.end <= t->c.src.len);
	return arena_strndup(&t->c.arena, t->c.src.text + loc.begin, loc.end - loc.begin);
}

/* Asserts the 1-based line and column of an offset. */
static inline void
unit_assert_position(const struct unit_compile *t, uint32_t offset, size_t line, size_t column)
{
	size_t l = 0, c = 0;
	source_position(&t->c.src, offset, &l, &c);
	assert_int_equal(l, line);
	assert_int_equal(c, column);
}

/* The offset of the n-th (0-based) occurrence of needle in the source. */
static inline uint32_t
unit_offset_of(const struct unit_compile *t, const char *needle, int n)
{
	const char *p = t->c.src.text;
	for (;;) {
		p = strstr(p, needle);
		assert_non_null(p);
		if (n-- == 0)
			return (uint32_t)(p - t->c.src.text);
		p++;
	}
}

#endif
