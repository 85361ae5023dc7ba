/*
 * recover.h - the state that parse_lex() keeps between the scanner and
 * the parser (the blocks open, the tokens looked at ahead and those
 * delivered last), and the helpers its files share.  Only
 * src/parse_recover.c (the habits, where recovery ends),
 * src/parse_braces.c (missing and extra braces), src/parse_values.c
 * (values missing or unquoted on a property's line), src/parse_security.c
 * (the security block's words as other tools write them) and
 * src/parse_habits.c (the text of other languages' habits) include it.
 */
#ifndef RECOVER_H_INCLUDED
#define RECOVER_H_INCLUDED

#include <string.h>

#include "parse.h"
#include "todok.tab.h"
#include "tools.h"

enum block_kind { BLOCK_ITEMS, BLOCK_PROPS, BLOCK_ENTRIES, BLOCK_NAMING, BLOCK_OTHER };

struct block {
	enum block_kind kind;
	int head;         /* the keyword whose block it is (KW_ENV, KW_SERVICE) */
	int before;       /* the token before its '{' (KW_LABELS, KW_POD) */
	struct loc open;  /* the '{' */
	const char *name; /* "postgres", "env" */
	uint32_t indent;  /* the blanks that start the line of its '{' */
};

struct tok {
	int token;
	YYSTYPE val;
	YYLTYPE loc;
	bool starts_line;  /* only blanks before it on its line */
};

/* At most two tokens are looked at ahead, and one put back. */
enum { AHEAD_MAX = 4 };

struct recover {
	struct tok ahead[AHEAD_MAX]; /* scanned, not yet delivered */
	int nahead;
	struct block *blocks;
	size_t nblocks, blocks_cap;
	long balance;             /* '{' minus '}' of the source, less those repaired:
	                           * counted when first asked for (brace_count) */
	bool balance_counted;
	struct tok prev, prev2;   /* the last two tokens delivered */
	int stmt_first;           /* the first token of the statement delivered last */
	const char *stmt_word;    /* its spelling or text */
	const char *stmt_word_before; /* that of the statement before it */
	struct block closed;      /* the block closed last, and where */
	struct loc closed_at;
	/* The first '}' indented as the block around the one it closes: that
	 * one, by its indentation, may be the block whose '}' is missing. */
	struct block misclosed;
	struct loc misclosed_at;
	const char *misclosed_outer;
	bool misclosed_checked;   /* the next line did not go on inside that block */
	bool dash_run;            /* the last line started with a '- ' item */
	bool dash_bracket;        /* ... of "args" or "command": a '[' was supplied */
	int dash_keyword;         /* ... of "port": each next '-' is that keyword */
	uint32_t probe_until;     /* the end of a probe's line whose habits were reported */
	struct loc probe_path_word, probe_path; /* ... its path after its port (NO_LOC: none) */
	struct loc probe_port_again; /* ... a second port, `port N` after `on M`, left out */
	int probe_path_read;      /* 1: the path is read after 'http', 2: and was */
	bool bracket_dropped;     /* the '[' of `drop ["ALL"]` was dropped: its ']' is */
};

/* The source */

static inline const char *
text(const struct parse_ctx *p)
{
	return p->c->src.text;
}

static inline bool
same_line(const struct parse_ctx *p, uint32_t a, uint32_t b)
{
	return !memchr(text(p) + a, '\n', b > a ? b - a : 0);
}

/* The blanks that start the line of `at`. */
static inline uint32_t
indent_of(const struct parse_ctx *p, uint32_t at)
{
	const char *s = text(p);
	uint32_t start = at;
	while (start > 0 && s[start - 1] != '\n')
		start--;
	uint32_t end = start;
	while (s[end] == ' ' || s[end] == '\t')
		end++;
	return end - start;
}

/* Tokens */

static inline const char *
token_text(const struct tok *t)
{
	if (t->token == WORD)
		return t->val.word.text;
	return keyword_spelling(t->token);
}

static inline struct tok *
peek(struct parse_ctx *p, yyscan_t scanner, int k)
{
	struct recover *r = p->r;
	while (r->nahead <= k) {
		struct tok *t = &r->ahead[r->nahead++];
		t->token = yylex(&t->val, &t->loc, scanner);
		t->starts_line = recover_starts_line(p, t->loc.begin);
	}
	return &r->ahead[k];
}

/* Takes the next token scanned. */
static inline struct tok
take(struct parse_ctx *p, yyscan_t scanner)
{
	struct recover *r = p->r;
	struct tok t = *peek(p, scanner, 0);
	memmove(r->ahead, r->ahead + 1, (size_t)--r->nahead * sizeof *r->ahead);
	return t;
}

/* Puts a token back in front of those scanned. */
static inline void
put_back(struct parse_ctx *p, const struct tok *t)
{
	struct recover *r = p->r;
	memmove(r->ahead + 1, r->ahead, (size_t)r->nahead++ * sizeof *r->ahead);
	r->ahead[0] = *t;
}

static inline bool
is_role(int token, const char *role)
{
	return keyword_has_role(token, role);
}

/* A keyword that starts a property of a component and no item. */
static inline bool
property_only(int token)
{
	return is_role(token, "property") && token != KW_LABELS && token != KW_ANNOTATIONS &&
	       token != KW_NODES && token != KW_SECURITY;
}

/* Blocks */

static inline struct block *
top(struct recover *r)
{
	return r->nblocks ? &r->blocks[r->nblocks - 1] : NULL;
}

/* Missing and extra braces (src/parse_braces.c) */

bool component_without_brace(struct parse_ctx *p, yyscan_t scanner, struct tok *t);
bool missing_brace(struct parse_ctx *p, yyscan_t scanner, const struct tok *t);
bool extra_brace(struct parse_ctx *p, yyscan_t scanner, const struct tok *t);

/* Values on a property's line (src/parse_values.c): each reports its
 * mistake once and drops the tokens of it (true), or leaves t alone. */

/* The text of a token as written (for a suggested fix), or "..." for a
 * secret's value (parse_recover.c). */
const char *token_written(struct parse_ctx *p, const struct tok *t);

/* parse_words.c: a token set to the kind its author meant. */
/* A value or key written without quotes: a string, reported. */
void unquoted(struct parse_ctx *p, yyscan_t scanner, struct tok *t);
/* An `api` line's subresource, `pods/log`: a name.  False when t is none. */
bool api_subresource(struct parse_ctx *p, struct tok *t);
/* "namespace" STRING: a name is read from the string. */
void namespace_string(struct parse_ctx *p, struct tok *t);
/* env(DB_PASSWORD): the argument, reported, read as a string. */
void unquoted_argument(struct parse_ctx *p, struct tok *t);
/* `service "api" {`: the name read from the string.  False when t is none. */
bool name_string(struct parse_ctx *p, struct tok *t);

/* A property (or a resource of 'requests') whose line ends before its
 * value: `image` alone, `requests cpu` (E0130). */
bool missing_value(struct parse_ctx *p, yyscan_t scanner, const struct tok *t);
/* The '[' of a command's, its arguments' or an exec probe's list whose
 * items are not all strings: `command [serve, --port, 80]` (E0129). */
bool unquoted_list(struct parse_ctx *p, yyscan_t scanner, const struct tok *t);
/* Compose's `ports:`, `depends_on:`, `environment:` before '- ' lines,
 * in a component: read as the keyword they mean ('port', 'after',
 * 'env'), so that the list's one message says what to write (t is
 * changed, and kept). */
bool list_key(struct parse_ctx *p, yyscan_t scanner, struct tok *t);
/* A volume's mount path without quotes where its name stands, `volume
 * /data size 1Gi`: reported with the line to write, and read as `volume
 * data at "/data"` (t is changed, and kept).  False when t is none. */
bool volume_without_name(struct parse_ctx *p, struct tok *t);
/* The '- ' lines of an environment after `env` or `environment:`, t their
 * first '-': Compose's `- KEY=value`, Kubernetes' `- name: KEY` with `value:`
 * on the lines below: reported once with the block to write, and dropped
 * (an empty block stands for them: t is changed into its '{'). */
bool env_list(struct parse_ctx *p, yyscan_t scanner, struct tok *t, const char *items);
/* YAML's `env:` (or 'labels', 'annotations', 'nodes', 'selector',
 * 'requests', 'limits') before lines of `KEY: value`, indented deeper:
 * reported once, with the line to write, and read as an empty block (t,
 * the ':', is changed into its '{'; it stays a ':', dropped, after
 * 'requests' and 'limits').  False when t is no such ':'. */
bool mapping_block(struct parse_ctx *p, yyscan_t scanner, struct tok *t);
/* A value written without quotes, t, on the line of the token before:
 * read as a string, and shown in quotes (NULL when t is no such value);
 * the image after `image:` or
 * `image =`, a label's value after `KEY:`. */
const char *quote_bare(struct parse_ctx *p, struct tok *t);
const char *quote_image(struct parse_ctx *p, struct tok *t);
const char *quote_label(struct parse_ctx *p, struct tok *t);
/* What the value of an entry of the block of labels open is called:
 * "a label's value", "an annotation's value". */
const char *label_value(const struct parse_ctx *p);
/* A key of another tool starting a component's line: Compose's key for
 * ports, `ports 80, 443` or `ports: "8080:80"`, or one that no keyword
 * says, `restart: always`, `build: .`, `networks: [a, b]`, with the YAML
 * lines indented below it: reported with what to write, and dropped
 * (E0202).  False when t is none. */
bool other_tool_line(struct parse_ctx *p, yyscan_t scanner, const struct tok *t);

/* A ':' on the line of a syntax error, or a '- ' line after it, while
 * the parser recovers: dropped, and not reported (the error said what to
 * write); so are YAML's lines indented below a `key:` that was the error.
 * False when t is none. */
bool after_error(struct parse_ctx *p, yyscan_t scanner, const struct tok *t, bool *keep);
/* Kubernetes' habits in a probe's line (`liveness http "/x" port http`,
 * `initialDelaySeconds 5`, `delay 5`) and in a security block (`privileged
 * true`, `runAsUser 1000`): reported once, with what todokc writes, and
 * read so (t is changed, and kept when *keep).  False when t is none. */
bool kubernetes_habit(struct parse_ctx *p, yyscan_t scanner, struct tok *t, bool *keep);

/* parse_security.c: a security setting in a security block written as a
 * field of Kubernetes' securityContext, a flag with a value or
 * capabilities in brackets: reported, and read as todokc's word (t is
 * changed, and kept when *keep).  False when t is none. */
bool security_token(struct parse_ctx *p, yyscan_t scanner, struct tok *t, bool *keep);
/* 1 for `true` (or `yes`), 0 for `false` (or `no`), else -1 (w may be NULL). */
int security_boolean(const char *w);
/* Whether a security word is a flag, which takes no value (non-root). */
bool security_flag(int token);
/* The security block's word that `word` written on its own line is: a
 * field of Kubernetes' securityContext (runAsUser: user), Compose's key
 * (read_only: read-only) or todokc's word itself, whatever its case and
 * its '-' or '_'; *inverted when it says the field is false
 * (allowPrivilegeEscalation: no-escalation).  0 when it is none. */
int security_word(const char *word, bool *inverted);

#endif
