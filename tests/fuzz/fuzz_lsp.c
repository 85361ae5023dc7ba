/*
 * fuzz_lsp.c - libFuzzer harness for the language server (src/lsp*.c),
 * in memory.  Each input is served twice:
 *   1. as the bytes of the protocol stream itself (lsp_serve() on them):
 *      the framing, the JSON, the dispatch, the life cycle;
 *   2. as the text of a document, in a session the harness writes:
 *      initialize, didOpen, hover, definition and completion at places
 *      taken from the input, documentSymbol, formatting, an incremental
 *      didChange, the queries again, shutdown, exit.
 * Oracles (a trap, a crash for libFuzzer, when one fails): everything the
 * server writes is a sequence of messages framed by a Content-Length that
 * is exact, each valid JSON (an object with "jsonrpc": "2.0"); the
 * session's requests are each answered once; no secret value set in the
 * environment (FZsecret...) is in the output unless the input holds it.
 * Leaks and sanitizer reports fail too.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"
#include "oracle.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MARKER "FZsecret"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	json_set_alloc_funcs(xmalloc, free);
	setenv("SECRET", MARKER "ENVq7w3", 1);
	return 0;
}

/* Serves `input`; returns what the server wrote (malloc'd) and its size. */
static char *
serve(const char *input, size_t len, size_t *out_len)
{
	char *out = NULL;
	FILE *o = open_memstream(&out, out_len);
	FILE *in = len ? fmemopen((void *)input, len, "r") : fopen("/dev/null", "r");
	CHECK(o && in, "cannot open the memory streams");
	lsp_serve(in, o);
	fclose(in);
	fclose(o);
	return out;
}

static bool
contains(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return true;
	return false;
}

/* Checks the framing and the JSON of every message; returns the number
 * of answers (messages with an id). */
static size_t
check_output(const char *out, size_t len)
{
	size_t answers = 0;
	for (size_t i = 0; i < len;) {
		static const char head[] = "Content-Length: ";
		CHECK(len - i > sizeof head && memcmp(out + i, head, sizeof head - 1) == 0,
		      "a message without its header");
		char *end;
		unsigned long n = strtoul(out + i + sizeof head - 1, &end, 10);
		CHECK(end > out + i + sizeof head - 1 && (size_t)(out + len - end) >= 4 &&
		          memcmp(end, "\r\n\r\n", 4) == 0,
		      "a header not ended by an empty line");
		i = (size_t)(end + 4 - out);
		CHECK(n <= len - i, "a Content-Length past the output");
		json_error_t error;
		json_t *m = json_loadb(out + i, n, JSON_ALLOW_NUL, &error);
		CHECK(m && json_is_object(m), "a message is not a JSON object");
		CHECK(json_is_string(json_object_get(m, "jsonrpc")), "a message without jsonrpc");
		answers += json_object_get(m, "id") != NULL;
		json_decref(m);
		i += n;
	}
	return answers;
}

static void
frame(struct buf *b, json_t *message)
{
	char *text = json_dumps(message, JSON_COMPACT);
	json_decref(message);
	buf_printf(b, "Content-Length: %zu\r\n\r\n%s", strlen(text), text);
	free(text);
}

static json_t *
at(const uint8_t *data, size_t size, size_t k)
{
	size_t a = size ? data[k % size] : 0, b = size ? data[(k * 7 + 3) % size] : 0;
	return json_pack("{s:{s:s}, s:{s:I, s:I}}", "textDocument", "uri", "file:///fuzz/f.todok",
	                 "position", "line", (json_int_t)(a % 24), "character",
	                 (json_int_t)(b % 48));
}

/* A session about the input as a document; returns the requests sent. */
static size_t
session(struct buf *b, const uint8_t *data, size_t size)
{
	static const char *const queries[] = {"textDocument/hover", "textDocument/definition",
	                                      "textDocument/completion"};
	json_int_t id = 1;
	frame(b, json_pack("{s:s, s:I, s:s, s:{s:{}}}", "jsonrpc", "2.0", "id", id++, "method",
	                   "initialize", "params", "capabilities"));
	frame(b, json_pack("{s:s, s:s, s:{s:{s:s, s:s, s:i, s:o}}}", "jsonrpc", "2.0", "method",
	                   "textDocument/didOpen", "params", "textDocument", "uri",
	                   "file:///fuzz/f.todok", "languageId", "todok", "version", 1, "text",
	                   lsp_string((const char *)data, size)));
	for (int round = 0; round < 2; round++) {
		for (size_t k = 0; k < 6; k++)
			frame(b, json_pack("{s:s, s:I, s:s, s:o}", "jsonrpc", "2.0", "id", id++, "method",
			                   queries[k % 3], "params", at(data, size, k + (size_t)round * 6)));
		frame(b, json_pack("{s:s, s:I, s:s, s:{s:{s:s}}}", "jsonrpc", "2.0", "id", id++, "method",
		                   "textDocument/documentSymbol", "params", "textDocument", "uri",
		                   "file:///fuzz/f.todok"));
		frame(b, json_pack("{s:s, s:I, s:s, s:{s:{s:s}}}", "jsonrpc", "2.0", "id", id++, "method",
		                   "textDocument/formatting", "params", "textDocument", "uri",
		                   "file:///fuzz/f.todok"));
		json_t *where = at(data, size, 99);
		json_t *pos = json_object_get(where, "position");
		frame(b, json_pack("{s:s, s:s, s:{s:{s:s, s:i}, s:[{s:{s:O, s:O}, s:s}]}}", "jsonrpc",
		                   "2.0", "method", "textDocument/didChange", "params", "textDocument",
		                   "uri", "file:///fuzz/f.todok", "version", 2 + round, "contentChanges",
		                   "range", "start", pos, "end", pos, "text", round ? "\n}" : "x."));
		json_decref(where);
	}
	frame(b, json_pack("{s:s, s:I, s:s}", "jsonrpc", "2.0", "id", id++, "method", "shutdown"));
	frame(b, json_pack("{s:s, s:s}", "jsonrpc", "2.0", "method", "exit"));
	return (size_t)id - 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool marker = contains((const char *)data, size, MARKER);
	size_t len;
	char *out = serve((const char *)data, size, &len);
	check_output(out, len);
	CHECK(marker || !contains(out, len, MARKER), "a secret value in the output");
	free(out);

	struct buf b = {0};
	size_t requests = session(&b, data, size);
	out = serve(b.data, b.len, &len);
	CHECK(check_output(out, len) == requests, "a request of the session is not answered once");
	CHECK(marker || !contains(out, len, MARKER), "a secret value in the output");
	free(out);
	buf_free(&b);
	return 0;
}
