/*
 * oracle.h - what the harnesses of tests/fuzz/ share: CHECK(cond, what)
 * traps (a crash for libFuzzer, which keeps the input) when an oracle
 * fails, after saying which one on standard error.
 */
#ifndef FUZZ_ORACLE_H_INCLUDED
#define FUZZ_ORACLE_H_INCLUDED

#include <stdio.h>

#define CHECK(cond, what) ((cond) ? (void)0 : oracle_failed(what, __FILE__, __LINE__))

static inline _Noreturn void
oracle_failed(const char *what, const char *file, int line)
{
	fprintf(stderr, "%s:%d: fuzz oracle failed: %s\n", file, line, what);
	fflush(stderr);
	__builtin_trap();
}

#endif
