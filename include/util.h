/*
 * util.h - memory and text helpers shared by every stage.
 *
 * Ownership rule: everything a compilation builds (syntax tree, IR,
 * Kubernetes object trees, diagnostics) lives in the compilation's one arena
 * and is freed at once with arena_free().  Only the byte buffers that hold
 * emitted output (struct buf) are malloc'd, and their owner frees them.
 * Allocation failure is fatal, in one place: fatal_oom().
 */
#ifndef UTIL_H_INCLUDED
#define UTIL_H_INCLUDED

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

_Noreturn void fatal_oom(void);
void *xmalloc(size_t size);
void *xrealloc(void *ptr, size_t size);

/* A bump allocator: chunks of memory released together. */
struct arena_chunk;
struct arena {
	struct arena_chunk *head; /* the chunk being filled */
	char *next, *end;         /* its free room */
};

/* Zeroed memory, aligned for any type (arena_alloc) or to align, a power
 * of two (arena_alloc_aligned).  The common case, room in the chunk being
 * filled, is inline; arena_alloc_chunk() makes a new chunk. */
void *arena_alloc(struct arena *a, size_t size);
void *arena_alloc_chunk(struct arena *a, size_t size, size_t align);
static inline void *
arena_alloc_aligned(struct arena *a, size_t size, size_t align)
{
	if (size && a->next && (size_t)(a->end - a->next) >= size + align - 1) {
		char *p = (char *)(((uintptr_t)a->next + (align - 1)) & ~(uintptr_t)(align - 1));
		a->next = p + size;
		return p;
	}
	return arena_alloc_chunk(a, size, align);
}
#ifdef TODOKC_COUNT_ALLOC
/* The counting build of `make bench-memory` (bench/alloc_count.c): every
 * allocation is counted by its site first. */
void alloc_count(const struct arena *a, size_t size, const char *file, int line);
#define arena_alloc_aligned(a, size, align) \
	(alloc_count((a), (size), __FILE__, __LINE__), (arena_alloc_aligned)((a), (size), (align)))
#endif
/* ptr's old_size bytes in new_size, grown in place when it is the arena's
 * last allocation. */
void *arena_grow(struct arena *a, void *ptr, size_t old_size, size_t new_size);
void *arena_grow_aligned(struct arena *a, void *ptr, size_t old_size, size_t new_size,
                         size_t align);
char *arena_strndup(struct arena *a, const char *s, size_t len);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) PRINTF_LIKE(2, 3);
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap) PRINTF_LIKE(2, 0);
void arena_free(struct arena *a);
/* Empties the arena for reuse: its current chunk is kept (cleared), the
 * others are freed.  For a scratch arena reset after each use. */
void arena_reset(struct arena *a);
/* A place in an arena, and the arena taken back to it: what was allocated
 * after the mark is gone (cleared, or its chunks freed), what was before
 * it stays.  Marks are rewound last made, first rewound. */
struct arena_mark {
	struct arena_chunk *head, *behind; /* the chunk being filled, and the one before it */
	char *next;
};
struct arena_mark arena_mark(const struct arena *a);
void arena_rewind(struct arena *a, struct arena_mark m);

#define NEW(arena, type) ((type *)arena_alloc_aligned((arena), sizeof(type), _Alignof(type)))

/* A growable array of pointers in the arena, in insertion order.  Counts
 * are 32 bits: the input's size limit keeps them far below, and the IR
 * holds many vectors per component. */
struct vec {
	void **items;
	uint32_t len, cap;
};

void vec_push(struct arena *a, struct vec *v, void *item);
/* Whether two vectors of strings hold the same strings in the same order. */
bool vec_same_strings(const struct vec *a, const struct vec *b);

/* A malloc'd growable byte buffer, for output. */
struct buf {
	char *data;
	size_t len, cap;
};

void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
/* One byte: inline when it fits (the JSON writer and the quoting put one
 * at a time). */
static inline void
buf_putc(struct buf *b, char c)
{
	if (b->cap - b->len < 2) {
		buf_append(b, &c, 1);
		return;
	}
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
void buf_printf(struct buf *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_free(struct buf *b);
/* v in decimal into out (no NUL); returns the length.  For the emitters,
 * which write many integers: printf's machinery costs ten times more. */
enum { INT_TEXT_MAX = 20 };
size_t int_to_text(long long v, char out[INT_TEXT_MAX]);
/* Moves the buffer's bytes into the arena (NUL-terminated) and frees it. */
char *arena_buf_take(struct arena *a, struct buf *b);
/* Appends s as the contents of a JSON string (RFC 8259), without the quotes;
 * a byte that is not UTF-8 becomes U+FFFD. */
void json_escape(struct buf *out, const char *s, size_t len);

/* A string-keyed hash table in the arena (names to declarations). */
struct map_entry;
struct strmap {
	struct map_entry *slots;
	size_t len, cap;
};

void *strmap_get(const struct strmap *m, const char *key);
void strmap_put(struct arena *a, struct strmap *m, const char *key, void *value);
/* Room for n keys in an empty map, so that it never grows (a map that
 * grows leaves its smaller tables behind in the arena). */
void strmap_reserve(struct arena *a, struct strmap *m, size_t n);
/* Puts key -> value unless key is there; returns the value it had (NULL
 * when it was not there, and then value is put). */
void *strmap_claim(struct arena *a, struct strmap *m, const char *key, void *value);

/* Edit distance (with transpositions), for "did you mean" suggestions. */
size_t edit_distance(const char *a, const char *b);
/* Whether a misspelling of `want` as `got` is close enough to suggest. */
bool close_enough(const char *got, const char *want, size_t distance);

/* s made a DNS label: lower case, '-' for what is not [a-z0-9], at most max
 * bytes; FALLBACK- before a digit that would start it, and FALLBACK when
 * nothing is left (the importer's names, the fix E0405 suggests). */
const char *dns_label(struct arena *a, const char *s, const char *fallback, size_t max);
/* "Did you mean": the candidate closest to `got`, when close enough.
 * Each edit distance computed takes its steps from *budget; once it is
 * spent, no candidate is weighed any more, so that a file with thousands
 * of unknown names still takes time linear in its size. */
struct suggestion {
	const char *got;
	size_t got_len;
	const char *best;   /* NULL: none close enough */
	size_t distance;
	size_t *budget;
};
struct suggestion suggestion_start(size_t *budget, const char *got);
void suggestion_consider(struct suggestion *s, const char *candidate);

void base64_encode(struct buf *out, const unsigned char *data, size_t len);
/* 'text' for a POSIX shell, single-quoted, in the arena. */
const char *shell_quote(struct arena *a, const char *s);

/* Decodes one UTF-8 sequence at s (at most len bytes); returns its length,
 * or 0 when the bytes are not valid UTF-8 (overlong, surrogate, too big). */
size_t utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
void utf8_encode(struct buf *out, uint32_t cp);
/* The offset of the first byte of s that is not valid UTF-8, or len. */
size_t utf8_invalid_at(const char *s, size_t len);

#endif
