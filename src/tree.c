/*
 * tree.c - the object trees both backends serialise (include/objects.h):
 * maps that keep their keys in the order they are put, sequences, and
 * typed scalars, all in the arena of the object being built; and the
 * sequences whose items are built as they are emitted, each at the end of
 * that arena, which is taken back once the item is written.
 */
#include "objects.h"

#include <string.h>

static struct node *
new_node(struct arena *a, enum node_kind kind)
{
	struct node *n = NEW(a, struct node);
	n->kind = kind;
	return n;
}

struct node *
node_map(struct arena *a)
{
	return new_node(a, NODE_MAP);
}

struct node *
node_seq(struct arena *a)
{
	return new_node(a, NODE_SEQ);
}

struct node *
node_strn(struct arena *a, const char *s, size_t len)
{
	struct node *n = new_node(a, NODE_STR);
	n->u.str.s = s;
	n->u.str.len = len;
	return n;
}

struct node *
node_str(struct arena *a, const char *s)
{
	return node_strn(a, s, strlen(s));
}

struct node *
node_int(struct arena *a, long long i)
{
	struct node *n = new_node(a, NODE_INT);
	n->u.i = i;
	return n;
}

struct node *
node_bool(struct arena *a, bool b)
{
	struct node *n = new_node(a, NODE_BOOL);
	n->u.b = b;
	return n;
}

void
map_put(struct arena *a, struct node *map, const char *key, struct node *value)
{
	if (map->u.map.len == map->u.map.cap) {
		size_t cap = map->u.map.cap ? map->u.map.cap * 2 : 4;
		map->u.map.items = arena_grow(a, map->u.map.items,
		                              map->u.map.cap * sizeof *map->u.map.items,
		                              cap * sizeof *map->u.map.items);
		map->u.map.cap = cap;
	}
	map->u.map.items[map->u.map.len++] = (struct pair){key, value};
}

void
seq_push(struct arena *a, struct node *seq, struct node *item)
{
	vec_push(a, &seq->u.seq, item);
}

struct node *
put_map(struct arena *a, struct node *map, const char *key)
{
	struct node *v = node_map(a);
	map_put(a, map, key, v);
	return v;
}

struct node *
put_seq(struct arena *a, struct node *map, const char *key)
{
	struct node *v = node_seq(a);
	map_put(a, map, key, v);
	return v;
}

struct node *
push_map(struct arena *a, struct node *seq)
{
	struct node *v = node_map(a);
	seq_push(a, seq, v);
	return v;
}

void
put_seq_source(struct arena *a, struct node *map, const char *key, size_t len,
               seq_item_fn *item, const void *ctx)
{
	struct node *v = new_node(a, NODE_SEQ_SOURCE);
	v->u.source = NEW(a, struct seq_source);
	*v->u.source = (struct seq_source){.len = len, .item = item, .ctx = ctx, .a = a};
	map_put(a, map, key, v);
}

const struct node *
seq_source_item(struct seq_source *src, size_t i)
{
	seq_source_done(src);
	src->before = arena_mark(src->a);
	src->built = true;
	return src->item(src->ctx, i, src->a);
}

void
seq_source_done(struct seq_source *src)
{
	if (src->built)
		arena_rewind(src->a, src->before);
	src->built = false;
}

struct node *
map_find(const struct node *map, const char *key)
{
	for (size_t i = 0; i < map->u.map.len; i++)
		if (strcmp(map->u.map.items[i].key, key) == 0)
			return map->u.map.items[i].value;
	return NULL;
}

void
put_str(struct arena *a, struct node *map, const char *key, const char *s)
{
	map_put(a, map, key, node_str(a, s));
}

void
put_strings(struct arena *a, struct node *map, const char *key, const struct vec *strings)
{
	struct node *seq = put_seq(a, map, key);
	for (size_t i = 0; i < strings->len; i++)
		seq_push(a, seq, node_str(a, strings->items[i]));
}

void
put_int(struct arena *a, struct node *map, const char *key, long long i)
{
	map_put(a, map, key, node_int(a, i));
}

void
put_pairs(struct arena *a, struct node *map, const struct vec *pairs)
{
	for (size_t i = 0; pairs && i < pairs->len; i++) {
		const struct header *h = pairs->items[i];
		if (!map_find(map, h->name))
			put_str(a, map, h->name, h->value);
	}
}
