/*
 * test_util.c - the helpers of include/util.h that every stage relies on:
 * edit_distance and close_enough (the "did you mean" suggestions),
 * base64_encode (Secret data; RFC 4648 section 10 test vectors),
 * utf8_decode / utf8_encode (the input check: overlong forms, surrogates
 * and code points above U+10FFFF are rejected), the strmap hash table
 * with many keys, vec_push, and arena_grow (in place for the last
 * allocation, copied otherwise, new bytes zeroed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "todokc.h"

/* edit_distance and close_enough */

static void
test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(edit_distance("", ""), 0);
	assert_int_equal(edit_distance("abc", ""), 3);
	assert_int_equal(edit_distance("", "abc"), 3);
	assert_int_equal(edit_distance("service", "service"), 0);
	assert_int_equal(edit_distance("kitten", "sitting"), 3);
	assert_int_equal(edit_distance("flaw", "lawn"), 2);
	assert_int_equal(edit_distance("app-confg", "app-config"), 1);  /* deletion */
	assert_int_equal(edit_distance("imagee", "image"), 1);          /* insertion */
	assert_int_equal(edit_distance("imoge", "image"), 1);           /* substitution */
	assert_int_equal(edit_distance("Gb", "Gi"), 1);
	/* symmetric */
	assert_int_equal(edit_distance("readiness", "liveness"), edit_distance("liveness", "readiness"));
	/* 64 characters are still measured; longer words are never typos. */
	char a[66], b[66];
	memset(a, 'a', 64), a[64] = '\0';
	memset(b, 'a', 64), b[64] = '\0';
	b[10] = 'b';
	assert_int_equal(edit_distance(a, b), 1);
	memset(a, 'a', 65), a[65] = '\0';
	assert_true(edit_distance(a, b) == (size_t)-1);
}

static void
test_close_enough(void **state)
{
	(void)state;
	assert_true(close_enough("app-confg", "app-config", 1));
	assert_true(close_enough("servce", "service", 1));
	assert_true(close_enough("imag", "image", 1));
	/* a third of the longer word: 9 letters allow 3 changes, not 4 */
	assert_true(close_enough("abcdefghi", "abcdefxyz", 3));
	assert_false(close_enough("abcdefghi", "abcdewxyz", 4));
	/* one change is always allowed, except when it rewrites the whole word */
	assert_true(close_enough("ab", "ac", 1));
	assert_false(close_enough("a", "b", 1));
	assert_false(close_enough("ab", "cd", 2));
	assert_false(close_enough("postgres", "frontend", edit_distance("postgres", "frontend")));
}

/* base64 */

static void
assert_base64(const char *data, size_t len, const char *want)
{
	struct buf b = {0};
	base64_encode(&b, (const unsigned char *)data, len);
	assert_int_equal(b.len, strlen(want));
	if (b.len)
		assert_memory_equal(b.data, want, b.len);
	buf_free(&b);
}

static void
test_base64_rfc4648(void **state)
{
	(void)state;
	/* RFC 4648 section 10 */
	assert_base64("", 0, "");
	assert_base64("f", 1, "Zg==");
	assert_base64("fo", 2, "Zm8=");
	assert_base64("foo", 3, "Zm9v");
	assert_base64("foob", 4, "Zm9vYg==");
	assert_base64("fooba", 5, "Zm9vYmE=");
	assert_base64("foobar", 6, "Zm9vYmFy");
	/* the standard alphabet (+ and /, not - and _), binary and NUL bytes */
	assert_base64("\xfb\xff\xbf", 3, "+/+/");
	assert_base64("\xff\xfe", 2, "//4=");
	assert_base64("\0", 1, "AA==");
	assert_base64("\0\0\0", 3, "AAAA");
	assert_base64("test-password", 13, "dGVzdC1wYXNzd29yZA==");
}

static void
test_base64_appends(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_puts(&b, "x:");
	base64_encode(&b, (const unsigned char *)"hi", 2);
	assert_string_equal(b.data, "x:aGk=");
	/* every byte value round-trips in a long input: the length is 4*ceil(n/3) */
	unsigned char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	struct buf c = {0};
	base64_encode(&c, all, sizeof all);
	assert_int_equal(c.len, 4 * ((256 + 2) / 3));
	assert_memory_equal(c.data, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g", 44);
	assert_memory_equal(c.data + c.len - 4, "/w==", 4);
	buf_free(&b);
	buf_free(&c);
}

/* UTF-8 */

static size_t
decode(const char *s, size_t len, uint32_t *cp)
{
	*cp = 0xDEADBEEF;
	return utf8_decode((const unsigned char *)s, len, cp);
}

static void
test_utf8_valid(void **state)
{
	(void)state;
	uint32_t cp;
	assert_int_equal(decode("A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(decode("\x7f", 1, &cp), 1);
	assert_int_equal(cp, 0x7F);
	assert_int_equal(decode("\xc2\x80", 2, &cp), 2); /* smallest 2-byte */
	assert_int_equal(cp, 0x80);
	assert_int_equal(decode("\xc3\xa9", 2, &cp), 2); /* é */
	assert_int_equal(cp, 0xE9);
	assert_int_equal(decode("\xe0\xa0\x80", 3, &cp), 3); /* smallest 3-byte */
	assert_int_equal(cp, 0x800);
	assert_int_equal(decode("\xe2\x82\xac", 3, &cp), 3); /* € */
	assert_int_equal(cp, 0x20AC);
	assert_int_equal(decode("\xed\x9f\xbf", 3, &cp), 3); /* U+D7FF, just below the surrogates */
	assert_int_equal(cp, 0xD7FF);
	assert_int_equal(decode("\xee\x80\x80", 3, &cp), 3); /* U+E000, just above */
	assert_int_equal(cp, 0xE000);
	assert_int_equal(decode("\xf0\x90\x80\x80", 4, &cp), 4); /* smallest 4-byte */
	assert_int_equal(cp, 0x10000);
	assert_int_equal(decode("\xf0\x9f\x98\x80", 4, &cp), 4); /* U+1F600 */
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(decode("\xf4\x8f\xbf\xbf", 4, &cp), 4); /* U+10FFFF, the last */
	assert_int_equal(cp, 0x10FFFF);
	/* only one sequence is decoded */
	assert_int_equal(decode("\xc3\xa9xyz", 5, &cp), 2);
}

static void
test_utf8_rejected(void **state)
{
	(void)state;
	uint32_t cp;
	/* overlong forms */
	assert_int_equal(decode("\xc0\x80", 2, &cp), 0);         /* NUL in 2 bytes */
	assert_int_equal(decode("\xc1\xbf", 2, &cp), 0);         /* U+7F in 2 bytes */
	assert_int_equal(decode("\xe0\x80\x80", 3, &cp), 0);
	assert_int_equal(decode("\xe0\x9f\xbf", 3, &cp), 0);     /* U+7FF in 3 bytes */
	assert_int_equal(decode("\xf0\x80\x80\x80", 4, &cp), 0);
	assert_int_equal(decode("\xf0\x8f\xbf\xbf", 4, &cp), 0); /* U+FFFF in 4 bytes */
	/* UTF-16 surrogates */
	assert_int_equal(decode("\xed\xa0\x80", 3, &cp), 0);     /* U+D800 */
	assert_int_equal(decode("\xed\xbf\xbf", 3, &cp), 0);     /* U+DFFF */
	/* above U+10FFFF */
	assert_int_equal(decode("\xf4\x90\x80\x80", 4, &cp), 0); /* U+110000 */
	assert_int_equal(decode("\xf5\x80\x80\x80", 4, &cp), 0);
	assert_int_equal(decode("\xf7\xbf\xbf\xbf", 4, &cp), 0);
	/* bytes that start nothing */
	assert_int_equal(decode("\x80", 1, &cp), 0);             /* a lone continuation */
	assert_int_equal(decode("\xbf", 1, &cp), 0);
	assert_int_equal(decode("\xf8\x88\x80\x80\x80", 5, &cp), 0); /* 5-byte form */
	assert_int_equal(decode("\xfc\x84\x80\x80\x80\x80", 6, &cp), 0);
	assert_int_equal(decode("\xfe", 1, &cp), 0);
	assert_int_equal(decode("\xff", 1, &cp), 0);
	/* truncated sequences and bad continuation bytes */
	assert_int_equal(decode("\xc3", 1, &cp), 0);
	assert_int_equal(decode("\xe2\x82", 2, &cp), 0);
	assert_int_equal(decode("\xf0\x9f\x98", 3, &cp), 0);
	assert_int_equal(decode("\xc3\xa9", 1, &cp), 0);         /* len cuts the sequence */
	assert_int_equal(decode("\xc3\x41", 2, &cp), 0);
	assert_int_equal(decode("\xe2\x82\xc0", 3, &cp), 0);
	assert_int_equal(decode("\xf0\x9f\x98\x20", 4, &cp), 0);
	assert_int_equal(decode("", 0, &cp), 0);
}

/* Every scalar value encodes to the shortest form and decodes back. */
static void
test_utf8_round_trip(void **state)
{
	(void)state;
	struct buf b = {0};
	for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		b.len = 0;
		utf8_encode(&b, cp);
		size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		if (b.len != want)
			fail_msg("U+%04X encodes to %zu bytes, not %zu", cp, b.len, want);
		uint32_t back = 0;
		size_t n = utf8_decode((const unsigned char *)b.data, b.len, &back);
		if (n != want || back != cp)
			fail_msg("U+%04X decodes to U+%04X (%zu bytes)", cp, back, n);
	}
	buf_free(&b);
}

/* strmap */

static void
test_strmap_many_keys(void **state)
{
	(void)state;
	struct arena a = {0};
	struct strmap m = {0};
	enum { N = 20000 };
	assert_null(strmap_get(&m, "anything")); /* an empty map */
	static int values[N];
	for (int i = 0; i < N; i++) {
		values[i] = i;
		strmap_put(&a, &m, arena_printf(&a, "key-%d", i), &values[i]);
	}
	assert_int_equal(m.len, N);
	for (int i = 0; i < N; i++) {
		char key[32];
		snprintf(key, sizeof key, "key-%d", i);
		int *v = strmap_get(&m, key);
		if (!v || *v != i)
			fail_msg("strmap_get(\"%s\") lost its value", key);
	}
	assert_null(strmap_get(&m, "key-20000"));
	assert_null(strmap_get(&m, "key-"));
	assert_null(strmap_get(&m, ""));
	/* the table keeps free slots (open addressing needs them) */
	assert_true(m.cap >= 2 * m.len);
	assert_int_equal(m.cap & (m.cap - 1), 0); /* a power of two */
	arena_free(&a);
}

static void
test_strmap_replace(void **state)
{
	(void)state;
	struct arena a = {0};
	struct strmap m = {0};
	int one = 1, two = 2, three = 3;
	strmap_put(&a, &m, "app-config", &one);
	strmap_put(&a, &m, "app-secrets", &two);
	/* a key equal by content (another pointer) replaces the value */
	char copy[] = "app-config";
	strmap_put(&a, &m, copy, &three);
	assert_int_equal(m.len, 2);
	assert_ptr_equal(strmap_get(&m, "app-config"), &three);
	assert_ptr_equal(strmap_get(&m, "app-secrets"), &two);
	/* keys differing only in case are different keys */
	assert_null(strmap_get(&m, "App-Config"));
	strmap_put(&a, &m, "", &one);
	assert_ptr_equal(strmap_get(&m, ""), &one);
	assert_int_equal(m.len, 3);
	arena_free(&a);
}

/* arena and vec */

static void
test_arena_grow_in_place(void **state)
{
	(void)state;
	struct arena a = {0};
	(void)arena_alloc(&a, 24);
	char *p = arena_alloc(&a, 16);
	memcpy(p, "0123456789abcdef", 16);
	/* the last allocation of the chunk grows where it is */
	char *q = arena_grow(&a, p, 16, 100);
	assert_ptr_equal(q, p);
	assert_memory_equal(q, "0123456789abcdef", 16);
	for (size_t i = 16; i < 100; i++)
		assert_int_equal(q[i], 0);
	/* the next allocation comes after the grown block */
	char *r = arena_alloc(&a, 8);
	assert_true(r >= q + 100);
	arena_free(&a);
}

static void
test_arena_grow_copies(void **state)
{
	(void)state;
	struct arena a = {0};
	char *p = arena_alloc(&a, 32);
	memset(p, 'x', 32);
	char *other = arena_alloc(&a, 8);
	memset(other, 'o', 8);
	/* no longer the last allocation: a copy, the other block untouched */
	char *q = arena_grow(&a, p, 32, 64);
	assert_ptr_not_equal(q, p);
	for (size_t i = 0; i < 32; i++)
		assert_int_equal(q[i], 'x');
	for (size_t i = 32; i < 64; i++)
		assert_int_equal(q[i], 0);
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(other[i], 'o');
	/* much bigger than a chunk: still copied intact */
	size_t big = 1u << 20;
	char *r = arena_grow(&a, q, 64, big);
	for (size_t i = 0; i < 32; i++)
		assert_int_equal(r[i], 'x');
	assert_int_equal(r[big - 1], 0);
	r[big - 1] = 'z';
	/* NULL grows like an allocation: zeroed */
	unsigned char *z = arena_grow(&a, NULL, 0, 40);
	for (size_t i = 0; i < 40; i++)
		assert_int_equal(z[i], 0);
	arena_free(&a);
	assert_null(a.head);
}

static void
test_vec_push_many(void **state)
{
	(void)state;
	struct arena a = {0};
	struct vec v = {0};
	static int items[100000];
	for (size_t i = 0; i < 100000; i++) {
		items[i] = (int)i;
		vec_push(&a, &v, &items[i]);
		(void)arena_alloc(&a, 3); /* interleaved allocations force copies */
	}
	assert_int_equal(v.len, 100000);
	assert_true(v.cap >= v.len);
	for (size_t i = 0; i < v.len; i++)
		if (v.items[i] != &items[i])
			fail_msg("item %zu moved", i);
	arena_free(&a);
}

static void
test_arena_strings(void **state)
{
	(void)state;
	struct arena a = {0};
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	assert_string_equal(arena_strdup(&a, ""), "");
	assert_string_equal(arena_printf(&a, "%s-%d", "todo", 42), "todo-42");
	char long_text[5000];
	memset(long_text, 'q', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	assert_string_equal(arena_printf(&a, "%s", long_text), long_text);
	arena_free(&a);
}

/* Each allocation is aligned as its type asks, zeroed, and distinct; a
 * reset arena hands out zeroed memory again. */
static void
test_arena_alignment_and_reset(void **state)
{
	(void)state;
	struct arena a = {0};
	char *c = arena_alloc_aligned(&a, 1, 1);
	long double *ld = NEW(&a, long double);
	char *d = arena_alloc_aligned(&a, 3, 1);
	void **pp = arena_alloc_aligned(&a, sizeof *pp, _Alignof(void *));
	assert_int_equal((uintptr_t)ld % _Alignof(long double), 0);
	assert_int_equal((uintptr_t)pp % _Alignof(void *), 0);
	assert_ptr_equal(d, (char *)ld + sizeof *ld); /* a string takes its bytes */
	assert_ptr_not_equal(arena_alloc_aligned(&a, 0, 1), arena_alloc_aligned(&a, 0, 1));
	assert_int_equal(*ld, 0);
	*c = 'c';
	memset(d, 'd', 3);
	/* past the first chunk, and a block bigger than a chunk */
	for (int i = 0; i < 10000; i++)
		memset(arena_alloc(&a, 100), 'x', 100);
	unsigned char *big = arena_alloc(&a, 1u << 20);
	assert_int_equal(big[(1u << 20) - 1], 0);
	arena_reset(&a);
	for (int i = 0; i < 3000; i++) {
		unsigned char *p = arena_alloc(&a, 100);
		for (int k = 0; k < 100; k++)
			if (p[k])
				fail_msg("allocation %d after a reset is not zeroed", i);
	}
	arena_free(&a);
	assert_null(a.head);
	assert_null(a.next);
}

/* Every byte of n allocations of size bytes, made after a rewind, is zero. */
static void
assert_allocations_zeroed(struct arena *a, int n, size_t size)
{
	for (int i = 0; i < n; i++) {
		unsigned char *p = arena_alloc(a, size);
		for (size_t k = 0; k < size; k++)
			if (p[k])
				fail_msg("allocation %d after a rewind is not zeroed", i);
	}
}

/* A rewind keeps what was allocated before the mark and gives back, zeroed,
 * what came after: in the same chunk, across new chunks, with big blocks
 * kept behind the chunk of the mark, and nested. */
static void
test_arena_mark_and_rewind(void **state)
{
	(void)state;
	struct arena a = {0};
	char *kept = arena_strndup(&a, "kept", 4);
	struct arena_mark m = arena_mark(&a);
	memset(arena_alloc(&a, 1000), 'x', 1000);
	arena_rewind(&a, m);
	assert_ptr_equal(a.next, m.next);
	assert_allocations_zeroed(&a, 10, 100);
	arena_rewind(&a, m);

	/* past the chunk: new chunks are freed, the tail of the mark's chunk cleared */
	for (int i = 0; i < 10000; i++)
		memset(arena_alloc(&a, 100), 'y', 100);
	memset(arena_alloc(&a, 1u << 20), 'z', 1u << 20);
	arena_rewind(&a, m);
	assert_ptr_equal(a.head, m.head);
	assert_ptr_equal(a.next, m.next);
	assert_allocations_zeroed(&a, 3000, 100);
	arena_rewind(&a, m);

	/* a big block behind the mark's chunk, and a mark within a mark */
	memset(arena_alloc(&a, 1u << 20), 'b', 1u << 20);
	struct arena_mark inner = arena_mark(&a);
	memset(arena_alloc(&a, 50), 'i', 50);
	arena_rewind(&a, inner);
	assert_ptr_equal(a.next, inner.next);
	arena_rewind(&a, m);
	assert_ptr_equal(a.head, m.head);
	assert_ptr_equal(a.next, m.next);
	assert_allocations_zeroed(&a, 100, 100);
	assert_memory_equal(kept, "kept", 5);

	/* a mark of the empty arena frees it all */
	arena_rewind(&a, (struct arena_mark){0});
	assert_null(a.head);
	assert_null(a.next);
}

static void
test_int_to_text(void **state)
{
	(void)state;
	static const struct {
		long long v;
		const char *text;
	} cases[] = {
		{0, "0"}, {7, "7"}, {-7, "-7"}, {8080, "8080"}, {-1000000, "-1000000"},
		{9223372036854775807LL, "9223372036854775807"},
		{-9223372036854775807LL - 1, "-9223372036854775808"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[INT_TEXT_MAX + 1];
		size_t n = int_to_text(cases[i].v, out);
		out[n] = '\0';
		assert_string_equal(out, cases[i].text);
	}
}

static void
test_buf(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_puts(&b, "a");
	buf_putc(&b, 'b');
	buf_append(&b, "c\0d", 3);
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.data, "abc\0d", 6); /* always NUL-terminated */
	char big[1000];
	memset(big, 'y', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_printf(&b, "[%s]", big); /* longer than buf_printf's small buffer */
	assert_int_equal(b.len, 5 + 2 + 999);
	assert_int_equal(b.data[b.len - 1], ']');
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit_distance),
		cmocka_unit_test(test_close_enough),
		cmocka_unit_test(test_base64_rfc4648),
		cmocka_unit_test(test_base64_appends),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_rejected),
		cmocka_unit_test(test_utf8_round_trip),
		cmocka_unit_test(test_strmap_many_keys),
		cmocka_unit_test(test_strmap_replace),
		cmocka_unit_test(test_arena_grow_in_place),
		cmocka_unit_test(test_arena_grow_copies),
		cmocka_unit_test(test_vec_push_many),
		cmocka_unit_test(test_arena_strings),
		cmocka_unit_test(test_arena_alignment_and_reset),
		cmocka_unit_test(test_arena_mark_and_rewind),
		cmocka_unit_test(test_int_to_text),
		cmocka_unit_test(test_buf),
	};
	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
