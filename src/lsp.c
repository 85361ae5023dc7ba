/*
 * lsp.c - `todokc lsp`: a Language Server Protocol 3.17 server on standard
 * input and output.  This file reads the messages (Content-Length framing,
 * JSON through jansson), follows the life cycle (initialize, shutdown,
 * exit), dispatches each method to its handler (src/lsp_doc.c,
 * src/lsp_query.c, src/lsp_complete.c) and writes the answers.
 *
 * Malformed input never stops the server: a header block without a valid
 * Content-Length, a body that is not JSON, a message that is not a
 * JSON-RPC 2.0 request or notification, parameters of the wrong type each
 * get a JSON-RPC error (or, for a notification, which has no answer, a
 * window/logMessage), and the server reads on.  An error message never
 * quotes the input.
 */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tools.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

/* Sending */

json_t *
lsp_string(const char *s, size_t len)
{
	if (utf8_invalid_at(s, len) == len)
		return json_stringn(s, len);
	struct buf b = {0};
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (n) {
			buf_append(&b, s + i, n);
			i += n;
		} else {
			buf_puts(&b, "\xEF\xBF\xBD");
			i++;
		}
	}
	json_t *j = json_stringn(b.data ? b.data : "", b.len);
	buf_free(&b);
	return j;
}

void
lsp_send(struct lsp *s, json_t *message)
{
	char *text = json_dumps(message, JSON_COMPACT);
	json_decref(message);
	if (!text)
		return;
	size_t n = strlen(text);
	fprintf(s->out, "Content-Length: %zu\r\n\r\n", n);
	fwrite(text, 1, n, s->out);
	fflush(s->out);
	free(text);
}

void
lsp_notify(struct lsp *s, const char *method, json_t *params)
{
	lsp_send(s, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params", params));
}

static void
send_result(struct lsp *s, json_t *id, json_t *result)
{
	lsp_send(s, json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id", id, "result", result));
}

/* An error answer; id NULL for the JSON null (the request's id unknown). */
static void
send_error(struct lsp *s, json_t *id, int code, const char *message)
{
	lsp_send(s, json_pack("{s:s, s:O?, s:{s:i, s:s}}", "jsonrpc", "2.0", "id", id, "error",
	                      "code", code, "message", message));
}

/* A problem with a notification, which gets no answer. */
static void
log_error(struct lsp *s, const char *method, const char *message)
{
	json_t *text = json_pack("s++", method, ": ", message);
	lsp_notify(s, "window/logMessage", json_pack("{s:i, s:o}", "type", 1, "message", text));
}

/* Parameters */

json_t *
lsp_get(const json_t *o, const char *key, json_type type)
{
	json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
	return v && json_typeof(v) == type ? v : NULL;
}

/* Whether the JSON string j is s (a NUL in j is no end). */
static bool
string_is(const json_t *j, const char *s)
{
	return json_string_length(j) == strlen(s) && memcmp(json_string_value(j), s, strlen(s)) == 0;
}

const char *
lsp_uri(const json_t *params, struct lsp_error *err)
{
	json_t *uri = lsp_get(lsp_get(params, "textDocument", JSON_OBJECT), "uri", JSON_STRING);
	if (!uri) {
		*err = (struct lsp_error){RPC_INVALID_PARAMS, "params.textDocument.uri must be a string"};
		return NULL;
	}
	if (strlen(json_string_value(uri)) != json_string_length(uri)) {
		*err = (struct lsp_error){RPC_INVALID_PARAMS,
		                          "params.textDocument.uri holds a NUL character (a URI has none)"};
		return NULL;
	}
	return json_string_value(uri);
}

struct lsp_doc *
lsp_doc_of(struct lsp *s, const json_t *params, struct lsp_error *err)
{
	const char *uri = lsp_uri(params, err);
	if (!uri)
		return NULL;
	struct lsp_doc *d = lsp_find_doc(s, uri);
	if (!d)
		*err = (struct lsp_error){RPC_INVALID_PARAMS, "the document is not open"};
	return d;
}

struct lsp_doc *
lsp_doc_at(struct lsp *s, const json_t *params, uint32_t *offset, struct lsp_error *err)
{
	struct lsp_doc *d = lsp_doc_of(s, params, err);
	json_t *pos = lsp_get(params, "position", JSON_OBJECT);
	json_t *line = lsp_get(pos, "line", JSON_INTEGER);
	json_t *character = lsp_get(pos, "character", JSON_INTEGER);
	if (!d)
		return NULL;
	if (!line || !character || json_integer_value(line) < 0 ||
	    json_integer_value(character) < 0) {
		*err = (struct lsp_error){RPC_INVALID_PARAMS,
		                          "params.position needs a line and a character (integers >= 0)"};
		return NULL;
	}
	*offset = (uint32_t)lsp_offset(d->text.data ? d->text.data : "", d->text.len,
	                               json_integer_value(line), json_integer_value(character));
	return d;
}

/* The life cycle */

/* Whether a client whose hover.contentFormat is formats (NULL: not said)
 * takes markdown: it is listed before plain text, or formats is absent
 * or names neither (the client says nothing usable). */
static bool
takes_markdown(const json_t *formats)
{
	for (size_t i = 0; i < json_array_size(formats); i++) {
		const char *kind = json_string_value(json_array_get(formats, i));
		if (kind && strcmp(kind, "markdown") == 0)
			return true;
		if (kind && strcmp(kind, "plaintext") == 0)
			return false;
	}
	return true;
}

static json_t *
handle_initialize(struct lsp *s, json_t *params, struct lsp_error *err)
{
	json_t *caps = lsp_get(params, "capabilities", JSON_OBJECT);
	if (!caps) {
		*err = (struct lsp_error){RPC_INVALID_PARAMS,
		                          "params must be an object with the client's capabilities"};
		return NULL;
	}
	json_t *doc = lsp_get(caps, "textDocument", JSON_OBJECT);
	json_t *pd = lsp_get(doc, "publishDiagnostics", JSON_OBJECT);
	s->related_information = json_is_true(json_object_get(pd, "relatedInformation"));
	s->plaintext_hover = !takes_markdown(lsp_get(lsp_get(doc, "hover", JSON_OBJECT),
	                                             "contentFormat", JSON_ARRAY));
	s->initialized = true;
	return json_pack("{s:{s:s, s:{s:b, s:i}, s:b, s:b, s:{s:[s]}, s:b, s:b},"
	                 " s:{s:s, s:s}}",
	                 "capabilities", "positionEncoding", "utf-16", "textDocumentSync",
	                 "openClose", 1, "change", 2, "hoverProvider", 1, "definitionProvider", 1,
	                 "completionProvider", "triggerCharacters", ".",
	                 "documentFormattingProvider", 1, "documentSymbolProvider", 1,
	                 "serverInfo", "name", "todokc", "version", COMPILER_VERSION);
}

static json_t *
handle_shutdown(struct lsp *s, json_t *params, struct lsp_error *err)
{
	s->shutdown = true;
	return json_null();
}

/* initialized, didSave, $/cancelRequest, ...: nothing to do. */
static json_t *
ignore(struct lsp *s, json_t *params, struct lsp_error *err)
{
	return json_null();
}

typedef json_t *handler_fn(struct lsp *s, json_t *params, struct lsp_error *err);

static const struct method {
	const char *name;
	handler_fn *handler;
} methods[] = {
	{"initialize", handle_initialize},
	{"initialized", ignore},
	{"shutdown", handle_shutdown},
	{"textDocument/didOpen", lsp_did_open},
	{"textDocument/didChange", lsp_did_change},
	{"textDocument/didClose", lsp_did_close},
	{"textDocument/didSave", ignore},
	{"textDocument/hover", lsp_hover},
	{"textDocument/definition", lsp_definition},
	{"textDocument/completion", lsp_completion},
	{"textDocument/formatting", lsp_formatting},
	{"textDocument/documentSymbol", lsp_symbols},
	{"workspace/didChangeConfiguration", ignore},
	{"$/cancelRequest", ignore},
	{"$/setTrace", ignore},
};

static const struct method *
find_method(const json_t *name)
{
	for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (string_is(name, methods[i].name))
			return &methods[i];
	return NULL;
}

/* Whether the life cycle lets the method run now; if not, answers it. */
static bool
may_run(struct lsp *s, const char *name, json_t *id)
{
	const char *refusal = NULL;
	int code = RPC_INVALID_REQUEST;
	if (!s->initialized && strcmp(name, "initialize") != 0) {
		refusal = "the server is not initialized yet";
		code = LSP_SERVER_NOT_INITIALIZED;
	} else if (s->initialized && strcmp(name, "initialize") == 0) {
		refusal = "initialize was already sent";
	} else if (s->shutdown) {
		refusal = "the server is shut down: only exit is expected";
	}
	if (refusal && id)
		send_error(s, id, code, refusal);
	return !refusal;
}

/* exit is never answered and ends the server, whatever else its message
 * holds (an id, params of any kind, no "jsonrpc"). */
static bool
is_exit(const json_t *msg)
{
	json_t *method = json_object_get(msg, "method");
	return json_is_string(method) && string_is(method, "exit");
}

/* One JSON-RPC message. */
static void
dispatch(struct lsp *s, json_t *msg)
{
	json_t *method = json_object_get(msg, "method");
	if (is_exit(msg)) {
		s->exited = true;
		return;
	}
	json_t *id = json_object_get(msg, "id");
	if (id && !json_is_string(id) && !json_is_integer(id)) {
		send_error(s, NULL, RPC_INVALID_REQUEST, "an id is an integer or a string");
		return;
	}
	json_t *version = lsp_get(msg, "jsonrpc", JSON_STRING);
	if (!version || strcmp(json_string_value(version), "2.0") != 0) {
		send_error(s, id, RPC_INVALID_REQUEST, "a message has \"jsonrpc\": \"2.0\"");
		return;
	}
	if (!method) {
		/* The answer to a request of ours (the server sends none), or junk. */
		if (!json_object_get(msg, "result") && !json_object_get(msg, "error"))
			send_error(s, id, RPC_INVALID_REQUEST, "a message has a method, or is an answer");
		return;
	}
	json_t *params = json_object_get(msg, "params");
	if (json_is_null(params))
		params = NULL; /* null params are absent ones (eglot's shutdown sends null) */
	if (!json_is_string(method) || (params && !json_is_object(params) && !json_is_array(params))) {
		send_error(s, id, RPC_INVALID_REQUEST,
		           "the method is a string and the params an object or an array");
		return;
	}
	const char *name = json_string_value(method);
	const struct method *m = find_method(method);
	if (!m) {
		if (id)
			send_error(s, id, RPC_METHOD_NOT_FOUND, "unknown method");
		return;
	}
	if (!may_run(s, name, id))
		return;
	struct lsp_error err = {RPC_INTERNAL_ERROR, "the request failed"};
	json_t *result = m->handler(s, params, &err);
	if (id && result)
		send_result(s, id, result);
	else if (id)
		send_error(s, id, err.code, err.message);
	else if (!result)
		log_error(s, name, err.message);
	else
		json_decref(result);
}

/* Reading */

/* One header line, without its line end, into line (NUL-terminated, cut
 * at 4 KiB); false at the end of the input. */
static bool
read_line(FILE *in, struct buf *line)
{
	line->len = 0;
	int ch = EOF;
	bool any = false;
	while ((ch = getc(in)) != EOF && ch != '\n') {
		any = true;
		if (line->len < 4096)
			buf_putc(line, (char)ch);
	}
	if (ch == EOF && !any)
		return false;
	if (line->len && line->data[line->len - 1] == '\r')
		line->len--;
	buf_putc(line, '\0');
	line->len--;
	return true;
}

/* The value of the Content-Length header in line (found anywhere in it,
 * so that the stream resynchronizes after a bad message), -1 when the
 * line has none, -2 when its value is no number. */
static long long
content_length(const char *line)
{
	static const char name[] = "content-length:";
	for (const char *p = line; *p; p++) {
		if (strncasecmp(p, name, sizeof name - 1) != 0)
			continue;
		p += sizeof name - 1;
		p += strspn(p, " \t");
		size_t digits = strspn(p, "0123456789");
		if (!digits || digits > 12 || p[digits + strspn(p + digits, " \t")] != '\0')
			return -2;
		return strtoll(p, NULL, 10);
	}
	return -1;
}

/* Reads n bytes of body (or skips them when body is NULL); false at the
 * end of the input. */
static bool
read_body(FILE *in, size_t n, struct buf *body)
{
	char chunk[65536];
	if (body)
		body->len = 0;
	while (n > 0) {
		size_t want = n < sizeof chunk ? n : sizeof chunk;
		size_t got = fread(chunk, 1, want, in);
		if (got == 0)
			return false;
		if (body)
			buf_append(body, chunk, got);
		n -= got;
	}
	return true;
}

/* Reads the next message's body; false at the end of the input.  A header
 * block without a usable Content-Length is answered with an error. */
static bool
read_message(struct lsp *s, struct buf *line, struct buf *body, bool *ok)
{
	long long length = -1;
	bool bad_line = false, bad_length = false, conflict = false, any = false;
	for (;;) {
		if (!read_line(s->in, line))
			return false;
		if (line->len == 0 && !any)
			continue; /* blank lines between messages */
		if (line->len == 0)
			break;
		any = true;
		long long n = content_length(line->data);
		conflict |= n >= 0 && length >= 0 && n != length;
		if (n >= 0)
			length = n;
		bad_length |= n == -2;
		bad_line |= n == -1 && !strchr(line->data, ':');
	}
	*ok = false;
	if (length < 0)
		send_error(s, NULL, RPC_PARSE_ERROR,
		           bad_length ? "the Content-Length is not a number"
		                      : "a message needs a Content-Length header");
	else if (bad_line || bad_length)
		send_error(s, NULL, RPC_PARSE_ERROR, "a malformed header line was skipped");
	if (length < 0)
		return true;
	if (conflict) {
		send_error(s, NULL, RPC_PARSE_ERROR,
		           "the message has two different Content-Lengths: it was skipped");
		return read_body(s->in, (size_t)length, NULL);
	}
	if ((unsigned long long)length > LSP_MAX_MESSAGE) {
		send_error(s, NULL, RPC_PARSE_ERROR, "the message is too large: it was skipped");
		return read_body(s->in, (size_t)length, NULL);
	}
	*ok = true;
	return read_body(s->in, (size_t)length, body);
}

/* A body that is JSON but for an integer too large for jansson (64 bits),
 * read again with the integers as reals to tell where it is: a request's
 * id (LSP's ids are integers or strings: -32600 with id null, the id
 * being unknown), or another member (-32602 with the id; a notification's
 * goes to the log). */
static void
number_out_of_range(struct lsp *s, const struct buf *body)
{
	json_t *msg = json_loadb(body->data, body->len, JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL,
	                         NULL);
	json_t *id = json_object_get(msg, "id"), *method = json_object_get(msg, "method");
	json_t *known = NULL;
	double v = json_real_value(id), exact = 9007199254740992.0; /* 2^53 */
	if (json_is_string(id))
		known = json_incref(id);
	else if (json_is_real(id) && v > -exact && v < exact && v == (double)(json_int_t)v)
		known = json_integer((json_int_t)v); /* exact below 2^53: the id was an integer */
	if (is_exit(msg))
		s->exited = true;
	else if (known)
		send_error(s, known, RPC_INVALID_PARAMS, "a number in the message is out of range");
	else if (id || !json_is_string(method))
		send_error(s, NULL, RPC_INVALID_REQUEST,
		           "a number is out of range: an id is a string or an integer of 64 bits");
	else
		log_error(s, json_string_value(method), "a number in the message is out of range");
	json_decref(known);
	json_decref(msg);
}

static void
handle_body(struct lsp *s, const struct buf *body)
{
	json_error_t error;
	json_t *msg = json_loadb(body->data ? body->data : "", body->len, JSON_ALLOW_NUL, &error);
	if (!msg && json_error_code(&error) == json_error_numeric_overflow) {
		number_out_of_range(s, body);
		return;
	}
	if (!msg) {
		char text[96];
		snprintf(text, sizeof text, "invalid JSON at line %d, column %d", error.line,
		         error.column);
		send_error(s, NULL, RPC_PARSE_ERROR, text);
		return;
	}
	if (json_is_object(msg))
		dispatch(s, msg);
	else
		send_error(s, NULL, RPC_INVALID_REQUEST, "a message is a JSON object");
	json_decref(msg);
}

int
lsp_serve(FILE *in, FILE *out)
{
	struct lsp s = {.in = in, .out = out};
	struct buf line = {0}, body = {0};
	bool ok;
	while (!s.exited && read_message(&s, &line, &body, &ok))
		if (ok)
			handle_body(&s, &body);
	buf_free(&line);
	buf_free(&body);
	lsp_docs_free(&s);
	return s.shutdown ? 0 : 1;
}

static const char lsp_usage[] =
	"usage: todokc lsp\n"
	"A Language Server Protocol server for .todok files, on standard input and\n"
	"output; an editor starts it (docs/tools.md).\n";

int
lsp_main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(lsp_usage, stdout);
			return fflush(stdout) == 0 ? 0 : 3;
		}
		if (strcmp(argv[i], "--stdio") != 0) /* what some clients add */
			return usage_error_of("todokc lsp", "unknown argument '%s'", argv[i]);
	}
	/* jansson allocates through xmalloc: running out of memory is fatal in
	 * one place.  Memory freed after a compile stays with the process, so
	 * that the next compile does not fault its pages in again. */
	json_set_alloc_funcs(xmalloc, free);
#if defined(__GLIBC__)
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
	return lsp_serve(stdin, stdout);
}
