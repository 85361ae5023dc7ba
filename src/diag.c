/*
 * diag.c - collecting and printing diagnostics.
 *
 * Text output follows C compilers:
 *   app.todok:14:14: error: unknown config 'app-confg'; did you mean 'app-config'?
 *      14 |     env from app-confg, app-secrets
 *         |              ^~~~~~~~~
 * with notes printed the same way under their diagnostic.  JSON output is
 * one object per line, for editors and CI.
 */
#include "diag.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct diag_code_info diag_codes[DIAG_COUNT] = {
#define DIAG(code, severity, summary) {#code, severity, summary},
#include "diagnostics.def"
#undef DIAG
};

void
source_init(struct arena *a, struct source *src, const char *path,
            const char *text, size_t len)
{
	const char *end = text + len;
	size_t n = 1;
	for (const char *nl = text; (nl = memchr(nl, '\n', (size_t)(end - nl))); nl++)
		n++;
	src->path = path;
	src->text = text;
	src->len = len;
	src->line_starts = arena_alloc_aligned(a, n * sizeof *src->line_starts,
	                                       _Alignof(uint32_t));
	src->nlines = 0;
	src->line_starts[src->nlines++] = 0;
	for (const char *nl = text; (nl = memchr(nl, '\n', (size_t)(end - nl))); nl++)
		src->line_starts[src->nlines++] = (uint32_t)(nl - text + 1);
}

static size_t
line_of(const struct source *src, uint32_t offset)
{
	size_t lo = 0, hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Characters (not bytes) between two offsets of one line. */
static size_t
count_chars(const char *s, size_t from, size_t to)
{
	size_t n = 0;
	for (size_t i = from; i < to; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

void
source_position(const struct source *src, uint32_t offset, size_t *line, size_t *column)
{
	if (offset > src->len)
		offset = (uint32_t)src->len;
	size_t l = line_of(src, offset);
	*line = l + 1;
	*column = count_chars(src->text, src->line_starts[l], offset) + 1;
}

/* Columns for a printer: the number of characters before every block
 * of COLUMN_BLOCK bytes, made once per printing, so that a column costs
 * the same wherever it is (many diagnostics on one long line included). */
enum { COLUMN_BLOCK = 64 };

struct columns {
	const struct source *src;
	uint32_t *chars; /* chars[b]: characters before byte b * COLUMN_BLOCK */
};

static void
columns_init(struct columns *cols, const struct source *src)
{
	size_t blocks = src ? src->len / COLUMN_BLOCK + 1 : 0;
	cols->src = src;
	cols->chars = xmalloc((blocks ? blocks : 1) * sizeof *cols->chars);
	uint32_t n = 0;
	for (size_t b = 0; b < blocks; b++) {
		cols->chars[b] = n;
		size_t end = (b + 1) * COLUMN_BLOCK < src->len ? (b + 1) * COLUMN_BLOCK : src->len;
		n += (uint32_t)count_chars(src->text, b * COLUMN_BLOCK, end);
	}
}

static size_t
chars_before(const struct columns *cols, size_t offset)
{
	size_t b = offset / COLUMN_BLOCK;
	return cols->chars[b] + count_chars(cols->src->text, b * COLUMN_BLOCK, offset);
}

static void
column_position(const struct columns *cols, uint32_t offset, size_t *line, size_t *column)
{
	const struct source *src = cols->src;
	if (offset > src->len)
		offset = (uint32_t)src->len;
	size_t l = line_of(src, offset);
	*line = l + 1;
	*column = chars_before(cols, offset) - chars_before(cols, src->line_starts[l]) + 1;
}

/* Whether a quiet of the component the warning is found in silences it. */
static bool
quieted(struct diags *d, enum diag_code code, struct loc loc)
{
	if (diag_codes[code].severity != SEV_WARNING || !HAS_LOC(loc))
		return false;
	for (size_t i = 0; i < d->quiets.len; i++) {
		struct quiet *q = d->quiets.items[i];
		for (size_t k = 0; q->code == code && k < q->spans.len; k++) {
			const struct loc *span = q->spans.items[k];
			if (loc.begin >= span->begin && loc.end <= span->end) {
				q->used = true;
				return true;
			}
		}
	}
	return false;
}

bool
diag_code_named(const char *name, enum diag_code *code)
{
	for (int i = 0; i < DIAG_COUNT; i++)
		if (strcmp(diag_codes[i].name, name) == 0) {
			*code = (enum diag_code)i;
			return true;
		}
	return false;
}

void
diag_quiet(struct diags *d, enum diag_code code, struct loc span, struct loc loc, const char *owner)
{
	struct quiet *q = NULL;
	for (size_t i = 0; !q && i < d->quiets.len; i++) {
		struct quiet *old = d->quiets.items[i];
		if (old->code == code && old->loc.begin == loc.begin && old->loc.end == loc.end)
			q = old; /* lowered again, for another profile */
	}
	if (!q) {
		q = NEW(d->arena, struct quiet);
		*q = (struct quiet){.code = code, .loc = loc, .owner = owner};
		vec_push(d->arena, &d->quiets, q);
	}
	for (size_t k = 0; k < q->spans.len; k++) {
		const struct loc *old = q->spans.items[k];
		if (old->begin == span.begin && old->end == span.end)
			return;
	}
	struct loc *copy = NEW(d->arena, struct loc);
	*copy = span;
	vec_push(d->arena, &q->spans, copy);
}

void
diag_unused_quiets(struct diags *d)
{
	for (size_t i = 0; i < d->quiets.len; i++) {
		const struct quiet *q = d->quiets.items[i];
		if (!q->used)
			diag(d, W0546, q->loc, "'quiet %s' silences nothing: %s gives no warning %s; "
			     "remove the line", diag_codes[q->code].name, q->owner, diag_codes[q->code].name);
	}
}

/* Counts a diagnostic of this severity (after --werror) for the exit
 * status and the summaries. */
static void
tally(struct diags *d, enum diag_code code, enum severity severity)
{
	if (severity == SEV_ERROR)
		d->errors++;
	if (severity != diag_codes[code].severity)
		d->promoted++;
	else
		d->warnings++;
	if (code == E0001 || code == E0004)
		d->io_error = true; /* exit status 3 */
}

static enum severity
severity_of(const struct diags *d, enum diag_code code)
{
	enum severity severity = diag_codes[code].severity;
	return severity == SEV_WARNING && d->werror ? SEV_ERROR : severity;
}

/* A diagnostic past MAX_DIAGNOSTICS: counted as it would be, not kept. */
static struct diagnostic *
count_only(struct diags *d, enum diag_code code, struct loc loc)
{
	if (!d->overflow)
		d->overflow = NEW(d->arena, struct diagnostic);
	if (!quieted(d, code, loc)) {
		tally(d, code, severity_of(d, code));
		d->dropped++;
	}
	return d->overflow;
}

/* A diagnostic at loc of the source, or in another file (`place`: its
 * path, and its line and column when loc is NO_LOC; NULL for the
 * source). */
static struct diagnostic *
vdiag(struct diags *d, enum diag_code code, struct loc loc, const char *place, const char *fmt,
      va_list ap)
{
	if (d->list.len >= MAX_DIAGNOSTICS)
		return count_only(d, code, loc);
	struct diagnostic *g = NEW(d->arena, struct diagnostic);
	g->code = code;
	g->severity = severity_of(d, code);
	g->loc = loc;
	g->message = arena_vprintf(d->arena, fmt, ap);
	if (quieted(d, code, loc))
		return g; /* a note put on it goes nowhere */
	/* What is checked once per pod (a variant's repeats its component's
	 * properties) is reported once: the same message at the same place
	 * is kept out of the list, and so are the notes put on it. */
	const char *key = arena_printf(d->arena, "%s:%u:%u:%d:%s", place ? place : "", loc.begin,
	                               loc.end, (int)code, g->message);
	if (strmap_claim(d->arena, &d->seen, key, g))
		return g;
	bool inside = HAS_LOC(loc) && loc.begin >= d->context_span.begin &&
	              loc.end <= d->context_span.end;
	if (d->context && !inside)
		g->context = d->context;
	tally(d, code, g->severity);
	vec_push(d->arena, &d->list, g);
	return g;
}

struct diagnostic *
diag(struct diags *d, enum diag_code code, struct loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct diagnostic *g = vdiag(d, code, loc, NULL, fmt, ap);
	va_end(ap);
	return g;
}

struct diagnostic *
diag_in_file(struct diags *d, enum diag_code code, const char *file, size_t line,
             size_t column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *place = arena_printf(d->arena, "%s:%zu:%zu", file, line, column);
	struct diagnostic *g = vdiag(d, code, NO_LOC, place, fmt, ap);
	va_end(ap);
	g->file = file;
	g->line = line;
	g->column = column;
	return g;
}

struct diagnostic *
diag_in(struct diags *d, const struct source *src, enum diag_code code, struct loc loc,
        const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct diagnostic *g = vdiag(d, code, loc, src && src != d->src ? src->path : NULL, fmt, ap);
	va_end(ap);
	g->src = src == d->src ? NULL : src;
	return g;
}

void
diag_note(struct diags *d, struct diagnostic *to, struct loc loc,
          const char *fmt, ...)
{
	if (to == d->overflow)
		return;
	struct note *n = NEW(d->arena, struct note);
	va_list ap;
	va_start(ap, fmt);
	n->message = arena_vprintf(d->arena, fmt, ap);
	va_end(ap);
	n->loc = loc;
	vec_push(d->arena, &to->notes, n);
}

struct diagnostic *
diag_again(struct diags *d, enum diag_code code, struct loc loc, struct loc first,
           const char *note, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct diagnostic *g = vdiag(d, code, loc, NULL, fmt, ap);
	va_end(ap);
	diag_note(d, g, first, "%s", note);
	return g;
}

void
diag_redact(struct diags *d, struct loc loc)
{
	struct loc *span = NEW(d->arena, struct loc);
	*span = loc;
	/* Kept in source order (the scanner adds them in order; a later
	 * stage's go to their place), for first_redacted()'s search. */
	vec_push(d->arena, &d->redacted, span);
	size_t i = d->redacted.len - 1;
	for (; i > 0 && ((const struct loc *)d->redacted.items[i - 1])->begin > loc.begin; i--)
		d->redacted.items[i] = d->redacted.items[i - 1];
	d->redacted.items[i] = span;
}

/* The first redacted span that ends after `offset` (binary search). */
static size_t
first_redacted(const struct vec *spans, size_t offset)
{
	size_t lo = 0, hi = spans->len;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (((const struct loc *)spans->items[mid])->end <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
diag_escape(struct buf *b, const char *s, size_t max)
{
	size_t i = 0, start = b->len;
	/* Cut between characters, never inside one. */
	for (; s[i] && (b->len - start < max || ((unsigned char)s[i] & 0xC0) == 0x80); i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F)
			buf_printf(b, "\\x%02X", c);
		else
			buf_putc(b, (char)c);
	}
	if (s[i])
		buf_puts(b, "...");
}

const char *
diag_quote(struct arena *a, const char *s)
{
	struct buf b = {0};
	buf_putc(&b, '\'');
	diag_escape(&b, s, 199); /* with the quote, at most about 200 bytes */
	buf_putc(&b, '\'');
	char *r = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return r;
}

const char *
diag_quote_list(struct arena *a, const char *const *names, size_t n, size_t total)
{
	struct buf b = {0};
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", !i ? "" : i + 1 == n && total == n ? " and " : ", ",
		           diag_quote(a, names[i]));
	if (total > n)
		buf_printf(&b, " and %zu more", total - n);
	char *r = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}

/* Text output */

enum { EXCERPT_WIDTH = 160 }; /* characters of a source line shown at most */

struct palette {
	const char *bold, *error, *warning, *note, *caret, *reset;
};

static const char *
severity_name(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

static const char *
severity_color(const struct palette *p, enum severity s)
{
	return s == SEV_ERROR ? p->error : s == SEV_WARNING ? p->warning : p->note;
}

/* Prints the source line of loc with a caret and tildes under its span
 * (up to the end of the first line).  Tabs are kept in the underline so
 * that it lines up; control bytes are shown as '?'. */
static void
print_excerpt(const struct source *src, const struct vec *redacted,
              const struct columns *cols, struct loc loc, FILE *out, const struct palette *p)
{
	size_t line, col;
	column_position(cols, loc.begin, &line, &col);
	/* The line's end from the line table: a long line is not scanned. */
	size_t start = src->line_starts[line - 1];
	size_t stop = line < src->nlines ? src->line_starts[line] - 1 : src->len;
	if (stop > start && src->text[stop - 1] == '\r')
		stop--;
	/* A long line is cut to a window around the location, on character
	 * boundaries, and the cut ends are marked with "...". */
	size_t begin = loc.begin < start ? start : loc.begin;
	bool cut_left = false, cut_right = false;
	if (stop - start > EXCERPT_WIDTH) {
		if (begin - start > EXCERPT_WIDTH / 3) {
			start = begin - EXCERPT_WIDTH / 3;
			while (((unsigned char)src->text[start] & 0xC0) == 0x80)
				start++;
			cut_left = true;
		}
		if (stop - start > EXCERPT_WIDTH) {
			stop = start + EXCERPT_WIDTH;
			while (stop > start && ((unsigned char)src->text[stop] & 0xC0) == 0x80)
				stop--;
			cut_right = true;
		}
	}
	int gutter = line > 99999 ? snprintf(NULL, 0, "%zu", line) : 5;
	fprintf(out, "%*zu | %s", gutter, line, cut_left ? "..." : "");
	size_t r = first_redacted(redacted, start);
	for (size_t i = start; i < stop; i++) {
		unsigned char c = (unsigned char)src->text[i];
		while (r < redacted->len && ((const struct loc *)redacted->items[r])->end <= i)
			r++;
		if (r < redacted->len && ((const struct loc *)redacted->items[r])->begin <= i) {
			if ((c & 0xC0) != 0x80) /* one '*' per character */
				fputc('*', out);
			continue;
		}
		fputc(c == '\t' || c >= 0x20 ? (c == 0x7F ? '?' : c) : '?', out);
	}
	fprintf(out, "%s\n%*s | %s", cut_right ? "..." : "", gutter, "", cut_left ? "   " : "");
	for (size_t i = start; i < begin && i < stop; i++) {
		unsigned char c = (unsigned char)src->text[i];
		if ((c & 0xC0) != 0x80)
			fputc(c == '\t' ? '\t' : ' ', out);
	}
	fputs(p->caret, out);
	fputc('^', out);
	size_t end = loc.end > stop ? stop : loc.end;
	size_t span = end > begin ? count_chars(src->text, begin, end) : 1;
	for (size_t i = 1; i < span; i++)
		fputc('~', out);
	fputs(p->reset, out);
	fputc('\n', out);
}

/* A file name before a diagnostic, with its control characters escaped
 * as in messages (diag_escape): a name never moves the cursor. */
static void
print_location(FILE *out, const char *path, size_t line, size_t column)
{
	struct buf b = {0};
	diag_escape(&b, path, SIZE_MAX);
	fprintf(out, "%.*s:%zu:%zu: ", (int)b.len, b.data ? b.data : "", line, column);
	buf_free(&b);
}

static void
print_one(const struct diags *d, const struct columns *cols, enum severity sev, struct loc loc,
          const char *message, FILE *out,
          const struct palette *p)
{
	const struct source *src = cols->src;
	fputs(p->bold, out);
	if (src && HAS_LOC(loc)) {
		size_t line, col;
		column_position(cols, loc.begin, &line, &col);
		print_location(out, src->path, line, col);
	} else {
		fputs("todokc: ", out);
	}
	fprintf(out, "%s%s:%s%s %s", severity_color(p, sev), severity_name(sev),
	        p->reset, p->bold, message);
	fprintf(out, "%s\n", p->reset);
	/* Another source (a .env file) may hold secret values anywhere: no excerpt. */
	if (src && HAS_LOC(loc) && src == d->src)
		print_excerpt(src, &d->redacted, cols, loc, out, p);
}

/* Diagnostics in source order (those without a location, and those in
 * another source file, first); those at one place keep the order they
 * were found in. */
static struct diagnostic **
sorted(const struct diags *d)
{
	size_t n = d->list.len;
	struct diagnostic **a = xmalloc((n ? n : 1) * sizeof *a);
	struct diagnostic **tmp = xmalloc((n ? n : 1) * sizeof *tmp);
	if (n)
		memcpy(a, d->list.items, n * sizeof *a);
	/* bottom-up merge sort: stable, no recursion */
	for (size_t width = 1; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi) {
				uint32_t bi = HAS_LOC(a[i]->loc) && !a[i]->src ? a[i]->loc.begin : 0;
				uint32_t bj = HAS_LOC(a[j]->loc) && !a[j]->src ? a[j]->loc.begin : 0;
				tmp[k++] = bj < bi ? a[j++] : a[i++];
			}
			while (i < mid)
				tmp[k++] = a[i++];
			while (j < hi)
				tmp[k++] = a[j++];
		}
		memcpy(a, tmp, n * sizeof *a);
	}
	free(tmp);
	return a;
}

/* How one diagnostic is printed: gc holds the columns of its file, cols
 * those of d->src (where a context note is). */
typedef void print_fn(const struct diags *d, const struct diagnostic *g, struct columns *gc,
                      struct columns *cols, FILE *out, const void *how);

/* Prints the diagnostics in order, each with the columns of its file (a
 * diagnostic of a second file, diag_in(), has its own). */
static void
each_diagnostic(const struct diags *d, print_fn *fn, FILE *out, const void *how)
{
	if (!d->list.len)
		return;
	struct diagnostic **list = sorted(d);
	struct columns cols;
	columns_init(&cols, d->src);
	for (size_t i = 0; i < d->list.len; i++) {
		struct columns other, *gc = &cols;
		if (list[i]->src)
			columns_init(gc = &other, list[i]->src);
		fn(d, list[i], gc, &cols, out, how);
		if (gc == &other)
			free(other.chars);
	}
	free(list);
	free(cols.chars);
}

static void
text_one(const struct diags *d, const struct diagnostic *g, struct columns *gc,
         struct columns *cols, FILE *out, const void *how)
{
	const struct palette *p = how;
	if (g->file) { /* a place in a file that is no source (an --env-file): no excerpt */
		fputs(p->bold, out);
		print_location(out, g->file, g->line, g->column);
		fprintf(out, "%s%s:%s%s %s%s\n", severity_color(p, g->severity),
		        severity_name(g->severity), p->reset, p->bold, g->message, p->reset);
	} else
		print_one(d, gc, g->severity, g->loc, g->message, out, p);
	for (size_t j = 0; j < g->notes.len; j++) {
		const struct note *n = g->notes.items[j];
		print_one(d, gc, SEV_NOTE, n->loc, n->message, out, p);
	}
	if (g->context)
		print_one(d, cols, SEV_NOTE, g->context->loc, g->context->message, out, p);
}

void
diag_print_text(const struct diags *d, FILE *out, bool color)
{
	static const struct palette plain = {"", "", "", "", "", ""};
	static const struct palette ansi = {"\033[1m", "\033[1;31m", "\033[1;35m",
	                                    "\033[1;36m", "\033[1;32m", "\033[0m"};
	each_diagnostic(d, text_one, out, color ? &ansi : &plain);
}

/* JSON output */

static void
json_string(FILE *out, const char *s)
{
	struct buf b = {0};
	json_escape(&b, s, strlen(s));
	fputc('"', out);
	if (b.len)
		fwrite(b.data, 1, b.len, out);
	fputc('"', out);
	buf_free(&b);
}

static void
json_location(const struct columns *cols, struct loc loc, FILE *out)
{
	if (!cols->src || !HAS_LOC(loc)) {
		fputs("\"file\": null, \"line\": null, \"column\": null, \"end\": null", out);
		return;
	}
	size_t line, col, eline, ecol;
	column_position(cols, loc.begin, &line, &col);
	column_position(cols, loc.end, &eline, &ecol);
	fputs("\"file\": ", out);
	json_string(out, cols->src->path);
	fprintf(out, ", \"line\": %zu, \"column\": %zu, \"end\": {\"line\": %zu, \"column\": %zu}",
	        line, col, eline, ecol);
}

static void
json_one(const struct diags *d, const struct diagnostic *g, struct columns *gc,
         struct columns *cols, FILE *out, const void *how)
{
	fputs("{\"severity\": ", out);
	json_string(out, severity_name(g->severity));
	fputs(", \"code\": ", out);
	json_string(out, diag_codes[g->code].name);
	fputs(", ", out);
	if (g->file) {
		fputs("\"file\": ", out);
		json_string(out, g->file);
		fprintf(out, ", \"line\": %zu, \"column\": %zu, \"end\": null", g->line, g->column);
	} else {
		json_location(gc, g->loc, out);
	}
	fputs(", \"message\": ", out);
	json_string(out, g->message);
	fputs(", \"notes\": [", out);
	for (size_t j = 0; j <= g->notes.len; j++) {
		const struct note *n = j < g->notes.len ? g->notes.items[j] : g->context;
		if (!n)
			break;
		fputs(j ? ", {" : "{", out);
		json_location(j < g->notes.len ? gc : cols, n->loc, out); /* a context is in d->src */
		fputs(", \"message\": ", out);
		json_string(out, n->message);
		fputc('}', out);
	}
	fputs("]}\n", out);
}

void
diag_print_json(const struct diags *d, FILE *out)
{
	each_diagnostic(d, json_one, out, NULL);
}

void
diag_print_bare_json(FILE *out, enum diag_code code, const char *message)
{
	fputs("{\"severity\": \"error\", \"code\": ", out);
	json_string(out, diag_codes[code].name);
	fputs(", \"file\": null, \"line\": null, \"column\": null, \"end\": null, \"message\": ", out);
	json_string(out, message);
	fputs(", \"notes\": []}\n", out);
}

int
diag_print(const struct diags *d, bool json, enum diag_color color, FILE *out)
{
	if (json) {
		diag_print_json(d, out);
	} else {
		const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");
		bool on = color == DIAG_COLOR_ALWAYS ||
		          (color == DIAG_COLOR_AUTO && isatty(fileno(out)) && !(no_color && *no_color) &&
		           !(term && strcmp(term, "dumb") == 0));
		diag_print_text(d, out, on);
		if (d->dropped)
			fprintf(out, "todokc: %zu more diagnostics are not shown (todokc shows the first "
			        "%d)\n", d->dropped, MAX_DIAGNOSTICS);
	}
	return d->io_error ? 3 : d->errors ? 1 : 0;
}
