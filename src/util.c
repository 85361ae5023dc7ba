/*
 * util.c - the arena, growable arrays and buffers, the name hash table,
 * edit distance, a text made a DNS label, base64 and UTF-8 helpers.  Allocation failure ends the
 * program here and nowhere else.
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS */
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

_Noreturn void
fatal_oom(void)
{
	fputs("todokc: fatal error: out of memory\n", stderr);
	exit(3);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		fatal_oom();
	return p;
}

void *
xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		fatal_oom();
	return p;
}

/* Arena */

struct arena_chunk {
	struct arena_chunk *prev;
	size_t size;
	char *filled;        /* the end of what it holds, once another chunk is filled */
	max_align_t data[];
};

/* Chunks are mapped (mmap): their pages are zero already, so that
 * allocations, which never reuse memory, need no memset.  (calloc would
 * clear them again once malloc's mmap threshold has grown.)  Each
 * allocation is aligned as much as its type needs, no more: a string takes
 * its bytes, not a multiple of 16. */
enum {
	ARENA_CHUNK = 256 * 1024,            /* the first chunk of an arena */
	ARENA_CHUNK_MAX = 32 * 1024 * 1024,  /* chunks double up to this */
	HUGE_PAGE = 2 * 1024 * 1024,
	ARENA_ALIGN = sizeof(max_align_t),
};

/* A big chunk asks for huge pages (where the kernel gives them on
 * request): a big stack's IR is touched page after page, and 4 KiB pages
 * cost a fault and a TLB entry each. */
static struct arena_chunk *
chunk_map(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		fatal_oom();
#ifdef MADV_HUGEPAGE
	if (size >= 2 * HUGE_PAGE)
		madvise(p, size, MADV_HUGEPAGE);
#endif
	return p;
}

static void
chunk_unmap(struct arena_chunk *c)
{
	munmap(c, sizeof *c + c->size);
}

static size_t
align_up(size_t n, size_t align)
{
	return (n + align - 1) & ~(align - 1);
}

/* An allocation that arena_alloc_aligned() found no room for (or of no
 * bytes: one is taken, so that every pointer is distinct). */
void *
arena_alloc_chunk(struct arena *a, size_t size, size_t align)
{
	if (!size)
		size = 1;
	if (a->next && (size_t)(a->end - a->next) >= size + align - 1)
		return arena_alloc_aligned(a, size, align);
	size_t want = ARENA_CHUNK;
	struct arena_chunk *c = a->head;
	if (size > ARENA_CHUNK / 4)
		want = align_up(size, ARENA_ALIGN);
	else if (c && c->size >= ARENA_CHUNK)
		want = c->size < ARENA_CHUNK_MAX ? c->size * 2 : ARENA_CHUNK_MAX;
	if (want > SIZE_MAX - sizeof *c)
		fatal_oom();
	c = chunk_map(sizeof *c + want);
	c->size = want;
	if (size > ARENA_CHUNK / 4 && a->head) {
		/* A big block gets a chunk of its own, kept behind the chunk
		 * being filled so the latter's room is not lost. */
		c->prev = a->head->prev;
		a->head->prev = c;
		return c->data;
	}
	if (a->head)
		a->head->filled = a->next;
	c->prev = a->head;
	a->head = c;
	a->next = (char *)c->data + size;
	a->end = (char *)c->data + want;
	return c->data;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	return arena_alloc_aligned(a, size, ARENA_ALIGN);
}

void *
arena_grow_aligned(struct arena *a, void *ptr, size_t old_size, size_t new_size, size_t align)
{
	/* The last allocation of the current chunk grows in place. */
	if (ptr && (char *)ptr + old_size == a->next && (size_t)(a->end - (char *)ptr) >= new_size) {
		a->next = (char *)ptr + new_size; /* the new tail is still zero */
		return ptr;
	}
	void *p = arena_alloc_aligned(a, new_size, align);
	if (ptr)
		memcpy(p, ptr, old_size);
	return p;
}

void *
arena_grow(struct arena *a, void *ptr, size_t old_size, size_t new_size)
{
	return arena_grow_aligned(a, ptr, old_size, new_size, ARENA_ALIGN);
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc_aligned(a, len + 1, 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

enum { SMALL_FORMAT = 256 };

/* fmt formatted: into small when it fits (most strings do: formatted
 * once), else into a new buffer that the caller frees; NULL when
 * vsnprintf fails.  *n is the length. */
static char *
vformat(char small[SMALL_FORMAT], size_t *n, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int len = vsnprintf(small, SMALL_FORMAT, fmt, copy);
	va_end(copy);
	if (len < 0)
		return NULL;
	*n = (size_t)len;
	if (*n < SMALL_FORMAT)
		return small;
	char *big = xmalloc(*n + 1);
	vsnprintf(big, *n + 1, fmt, ap);
	return big;
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	char small[SMALL_FORMAT];
	size_t n;
	char *s = vformat(small, &n, fmt, ap);
	if (!s)
		fatal_oom();
	char *p = arena_strndup(a, s, n);
	if (s != small)
		free(s);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *c = a->head;
	while (c) {
		struct arena_chunk *prev = c->prev;
		chunk_unmap(c);
		c = prev;
	}
	*a = (struct arena){0};
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk *keep = a->head;
	if (!keep)
		return;
	struct arena_chunk *c = keep->prev;
	while (c) {
		struct arena_chunk *prev = c->prev;
		chunk_unmap(c);
		c = prev;
	}
	/* Allocations are zeroed: clear what was used. */
	memset(keep->data, 0, (size_t)(a->next - (char *)keep->data));
	a->next = (char *)keep->data;
	keep->prev = NULL;
}

struct arena_mark
arena_mark(const struct arena *a)
{
	return (struct arena_mark){a->head, a->head ? a->head->prev : NULL, a->next};
}

/* The chunks made after the mark are freed: those filled since (and the
 * big blocks kept behind them), then the big blocks kept behind the
 * mark's chunk; what the mark's chunk took since is cleared. */
void
arena_rewind(struct arena *a, struct arena_mark m)
{
	if (!m.head) {
		arena_free(a);
		return;
	}
	char *end = a->next;
	while (a->head != m.head) {
		struct arena_chunk *c = a->head;
		a->head = c->prev;
		end = a->head->filled;
		chunk_unmap(c);
	}
	for (struct arena_chunk *c = m.head->prev; c != m.behind;) {
		struct arena_chunk *prev = c->prev;
		chunk_unmap(c);
		c = prev;
	}
	m.head->prev = m.behind;
	memset(m.next, 0, (size_t)(end - m.next));
	a->next = m.next;
	a->end = (char *)m.head->data + m.head->size;
}

void
vec_push(struct arena *a, struct vec *v, void *item)
{
	if (v->len == v->cap) {
		/* Most vectors hold one or two items. */
		if (v->cap > UINT32_MAX / 2)
			fatal_oom();
		uint32_t cap = v->cap ? v->cap * 2 : 2;
		v->items = arena_grow_aligned(a, v->items, v->cap * sizeof *v->items,
		                              cap * sizeof *v->items, _Alignof(void *));
		v->cap = cap;
	}
	v->items[v->len++] = item;
}

bool
vec_same_strings(const struct vec *a, const struct vec *b)
{
	if (a->len != b->len)
		return false;
	for (size_t i = 0; i < a->len; i++)
		if (strcmp(a->items[i], b->items[i]) != 0)
			return false;
	return true;
}

/* Buffers */

void
buf_append(struct buf *b, const void *data, size_t len)
{
	if (b->cap - b->len < len + 1) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap - b->len < len + 1) {
			if (cap > SIZE_MAX / 2)
				fatal_oom();
			cap *= 2;
		}
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	char small[SMALL_FORMAT];
	size_t n;
	va_list ap;
	va_start(ap, fmt);
	char *s = vformat(small, &n, fmt, ap);
	va_end(ap);
	if (!s)
		return;
	buf_append(b, s, n);
	if (s != small)
		free(s);
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

size_t
int_to_text(long long v, char out[INT_TEXT_MAX])
{
	char digits[INT_TEXT_MAX];
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	size_t n = 0, len = 0;
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		out[len++] = '-';
	while (n)
		out[len++] = digits[--n];
	return len;
}

char *
arena_buf_take(struct arena *a, struct buf *b)
{
	char *s = arena_strndup(a, b->data ? b->data : "", b->len);
	buf_free(b);
	return s;
}

void
json_escape(struct buf *out, const char *s, size_t len)
{
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[8];
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			if (c < 0x20 || c == 0x7F) {
				snprintf(u, sizeof u, "\\u%04x", c);
				esc = u;
			} else if (c >= 0x80) {
				/* JSON is UTF-8: a byte that is not is U+FFFD. */
				uint32_t cp;
				size_t n = utf8_decode((const unsigned char *)s + i, len - i, &cp);
				if (n) {
					i += n - 1;
					continue;
				}
				esc = "\\ufffd";
			}
		}
		if (!esc)
			continue;
		buf_append(out, s + run, i - run);
		buf_puts(out, esc);
		run = i + 1;
	}
	buf_append(out, s + run, len - run);
}

/* Hash table: open addressing, FNV-1a */

struct map_entry {
	const char *key;
	void *value;
};

static uint64_t
hash_string(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	if (!m->cap)
		return NULL;
	size_t i = hash_string(key) & (m->cap - 1);
	for (; m->slots[i].key; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->slots[i].key, key) == 0)
			return m->slots[i].value;
	return NULL;
}

static void
strmap_insert(struct strmap *m, const char *key, void *value)
{
	size_t i = hash_string(key) & (m->cap - 1);
	while (m->slots[i].key && strcmp(m->slots[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	if (!m->slots[i].key)
		m->len++;
	m->slots[i].key = key;
	m->slots[i].value = value;
}

void
strmap_put(struct arena *a, struct strmap *m, const char *key, void *value)
{
	if ((m->len + 1) * 2 > m->cap) {
		struct strmap bigger = {0};
		/* Most maps (the keys of one block) hold a few names. */
		bigger.cap = m->cap ? m->cap * 2 : 4;
		bigger.slots = arena_alloc_aligned(a, bigger.cap * sizeof *bigger.slots,
		                                   _Alignof(struct map_entry));
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].key)
				strmap_insert(&bigger, m->slots[i].key, m->slots[i].value);
		*m = bigger;
	}
	strmap_insert(m, key, value);
}

void
strmap_reserve(struct arena *a, struct strmap *m, size_t n)
{
	size_t cap = 4;
	while (cap < 2 * (n + 1)) /* strmap_put() keeps the table at most half full */
		cap *= 2;
	if (m->len || cap <= m->cap)
		return;
	m->cap = cap;
	m->slots = arena_alloc_aligned(a, cap * sizeof *m->slots, _Alignof(struct map_entry));
}

void *
strmap_claim(struct arena *a, struct strmap *m, const char *key, void *value)
{
	void *old = strmap_get(m, key);
	if (!old)
		strmap_put(a, m, key, value);
	return old;
}

/* Suggestions */

/* Optimal string alignment distance: insertions, deletions, substitutions
 * and transpositions of neighbours ("hots" is one step from "host"). */
size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return (size_t)-1; /* names that long are not typos of each other */
	size_t d[65][65];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

bool
close_enough(const char *got, const char *want, size_t distance)
{
	size_t longer = strlen(got) > strlen(want) ? strlen(got) : strlen(want);
	/* At most a third of the longer word may change, and at least one
	 * character may always change. */
	size_t allowed = longer / 3 ? longer / 3 : 1;
	return distance <= allowed && distance < longer;
}

struct suggestion
suggestion_start(size_t *budget, const char *got)
{
	return (struct suggestion){got, strlen(got), NULL, (size_t)-1, budget};
}

void
suggestion_consider(struct suggestion *s, const char *candidate)
{
	size_t len = strlen(candidate);
	size_t longer = len > s->got_len ? len : s->got_len;
	size_t gap = len > s->got_len ? len - s->got_len : s->got_len - len;
	/* The length gap is a lower bound of the distance: candidates that
	 * cannot be close enough, or better, cost nothing. */
	if (gap >= s->distance || gap > (longer / 3 ? longer / 3 : 1) || longer > 64)
		return;
	size_t cost = (len + 1) * (s->got_len + 1);
	if (*s->budget < cost)
		return;
	*s->budget -= cost;
	size_t d = edit_distance(s->got, candidate);
	if (d < s->distance && close_enough(s->got, candidate, d)) {
		s->best = candidate;
		s->distance = d;
	}
}

/* 'S', each ' of S written '\'' (its size found first: one allocation). */
const char *
shell_quote(struct arena *a, const char *s)
{
	size_t len = 2;
	for (const char *p = s; *p; p++)
		len += *p == '\'' ? 4 : 1;
	char *q = arena_alloc_aligned(a, len + 1, 1), *out = q;
	*out++ = '\'';
	for (; *s; s++) {
		if (*s == '\'') {
			memcpy(out, "'\\''", 4);
			out += 4;
		} else {
			*out++ = *s;
		}
	}
	*out = '\'';
	return q;
}

const char *
dns_label(struct arena *a, const char *s, const char *fallback, size_t max)
{
	size_t flen = strlen(fallback);
	char *out = arena_alloc(a, strlen(s) + flen + 2);
	size_t n = 0;
	for (; *s; s++) {
		char c = (char)tolower((unsigned char)*s);
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
		if (!n && ok && c <= '9') { /* a name starts with a letter */
			memcpy(out, fallback, flen);
			out[flen] = '-';
			n = flen + 1;
		}
		if (ok)
			out[n++] = c;
		else if (n && out[n - 1] != '-')
			out[n++] = '-';
	}
	if (n > max)
		n = max;
	while (n && out[n - 1] == '-')
		n--;
	out[n] = '\0';
	return n ? out : fallback;
}

void
base64_encode(struct buf *out, const unsigned char *data, size_t len)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i = 0;
	for (; i + 2 < len; i += 3) {
		uint32_t v = (uint32_t)data[i] << 16 | (uint32_t)data[i + 1] << 8 | data[i + 2];
		char q[4] = {alphabet[v >> 18 & 63], alphabet[v >> 12 & 63],
		             alphabet[v >> 6 & 63], alphabet[v & 63]};
		buf_append(out, q, 4);
	}
	if (i < len) {
		uint32_t v = (uint32_t)data[i] << 16;
		if (i + 1 < len)
			v |= (uint32_t)data[i + 1] << 8;
		char q[4] = {alphabet[v >> 18 & 63], alphabet[v >> 12 & 63],
		             i + 1 < len ? alphabet[v >> 6 & 63] : '=', '='};
		buf_append(out, q, 4);
	}
}

/* UTF-8 */

size_t
utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	if (len == 0)
		return 0;
	unsigned char c = s[0];
	size_t n;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		n = 2, v = c & 0x1F, min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3, v = c & 0x0F, min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

void
utf8_encode(struct buf *out, uint32_t cp)
{
	char b[4];
	if (cp < 0x80) {
		b[0] = (char)cp;
		buf_append(out, b, 1);
	} else if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3F));
		buf_append(out, b, 2);
	} else if (cp < 0x10000) {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		buf_append(out, b, 3);
	} else {
		b[0] = (char)(0xF0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[3] = (char)(0x80 | (cp & 0x3F));
		buf_append(out, b, 4);
	}
}

size_t
utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = u[i] < 0x80 ? 1 : utf8_decode(u + i, len - i, &cp);
		if (!n)
			return i;
		i += n;
	}
	return len;
}
