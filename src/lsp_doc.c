/*
 * lsp_doc.c - the language server's open documents: didOpen, didChange
 * (whole or incremental) and didClose.  Each change checks the editor's
 * buffer (never the file on disk: every stage but the object plan) with
 * the syntax recorded, and publishes
 * the compiler's diagnostics: their code ("E0301"), exact ranges, and
 * notes as related information.  file("...") paths start at the
 * document's folder, env("VAR") reads the server's environment as the
 * compiler does.  Also the positions of LSP (a line, ended by "\n",
 * "\r\n" or a lone "\r", and UTF-16 code units in it) and byte offsets.
 */
#include "lsp.h"

#include <stdlib.h>
#include <string.h>

/* Positions */

/* UTF-16 code units of the UTF-8 text s[0..len). */
static json_int_t
utf16_units(const char *s, size_t len)
{
	json_int_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) != 0x80)
			n += c >= 0xF0 ? 2 : 1; /* a 4-byte character is a surrogate pair */
	}
	return n;
}

/* Whether the CR at p (before end) is a lone one. */
static bool
lone_cr(const char *p, const char *end)
{
	return p + 1 == end || p[1] != '\n';
}

void
lsp_lines_init(struct arena *a, const struct source *src, struct lsp_lines *lines)
{
	size_t n = 0;
	const char *text = src->text, *end = text + src->len;
	for (const char *cr = text; (cr = memchr(cr, '\r', (size_t)(end - cr))); cr++)
		n += lone_cr(cr, end);
	uint32_t *lone = n ? arena_alloc_aligned(a, n * sizeof *lone, _Alignof(uint32_t)) : NULL;
	n = 0;
	for (const char *cr = text; (cr = memchr(cr, '\r', (size_t)(end - cr))); cr++)
		if (lone_cr(cr, end))
			lone[n++] = (uint32_t)(cr - text);
	*lines = (struct lsp_lines){src, lone, n, true};
}

/* The number of lone CRs before offset, and in *after the offset after
 * the last of them (0 when none); the text is read when not indexed. */
static size_t
lone_crs_before(const struct lsp_lines *lines, uint32_t offset, uint32_t *after)
{
	size_t n = 0;
	*after = 0;
	if (!lines->indexed) {
		const char *text = lines->src->text, *end = text + lines->src->len;
		for (const char *cr = text; (cr = memchr(cr, '\r', offset - (size_t)(cr - text))); cr++)
			if (lone_cr(cr, end)) {
				n++;
				*after = (uint32_t)(cr - text + 1);
			}
		return n;
	}
	size_t hi = lines->nlone_cr;
	while (n < hi) {
		size_t mid = n + (hi - n) / 2;
		if (lines->lone_cr[mid] < offset)
			n = mid + 1;
		else
			hi = mid;
	}
	if (n)
		*after = lines->lone_cr[n - 1] + 1;
	return n;
}

/* The 0-based LSP line of offset (clamped to the text), and where it starts. */
static size_t
line_and_start(const struct lsp_lines *lines, uint32_t *offset, uint32_t *start)
{
	const struct source *src = lines->src;
	if (*offset > src->len)
		*offset = (uint32_t)src->len;
	size_t line, column;
	source_position(src, *offset, &line, &column); /* its line by "\n" */
	uint32_t after;
	size_t crs = lone_crs_before(lines, *offset, &after);
	*start = src->line_starts[line - 1];
	if (after > *start)
		*start = after;
	return line - 1 + crs;
}

size_t
lsp_line(const struct lsp_lines *lines, uint32_t offset)
{
	uint32_t start;
	return line_and_start(lines, &offset, &start);
}

json_t *
lsp_position_in(const struct lsp_lines *lines, uint32_t offset)
{
	uint32_t start;
	size_t line = line_and_start(lines, &offset, &start);
	return json_pack("{s:I, s:I}", "line", (json_int_t)line, "character",
	                 utf16_units(lines->src->text + start, offset - start));
}

json_t *
lsp_range_in(const struct lsp_lines *lines, struct loc loc)
{
	if (!HAS_LOC(loc))
		loc = (struct loc){0, 0};
	return json_pack("{s:o, s:o}", "start", lsp_position_in(lines, loc.begin), "end",
	                 lsp_position_in(lines, loc.end < loc.begin ? loc.begin : loc.end));
}

/* Where the line starting at i ends: its "\n" or "\r", or len. */
static size_t
line_end(const char *text, size_t len, size_t i)
{
	const char *nl = memchr(text + i, '\n', len - i);
	size_t end = nl ? (size_t)(nl - text) : len;
	const char *cr = memchr(text + i, '\r', end - i);
	return cr ? (size_t)(cr - text) : end;
}

size_t
lsp_offset(const char *text, size_t len, json_int_t line, json_int_t character)
{
	size_t i = 0;
	for (json_int_t l = 0; l < line; l++) {
		size_t end = line_end(text, len, i);
		if (end == len)
			return len;
		i = end + (text[end] == '\r' && end + 1 < len && text[end + 1] == '\n' ? 2 : 1);
	}
	size_t end = line_end(text, len, i);
	for (json_int_t units = 0; i < end && units < character;) {
		unsigned char c = (unsigned char)text[i];
		size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		units += n == 4 ? 2 : 1;
		i = i + n < end ? i + n : end;
	}
	return i;
}

/* Documents */

struct lsp_doc *
lsp_find_doc(const struct lsp *s, const char *uri)
{
	for (size_t i = 0; i < s->ndocs; i++)
		if (strcmp(s->docs[i]->uri, uri) == 0)
			return s->docs[i];
	return NULL;
}

static char *
xstrndup(const char *s, size_t len)
{
	char *p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static int
hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The path of a file: URI, percent-decoded; NULL for another URI. */
static char *
uri_path(const char *uri)
{
	if (strncmp(uri, "file://", 7) != 0)
		return NULL;
	const char *p = strchr(uri + 7, '/'); /* after the host, if any */
	if (!p)
		return NULL;
	struct buf b = {0};
	for (; *p; p++) {
		int hi, lo;
		if (*p == '%' && (hi = hex_digit(p[1])) >= 0 && (lo = hex_digit(p[2])) >= 0 &&
		    (hi || lo)) {
			buf_putc(&b, (char)(hi * 16 + lo));
			p += 2;
		} else {
			buf_putc(&b, *p);
		}
	}
	char *path = xstrndup(b.data, b.len);
	buf_free(&b);
	return path;
}

const struct syntax_index *
lsp_index(struct lsp_compile *lc)
{
	if (!lc->indexed)
		syntax_index(&lc->c.arena, lc->c.syntax, &lc->ix);
	lc->indexed = true;
	return &lc->ix;
}

static void
free_compile(struct lsp_compile *lc)
{
	if (!lc)
		return;
	compilation_free(&lc->c);
	free(lc);
}

/* A text with syntax errors: the items that parsed (the parser's partial
 * tree, what its recovery kept) are lowered and resolved all the same, so
 * that hover and definition answer on them.  What that reports is not
 * published: the syntax errors are the ones to fix first, and a name
 * whose item did not parse would be reported unknown. */
static void
resolve_what_parsed(struct compilation *c)
{
	if (c->stack || !c->ast || !c->ast->name.text)
		return;
	struct diags reported = c->diags;
	lower_stack(c, c->ast);
	resolve_stack(c);
	c->diags.list.len = reported.list.len;
	c->diags.errors = reported.errors;
	c->diags.warnings = reported.warnings;
	c->diags.promoted = reported.promoted;
	c->diags.dropped = reported.dropped;
	c->diags.overflow = reported.overflow;
}

/* Checks the document's text, as the command would compile the file. */
static struct lsp_compile *
compile_doc(const struct lsp_doc *d)
{
	struct lsp_compile *lc = xmalloc(sizeof *lc);
	options_init(&lc->opts);
	lc->opts.input = d->path;
	compilation_init(&lc->c, &lc->opts);
	lc->c.syntax = NEW(&lc->c.arena, struct syntax);
	lc->c.base_dir = d->dir;
	const char *text = arena_strndup(&lc->c.arena, d->text.data ? d->text.data : "", d->text.len);
	check_source(&lc->c, d->path, text, d->text.len);
	lsp_lines_init(&lc->c.arena, &lc->c.src, &lc->lines);
	lc->parsed = lc->c.stack != NULL;
	resolve_what_parsed(&lc->c);
	lc->indexed = false;
	return lc;
}

static json_t *
diagnostic(const struct lsp *s, const struct lsp_doc *d, const struct diagnostic *g)
{
	const struct lsp_lines *lines = &d->now->lines;
	struct buf message = {0};
	buf_puts(&message, g->message);
	json_t *related = json_array();
	for (size_t i = 0; i < g->notes.len; i++) {
		const struct note *n = g->notes.items[i];
		if (s->related_information && HAS_LOC(n->loc)) {
			json_array_append_new(
				related, json_pack("{s:{s:s, s:o}, s:o}", "location", "uri", d->uri, "range",
			                           lsp_range_in(lines, n->loc), "message",
			                           lsp_string(n->message, strlen(n->message))));
		} else if (HAS_LOC(n->loc)) {
			buf_printf(&message, "\nnote (line %zu): %s", lsp_line(lines, n->loc.begin) + 1,
			           n->message);
		} else {
			buf_printf(&message, "\nnote: %s", n->message);
		}
	}
	json_t *o = json_pack("{s:o, s:i, s:s, s:s, s:o}", "range", lsp_range_in(lines, g->loc),
	                      "severity",
	                      g->severity == SEV_ERROR ? 1 : g->severity == SEV_WARNING ? 2 : 3,
	                      "code", diag_codes[g->code].name, "source", "todokc", "message",
	                      lsp_string(message.data, message.len));
	buf_free(&message);
	if (json_array_size(related))
		json_object_set(o, "relatedInformation", related);
	json_decref(related);
	return o;
}

static void publish(struct lsp *s, const char *uri, const struct lsp_doc *d);

/* Checks the document's new text and publishes its diagnostics; the
 * compilations it no longer needs are freed after that, off the time the
 * editor waits for. */
static void
recheck(struct lsp *s, struct lsp_doc *d)
{
	struct lsp_compile *old_now = d->now, *old_names = d->names;
	d->now = compile_doc(d);
	if (d->now->parsed)
		d->names = d->now;
	publish(s, d->uri, d);
	if (old_now != d->names)
		free_compile(old_now);
	if (old_names != d->names && old_names != old_now)
		free_compile(old_names);
}

static void
publish(struct lsp *s, const char *uri, const struct lsp_doc *d)
{
	json_t *list = json_array();
	for (size_t i = 0; d && i < d->now->c.diags.list.len; i++)
		json_array_append_new(list, diagnostic(s, d, d->now->c.diags.list.items[i]));
	json_t *params = json_pack("{s:s, s:o}", "uri", uri, "diagnostics", list);
	if (d)
		json_object_set_new(params, "version", json_integer(d->version));
	lsp_notify(s, "textDocument/publishDiagnostics", params);
}

static void
free_doc(struct lsp_doc *d)
{
	if (d->names != d->now)
		free_compile(d->names);
	free_compile(d->now);
	buf_free(&d->text);
	free(d->uri);
	free(d->path);
	free(d->dir);
	free(d);
}

void
lsp_docs_free(struct lsp *s)
{
	for (size_t i = 0; i < s->ndocs; i++)
		free_doc(s->docs[i]);
	free(s->docs);
	s->docs = NULL;
	s->ndocs = s->docs_cap = 0;
}

static struct lsp_doc *
new_doc(struct lsp *s, const char *uri)
{
	struct lsp_doc *d = xmalloc(sizeof *d);
	memset(d, 0, sizeof *d);
	d->uri = xstrndup(uri, strlen(uri));
	d->path = uri_path(uri);
	const char *slash = d->path ? strrchr(d->path, '/') : NULL;
	if (!d->path)
		d->path = xstrndup(uri, strlen(uri));
	d->dir = !slash ? xstrndup(".", 1)
	         : xstrndup(d->path, slash == d->path ? 1 : (size_t)(slash - d->path));
	if (s->ndocs == s->docs_cap) {
		s->docs_cap = s->docs_cap ? 2 * s->docs_cap : 8;
		s->docs = xrealloc(s->docs, s->docs_cap * sizeof *s->docs);
	}
	s->docs[s->ndocs++] = d;
	return d;
}

json_t *
lsp_did_open(struct lsp *s, json_t *params, struct lsp_error *err)
{
	json_t *td = lsp_get(params, "textDocument", JSON_OBJECT);
	json_t *text = lsp_get(td, "text", JSON_STRING);
	json_t *version = lsp_get(td, "version", JSON_INTEGER);
	const char *uri = lsp_uri(params, err);
	if (!uri)
		return NULL;
	if (!text) {
		*err = (struct lsp_error){RPC_INVALID_PARAMS, "params.textDocument.text must be a string"};
		return NULL;
	}
	struct lsp_doc *d = lsp_find_doc(s, uri);
	if (!d)
		d = new_doc(s, uri);
	d->version = version ? json_integer_value(version) : 0;
	d->text.len = 0;
	buf_append(&d->text, json_string_value(text), json_string_length(text));
	recheck(s, d);
	return json_null();
}

/* Applies one content change to text; false when it is malformed. */
static bool
apply_change(struct buf *text, const json_t *change)
{
	json_t *new_text = lsp_get(change, "text", JSON_STRING);
	json_t *range = json_object_get(change, "range");
	if (!new_text)
		return false;
	if (!range) {
		text->len = 0;
		buf_append(text, json_string_value(new_text), json_string_length(new_text));
		return true;
	}
	size_t at[2];
	const char *ends[2] = {"start", "end"};
	for (int k = 0; k < 2; k++) {
		json_t *pos = lsp_get(range, ends[k], JSON_OBJECT);
		json_t *line = lsp_get(pos, "line", JSON_INTEGER);
		json_t *character = lsp_get(pos, "character", JSON_INTEGER);
		if (!line || !character || json_integer_value(line) < 0 ||
		    json_integer_value(character) < 0)
			return false;
		at[k] = lsp_offset(text->data ? text->data : "", text->len, json_integer_value(line),
		                   json_integer_value(character));
	}
	if (at[1] < at[0])
		return false;
	struct buf out = {0};
	buf_append(&out, text->data ? text->data : "", at[0]);
	buf_append(&out, json_string_value(new_text), json_string_length(new_text));
	buf_append(&out, text->data + at[1], text->len - at[1]);
	buf_free(text);
	*text = out;
	return true;
}

json_t *
lsp_did_change(struct lsp *s, json_t *params, struct lsp_error *err)
{
	struct lsp_doc *d = lsp_doc_of(s, params, err);
	json_t *changes = lsp_get(params, "contentChanges", JSON_ARRAY);
	if (!d)
		return NULL;
	struct buf text = {0};
	buf_append(&text, d->text.data ? d->text.data : "", d->text.len);
	bool ok = changes != NULL;
	for (size_t i = 0; ok && i < json_array_size(changes); i++)
		ok = apply_change(&text, json_array_get(changes, i));
	if (!ok) {
		buf_free(&text);
		*err = (struct lsp_error){RPC_INVALID_PARAMS,
		                          "params.contentChanges is a list of {range?, text} changes"};
		return NULL;
	}
	buf_free(&d->text);
	d->text = text;
	json_t *version = lsp_get(lsp_get(params, "textDocument", JSON_OBJECT), "version",
	                          JSON_INTEGER);
	if (version)
		d->version = json_integer_value(version);
	recheck(s, d);
	return json_null();
}

json_t *
lsp_did_close(struct lsp *s, json_t *params, struct lsp_error *err)
{
	struct lsp_doc *d = lsp_doc_of(s, params, err);
	if (!d)
		return NULL;
	for (size_t i = 0; i < s->ndocs; i++)
		if (s->docs[i] == d)
			s->docs[i] = s->docs[--s->ndocs];
	/* The diagnostics of a closed file go with it. */
	publish(s, d->uri, NULL);
	free_doc(d);
	return json_null();
}
