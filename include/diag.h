/*
 * diag.h - source files, locations and diagnostics.
 *
 * A location is a byte range of the one source file; line and column are
 * computed only when a diagnostic is printed.  Every diagnostic has a
 * stable code from diagnostics.def.  Diagnostics are collected during the
 * run and printed at its end, as text like a C compiler's or as JSON.
 * A secret's value never goes into a message: callers name the key.
 */
#ifndef DIAG_H_INCLUDED
#define DIAG_H_INCLUDED

#include <stdio.h>

#include "util.h"

struct loc {
	uint32_t begin, end; /* byte offsets; begin == end marks a point */
};

#define NO_LOC ((struct loc){UINT32_MAX, UINT32_MAX})
#define HAS_LOC(l) ((l).begin != UINT32_MAX)

struct source {
	const char *path;   /* as given on the command line */
	const char *text;   /* the file's bytes, NUL-terminated */
	size_t len;
	uint32_t *line_starts; /* offset of each line's first byte */
	size_t nlines;
};

void source_init(struct arena *a, struct source *src, const char *path,
                 const char *text, size_t len);
/* 1-based line and column (in characters) of an offset. */
void source_position(const struct source *src, uint32_t offset, size_t *line,
                     size_t *column);

enum severity { SEV_ERROR, SEV_WARNING, SEV_NOTE };

enum diag_code {
#define DIAG(code, severity, summary) code,
#include "diagnostics.def"
#undef DIAG
	DIAG_COUNT
};

struct diag_code_info {
	const char *name;    /* "E0301" */
	enum severity severity;
	const char *summary; /* one line for docs/diagnostics.md */
};
extern const struct diag_code_info diag_codes[DIAG_COUNT];

struct note {
	struct loc loc;
	const char *message;
};

struct diagnostic {
	enum diag_code code;
	enum severity severity; /* a warning turns into an error under --werror */
	struct loc loc;
	const char *message;
	struct vec notes; /* struct note * */
	const struct source *src; /* where loc and the notes are; NULL: the diags' source */
	const struct note *context; /* printed after the notes: the profile it was found in */
	/* A place in another file than the source (an --env-file line), or
	 * NULL: then loc is the place. */
	const char *file;
	size_t line, column;
};

/* `quiet CODE "reason"` of a component: the warning CODE is not reported
 * inside the component's block, or a profile's property of it (spans). */
struct quiet {
	enum diag_code code;
	struct vec spans;           /* struct loc *: the component's block, its properties
	                             * written in profiles */
	struct loc loc;             /* the quiet property */
	const char *owner;          /* the component's name, quoted */
	bool used;                  /* it silenced a warning */
};

struct diags {
	struct arena *arena;
	const struct source *src; /* NULL before the input is read */
	struct vec list;          /* struct diagnostic * */
	struct strmap seen;       /* "BEGIN:END:CODE:MESSAGE" -> the one reported */
	size_t errors, warnings;
	bool werror;              /* warnings count as errors */
	size_t promoted;          /* of the errors, the warnings --werror counts so */
	struct vec redacted;      /* struct loc *, in source order: secret values written
	                           * in the source, shown as '*' in excerpts */
	bool io_error;            /* a file could not be read or written (E0001, E0004) */
	size_t suggestion_budget; /* edit-distance steps left for "did you mean" (util.h) */
	/* While a profile other than the one compiled is checked: a note for
	 * what is found there, unless it is found inside `context_span`. */
	const struct note *context;
	struct loc context_span;
	struct vec quiets;        /* struct quiet *, each code and place once */
	/* Past MAX_DIAGNOSTICS, diagnostics are counted, not kept (a hostile
	 * input may make one per line); notes put on one go nowhere. */
	size_t dropped;
	struct diagnostic *overflow;
};

#define MAX_DIAGNOSTICS 10000

/* Reports a diagnostic of the severity its code has; returns it so that
 * notes can be attached. */
struct diagnostic *diag(struct diags *d, enum diag_code code, struct loc loc,
                        const char *fmt, ...) PRINTF_LIKE(4, 5);
/* The same in another source file than d->src (the .env files that
 * `todokc import compose` reads beside the Compose file); printed before
 * the diagnostics of d->src, in the order reported, and without an
 * excerpt (such a file may hold secret values on any line). */
struct diagnostic *diag_in(struct diags *d, const struct source *src, enum diag_code code,
                           struct loc loc, const char *fmt, ...) PRINTF_LIKE(5, 6);
void diag_note(struct diags *d, struct diagnostic *to, struct loc loc,
               const char *fmt, ...) PRINTF_LIKE(4, 5);
/* Reports something given again: the message at the repeat, and a note
 * (such as "first given here") at the first one. */
struct diagnostic *diag_again(struct diags *d, enum diag_code code, struct loc loc,
                              struct loc first, const char *note, const char *fmt, ...)
	PRINTF_LIKE(6, 7);

/* The code spelled NAME ("W0543"); false when there is none. */
bool diag_code_named(const char *name, enum diag_code *code);
/* Silences the warning CODE of the quiet at loc inside span too (see
 * struct quiet). */
void diag_quiet(struct diags *d, enum diag_code code, struct loc span, struct loc loc,
                const char *owner);
/* Reports each quiet that silenced nothing (W0546). */
void diag_unused_quiets(struct diags *d);

/* Marks a span of the source as a secret's value: excerpts print it as
 * '*'.  Spans are added in source order. */
void diag_redact(struct diags *d, struct loc loc);

/* Quotes a name for a message: 'name', with control characters escaped
 * by diag_escape(), at most about 200 bytes of it. */
const char *diag_quote(struct arena *a, const char *s);
/* The n names quoted, as a list: 'a', 'b' and 'c' ("" for none); of a
 * longer list of `total`, 'a', 'b', 'c' and 2 more. */
const char *diag_quote_list(struct arena *a, const char *const *names, size_t n, size_t total);
/* Appends s to b with every control character (a newline, ESC, DEL) as
 * \xHH, at most about max bytes of it (cut between characters, then
 * "..."): the one escaping of outside text (names, arguments) shown in a
 * message.  Escaping escaped text changes nothing. */
void diag_escape(struct buf *b, const char *s, size_t max);

/* Reports a diagnostic at line and column of a file other than the
 * source (an --env-file). */
struct diagnostic *diag_in_file(struct diags *d, enum diag_code code, const char *file,
                                size_t line, size_t column, const char *fmt, ...)
	PRINTF_LIKE(6, 7);

/* --color: auto is colour on a terminal, unless NO_COLOR is set or TERM
 * is "dumb". */
enum diag_color { DIAG_COLOR_AUTO, DIAG_COLOR_ALWAYS, DIAG_COLOR_NEVER };

void diag_print_text(const struct diags *d, FILE *out, bool color);
void diag_print_json(const struct diags *d, FILE *out);
/* As the commands print them: JSON, or text in colour as `color` says
 * (auto: when out is a terminal, NO_COLOR is not set and TERM is not
 * dumb).  Returns the exit status of todokc and todokc import compose: 3
 * when a file could not be read or written, 1 when there are errors,
 * else 0. */
int diag_print(const struct diags *d, bool json, enum diag_color color, FILE *out);
/* One diagnostic with no place (a bad command line) as a JSON line. */
void diag_print_bare_json(FILE *out, enum diag_code code, const char *message);

#endif
