/*
 * test_trees.c - the object trees' sequences whose items are built as
 * they are emitted (NODE_SEQ_SOURCE, src/tree.c): both backends write
 * them exactly as the same items pushed onto a plain sequence, empty ones
 * included, and each item is built once, in order, in the source's arena.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "objects.h"

/* What a source hands its item function: the names, and a record of the
 * calls. */
struct names {
	const char *const *names;
	size_t calls, last;
};

static struct node *
peer_item(const struct names *n, size_t i, struct arena *a)
{
	struct node *peer = node_map(a);
	put_str(a, put_map(a, put_map(a, peer, "podSelector"), "matchLabels"), "app", n->names[i]);
	return peer;
}

static struct node *
counted_item(const void *ctx, size_t i, struct arena *a)
{
	struct names *n = (struct names *)ctx;
	if (n->calls)
		assert_int_equal(i, n->last + 1); /* in order, each once */
	n->calls++;
	n->last = i;
	return peer_item(n, i, a);
}

/* A document with `from` as a plain sequence of count items, or as a
 * source of them. */
static struct node *
policy(struct arena *a, struct names *n, size_t count, bool source)
{
	struct node *doc = node_map(a);
	put_str(a, doc, "kind", "NetworkPolicy");
	if (source) {
		put_seq_source(a, doc, "from", count, counted_item, n);
	} else {
		struct node *from = put_seq(a, doc, "from");
		for (size_t i = 0; i < count; i++)
			seq_push(a, from, peer_item(n, i, a));
	}
	put_int(a, doc, "after", 7);
	return doc;
}

static void
render(const struct node *doc, bool json, struct buf *out)
{
	if (json) {
		json_document(out, doc);
		return;
	}
	const char *problem = NULL;
	struct yaml_stream *y = yaml_stream_open(out, true);
	assert_true(yaml_stream_write(y, doc));
	assert_true(yaml_stream_close(y, &problem));
}

static void
same_output(size_t count, bool json)
{
	static const char *const names[] = {"web", "yes", "08", "api", "db"};
	struct names n = {names, 0, 0};
	struct arena a = {0};
	struct buf plain = {0}, built = {0};
	render(policy(&a, &n, count, false), json, &plain);
	render(policy(&a, &n, count, true), json, &built);
	assert_int_equal(n.calls, count);
	assert_int_equal(plain.len, built.len);
	assert_memory_equal(plain.data, built.data, plain.len);
	assert_non_null(strstr(plain.data, count ? "web" : "[]"));
	buf_free(&plain);
	buf_free(&built);
	arena_free(&a);
}

static void
test_yaml_as_a_sequence(void **state)
{
	(void)state;
	same_output(5, false);
	same_output(1, false);
}

static void
test_json_as_a_sequence(void **state)
{
	(void)state;
	same_output(5, true);
	same_output(1, true);
}

static void
test_empty_source(void **state)
{
	(void)state;
	same_output(0, false);
	same_output(0, true);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml_as_a_sequence),
		cmocka_unit_test(test_json_as_a_sequence),
		cmocka_unit_test(test_empty_source),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
