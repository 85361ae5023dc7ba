/*
 * oracle.h - what the harnesses of tests/fuzz/ share: CHECK(cond, what)
 * traps (a crash for libFuzzer, which keeps the input) when an oracle
 * fails, after saying which one on standard error (define FUZZ_NO_ORACLES
 * to turn the oracles off); and a compilation set up as the command's.
 */
#ifndef FUZZ_ORACLE_H_INCLUDED
#define FUZZ_ORACLE_H_INCLUDED

#include <stdio.h>

#include "todokc.h"

#ifdef FUZZ_NO_ORACLES
#define CHECK(cond, what) ((void)(cond))
#else
#define CHECK(cond, what) ((cond) ? (void)0 : oracle_failed(what, __FILE__, __LINE__))
#endif

static inline _Noreturn void
oracle_failed(const char *what, const char *file, int line)
{
	fprintf(stderr, "%s:%d: fuzz oracle failed: %s\n", file, line, what);
	fflush(stderr);
	__builtin_trap();
}

/* A compilation of "fuzz.todok" with the default options. */
static inline void
fuzz_compilation(struct compilation *c, struct options *opts)
{
	options_init(opts);
	opts->input = "fuzz.todok";
	compilation_init(c, opts);
}

/* A parser's answer agrees with its diagnostics: false exactly when it
 * reported an error.  Returns ok. */
static inline bool
agrees(const struct compilation *c, bool ok, const char *what)
{
	CHECK(ok == (c->diags.errors == 0), what);
	return ok;
}

#endif
