/*
 * fuzz_parse.c - libFuzzer harness for the front end alone: the UTF-8 and
 * NUL check, the flex scanner, the bison parser and the helpers they call
 * (string escapes, interpolations, numbers).  Nothing after parse_source()
 * runs, so the fuzzer's time goes to the grammar.
 *
 * Built by mk/fuzz.mk (make fuzz); any sanitizer report, leak or crash
 * fails the run.  The input is copied into a NUL-terminated buffer in the
 * compilation's arena, as read_input() does for the command.
 */
#include <stdint.h>
#include <string.h>

#include "todokc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct options opts;
	options_init(&opts);
	opts.input = "fuzz.todok";
	struct compilation c;
	compilation_init(&c, &opts);
	c.env.use_environ = false;
	char *text = arena_strndup(&c.arena, (const char *)data, size);
	/* The order of compile_source(), stopping after the parser. */
	source_init(&c.arena, &c.src, opts.input, text, size);
	c.diags.src = &c.src;
	bool ok = parse_source(&c);
	/* Invariants of the result: errors iff false, a tree on success. */
	if (ok != (c.diags.errors == 0) || (ok && !c.ast))
		__builtin_trap();
	compilation_free(&c);
	return 0;
}
