/*
 * parse.h - what the scanner and the parser share: the parse context
 * (the scanner's extra data and the parser's parameter) and the helpers
 * their actions call.  Only grammar/ and src/parse*.c include it.
 */
#ifndef PARSE_H_INCLUDED
#define PARSE_H_INCLUDED

#include "todokc.h"

/* Where the scanner is with respect to a secret's block: the words
 * "secret NAME {" open one, whose values are secret. */
enum secret_head { HEAD_NONE, HEAD_SECRET, HEAD_NAME };

struct recover; /* src/parse_recover.c */

struct parse_ctx {
	struct compilation *c;
	struct arena *arena;
	struct arena *tree;         /* items, properties and their lists (compilation.tree_arena) */
	uint32_t offset;            /* bytes scanned so far (YY_USER_ACTION) */
	struct ast_stack *stack;    /* the result */
	const char *last_word;      /* the text of the last WORD handed to the parser */
	struct loc reported_token;  /* a bad token already reported: no syntax error on it */
	uint32_t number_reported_until; /* a number with a stray '-' or '.' reported: its end */
	/* What scan_token() follows, so that a secret's values are hidden in
	 * excerpts even when the file does not parse. */
	int depth;                  /* braces open */
	int secret_block;           /* the depth of the secret block the scanner is in, or 0 */
	enum secret_head head;
	int last;                   /* the last token (':' counts as '=') */
	int before_paren;           /* the token before the last '(' */
	bool pending;               /* the last token, at `pending_loc`, was a string or
	                             * number in a secret block after neither '=' nor
	                             * '(': hidden unless '=' follows (then it was a key) */
	struct loc pending_loc;
	struct loc unquoted;        /* the last value scanned without its quotes */
	struct recover *r;          /* what parse_lex() follows */
	bool resync;                /* a syntax error was reported: recovery ends at the
	                             * next line that starts a statement */
	bool resume;                /* ... or it was reported at the first token of such
	                             * a line: recovery ends with the next token */
	bool lone_cr_reported;      /* a carriage return without a newline (W0102), once */
	uint32_t quiet_until;       /* no stray character is reported before it (the
	                             * rest of a template reported, `{{ .Values.x }}`) */
	uint32_t outside_reported;  /* 1 + the '}' before which a property outside its
	                             * block was reported (E0119): once for the block */
};

/* Prepares parse_lex() (grammar/todok.y) for the source of p. */
void recover_init(struct parse_ctx *p);

/* Records a statement's extent (when the compilation keeps its syntax). */
void record_statement(struct parse_ctx *p, struct loc loc);
/* Records a comment (when the compilation keeps its syntax). */
void record_comment(struct parse_ctx *p, struct loc loc);

/* Every token goes through here on its way to the parser: it follows
 * secret blocks and marks the values written in them as redacted
 * (unterminated: the string has no closing quote).  Returns token. */
int scan_token(struct parse_ctx *p, int token, struct loc loc, bool unterminated);

/* A '{' or '}' of a secret's block that the recovery supplies (E0125):
 * the scanner follows it as one it scanned, so that the values after the
 * '{' are hidden in excerpts; no token is recorded. */
void scan_supplied_brace(struct parse_ctx *p, int brace, bool secret);

/* Whether the scanner is among a secret block's values, which no message
 * may quote (scan_token() hides them in excerpts once scanned). */
bool in_secret_values(const struct parse_ctx *p);

/* Reports a character that starts no token (text: its bytes, one UTF-8
 * sequence), hidden when it may be part of a secret's value. */
void stray_character(struct parse_ctx *p, struct loc loc, const char *text);

/* parse_habits.c: the '- ' items of the lines from `at` on, as "a, b";
 * the 'port' lines (word: "port" or "container-port") of such items,
 * "`port 80`, `port https 443`, `port 8080 -> 80`", or the form of one
 * when an item is none of a number, a number and a name, or a Compose
 * mapping. */
const char *habit_dash_items(struct parse_ctx *p, uint32_t at);
const char *habit_port_lines(struct parse_ctx *p, const char *word, const char *items);
/* A Compose port "[HOST:]A[:B][/udp]" (quoted or not): the offsets of A
 * and B (B is A when absent) in s. */
struct port_mapping {
	size_t a, a_len, b, b_len;
	bool udp;
};
bool habit_port_mapping(const char *s, size_t len, struct port_mapping *m);
/* The `env { KEY = "value" }` that a '- ' list from `at` on means: its
 * items "KEY=value, ..." (Compose), or `- name: KEY` and `value: ...` on
 * its lines (Kubernetes). */
const char *habit_env_block(struct parse_ctx *p, uint32_t at, const char *items);

/* parse_habits.c: the rest of the line from `at` as the list in brackets
 * it stands for, `["rails", "db:migrate"]` (its strings, and its bare
 * words unless strings_only; one string is split at its blanks), or NULL
 * when the line holds none or too much to show; whether `at` is inside
 * the brackets of a list opened on its line. */
const char *habit_bracket_list(struct parse_ctx *p, uint32_t at, bool strings_only);
bool habit_in_brackets(struct parse_ctx *p, uint32_t at);
/* The list in brackets opened at `at` with its bare words (and its items
 * in single quotes) written as strings: `["serve", "--port", "80"]` for
 * `[serve, --port, 80]`; NULL when every item is a string already, or the
 * list does not close on its line. */
const char *habit_quoted_list(struct parse_ctx *p, uint32_t at);
/* What the brackets opened at `at` hold, without them and without
 * quotes ("db, cache"), or NULL when they do not close on the line. */
const char *habit_unbracketed(struct parse_ctx *p, uint32_t at);
/* What the braces opened at `at` hold, without ':' and ',' ("cpu 100m
 * memory 128Mi"), or NULL when they do not close on the line. */
const char *habit_braced(struct parse_ctx *p, uint32_t at);

/* parse_habits.c: the end of the line of `at` and of the lines after it
 * that YAML reads as the value of the key at its start (indented deeper,
 * or '- ' items); the entries of YAML's mapping on the lines after `KEY:`
 * (indented deeper than `indent`), from `at` on, as a todokc block, `{ A =
 * "1" B = 2 }` (the resources of 'requests' and 'limits' without braces),
 * *end: where they end, or NULL when a line is no `KEY: value`; the name
 * of a volume mounted at `path`, its last part ("data"). */
uint32_t habit_yaml_value_end(struct parse_ctx *p, uint32_t at);
const char *habit_mapping_entries(struct parse_ctx *p, uint32_t at, uint32_t indent, int head,
                                  uint32_t *end);
const char *habit_volume_name(struct parse_ctx *p, const char *path, size_t len);

/* parse_habits.c: what todokc writes for a word of a probe's line that
 * Kubernetes' probes write (`port`, `path`, `initialDelaySeconds`, a
 * duration without its unit), after `before` as todokc writes it: "on",
 * "" (the word is left out), "s" (the unit to append), or NULL when the
 * word is todokc's; and the probe's line from `at` (its keyword) as
 * todokc writes it: false when it is so written already. */
enum probe_habit {
	PROBE_HABIT_NONE, PROBE_HABIT_PORT, PROBE_HABIT_PATH, PROBE_HABIT_UNIT,
	PROBE_HABIT_FIELD, PROBE_HABIT_COLON,
	PROBE_HABIT_PORT_AGAIN /* `port N` after `on M`: left out, with its number */
};
struct probe_fix {
	const char *line;         /* the line as todokc writes it */
	struct loc first;         /* the first word to change */
	enum probe_habit habit;   /* ... why */
	const char *word, *todokc; /* ... as written, and as todokc writes it */
	struct loc path_word, path; /* a 'path' and its path that follow http's port:
	                             * read after 'http' (NO_LOC: none) */
	struct loc port_again;    /* `port N` after `on M`, left out (NO_LOC: none) */
	uint32_t stop;            /* where the line's probe ends */
};
const char *habit_probe_word(const char *before, const char *word, size_t len,
                             enum probe_habit *habit);
bool habit_probe_line(struct parse_ctx *p, uint32_t at, struct probe_fix *fix);
/* `word` (len bytes) without case, '-' and '_', in out (n bytes): false
 * when it does not fit. */
bool habit_fold(const char *word, size_t len, char *out, size_t n);
/* parse_habit_words.c: what to write for a key of another tool that no
 * keyword says (Compose's `restart`, `build`, `networks`), or that says
 * another line (`envFrom app-config`), in the block open, word ending at
 * `end`: the end of the message after "unknown property 'WORD'", ": HINT"
 * or "; did you mean `LINE`?", or NULL. */
const char *habit_other_tool_hint(struct parse_ctx *p, const char *word, uint32_t end);
/* The rest of a statement's line from `at`, up to a comment, the `sep`
 * (':' or '=') of the next property or a bracket it does not open, or
 * NULL when it is empty or too long to show. */
const char *habit_statement_rest(struct parse_ctx *p, uint32_t at, char sep);

/* parse_values.c: a syntax error at the first token of a line that starts
 * a statement, after a line that ends before its statement is complete
 * (`port http`, its number missing): reported at the end of that line
 * (E0130), and the statement the next line starts is read.  False when
 * the error is another. */
bool line_ended_early(struct parse_ctx *p, struct loc at, int n, const int *expected);
/* parse_values.c: a word where it cannot stand, got the token found: a
 * name or a reference where a property's number must (`replicas http`,
 * `port settings.PORT`), a resource alone on a component's line (`cpu
 * 500m`), a declaration where the file's `stack NAME {` must (`service web
 * {` first): reported with what to write (E0201).  False when the error is
 * another. */
bool misplaced(struct parse_ctx *p, struct loc at, int got, int n, const int *expected);

/* parse_errors.c: whether the parser could take token `kind` here. */
bool expects(int n, const int *expected, int kind);
/* parse_errors_lines.c: the messages for a property's line, each false
 * when the error is another. */
bool report_port_name_after(struct parse_ctx *p, const struct loc *loc, int got);
bool report_port_line(struct parse_ctx *p, const struct loc *loc, int got);
bool report_volume_size(struct parse_ctx *p, const struct loc *loc, int got);
bool report_volume_path(struct parse_ctx *p, const struct loc *loc, int got);
bool report_probe_port(struct parse_ctx *p, const struct loc *loc, int got);
bool report_probe_kind(struct parse_ctx *p, const struct loc *loc, int got, int n,
                       const int *expected);
bool report_expose_port(struct parse_ctx *p, const struct loc *loc, int got);
bool report_replicas_target(struct parse_ctx *p, const struct loc *loc, int n, const int *expected);
bool report_tcp_protocol(struct parse_ctx *p, const struct loc *loc, int got);

/* Reports the first carriage return of the whitespace at loc (text, len)
 * that no newline follows: lines end with LF or CRLF only. */
void lone_carriage_return(struct parse_ctx *p, struct loc loc, const char *text, size_t len);

/* The keyword with this spelling, or 0. */
int keyword_token(const char *s, size_t len);
/* The spelling of a keyword token, or NULL. */
const char *keyword_spelling(int token);
/* The keyword spelt as s is without case, '-' and '_' (IfNotPresent:
 * if-not-present), or 0. */
int keyword_folded(const char *s, size_t len);

/* Decodes a string literal's text (without its quotes), starting at
 * offset `at` of the source: escapes and ${...} interpolations. */
struct ast_string *lex_string(struct parse_ctx *p, const char *s, size_t len,
                              uint32_t at);
/* Classifies a number with its suffix; reports a bad suffix. */
int lex_number(struct parse_ctx *p, const char *s, size_t len, uint32_t at,
               struct ast_number *out);

#endif
