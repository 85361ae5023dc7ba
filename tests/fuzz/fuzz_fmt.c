/*
 * fuzz_fmt.c - libFuzzer harness for `todokc fmt` (src/fmt_layout.c), in
 * memory.  For every input that formats (no syntax error), it traps (a
 * crash for libFuzzer) when an oracle fails:
 *   - formatting is idempotent: the layout of the layout is the layout;
 *   - the layout holds the same tokens with the same bytes, in the same
 *     order (comments without their trailing blanks), and each token is
 *     where the formatter says it put it; a byte order mark that opens the
 *     input opens the layout;
 *   - the formatted text compiles exactly as the original: the same
 *     verdict, the same YAML stream, and the same diagnostics (codes and
 *     messages; their positions move; but W0102, a carriage return alone,
 *     which the layout's LF line ends leave out);
 *   - the text has no trailing blanks, no two blank lines, LF line ends
 *     and one final newline.
 * An input with syntax errors must be refused, and then nothing is
 * written.  env("VAR") reads preloaded variables, file("...") is relative
 * to tests/fuzz/base/ (FUZZ_BASE_DIR), as in fuzz_compile.c.  Leaks and
 * sanitizer reports fail too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "oracle.h"
#include "tools.h"

#ifndef FUZZ_BASE_DIR
#define FUZZ_BASE_DIR "tests/fuzz/base"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static bool
same(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static void
setup(struct compilation *c, struct options *o)
{
	options_init(o);
	o->input = "fuzz.todok";
	compilation_init(c, o);
	c->env.use_environ = false;
	c->base_dir = FUZZ_BASE_DIR;
	strmap_put(&c->arena, &c->env.file_vars, "SECRET", (void *)"FZsecretq7w3");
	strmap_put(&c->arena, &c->env.file_vars, "POSTGRES_PASSWORD", (void *)"FZsecretPG");
}

/* What the command does with a text: its stream (or nothing) and the
 * diagnostics' codes and messages. */
static void
compile_text(const char *text, size_t len, struct buf *out, struct buf *diags)
{
	struct options o;
	struct compilation c;
	setup(&c, &o);
	char *copy = arena_strndup(&c.arena, text, len);
	bool ok = compile_source(&c, o.input, copy, len);
	buf_printf(out, "ok=%d\n", ok);
	if (ok)
		render_stream(&c, out);
	for (size_t i = 0; i < c.diags.list.len; i++) {
		const struct diagnostic *g = c.diags.list.items[i];
		if (g->code == W0102)
			continue; /* a carriage return alone: the layout's line ends are LF */
		buf_printf(diags, "%s %s\n", diag_codes[g->code].name, g->message);
		for (size_t j = 0; j < g->notes.len; j++)
			buf_printf(diags, "  %s\n", ((const struct note *)g->notes.items[j])->message);
	}
	compilation_free(&c);
}

/* The tokens of the layout are the input's, where the layout put them. */
static void
check_tokens(const struct compilation *c, const struct buf *out, const struct loc *placed)
{
	const struct syntax *sx = c->syntax;
	static const char bom[] = "\xEF\xBB\xBF";
	bool kept_bom = c->src.len >= 3 && memcmp(c->src.text, bom, 3) == 0;
	CHECK(!kept_bom || (out->len >= 3 && memcmp(out->data, bom, 3) == 0),
	      "the byte order mark is lost");
	uint32_t end = kept_bom ? 3 : 0; /* the layout keeps a byte order mark first */
	for (size_t i = 0; i < sx->ntokens; i++) {
		struct loc in = sx->tokens[i].loc, at = placed[i];
		size_t len = at.end - at.begin;
		CHECK(at.begin >= end && at.end <= out->len, "a token is placed out of order");
		CHECK(len == in.end - in.begin || (sx->tokens[i].kind == TOKEN_COMMENT &&
		                                   len <= in.end - in.begin),
		      "a token changed its length");
		CHECK(memcmp(out->data + at.begin, c->src.text + in.begin, len) == 0,
		      "a token changed its bytes");
		for (uint32_t k = end; k < at.begin; k++)
			CHECK(out->data[k] == ' ' || out->data[k] == '\n', "not a blank between tokens");
		end = at.end;
	}
}

static void
check_text(const struct buf *out)
{
	if (!out->len)
		return;
	CHECK(out->data[out->len - 1] == '\n', "no final newline");
	CHECK(out->len < 2 || out->data[out->len - 2] != '\n', "a blank line at the end");
	for (size_t i = 0; i + 1 < out->len; i++) {
		CHECK(!(out->data[i] == ' ' && out->data[i + 1] == '\n'), "a trailing blank");
		CHECK(i + 2 >= out->len || !(out->data[i] == '\n' && out->data[i + 1] == '\n' &&
		                             out->data[i + 2] == '\n'),
		      "two blank lines");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct options o;
	struct compilation c;
	setup(&c, &o);
	char *text = arena_strndup(&c.arena, (const char *)data, size);
	struct buf out = {0};
	struct loc *placed = NULL;
	if (!format_source(&c, o.input, text, size, &out, &placed)) {
		CHECK(has_syntax_errors(&c.diags) && out.len == 0, "a refusal without a syntax error");
		compilation_free(&c);
		return 0;
	}
	check_tokens(&c, &out, placed);
	check_text(&out);

	struct options o2;
	struct compilation c2;
	setup(&c2, &o2);
	struct buf again = {0};
	char *copy = arena_strndup(&c2.arena, out.data ? out.data : "", out.len);
	CHECK(format_source(&c2, o2.input, copy, out.len, &again, NULL), "the layout does not parse");
	CHECK(same(&out, &again), "formatting is not idempotent");
	CHECK(c2.syntax->ntokens == c.syntax->ntokens, "the layout has other tokens");
	for (size_t i = 0; i < c.syntax->ntokens; i++)
		CHECK(c2.syntax->tokens[i].kind == c.syntax->tokens[i].kind,
		      "the layout reads as other tokens");

	struct buf y1 = {0}, d1 = {0}, y2 = {0}, d2 = {0};
	compile_text(text, size, &y1, &d1);
	compile_text(out.data ? out.data : "", out.len, &y2, &d2);
	CHECK(same(&y1, &y2), "the layout compiles to other manifests");
	CHECK(same(&d1, &d2), "the layout compiles with other diagnostics");
	buf_free(&y1);
	buf_free(&d1);
	buf_free(&y2);
	buf_free(&d2);
	buf_free(&again);
	buf_free(&out);
	compilation_free(&c2);
	compilation_free(&c);
	return 0;
}
