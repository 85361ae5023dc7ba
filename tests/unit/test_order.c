/*
 * test_order.c - dependency ordering (docs/language.md section 8, src/order.c).
 * c.stack->ordered lists the components so that each comes after every
 * component it waits for ("after"), keeping the source order wherever the
 * edges allow it (the smallest source position first among the ready
 * ones).  The object list follows: Namespace, Secrets, ConfigMaps, PVCs,
 * then per workload its Service, the workload, its HPA.  A cycle (of 1, 2
 * or 3 components) is one E0601 with a note on each `after` of the cycle.
 * A chain of 100,000 components compiles on a thread with a small stack
 * (no recursion), and so does a cycle of 100,000.
 */
#include "unit_helpers.h"

#include <pthread.h>
#include <stdlib.h>

/* The names of c.stack->ordered, joined by spaces. */
static const char *
order_of(struct unit_compile *t)
{
	struct buf b = {0};
	assert_non_null(t->c.stack);
	for (size_t i = 0; i < t->c.stack->ordered.len; i++) {
		const struct component *c = t->c.stack->ordered.items[i];
		if (i)
			buf_putc(&b, ' ');
		buf_puts(&b, c->name.text);
	}
	const char *r = arena_strndup(&t->c.arena, b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}

/* Compiles a stack and asserts it succeeds with this order. */
static void
ordered_as(const char *src, const char *want)
{
	struct unit_compile t;
	if (!unit_compile(&t, src))
		unit_dump(&t);
	assert_true(t.ok);
	assert_string_equal(order_of(&t), want);
	/* rank is the position in the order */
	for (size_t i = 0; i < t.c.stack->ordered.len; i++)
		assert_int_equal(((struct component *)t.c.stack->ordered.items[i])->rank, i);
	/* every `after` points backwards */
	for (size_t i = 0; i < t.c.stack->components.len; i++) {
		const struct component *c = t.c.stack->components.items[i];
		for (size_t k = 0; k < c->waits.len; k++) {
			const struct wait *w = c->waits.items[k];
			if (w->target->rank >= c->rank)
				fail_msg("'%s' is ordered before '%s', which it waits for", c->name.text,
				         w->target->name.text);
		}
	}
	unit_free(&t);
}

#define SVC(name, extra) "  service " name " { image \"nginx\" port 80 " extra " }\n"

static void
test_source_order_kept(void **state)
{
	(void)state;
	ordered_as("stack s {\n" SVC("c", "") SVC("a", "") SVC("b", "") "}\n", "c a b");
	ordered_as("stack s {\n" SVC("one", "") "}\n", "one");
}

static void
test_after_respected(void **state)
{
	(void)state;
	/* a waits for c: the others keep their place */
	ordered_as("stack s {\n" SVC("a", "after c") SVC("b", "") SVC("c", "") SVC("d", "") "}\n",
	           "b c a d");
	/* the seed's chain, written backwards */
	ordered_as("stack s {\n" SVC("frontend", "after backend") SVC("backend", "after postgres")
	           SVC("postgres", "") "}\n",
	           "postgres backend frontend");
	/* already in order: unchanged */
	ordered_as("stack s {\n" SVC("postgres", "") SVC("backend", "after postgres")
	           SVC("frontend", "after backend") "}\n",
	           "postgres backend frontend");
	/* a diamond */
	ordered_as("stack s {\n" SVC("d", "after b, c") SVC("c", "after a") SVC("b", "after a")
	           SVC("a", "") "}\n",
	           "a c b d");
	/* several `after` lines accumulate */
	ordered_as("stack s {\n" SVC("x", "after z after y") SVC("y", "") SVC("z", "") "}\n",
	           "y z x");
	/* a long wait: the chain of the last ones first */
	ordered_as("stack s {\n" SVC("a", "after b") SVC("b", "after c") SVC("c", "after d")
	           SVC("d", "") SVC("e", "") "}\n",
	           "d c b a e");
}

/* The objects follow section 7's order. */
static void
test_object_order(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  namespace ns\n"
		"  config cfg { A = \"1\" }\n"
		"  secret sec { B = \"literal\" }\n"
		"  service web {\n"
		"    image \"nginx\"\n"
		"    port 80\n"
		"    replicas 1..3 cpu 50%\n"
		"    requests cpu 100m\n"
		"    after db\n"
		"    volume data at \"/data\" size 1Gi\n"
		"  }\n"
		"  stateful db { image \"postgres\" port 5432 readiness http \"/ready\" }\n"
		"}\n";
	if (!unit_compile(&t, src))
		unit_dump(&t);
	assert_true(t.ok);
	static const char *const want[][2] = {
		{"Namespace", "ns"},
		{"Secret", "s-sec"},
		{"ConfigMap", "s-cfg"},
		{"PersistentVolumeClaim", "s-web-data"},
		{"Service", "s-db-service"},
		{"StatefulSet", "s-db"},
		{"Service", "s-web-service"},
		{"Deployment", "s-web"},
		{"HorizontalPodAutoscaler", "s-web"},
	};
	assert_int_equal(t.c.objects.len, sizeof want / sizeof *want);
	for (size_t i = 0; i < t.c.objects.len; i++) {
		const struct object *o = t.c.objects.items[i];
		assert_string_equal(object_kinds[o->kind].kind, want[i][0]);
		assert_string_equal(o->name, want[i][1]);
	}
	/* the wait init container checks db's Service, on its readiness path */
	const struct component *web = t.c.stack->components.items[0];
	assert_int_equal(web->waits.len, 1);
	const struct wait *w = web->waits.items[0];
	assert_true(w->at_run_time);
	const struct container *init = WORKLOAD_OF(web)->pod.containers.items[0];
	assert_int_equal(init->role, ROLE_WAIT);
	assert_string_equal(init->name, "wait-for-db");
	assert_string_equal(w->host, "s-db-service");
	assert_int_equal(w->port, 5432);
	assert_string_equal(w->url, "http://s-db-service:5432/ready");
	assert_string_equal(unit_loc_text(&t, w->loc), "db");
	unit_free(&t);
}

static void
test_waits(void **state)
{
	(void)state;
	struct unit_compile t;
	const char *src =
		"stack s {\n"
		"  service web { image \"nginx\" port 80 after db }\n"
		"  stateful db { image \"postgres\" port 5432 port 9187 }\n"
		"}\n";
	/* a TCP check on the first port when there is no http readiness probe */
	assert_true(unit_compile(&t, src));
	const struct wait *w = ((struct component *)t.c.stack->components.items[0])->waits.items[0];
	assert_true(w->at_run_time);
	assert_int_equal(w->port, 5432);
	assert_null(w->url);
	unit_free(&t);

	/* --no-wait: ordered, but no init container */
	struct options o;
	options_init(&o);
	o.no_wait = true;
	assert_true(unit_compile_opts(&t, src, strlen(src), &o));
	assert_string_equal(order_of(&t), "db web");
	w = ((struct component *)t.c.stack->components.items[0])->waits.items[0];
	assert_false(w->at_run_time);
	unit_free(&t);
}

/* Cycles */

/* Compiles src, expects one E0601 whose notes lie on these `after` names
 * (the n-th occurrence of each string in the source), in this order,
 * and returns nothing else but those. */
static void
cycle(const char *src, size_t nnotes, const char *const *note_words, const int *occurrence)
{
	struct unit_compile t;
	assert_false(unit_compile(&t, src));
	if (unit_count(&t, E0601) != 1) {
		unit_dump(&t);
		fail_msg("expected one E0601");
	}
	const struct diagnostic *g = unit_find(&t, E0601);
	if (g->notes.len != nnotes) {
		unit_dump(&t);
		fail_msg("expected %zu notes, got %zu", nnotes, g->notes.len);
	}
	/* the error itself lies on an `after` of the cycle */
	bool on_cycle = false;
	for (size_t i = 0; i < nnotes; i++) {
		const struct note *n = g->notes.items[i];
		uint32_t want = unit_offset_of(&t, note_words[i], occurrence[i]);
		/* the note names the word after "after" */
		const char *word = note_words[i] + strlen("after ");
		want += (uint32_t)strlen("after ");
		if (n->loc.begin != want || strcmp(unit_loc_text(&t, n->loc), word) != 0) {
			unit_dump(&t);
			fail_msg("note %zu is not on '%s'", i, note_words[i]);
		}
		on_cycle |= g->loc.begin == n->loc.begin;
	}
	assert_true(on_cycle || !nnotes); /* a self-wait has none: its one 'after' is the error's */
	/* nothing is ordered past the cycle, and no objects are built */
	assert_int_equal(t.c.objects.len, 0);
	unit_free(&t);
}

static void
test_cycle_of_two(void **state)
{
	(void)state;
	const char *src =
		"stack s {\n"
		"  service a { image \"x\" port 80 after b }\n"
		"  service b { image \"x\" port 80 after a }\n"
		"}\n";
	const char *notes[] = {"after b", "after a"};
	const int occ[] = {0, 0};
	cycle(src, 2, notes, occ);
}

static void
test_cycle_of_three(void **state)
{
	(void)state;
	/* d is outside the cycle; the notes walk a -> c -> b -> a */
	const char *src =
		"stack s {\n"
		"  service a { image \"x\" port 80 after c }\n"
		"  service b { image \"x\" port 80 after a }\n"
		"  service c { image \"x\" port 80 after b }\n"
		"  service d { image \"x\" port 80 after a }\n"
		"}\n";
	const char *notes[] = {"after c", "after b", "after a"};
	const int occ[] = {0, 0, 0};
	cycle(src, 3, notes, occ);
}

static void
test_cycle_with_a_tail(void **state)
{
	(void)state;
	/* t waits for the cycle a <-> b but is not part of it: no note on it */
	const char *src =
		"stack s {\n"
		"  service t { image \"x\" port 80 after a }\n"
		"  service a { image \"x\" port 80 after b }\n"
		"  service b { image \"x\" port 80 after a }\n"
		"}\n";
	const char *notes[] = {"after b", "after a"};
	const int occ[] = {0, 1};
	cycle(src, 2, notes, occ);
}

static void
test_self_dependency(void **state)
{
	(void)state;
	const char *src =
		"stack s {\n"
		"  service ouroboros { image \"x\" port 80 after ouroboros }\n"
		"}\n";
	/* No note: the error is at its one 'after', which a note would repeat. */
	cycle(src, 0, NULL, NULL);
	struct unit_compile t;
	unit_compile(&t, src);
	const struct diagnostic *g = unit_find(&t, E0601);
	assert_string_equal(g->message,
	                    "'ouroboros' waits for itself; remove 'ouroboros' from its 'after'");
	assert_int_equal(g->loc.begin, unit_offset_of(&t, "after ouroboros", 0) + strlen("after "));
	unit_free(&t);
}

/* Each cycle is reported once, however many there are; a component that
 * waits for a cycle it is not on is not one more. */
static void
test_two_cycles(void **state)
{
	(void)state;
	const char *src =
		"stack s {\n"
		"  service a { image \"x\" port 80 after b }\n"
		"  service b { image \"x\" port 80 after a }\n"
		"  service tail { image \"x\" port 80 after a, c }\n"
		"  service c { image \"x\" port 80 after d }\n"
		"  service d { image \"x\" port 80 after c }\n"
		"  job e { image \"x\" after e }\n"
		"}\n";
	struct unit_compile t;
	assert_false(unit_compile(&t, src));
	if (unit_count(&t, E0601) != 3) {
		unit_dump(&t);
		fail_msg("expected three E0601");
	}
	unit_free(&t);
}

/* Big inputs, on a thread with a small stack: no recursion anywhere. */

struct big_job {
	const char *text;
	size_t len;
	bool ok;
	size_t nordered, errors, cycle_notes;
	char first_buf[32], last_buf[32];
};

static void *
compile_big(void *arg)
{
	struct big_job *job = arg;
	/* no cmocka assertion here: they must not run on another thread */
	struct unit_compile *t = malloc(sizeof *t);
	if (!t)
		abort();
	job->ok = unit_compile_n(t, job->text, job->len);
	job->errors = t->c.diags.errors;
	job->nordered = t->c.stack ? t->c.stack->ordered.len : 0;
	if (job->nordered) {
		snprintf(job->first_buf, sizeof job->first_buf, "%s",
		         ((struct component *)t->c.stack->ordered.items[0])->name.text);
		snprintf(job->last_buf, sizeof job->last_buf, "%s",
		         ((struct component *)t->c.stack->ordered.items[job->nordered - 1])->name.text);
	}
	const struct diagnostic *g = unit_find(t, E0601);
	job->cycle_notes = g ? g->notes.len : 0;
	unit_free(t);
	free(t);
	return NULL;
}

/* Runs the job on a thread with a 1 MiB stack: 100,000 frames of any
 * recursion would overflow it. */
static void
run_small_stack(struct big_job *job)
{
	pthread_attr_t attr;
	pthread_t th;
	assert_int_equal(pthread_attr_init(&attr), 0);
	assert_int_equal(pthread_attr_setstacksize(&attr, 1u << 20), 0);
	assert_int_equal(pthread_create(&th, &attr, compile_big, job), 0);
	assert_int_equal(pthread_join(th, NULL), 0);
	pthread_attr_destroy(&attr);
}

enum { CHAIN = 100000 };

/* c0 after c1, c1 after c2, ... : the order is the source reversed.  With
 * wrap, the last one waits for c0: one cycle through all of them. */
static void
chain_text(struct buf *b, bool wrap)
{
	buf_puts(b, "stack s {\n");
	for (size_t i = 0; i < CHAIN; i++) {
		if (i + 1 < CHAIN)
			buf_printf(b, "  service c%zu { image \"x\" port 80 after c%zu }\n", i, i + 1);
		else if (wrap)
			buf_printf(b, "  service c%zu { image \"x\" port 80 after c0 }\n", i);
		else
			buf_printf(b, "  service c%zu { image \"x\" port 80 }\n", i);
	}
	buf_puts(b, "}\n");
}

static void
test_chain_of_100000(void **state)
{
	(void)state;
	struct buf b = {0};
	chain_text(&b, false);
	struct big_job job = {.text = b.data, .len = b.len};
	run_small_stack(&job);
	assert_true(job.ok);
	assert_int_equal(job.errors, 0);
	assert_int_equal(job.nordered, CHAIN);
	assert_string_equal(job.first_buf, "c99999");
	assert_string_equal(job.last_buf, "c0");
	buf_free(&b);
}

static void
test_cycle_of_100000(void **state)
{
	(void)state;
	struct buf b = {0};
	chain_text(&b, true);
	struct big_job job = {.text = b.data, .len = b.len};
	run_small_stack(&job);
	assert_false(job.ok);
	assert_int_equal(job.errors, 1);
	assert_int_equal(job.cycle_notes, CHAIN);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_source_order_kept),
		cmocka_unit_test(test_after_respected),
		cmocka_unit_test(test_object_order),
		cmocka_unit_test(test_waits),
		cmocka_unit_test(test_cycle_of_two),
		cmocka_unit_test(test_cycle_of_three),
		cmocka_unit_test(test_cycle_with_a_tail),
		cmocka_unit_test(test_self_dependency),
		cmocka_unit_test(test_two_cycles),
		cmocka_unit_test(test_chain_of_100000),
		cmocka_unit_test(test_cycle_of_100000),
	};
	return cmocka_run_group_tests_name("order", tests, NULL, NULL);
}
