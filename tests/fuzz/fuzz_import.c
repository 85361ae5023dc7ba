/*
 * fuzz_import.c - libFuzzer harness for `todokc import compose`, in
 * memory: the input is a Compose file, read by the Compose reader
 * (src/compose_yaml.c) and imported (import_source()) as the command
 * does, from tests/fuzz/import-base/ (compiled in as FUZZ_IMPORT_BASE),
 * whose .env, env_file, config and secret files the input may name, and
 * whose folders (conf/, mixed/) and links (conf-link, default.conf,
 * current.conf) its bind mounts may (the seeds of tests/fuzz/import/).
 * Nothing is written to disk.
 *
 * Besides the sanitizers, the harness traps (a crash for libFuzzer) when
 * an oracle fails; define FUZZ_NO_ORACLES to turn them off:
 *   - import_source() is true exactly when there are no errors;
 *   - the same input imports twice to byte-identical text and diagnostics;
 *   - the .todok is in fmt's layout: a final newline, no trailing space,
 *     no tab, never two blank lines;
 *   - the .todok parses (no E01xx or E02xx from todokc's own parser), and
 *     compiles with a value for every env("VAR") but for the constructs
 *     this todokc does not compile yet (E0409) and the values that the
 *     input itself makes invalid (E05xx; a secret variable left out of
 *     an image);
 *   - no secret value of the .env and env_file (all starting with
 *     FZsecret) is in the .todok or a diagnostic, unless the input holds
 *     it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "oracle.h"

#ifndef FUZZ_IMPORT_BASE
#define FUZZ_IMPORT_BASE "tests/fuzz/import-base"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MARKER "FZsecret"

struct result {
	bool ok;
	struct buf todok, diags;
};

/* The diagnostics as text, into a buffer. */
static void
print_diags(const struct diags *d, struct buf *out)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		fatal_oom();
	diag_print_text(d, f, false);
	diag_print_json(d, f);
	fclose(f);
	buf_append(out, text, len);
	free(text);
}

static void
import_once(const uint8_t *data, size_t size, struct result *r)
{
	struct options copts;
	options_init(&copts);
	struct compilation c;
	compilation_init(&c, &copts);
	struct import_options o = {.input = "compose.yaml"};
	struct importer im = {.c = &c, .opts = &o, .a = &c.arena, .base_dir = FUZZ_IMPORT_BASE,
	                      .input_name = "compose.yaml"};
	char *text = arena_strndup(&c.arena, (const char *)data, size);
	source_init(&c.arena, &c.src, "compose.yaml", text, size);
	c.diags.src = &c.src;
	r->ok = import_source(&im, &r->todok);
	CHECK(r->ok == (c.diags.errors == 0), "import_source() is false exactly on errors");
	print_diags(&c.diags, &r->diags);
	compilation_free(&c);
}

static void
check_layout(const struct buf *t)
{
	CHECK(t->len && t->data[t->len - 1] == '\n', "a final newline");
	CHECK(!memchr(t->data, '\t', t->len), "no tab");
	CHECK(!strstr(t->data, " \n"), "no trailing space");
	CHECK(!strstr(t->data, "\n\n\n"), "never two blank lines");
}

/* Whether a diagnostic of the compile may come from the input itself. */
static bool
allowed(const struct diagnostic *g)
{
	const char *code = diag_codes[g->code].name;
	if (g->severity != SEV_ERROR)
		return true;
	return g->code == E0409 || strncmp(code, "E05", 3) == 0;
}

/* The .todok compiles, every env("VAR") given a value. */
static void
check_compiles(const struct buf *t)
{
	struct options opts;
	options_init(&opts);
	struct compilation c;
	compilation_init(&c, &opts);
	c.env.use_environ = false;
	for (const char *p = t->data; (p = strstr(p, "env(\"")) != NULL;) {
		p += 5;
		const char *end = strchr(p, '"');
		if (!end)
			break;
		strmap_put(&c.arena, &c.env.file_vars, arena_strndup(&c.arena, p, (size_t)(end - p)),
		           "fuzz-value");
		p = end;
	}
	char *text = arena_strndup(&c.arena, t->data, t->len);
	compile_source(&c, "import.todok", text, t->len);
	for (size_t i = 0; i < c.diags.list.len; i++) {
		const struct diagnostic *g = c.diags.list.items[i];
		const char *code = diag_codes[g->code].name;
		CHECK(strncmp(code, "E01", 3) != 0 && strncmp(code, "E02", 3) != 0,
		      "the .todok parses");
		CHECK(allowed(g), "the .todok compiles");
	}
	compilation_free(&c);
}

static bool
contains(const uint8_t *data, size_t size, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i + n <= size; i++)
		if (memcmp(data + i, s, n) == 0)
			return true;
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct result a = {0}, b = {0};
	import_once(data, size, &a);
	import_once(data, size, &b);
	CHECK(a.ok == b.ok && a.todok.len == b.todok.len && a.diags.len == b.diags.len &&
	      (!a.todok.len || memcmp(a.todok.data, b.todok.data, a.todok.len) == 0) &&
	      (!a.diags.len || memcmp(a.diags.data, b.diags.data, a.diags.len) == 0),
	      "the same input imports to the same output");
	bool has_marker = contains(data, size, MARKER);
	if (a.ok && a.todok.len) {
		check_layout(&a.todok);
		check_compiles(&a.todok);
		CHECK(has_marker || !contains((const uint8_t *)a.todok.data, a.todok.len, MARKER),
		      "no secret value in the .todok");
	}
	CHECK(has_marker || !a.diags.len || !contains((const uint8_t *)a.diags.data, a.diags.len, MARKER),
	      "no secret value in a diagnostic");
	buf_free(&a.todok);
	buf_free(&a.diags);
	buf_free(&b.todok);
	buf_free(&b.diags);
	return 0;
}
