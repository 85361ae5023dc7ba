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

/* Reports the cycle reached from a component left over by Kahn's
 * algorithm: follow `after` edges among the leftovers until a component
 * repeats. */
static void
report_cycle(struct compilation *c, struct component *start, const size_t *indegree)
{
	struct stack *s = c->stack;
	size_t n = s->components.len;
	size_t *step = xmalloc(n * sizeof *step); /* visit number + 1, or 0 */
	struct wait **via = xmalloc(n * sizeof *via);
	memset(step, 0, n * sizeof *step);
	struct component *cur = start;
	size_t count = 0;
	while (!step[cur->index]) {
		step[cur->index] = ++count;
		struct wait *next = NULL;
		for (size_t i = 0; i < cur->waits.len && !next; i++) {
			struct wait *w = cur->waits.items[i];
			if (indegree[w->target->index])
				next = w;
		}
		via[cur->index] = next;
		cur = next->target;
	}
	/* cur is on the cycle; walk it once from there, naming a short cycle
	 * whole in the message ("a -> b -> a"). */
	struct component *first = cur;
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
		                            "components wait for each other in a cycle: %s", chain.data);
		do {
			w = via[cur->index];
			diag_note(&c->diags, g, w->loc, "%s waits for %s here",
			          diag_quote(&c->arena, cur->name.text),
			          diag_quote(&c->arena, w->target->name.text));
			cur = w->target;
		} while (cur != first);
	}
	buf_free(&chain);
	free(step);
	free(via);
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
	for (size_t i = 0; s->ordered.len < n && i < n; i++)
		if (indegree[i]) {
			report_cycle(c, s->components.items[i], indegree);
			break;
		}
	free(heap.items);
	free(waiters);
	free(start);
	free(nout);
	free(indegree);
}
