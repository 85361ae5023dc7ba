/*
 * tools.h - the subcommands beside the compiler: `todokc fmt` (src/fmt.c,
 * src/fmt_layout.c), `todokc lsp` (src/lsp*.c) and `todokc import
 * compose` (src/import*.c, include/import.h), and what they share.
 * main() calls fmt_main(), lsp_main() or import_main() when its first
 * argument is `fmt`, `lsp` or `import`.  docs/tools.md describes them.
 */
#ifndef TOOLS_H_INCLUDED
#define TOOLS_H_INCLUDED

#include "todokc.h"

/* `todokc fmt [--check | -w] FILE...`, `todokc lsp` and `todokc import
 * compose FILE [-o FILE.todok]`: argv[0] is the subcommand's name.  Each
 * returns the exit status. */
int fmt_main(int argc, char **argv);
int lsp_main(int argc, char **argv);
int import_main(int argc, char **argv);

/* A bad command line: "COMMAND: error: " and the message, a hint at
 * COMMAND --help, on standard error (the message as usage_message()
 * gives it); returns 2, the exit status of a bad command line. */
int usage_error_of(const char *command, const char *fmt, ...) PRINTF_LIKE(2, 3);
/* The message of a usage error: fmt with its arguments, every control
 * character escaped by diag_escape(); malloc'd (free() it). */
char *usage_message(const char *fmt, ...) PRINTF_LIKE(1, 2);
/* The option of a usage text closest to the unknown option arg (its name
 * before any '='), when one is close enough to suggest: "--werrror" gives
 * "--werror".  Written into best; false when none is. */
#define OPTION_NAME_MAX 32
bool closest_option(const char *usage, const char *arg, char best[OPTION_NAME_MAX]);

/* The keywords of include/keywords.def with their roles ("declaration",
 * "property", ...), in the order of their spellings (src/tools.c). */
struct keyword_info {
	const char *spelling;
	int token;
	const char *role;
};
extern const struct keyword_info *const keywords_by_spelling;
extern const size_t nkeywords;
/* The keyword of a token, or NULL when it is none. */
const struct keyword_info *keyword_info(int token);
bool keyword_has_role(int token, const char *role);
/* Whether a property starting with `word` may be written in a block
 * opened by `block_word` ("service", "job", "sidecar", "variant", ...),
 * by the lowering's table of properties (src/lower_component.c); true
 * when either word is not one it knows. */
bool property_belongs(const char *word, const char *block_word);
/* A name or a keyword (which may be a name). */
bool token_is_word(int kind);

/* The structure of the tokens a parse recorded (c->syntax): for each
 * token, the index of the '}' that closes it when it is a '{', and the
 * last token of the outermost statement that starts at it; SYNTAX_NONE
 * otherwise (unmatched braces, tokens that start no statement). */
enum { SYNTAX_NONE = -1 };
struct syntax_index {
	long *close;
	long *last;
};
void syntax_index(struct arena *a, const struct syntax *sx, struct syntax_index *ix);
/* The first token whose begin (by_end: end) is at or after `at`. */
size_t syntax_token_from(const struct syntax *sx, uint32_t at, bool by_end);

/* Whether the diagnostics hold an error that stops formatting: one of the
 * input (E00xx), its characters and tokens (E01xx) or its syntax (E02xx).
 * Other errors (an unknown reference, an unset env()) do not. */
bool has_syntax_errors(const struct diags *d);

/* Parses text (which must outlive c) with its tokens and statements
 * recorded, and writes the canonical layout of it to out (and, when
 * placed is not NULL, the places of the tokens in *placed, in c's arena).
 * False, with the diagnostics in c, when the text has syntax errors
 * (then out is untouched). */
bool format_source(struct compilation *c, const char *path, const char *text, size_t len,
                   struct buf *out, struct loc **placed);

/* The canonical layout of a file parsed with c->syntax set and without
 * syntax errors (src/fmt_layout.c).  When placed is not NULL (an entry
 * per token), placed[i] is where token i went in out: the layout changes
 * only the blanks between tokens (and after comments), so these places
 * give the edits that turn the file into its layout. */
void format_syntax(struct compilation *c, struct buf *out, struct loc *placed);

#endif
