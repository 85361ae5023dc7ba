/*
 * check_labels.c - the labels, annotations, selectors and node selectors
 * of every object (docs/language.md, labels and selectors): each key and
 * value as Kubernetes takes them, and across the stack, that no
 * component's selector also selects another component's pods.
 */
#include "check.h"

#include <string.h>

/* KEY = "VALUE" pairs of one kind: label-like pairs (labels, selectors,
 * node selectors) have both checked, annotations their key. */
static void
check_pairs(struct checker *k, const struct vec *pairs, const char *what, bool label_like)
{
	for (size_t i = 0; i < pairs->len; i++) {
		const struct header *h = pairs->items[i];
		const char *problem = label_like ? label_key_problem(h->name)
		                                 : annotation_key_problem(h->name);
		if (!problem && label_like)
			problem = label_value_problem(h->value);
		if (problem)
			diag(&k->c->diags, E0517, h->loc, "%s %s is not valid: %s", what, cquote(k, h->name),
			     problem);
	}
}

/* The bytes of annotations, keys and values, as the API server counts
 * them against its limit on one object. */
static size_t
annotation_bytes(const struct vec *pairs)
{
	size_t n = 0;
	for (size_t i = 0; i < pairs->len; i++) {
		const struct header *h = pairs->items[i];
		n += strlen(h->name) + strlen(h->value);
	}
	return n;
}

/* An object's annotations hold at most 256 KiB: its own and, on every
 * object but a pod template, the stack's (todokc's own few, a config hash
 * or an order, are not counted). */
static void
check_annotation_size(struct checker *k, const struct metadata *meta, bool with_stack)
{
	const struct metadata *stack = &k->s->meta;
	size_t own = annotation_bytes(&meta->annotations);
	size_t all = own + (with_stack && meta != stack ? annotation_bytes(&stack->annotations) : 0);
	if (all <= MAX_ANNOTATION_BYTES || (meta != stack && own == 0))
		return;
	diag(&k->c->diags, E0517, meta->annotations_loc,
	     "these annotations total %zu bytes%s, more than the %u (256 KiB) Kubernetes takes on "
	     "one object; put large data in a config", all,
	     all > own ? " with the stack's, which every object carries" : "", MAX_ANNOTATION_BYTES);
}

static void
check_metadata(struct checker *k, const struct metadata *meta, bool with_stack)
{
	check_pairs(k, &meta->labels, "label", true);
	check_pairs(k, &meta->annotations, "annotation", false);
	check_annotation_size(k, meta, with_stack);
}

/* Whether every label of the selector is among the labels. */
static bool
selects(const struct vec *selector, const struct vec *labels)
{
	for (size_t i = 0; i < selector->len; i++) {
		const struct header *want = selector->items[i];
		bool found = false;
		for (size_t j = 0; j < labels->len && !found; j++) {
			const struct header *h = labels->items[j];
			found = strcmp(h->name, want->name) == 0 && strcmp(h->value, want->value) == 0;
		}
		if (!found)
			return false;
	}
	return true;
}

/* The pods that carry each label: "KEY=VALUE" -> struct vec * of struct
 * workload *.  A selector is compared only with the pods that carry its
 * rarest label, so that the check stays about linear in the stack. */
static void
index_pods(struct checker *k, struct strmap *by_label)
{
	for (size_t i = 0; i < k->s->components.len; i++) {
		const struct component *comp = k->s->components.items[i];
		for (size_t j = 0; j < comp->workloads.len; j++) {
			struct workload *w = comp->workloads.items[j];
			for (size_t l = 0; l < w->pod.template_labels.len; l++) {
				const struct header *h = w->pod.template_labels.items[l];
				const char *key = arena_printf(&k->scratch, "%s=%s", h->name, h->value);
				struct vec *pods = strmap_get(by_label, key);
				if (!pods) {
					pods = NEW(&k->scratch, struct vec);
					strmap_put(&k->scratch, by_label, key, pods);
				}
				vec_push(&k->scratch, pods, w);
			}
		}
	}
}

/* A component's Services and workloads select its pods only: a selector
 * that another component's pods also match would send its traffic there,
 * and two workloads would fight over the same pods. */
static void
check_selector_overlap(struct checker *k, const struct component *comp,
                       const struct strmap *by_label)
{
	const struct vec *fewest = NULL;
	for (size_t i = 0; i < comp->selector.len; i++) {
		const struct header *h = comp->selector.items[i];
		const struct vec *pods = strmap_get(by_label,
		                                    arena_printf(&k->scratch, "%s=%s", h->name, h->value));
		if (!pods)
			return; /* no pod carries it: none can be selected by mistake */
		if (!fewest || pods->len < fewest->len)
			fewest = pods;
	}
	for (size_t i = 0; fewest && i < fewest->len; i++) {
		const struct workload *w = fewest->items[i];
		const struct component *other = w->comp;
		/* Two default selectors are the same only when two workloads get
		 * one name, which is reported as such. */
		bool both_default = !HAS_LOC(comp->selector_loc) && !HAS_LOC(other->selector_loc);
		if (other == comp || both_default || !selects(&comp->selector, &w->pod.template_labels))
			continue;
		struct loc at = HAS_LOC(comp->selector_loc) ? comp->selector_loc : comp->name.loc;
		struct diagnostic *g = diag(&k->c->diags, E0517, at,
		                            "the selector of %s also selects the pods of %s",
		                            cquote(k, comp->name.text), cquote(k, other->name.text));
		diag_note(&k->c->diags, g,
		          HAS_LOC(other->selector_loc) ? other->selector_loc : other->name.loc,
		          "%s is declared here", cquote(k, other->name.text));
		return;
	}
}

void
check_labels(struct checker *k)
{
	const struct stack *s = k->s;
	struct strmap by_label = {0}; /* "KEY=VALUE" -> the workloads whose pods carry it */
	index_pods(k, &by_label);
	check_metadata(k, &s->meta, true);
	for (size_t i = 0; i < s->configs.len; i++)
		check_metadata(k, &((const struct keyset *)s->configs.items[i])->meta, true);
	for (size_t i = 0; i < s->secrets.len; i++)
		check_metadata(k, &((const struct keyset *)s->secrets.items[i])->meta, true);
	for (size_t i = 0; i < s->components.len; i++) {
		const struct component *comp = s->components.items[i];
		if (HAS_LOC(comp->selector_loc))
			check_pairs(k, &comp->selector, "selector label", true);
		for (int t = TARGET_SERVICE; t < TARGET_KINDS; t++)
			check_metadata(k, COMPONENT_META(comp, t), true);
		for (size_t j = 0; j < comp->workloads.len; j++) {
			const struct workload *w = comp->workloads.items[j];
			const struct pod *pod = &w->pod;
			check_metadata(k, METADATA_OF(w->meta), true);
			check_metadata(k, METADATA_OF(pod->meta), false);
			check_pairs(k, &pod->node_selector, "node label", true);
		}
		check_selector_overlap(k, comp, &by_label);
	}
	arena_reset(&k->scratch); /* the index */
}
