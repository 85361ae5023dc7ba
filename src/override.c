/*
 * override.c - a block of properties changed by another, as written: a
 * variant's properties over its component's, a profile's over the
 * stack's (docs/language.md, variants and profiles).  One rule for both:
 *
 *  - env { }, labels, annotations and nodes blocks merge by key: a key
 *    given in the changes replaces the same key of the base where it
 *    is, the others follow the base's keys;
 *  - a sidecar, init, container block or variant of the same name is
 *    changed property by property, by this same rule; a volume, an
 *    `expose ... as`, a mount or a `quiet` of the same name (code) is
 *    replaced;
 *  - any other property replaces every property of the same kind (a
 *    probe: of the same probe; `port` lines: all the ports), where the
 *    first of them was.
 *
 * The result is a new list of properties (struct ast_prop *) that the
 * lowering reads as if it had been written so.
 */
#include "lower.h"

#include <string.h>

/* Properties of one kind that replace one another: the kind (a fixed and
 * an autoscaled `replicas` are one), and the probe or metadata target. */
static unsigned
slot_of(const struct ast_prop *p)
{
	enum prop_kind kind = p->kind == PROP_AUTOSCALE ? PROP_REPLICAS : p->kind;
	unsigned sub = 0;
	if (kind == PROP_PROBE)
		sub = p->u.probe.slot;
	else if (kind == PROP_LABELS || kind == PROP_ANNOTATIONS)
		sub = p->u.block.target;
	return (unsigned)kind * TARGET_KINDS + sub;
}

enum { SLOTS = PROP_KINDS * TARGET_KINDS };

static bool
merges_by_key(const struct ast_prop *p)
{
	return p->kind == PROP_ENV || p->kind == PROP_LABELS || p->kind == PROP_ANNOTATIONS ||
	       p->kind == PROP_NODES;
}

static bool
is_nested(const struct ast_prop *p)
{
	return p->kind == PROP_SIDECAR || p->kind == PROP_INIT || p->kind == PROP_CONTAINER_BLOCK ||
	       p->kind == PROP_VARIANT;
}

/* The name of a property replaced by name; NULL for the others. */
static const char *
name_of(const struct ast_prop *p)
{
	if (is_nested(p))
		return p->u.nested.name.text;
	switch (p->kind) {
	case PROP_VOLUME: return p->u.volume->name.text;
	case PROP_EXPOSE_AS: return p->u.expose->as.text;
	case PROP_MOUNT: return p->u.mount.volume.text;
	case PROP_QUIET: return p->u.quiet.code.text;
	default: return NULL;
	}
}

/* The entries of the changes' blocks that merge by key, by slot and key:
 * "SLOT KEY" -> struct ast_entry *. */
static void
index_changed_keys(struct arena *a, const struct vec *changes, struct strmap *keys)
{
	for (size_t i = 0; i < changes->len; i++) {
		const struct ast_prop *c = changes->items[i];
		if (!merges_by_key(c))
			continue;
		for (size_t k = 0; k < c->u.block.entries.len; k++) {
			struct ast_entry *e = c->u.block.entries.items[k];
			strmap_claim(a, keys, arena_printf(a, "%u %s", slot_of(c), e->key.text), e);
		}
	}
}

/* A base block of entries with each key that the changes give again
 * replaced where it is; the last base block of its kind also takes the
 * changes' other keys, after its own (a block such as `labels` is given
 * once).  `placed` holds the keys placed so far. */
static const struct ast_prop *
merge_entries(struct arena *a, const struct ast_prop *block, const struct vec *changes,
              const struct strmap *changed, struct strmap *placed, bool last, bool *used)
{
	struct ast_prop *out = NEW(a, struct ast_prop);
	*out = *block;
	out->u.block.entries = (struct vec){0};
	for (size_t k = 0; k < block->u.block.entries.len; k++) {
		struct ast_entry *e = block->u.block.entries.items[k];
		const char *key = arena_printf(a, "%u %s", slot_of(block), e->key.text);
		struct ast_entry *replacement = strmap_get(changed, key);
		if (replacement)
			strmap_put(a, placed, key, replacement);
		vec_push(a, &out->u.block.entries, replacement ? replacement : e);
	}
	for (size_t i = 0; last && i < changes->len; i++) {
		const struct ast_prop *c = changes->items[i];
		if (slot_of(c) != slot_of(block))
			continue;
		used[i] = true;
		for (size_t k = 0; k < c->u.block.entries.len; k++) {
			struct ast_entry *e = c->u.block.entries.items[k];
			if (!strmap_get(placed, arena_printf(a, "%u %s", slot_of(c), e->key.text)))
				vec_push(a, &out->u.block.entries, e);
		}
	}
	return out;
}

/* The change of the same kind and name as a named base property. */
static size_t
same_named(const struct ast_prop *base, const struct vec *changes, const bool *used)
{
	for (size_t i = 0; i < changes->len; i++) {
		const struct ast_prop *c = changes->items[i];
		const char *name = name_of(c);
		if (!used[i] && slot_of(c) == slot_of(base) && name &&
		    strcmp(name, name_of(base)) == 0)
			return i;
	}
	return changes->len;
}

struct vec
override_props(struct arena *a, const struct vec *base, const struct vec *changes)
{
	struct vec out = {0};
	bool *used = arena_alloc(a, (changes->len + 1) * sizeof *used);
	memset(used, 0, (changes->len + 1) * sizeof *used);
	bool changed[SLOTS] = {0}, placed[SLOTS] = {0};
	size_t last[SLOTS] = {0}; /* each slot's last base property, + 1 */
	for (size_t i = 0; i < base->len; i++)
		last[slot_of(base->items[i])] = i + 1;
	struct strmap changed_keys = {0}, placed_keys = {0};
	index_changed_keys(a, changes, &changed_keys);
	for (size_t i = 0; i < changes->len; i++)
		changed[slot_of(changes->items[i])] = true;
	for (size_t i = 0; i < base->len; i++) {
		const struct ast_prop *b = base->items[i];
		unsigned slot = slot_of(b);
		if (merges_by_key(b)) {
			vec_push(a, &out, (void *)merge_entries(a, b, changes, &changed_keys, &placed_keys,
			                                        last[slot] == i + 1, used));
			continue;
		}
		if (!changed[slot]) {
			vec_push(a, &out, (void *)b);
			continue;
		}
		if (name_of(b)) {
			size_t c = same_named(b, changes, used);
			const struct ast_prop *change = c < changes->len ? changes->items[c] : NULL;
			if (change && is_nested(b)) {
				struct ast_prop *merged = NEW(a, struct ast_prop);
				*merged = *change;
				merged->u.nested.props = override_props(a, &b->u.nested.props,
				                                        &change->u.nested.props);
				change = merged;
			}
			vec_push(a, &out, (void *)(change ? change : b));
			used[c] = true;
			continue;
		}
		if (placed[slot])
			continue;
		placed[slot] = true;
		for (size_t c = 0; c < changes->len; c++)
			if (!used[c] && slot_of(changes->items[c]) == slot) {
				vec_push(a, &out, changes->items[c]);
				used[c] = true;
			}
	}
	for (size_t c = 0; c < changes->len; c++)
		if (!used[c])
			vec_push(a, &out, changes->items[c]);
	return out;
}
