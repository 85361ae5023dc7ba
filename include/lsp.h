/*
 * lsp.h - what the files of the language server share (docs/tools.md
 * section 2):
 *   src/lsp.c        the server: messages in and out (Content-Length
 *                    framing, JSON-RPC 2.0 through jansson), the life
 *                    cycle, the dispatch of methods;
 *   src/lsp_doc.c    the open documents, each compiled from the editor's
 *                    buffer on every change; positions (lines and UTF-16
 *                    code units) and byte offsets; diagnostics;
 *   src/lsp_query.c  hover, definition, document symbols, formatting;
 *   src/lsp_complete.c  completion.
 * The server holds no global state: everything is in struct lsp.  Each
 * compilation of a document has its arena, freed when a newer one
 * replaces it; the server's own records (the documents, their texts) are
 * allocated with xmalloc, jansson's values too (json_set_alloc_funcs), so
 * that running out of memory ends in fatal_oom().  It never writes a
 * file, and no message it sends holds a secret's value.
 */
#ifndef LSP_H_INCLUDED
#define LSP_H_INCLUDED

#include <jansson.h>
#include <stdio.h>

#include "tools.h"

/* JSON-RPC and LSP error codes. */
enum {
	RPC_PARSE_ERROR = -32700,
	RPC_INVALID_REQUEST = -32600,
	RPC_METHOD_NOT_FOUND = -32601,
	RPC_INVALID_PARAMS = -32602,
	RPC_INTERNAL_ERROR = -32603,
	LSP_SERVER_NOT_INITIALIZED = -32002,
};

/* The largest message body read (a document of MAX_INPUT_BYTES, escaped). */
#define LSP_MAX_MESSAGE (256u << 20)

/* The lines of a text as LSP 3.17 counts them: "\n", "\r\n" and a lone
 * "\r" each end one (the compiler's struct source counts "\n" only: a
 * lone CR is a blank to it, W0102). */
struct lsp_lines {
	const struct source *src;
	const uint32_t *lone_cr;    /* the offsets of the lone CRs, in order */
	size_t nlone_cr;
	bool indexed;               /* lone_cr is made (else each position reads the text) */
};

/* One compilation of a document's text (which lives in its arena). */
struct lsp_compile {
	struct options opts;
	struct compilation c;
	struct lsp_lines lines;     /* of c.src */
	bool parsed;                /* the syntax was right (else c.stack, when there, is
	                             * what parsed: for hover and definition only) */
	bool indexed;
	struct syntax_index ix;     /* of c.syntax, once asked for (lsp_index) */
};

struct lsp_doc {
	char *uri;
	char *path;                 /* the file's path (or the URI): in messages */
	char *dir;                  /* its folder, where file("...") starts */
	long long version;
	struct buf text;            /* the editor's buffer */
	struct lsp_compile *now;    /* of the current text */
	struct lsp_compile *names;  /* the last that parsed (now, or an older one): the
	                             * names and keys that completion offers */
};

struct lsp {
	FILE *in, *out;
	bool initialized, shutdown, exited;
	bool related_information;   /* the client shows diagnostics' related places */
	bool plaintext_hover;       /* the client's hover takes plain text, not markdown */
	struct lsp_doc **docs;
	size_t ndocs, docs_cap;
};

/* An error to answer a request with. */
struct lsp_error {
	int code;
	const char *message;        /* static text */
};

/* Serves the protocol on in/out until `exit` or the end of the input;
 * returns the exit status (0 after shutdown, 1 otherwise). */
int lsp_serve(FILE *in, FILE *out);

/* Messages (lsp.c) */
void lsp_send(struct lsp *s, json_t *message);  /* takes the reference */
void lsp_notify(struct lsp *s, const char *method, json_t *params);
/* A JSON string of s (len bytes), invalid UTF-8 replaced by U+FFFD. */
json_t *lsp_string(const char *s, size_t len);

/* Parameters: the member `key` of o when it has this type, else NULL. */
json_t *lsp_get(const json_t *o, const char *key, json_type type);
/* params.textDocument.uri, or NULL (err set) when it is no string or
 * holds a NUL (which a URI cannot: compared as C strings, two would be
 * taken for one). */
const char *lsp_uri(const json_t *params, struct lsp_error *err);
/* The document of params.textDocument.uri, or NULL (err set). */
struct lsp_doc *lsp_doc_of(struct lsp *s, const json_t *params, struct lsp_error *err);
/* The document of params.textDocument and the byte offset of
 * params.position in its text, or NULL (err set). */
struct lsp_doc *lsp_doc_at(struct lsp *s, const json_t *params, uint32_t *offset,
                           struct lsp_error *err);

/* Documents (lsp_doc.c) */
json_t *lsp_did_open(struct lsp *s, json_t *params, struct lsp_error *err);
json_t *lsp_did_change(struct lsp *s, json_t *params, struct lsp_error *err);
json_t *lsp_did_close(struct lsp *s, json_t *params, struct lsp_error *err);
struct lsp_doc *lsp_find_doc(const struct lsp *s, const char *uri);
void lsp_docs_free(struct lsp *s);
/* The structure of a compilation's tokens, made once. */
const struct syntax_index *lsp_index(struct lsp_compile *lc);
/* Positions: the lines of src (in a), the 0-based line and the
 * {line, character} of a byte offset, and the offset of a line and
 * UTF-16 character of text (clamped to the text). */
void lsp_lines_init(struct arena *a, const struct source *src, struct lsp_lines *lines);
size_t lsp_line(const struct lsp_lines *lines, uint32_t offset);
json_t *lsp_position_in(const struct lsp_lines *lines, uint32_t offset);
json_t *lsp_range_in(const struct lsp_lines *lines, struct loc loc);
size_t lsp_offset(const char *text, size_t len, json_int_t line, json_int_t character);

/* Queries (lsp_query.c, lsp_complete.c) */
json_t *lsp_hover(struct lsp *s, json_t *params, struct lsp_error *err);
json_t *lsp_definition(struct lsp *s, json_t *params, struct lsp_error *err);
json_t *lsp_symbols(struct lsp *s, json_t *params, struct lsp_error *err);
json_t *lsp_formatting(struct lsp *s, json_t *params, struct lsp_error *err);
json_t *lsp_completion(struct lsp *s, json_t *params, struct lsp_error *err);

/* The token of a compilation's syntax that holds offset (its begin <=
 * offset <= its end, a comment never), or -1. */
long lsp_token_at(const struct syntax *sx, uint32_t offset);

#endif
