/*
 * order.c - the dependency order of the components (docs/language.md
 * section 8), and each one's depth: the length of the longest chain of
 * `after` that leads to it.
 *
 * `after X` is an edge X -> this.  Kahn's algorithm with a min-heap on the
 * source position gives the order that keeps the source order wherever
 * the edges allow it, so the output does not depend on anything but the
 * input.  When components are left over, they hold a cycle: a walk along
 * `after` edges inside the leftovers finds it, and every `after` on it is
 * reported.  No recursion: a chain of 100,000 components is fine.
 */
#include "todokc.h"

#include <stdlib.h>
#include <string.h>

/* A binary min-heap of component positions. */
struct heap {
	size_t *items;
	size_t len;
};

static void
heap_push(struct heap *h, size_t v)
{
	size_t i = h->len++;
	h->items[i] = v;
	while (i > 0 && h->items[(i - 1) / 2] > h->items[i]) {
		size_t parent = (i - 1) / 2, tmp = h->items[parent];
		h->items[parent] = h->items[i];
		h->items[i] = tmp;
		i = parent;
	}
}

static size_t
heap_pop(struct heap *h)
{
	size_t top = h->items[0];
	h->items[0] = h->items[--h->len];
	for (size_t i = 0;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < h->len && h->items[l] < h->items[m])
			m = l;
		if (r < h->len && h->items[r] < h->items[m])
			m = r;
		if (m == i)
			break;
		size_t tmp = h->items[m];
		h->items[m] = h->items[i];
		h->items[i] = tmp;
		i = m;
	}
	return top;
}

/* The first `after` of cur to a component left over by Kahn's algorithm;
 * with `fresh`, only to one that no walk before the one that began at
 * visit number `begin` has visited. */
static struct wait *
leftover_wait(const struct component *cur, const size_t *indegree, const size_t *step,
              size_t begin, bool fresh)
{
	for (size_t i = 0; i < cur->waits.len; i++) {
		struct wait *w = cur->waits.items[i];
		size_t t = w->target->index;
		if (indegree[t] && (!fresh || !step[t] || step[t] > begin))
			return w;
	}
	return NULL;
}

/* Follows `after` edges among the leftovers from start until a component
 * repeats, through components no earlier walk visited where it can
 * (`step`: each component's visit number, 0 for none; `via`: the `after`
 * taken from it).  Returns the component where the walk closes a cycle of
 * its own, NULL when it runs into an earlier walk's (a cycle reported, or
 * the way to one). */
static struct component *
find_cycle(struct component *start, const size_t *indegree, size_t *step, struct wait **via,
           size_t *visits)
{
	size_t begin = *visits;
	struct component *cur = start;
	while (!step[cur->index]) {
		step[cur->index] = ++*visits;
		struct wait *next = leftover_wait(cur, indegree, step, begin, true);
		via[cur->index] = next ? next : leftover_wait(cur, indegree, step, begin, false);
		cur = via[cur->index]->target;
	}
	return step[cur->index] > begin ? cur : NULL;
}

/* Reports the cycle through first, as `via` follows it. */
static void
report_cycle(struct compilation *c, struct component *first, struct wait *const *via)
{
	struct component *cur = first;
	/* Walk it once, naming a short cycle whole in the message ("a -> b
	 * -> a"). */
	struct wait *w = via[first->index];
	struct buf chain = {0};
	size_t length = 0;
	do {
		if (length++ < 8)
			buf_printf(&chain, "%s -> ", cur->name.text);
		cur = via[cur->index]->target;
	} while (cur != first);
	if (length <= 8)
		buf_puts(&chain, first->name.text);
	else
		buf_printf(&chain, "... (%zu components)", length);
	if (w->target == first) {
		/* The error is at its one 'after': a note would say it again. */
		const char *name = diag_quote(&c->arena, first->name.text);
		diag(&c->diags, E0601, w->loc, "%s waits for itself; remove %s from its 'after'", name,
		     name);
	} else {
		struct diagnostic *g = diag(&c->diags, E0601, w->loc,
		                            "components wait for each other in a cycle: %s; none of "
		                            "them would ever start: remove an 'after' that one of them "
		                            "does not need", chain.data);
		do {
			w = via[cur->index];
			diag_note(&c->diags, g, w->loc, "%s waits for %s here",
			          diag_quote(&c->arena, cur->name.text),
			          diag_quote(&c->arena, w->target->name.text));
			cur = w->target;
		} while (cur != first);
	}
	buf_free(&chain);
}

void
order_stack(struct compilation *c)
{
	struct stack *s = c->stack;
	size_t n = s->components.len;
	if (n == 0)
		return;
	size_t *indegree = xmalloc(n * sizeof *indegree);
	size_t *nout = xmalloc(n * sizeof *nout);
	memset(indegree, 0, n * sizeof *indegree);
	memset(nout, 0, n * sizeof *nout);
	/* Reverse edges as adjacency arrays: who waits for each component. */
	for (size_t i = 0; i < n; i++) {
		struct component *comp = s->components.items[i];
		indegree[i] = comp->waits.len;
		for (size_t k = 0; k < comp->waits.len; k++)
			nout[((struct wait *)comp->waits.items[k])->target->index]++;
	}
	size_t *start = xmalloc((n + 1) * sizeof *start);
	start[0] = 0;
	for (size_t i = 0; i < n; i++)
		start[i + 1] = start[i] + nout[i];
	size_t *waiters = xmalloc((start[n] ? start[n] : 1) * sizeof *waiters);
	memset(nout, 0, n * sizeof *nout);
	for (size_t i = 0; i < n; i++) {
		struct component *comp = s->components.items[i];
		for (size_t k = 0; k < comp->waits.len; k++) {
			size_t t = ((struct wait *)comp->waits.items[k])->target->index;
			waiters[start[t] + nout[t]++] = i;
		}
	}
	struct heap heap = {xmalloc(n * sizeof *heap.items), 0};
	for (size_t i = 0; i < n; i++)
		if (!indegree[i])
			heap_push(&heap, i);
	while (heap.len) {
		size_t i = heap_pop(&heap);
		struct component *comp = s->components.items[i];
		comp->rank = s->ordered.len;
		comp->depth = 0; /* its longest chain of `after`: those it waits for came first */
		for (size_t k = 0; k < comp->waits.len; k++) {
			const struct component *t = ((struct wait *)comp->waits.items[k])->target;
			if (t->depth + 1 > comp->depth)
				comp->depth = t->depth + 1;
		}
		vec_push(&c->arena, &s->ordered, comp);
		for (size_t k = start[i]; k < start[i + 1]; k++)
			if (--indegree[waiters[k]] == 0)
				heap_push(&heap, waiters[k]);
	}
	/* What is left over holds cycles: each one that no other leads to is
	 * reported, once. */
	size_t *step = xmalloc(n * sizeof *step), visits = 0;
	struct wait **via = xmalloc(n * sizeof *via);
	memset(step, 0, n * sizeof *step);
	for (size_t i = 0; s->ordered.len < n && i < n; i++) {
		struct component *first = indegree[i] && !step[i]
		                              ? find_cycle(s->components.items[i], indegree, step, via,
		                                           &visits)
		                              : NULL;
		if (first)
			report_cycle(c, first, via);
	}
	free(step);
	free(via);
	free(heap.items);
	free(waiters);
	free(start);
	free(nout);
	free(indegree);
}
