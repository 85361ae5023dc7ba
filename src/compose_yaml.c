/*
 * compose_yaml.c - the Compose file as a tree of nodes (struct cnode),
 * built from libyaml's parser events.  This is the importer's only file
 * that includes <yaml.h> (src/emit_yaml.c is the compiler's).
 *
 * Hostile input is bounded.  The tree is built with an explicit stack, no
 * recursion, at most COMPOSE_MAX_DEPTH levels deep.  An alias shares the
 * node of its anchor but counts all the nodes that node stands for, so an
 * alias bomb is refused as soon as the nodes it expands to pass
 * COMPOSE_MAX_NODES, and nothing that walks the tree later can do more
 * work than that.  Merge keys (<<) are applied when their mapping ends; a
 * key given twice in one mapping is an error, as in Compose.
 *
 * A service's `extends` is merged here too (cnode_extend): new nodes for
 * what the merge changes, the rest shared, every node it makes counted.
 *
 * libyaml counts positions in characters (after a byte order mark); the
 * tree's locations are byte offsets of the file, as the diagnostics want.
 */
#include "import.h"

#include <string.h>
#include <yaml.h>

struct frame {
	struct cnode *node;
	struct vec kids;           /* struct cnode *; keys and values alternate in a mapping */
	const char *anchor;
};

struct reader {
	struct compilation *c;
	yaml_parser_t parser;
	struct strmap anchors;     /* anchor -> struct cnode * */
	struct frame *stack;
	size_t depth, cap;
	size_t nodes;              /* every node so far, aliases expanded */
	const struct cnode *root;
	size_t docs;
	size_t bom;                /* bytes of a byte order mark */
	size_t cur_char, cur_byte; /* a position libyaml gave, as a byte offset */
	bool failed;
};

/* The byte offset of libyaml's character index. */
static uint32_t
byte_at(struct reader *r, size_t index)
{
	const unsigned char *s = (const unsigned char *)r->c->src.text;
	size_t len = r->c->src.len;
	while (r->cur_char < index && r->cur_byte < len) {
		unsigned char b = s[r->cur_byte];
		size_t w = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
		r->cur_byte = r->cur_byte + w < len ? r->cur_byte + w : len;
		r->cur_char++;
	}
	while (r->cur_char > index && r->cur_byte > r->bom) {
		do
			r->cur_byte--;
		while (r->cur_byte > r->bom && (s[r->cur_byte] & 0xC0) == 0x80);
		r->cur_char--;
	}
	return (uint32_t)r->cur_byte;
}

static struct loc
span(struct reader *r, const yaml_mark_t *from, const yaml_mark_t *to)
{
	struct loc l;
	l.begin = byte_at(r, from->index);
	l.end = byte_at(r, to->index);
	if (l.end < l.begin)
		l.end = l.begin;
	return l;
}

/* The line around `at`, when its key says secret (`DB_PASSWORD: "hunt`,
 * `- API_TOKEN=abc`): the value after the ':' or '=' is hidden in the
 * excerpts of a YAML error, which come before anything is known to be a
 * secret. */
static void
hide_secret_on_line(struct reader *r, uint32_t at)
{
	const char *text = r->c->src.text;
	uint32_t begin = at, end = at;
	while (begin > 0 && text[begin - 1] != '\n')
		begin--;
	while (end < r->c->src.len && text[end] != '\n' && text[end] != '\r')
		end++;
	uint32_t key = begin;
	while (key < end && strchr(" \t-\"'", text[key]))
		key++;
	uint32_t sep = key;
	while (sep < end && text[sep] != ':' && text[sep] != '=')
		sep++;
	if (sep == end || sep - key > 255)
		return;
	char name[256];
	size_t n = sep - key;
	memcpy(name, text + key, n);
	while (n > 0 && strchr(" \t\"'", name[n - 1]))
		n--;
	name[n] = '\0';
	uint32_t value = sep + 1;
	while (value < end && (text[value] == ' ' || text[value] == '\t'))
		value++;
	if (n && value < end && secret_like_name(name))
		diag_redact(&r->c->diags, (struct loc){value, end});
}

static void
yaml_problem(struct reader *r)
{
	yaml_parser_t *p = &r->parser;
	if (p->error == YAML_MEMORY_ERROR)
		fatal_oom();
	struct loc at;
	if (p->error == YAML_READER_ERROR) {
		at.begin = at.end = (uint32_t)(p->problem_offset < r->c->src.len ? p->problem_offset
		                                                                  : r->c->src.len);
	} else {
		at = span(r, &p->problem_mark, &p->problem_mark);
	}
	hide_secret_on_line(r, at.begin);
	struct diagnostic *g = diag(&r->c->diags, E0801, at, "not valid YAML: %s",
	                            p->problem ? p->problem : "the parser failed");
	if (p->context && p->error != YAML_READER_ERROR) {
		struct loc ctx = span(r, &p->context_mark, &p->context_mark);
		hide_secret_on_line(r, ctx.begin);
		diag_note(&r->c->diags, g, ctx, "%s", p->context);
	}
	r->failed = true;
}

static struct cnode *
new_node(struct reader *r, enum cnode_kind kind, struct loc loc)
{
	struct cnode *n = NEW(&r->c->arena, struct cnode);
	n->kind = kind;
	n->loc = loc;
	n->weight = 1;
	return n;
}

/* Counts what a node stands for; false (reported) past the limit. */
static bool
count(struct reader *r, size_t weight, struct loc at)
{
	r->nodes += weight;
	if (r->nodes <= COMPOSE_MAX_NODES)
		return true;
	diag(&r->c->diags, E0809, at,
	     "with its aliases expanded, the file has more than %u nodes; todokc reads at most "
	     "that many", (unsigned)COMPOSE_MAX_NODES);
	r->failed = true;
	return false;
}

static void
add_node(struct reader *r, const struct cnode *n, const char *anchor)
{
	if (anchor)
		strmap_put(&r->c->arena, &r->anchors, anchor, (void *)n);
	if (r->depth == 0) {
		r->root = n;
		return;
	}
	vec_push(&r->c->arena, &r->stack[r->depth - 1].kids, (void *)n);
}

static const char *
anchor_of(struct reader *r, const yaml_char_t *anchor)
{
	return anchor ? arena_strdup(&r->c->arena, (const char *)anchor) : NULL;
}

#define YAML_TAG "tag:yaml.org,2002:"

/* A tag that is none of YAML's own has no meaning in one Compose file
 * (!reset and !override merge several files): it is left out, and the
 * node read as if it had none.  False for such a tag (or none). */
static bool
check_tag(struct reader *r, const yaml_char_t *tag, struct loc at)
{
	if (!tag)
		return false;
	if (strncmp((const char *)tag, YAML_TAG, strlen(YAML_TAG)) == 0)
		return true;
	diag(&r->c->diags, W0801, at,
	     "the tag %s is left out: it has a meaning only when several Compose files are merged",
	     diag_quote(&r->c->arena, (const char *)tag));
	return false;
}

static void
on_scalar(struct reader *r, const yaml_event_t *ev)
{
	struct cnode *n = new_node(r, CNODE_SCALAR, span(r, &ev->start_mark, &ev->end_mark));
	const char *text = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;
	if (memchr(text, '\0', len)) {
		diag(&r->c->diags, E0804, n->loc, "a NUL character in a string: no value can hold one");
		r->failed = true;
		return;
	}
	const char *tag = (const char *)ev->data.scalar.tag;
	bool yaml_tag = check_tag(r, ev->data.scalar.tag, n->loc);
	if (yaml_tag && strcmp(tag, YAML_TAG "null") == 0)
		len = 0; /* !!null "anything" is null: an empty plain scalar */
	n->text = arena_strndup(&r->c->arena, text, len);
	n->len = len;
	/* A plain scalar may be a null or a boolean; one of YAML's tags
	 * (!!str, !!int, ...) says what it is, null aside. */
	n->plain = (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !yaml_tag) ||
	           (yaml_tag && strcmp(tag, YAML_TAG "null") == 0);
	if (count(r, 1, n->loc))
		add_node(r, n, anchor_of(r, ev->data.scalar.anchor));
}

static void
on_alias(struct reader *r, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	const struct cnode *n = strmap_get(&r->anchors, name);
	struct loc at = span(r, &ev->start_mark, &ev->end_mark);
	if (!n) {
		diag(&r->c->diags, E0801, at,
		     "not valid YAML: the alias *%s names no anchor defined before it (or one that "
		     "contains it)", name);
		r->failed = true;
		return;
	}
	if (count(r, n->weight, at))
		add_node(r, n, NULL);
}

static void
on_start(struct reader *r, const yaml_event_t *ev, enum cnode_kind kind)
{
	struct loc at = span(r, &ev->start_mark, &ev->end_mark);
	if (r->depth >= COMPOSE_MAX_DEPTH) {
		diag(&r->c->diags, E0808, at,
		     "mappings and lists nested deeper than %d levels; todokc reads at most that many",
		     COMPOSE_MAX_DEPTH);
		r->failed = true;
		return;
	}
	if (!count(r, 1, at))
		return;
	if (r->depth == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 16;
		r->stack = arena_grow(&r->c->arena, r->stack, r->cap * sizeof *r->stack,
		                      cap * sizeof *r->stack);
		r->cap = cap;
	}
	const yaml_char_t *anchor = kind == CNODE_MAP ? ev->data.mapping_start.anchor
	                                              : ev->data.sequence_start.anchor;
	const yaml_char_t *tag = kind == CNODE_MAP ? ev->data.mapping_start.tag
	                                           : ev->data.sequence_start.tag;
	(void)check_tag(r, tag, at);
	struct frame *f = &r->stack[r->depth++];
	*f = (struct frame){new_node(r, kind, at), {0}, anchor_of(r, anchor)};
}

/* Entries being gathered, with an index of their keys once they are many,
 * so that a mapping of many keys is read in linear time. */
struct keyindex {
	struct centry *e;
	size_t n, indexed;
	struct strmap map;
};

static const struct cnode *
key_lookup(struct reader *r, struct keyindex *k, const char *key)
{
	if (k->n >= 16) {
		for (; k->indexed < k->n; k->indexed++)
			strmap_put(&r->c->arena, &k->map, k->e[k->indexed].key->text,
			           (void *)k->e[k->indexed].key);
		return strmap_get(&k->map, key);
	}
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->e[i].key->text, key) == 0)
			return k->e[i].key;
	return NULL;
}

static bool
is_merge_key(const struct cnode *key)
{
	return key->plain && strcmp(key->text, "<<") == 0;
}

/* Adds the entries of a mapping a merge key names, but those the mapping
 * gives itself and those an earlier merge brought. */
static bool
merge_from(struct reader *r, const struct cnode *from, struct keyindex *own,
           struct keyindex *out)
{
	if (from->kind != CNODE_MAP) {
		diag(&r->c->diags, E0801, from->loc,
		     "not valid YAML: a merge key << takes a mapping or a list of mappings");
		return false;
	}
	for (size_t i = 0; i < from->n; i++) {
		const char *key = from->entries[i].key->text;
		if (!key_lookup(r, own, key) && !key_lookup(r, out, key))
			out->e[out->n++] = from->entries[i];
	}
	return true;
}

/* How many entries a mapping may have: its own and what merges bring. */
static bool
count_entries(struct reader *r, const struct frame *f, size_t *own, size_t *total)
{
	*own = *total = 0;
	for (size_t k = 0; k + 1 < f->kids.len; k += 2) {
		const struct cnode *key = f->kids.items[k], *value = f->kids.items[k + 1];
		if (key->kind != CNODE_SCALAR) {
			diag(&r->c->diags, E0802, key->loc, "a mapping key that is not a string");
			return false;
		}
		if (!is_merge_key(key))
			++*own, ++*total;
		else if (value->kind == CNODE_SEQ)
			for (size_t i = 0; i < value->n; i++)
				*total += value->items[i]->kind == CNODE_MAP ? value->items[i]->n : 0;
		else if (value->kind == CNODE_MAP)
			*total += value->n;
	}
	return true;
}

/* The entries of a mapping that ends: its own, with what its merge keys
 * bring where they stand. */
static bool
map_entries(struct reader *r, struct frame *f, struct cnode *m)
{
	size_t nown, total;
	if (!count_entries(r, f, &nown, &total))
		return false;
	struct keyindex own = {.e = arena_alloc(&r->c->arena, (nown + 1) * sizeof *own.e)};
	struct keyindex out = {.e = arena_alloc(&r->c->arena, (total + 1) * sizeof *out.e)};
	for (size_t k = 0; k + 1 < f->kids.len; k += 2) {
		const struct cnode *key = f->kids.items[k];
		if (is_merge_key(key))
			continue;
		const struct cnode *first = key_lookup(r, &own, key->text);
		if (first) {
			diag_again(&r->c->diags, E0807, key->loc, first->loc, "first given here",
			           "the key %s is given twice in one mapping",
			           diag_quote(&r->c->arena, key->text));
			return false;
		}
		own.e[own.n++] = (struct centry){key, f->kids.items[k + 1]};
	}
	for (size_t k = 0, o = 0; k + 1 < f->kids.len; k += 2) {
		const struct cnode *key = f->kids.items[k], *value = f->kids.items[k + 1];
		bool ok = true;
		if (!is_merge_key(key))
			out.e[out.n++] = own.e[o++];
		else if (value->kind == CNODE_SEQ)
			for (size_t i = 0; i < value->n && ok; i++)
				ok = merge_from(r, value->items[i], &own, &out);
		else
			ok = merge_from(r, value, &own, &out);
		if (!ok)
			return false;
	}
	m->entries = out.e;
	m->n = out.n;
	return true;
}

static void
on_end(struct reader *r, const yaml_event_t *ev)
{
	struct frame *f = &r->stack[--r->depth];
	struct cnode *n = f->node;
	n->loc.end = byte_at(r, ev->end_mark.index);
	for (size_t i = 0; i < f->kids.len; i++)
		n->weight += ((const struct cnode *)f->kids.items[i])->weight;
	if (n->kind == CNODE_SEQ) {
		n->items = (struct cnode **)f->kids.items;
		n->n = f->kids.len;
	} else if (!map_entries(r, f, n)) {
		r->failed = true;
		return;
	}
	add_node(r, n, f->anchor);
}

static void
on_event(struct reader *r, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++r->docs > 1) {
			diag(&r->c->diags, E0802, span(r, &ev->start_mark, &ev->end_mark),
			     "a second YAML document: a Compose file holds one");
			r->failed = true;
		}
		break;
	case YAML_SCALAR_EVENT:
		on_scalar(r, ev);
		break;
	case YAML_ALIAS_EVENT:
		on_alias(r, ev);
		break;
	case YAML_SEQUENCE_START_EVENT:
		on_start(r, ev, CNODE_SEQ);
		break;
	case YAML_MAPPING_START_EVENT:
		on_start(r, ev, CNODE_MAP);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		on_end(r, ev);
		break;
	default:
		break;
	}
}

const struct cnode *
compose_read(struct compilation *c)
{
	struct reader r = {.c = c};
	const struct source *src = &c->src;
	if (src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0)
		r.bom = r.cur_byte = 3;
	if (!yaml_parser_initialize(&r.parser))
		fatal_oom();
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)src->text, src->len);
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);
	bool done = false;
	while (!done && !r.failed) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&r.parser, &ev)) {
			yaml_problem(&r);
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		on_event(&r, &ev);
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&r.parser);
	if (r.failed)
		return NULL;
	if (!r.root || r.root->kind != CNODE_MAP) {
		struct loc at = r.root ? r.root->loc : (struct loc){0, 0};
		diag(&c->diags, E0802, at,
		     "the top level of a Compose file is a mapping (services:, volumes:, ...)%s",
		     r.root ? "" : "; the file is empty");
		return NULL;
	}
	return r.root;
}

const struct cnode *
cnode_get(const struct cnode *map, const char *key)
{
	if (!map || map->kind != CNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->entries[i].key->text, key) == 0)
			return map->entries[i].value;
	return NULL;
}

bool
cnode_null(const struct cnode *n)
{
	if (!n)
		return true;
	if (n->kind != CNODE_SCALAR || !n->plain)
		return false;
	return n->len == 0 || strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0 ||
	       strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0;
}

/* --- extends: a service merged over the one it extends ---------------- */

/* Merges make nodes: counted against COMPOSE_MAX_NODES by the caller. */
struct merger {
	struct arena *a;
	size_t nodes;
};

static struct cnode *
made_node(struct merger *m, enum cnode_kind kind, struct loc loc, size_t cap)
{
	struct cnode *node = NEW(m->a, struct cnode);
	node->kind = kind;
	node->loc = loc;
	node->weight = 1;
	if (kind == CNODE_MAP)
		node->entries = arena_alloc(m->a, (cap + 1) * sizeof *node->entries);
	else if (kind == CNODE_SEQ)
		node->items = arena_alloc(m->a, (cap + 1) * sizeof *node->items);
	m->nodes += cap + 1;
	return node;
}

static const struct cnode *
made_scalar(struct merger *m, const char *text, size_t len, struct loc loc, bool plain)
{
	struct cnode *s = made_node(m, CNODE_SCALAR, loc, 0);
	s->text = arena_strndup(m->a, text, len);
	s->len = len;
	s->plain = plain;
	return s;
}

static void
add_entry(struct cnode *map, const struct cnode *key, const struct cnode *value)
{
	map->entries[map->n++] = (struct centry){key, value};
	map->weight += key->weight + value->weight;
}

/* A list of a key that Compose also takes as a mapping, as that mapping:
 * KEY=VALUE items (environment, labels, annotations; KEY alone a null), or
 * the services of depends_on, each to be started; NULL for another key. */
static const struct cnode *
list_as_map(struct merger *m, const char *key, const struct cnode *list)
{
	bool waits = strcmp(key, "depends_on") == 0;
	if (!waits && strcmp(key, "environment") && strcmp(key, "labels") &&
	    strcmp(key, "annotations"))
		return NULL;
	struct cnode *map = made_node(m, CNODE_MAP, list->loc, list->n);
	for (size_t i = 0; i < list->n; i++) {
		const struct cnode *item = list->items[i], *value;
		if (item->kind != CNODE_SCALAR)
			return NULL;
		const char *eq = waits ? NULL : strchr(item->text, '=');
		size_t klen = eq ? (size_t)(eq - item->text) : item->len;
		if (waits) {
			struct cnode *cond = made_node(m, CNODE_MAP, item->loc, 1);
			add_entry(cond, made_scalar(m, "condition", 9, item->loc, true),
			          made_scalar(m, "service_started", 15, item->loc, true));
			value = cond;
		} else if (eq) {
			value = made_scalar(m, eq + 1, item->len - klen - 1, item->loc, false);
		} else {
			value = made_scalar(m, "", 0, item->loc, true);
		}
		add_entry(map, made_scalar(m, item->text, klen, item->loc, false), value);
	}
	return map;
}

/* A key that takes one string or a list of them (env_file, tmpfs), as
 * that list; NULL for another key or value. */
static const struct cnode *
scalar_as_list(struct merger *m, const char *key, const struct cnode *v)
{
	if (v->kind != CNODE_SCALAR || (strcmp(key, "env_file") && strcmp(key, "tmpfs") &&
	                                strcmp(key, "dns") && strcmp(key, "dns_search")))
		return NULL;
	struct cnode *list = made_node(m, CNODE_SEQ, v->loc, 1);
	list->items[list->n++] = (struct cnode *)v;
	list->weight += v->weight;
	return list;
}

/* What makes two items of a list one resource, the later replacing the
 * earlier: a volume's target, a secret's or config's target or source;
 * NULL: none (the items are appended). */
static const char *
unique_key(struct merger *m, const char *list, const struct cnode *item)
{
	bool mount = strcmp(list, "volumes") == 0;
	if (!mount && strcmp(list, "secrets") && strcmp(list, "configs"))
		return NULL;
	if (item->kind == CNODE_MAP) {
		const struct cnode *t = cnode_get(item, "target");
		if (!t && !mount)
			t = cnode_get(item, "source");
		return t && t->kind == CNODE_SCALAR ? t->text : NULL;
	}
	if (item->kind != CNODE_SCALAR)
		return NULL;
	if (!mount)
		return item->text;
	const char *colon = strchr(item->text, ':');
	if (!colon)
		return item->text;
	const char *end = strchr(colon + 1, ':');
	return arena_strndup(m->a, colon + 1, end ? (size_t)(end - colon - 1) : strlen(colon + 1));
}

/* base's items, but those a later item replaces, then local's. */
static const struct cnode *
merge_lists(struct merger *m, const char *key, const struct cnode *base,
            const struct cnode *local)
{
	struct cnode *out = made_node(m, CNODE_SEQ, local->loc, base->n + local->n);
	struct strmap later = {0};
	for (size_t i = 0; i < local->n; i++) {
		const char *u = unique_key(m, key, local->items[i]);
		if (u)
			strmap_put(m->a, &later, u, (void *)u);
	}
	for (size_t pass = 0; pass < 2; pass++) {
		const struct cnode *from = pass ? local : base;
		for (size_t i = 0; i < from->n; i++) {
			const char *u = pass ? NULL : unique_key(m, key, from->items[i]);
			if (u && strmap_get(&later, u))
				continue;
			out->items[out->n++] = from->items[i];
			out->weight += from->items[i]->weight;
		}
	}
	return out;
}

static const struct cnode *merge_maps(struct merger *m, const char *parent,
                                      const struct cnode *base, const struct cnode *local);

/* The value of `key` (in the mapping of `parent`) that local gives over
 * base's, as Compose merges them (docs/import.md, extends). */
static const struct cnode *
merge_value(struct merger *m, const char *parent, const char *key, const struct cnode *base,
            const struct cnode *local)
{
	bool top = !parent;
	if ((top && (!strcmp(key, "command") || !strcmp(key, "entrypoint"))) ||
	    (parent && !strcmp(parent, "healthcheck") && !strcmp(key, "test")))
		return local;
	/* The two in one form: a key whose list and mapping (or string and
	 * list) mean the same; for another, local's value as it is. */
	const struct cnode *b = base, *l = local;
	if (base->kind == CNODE_SEQ && local->kind == CNODE_MAP && top)
		b = list_as_map(m, key, base);
	else if (base->kind == CNODE_MAP && local->kind == CNODE_SEQ && top)
		l = list_as_map(m, key, local);
	else if (base->kind != local->kind && top && (base->kind == CNODE_SEQ ||
	                                              local->kind == CNODE_SEQ)) {
		b = base->kind == CNODE_SEQ ? base : scalar_as_list(m, key, base);
		l = local->kind == CNODE_SEQ ? local : scalar_as_list(m, key, local);
	}
	if (!b || !l)
		return local;
	if (b->kind == CNODE_MAP && l->kind == CNODE_MAP)
		return merge_maps(m, key, b, l);
	if (b->kind == CNODE_SEQ && l->kind == CNODE_SEQ)
		return merge_lists(m, top ? key : "", b, l);
	return l;
}

/* base's entries, each merged with local's of its key, then local's own;
 * at the top (parent NULL), without extends.  Only local's keys are
 * indexed: a small service over a big base costs no more than the copy. */
static const struct cnode *
merge_maps(struct merger *m, const char *parent, const struct cnode *base,
           const struct cnode *local)
{
	struct cnode *out = made_node(m, CNODE_MAP, local->loc, base->n + local->n);
	struct strmap own = {0};
	bool *merged = arena_alloc(m->a, local->n + 1);
	for (size_t i = 0; i < local->n; i++)
		strmap_put(m->a, &own, local->entries[i].key->text, (void *)&local->entries[i]);
	for (size_t i = 0; i < base->n; i++) {
		const struct centry *b = &base->entries[i];
		const struct centry *l = strmap_get(&own, b->key->text);
		if (l)
			merged[l - local->entries] = true;
		if (!parent && !strcmp(b->key->text, "extends"))
			continue;
		add_entry(out, b->key, l ? merge_value(m, parent, b->key->text, b->value, l->value)
		                         : b->value);
	}
	for (size_t i = 0; i < local->n; i++) {
		const struct centry *l = &local->entries[i];
		if (!merged[i] && (parent || strcmp(l->key->text, "extends")))
			add_entry(out, l->key, l->value);
	}
	return out;
}

const struct cnode *
cnode_extend(struct arena *a, const struct cnode *base, const struct cnode *local,
             size_t *nodes)
{
	struct merger m = {.a = a};
	const struct cnode *out = merge_maps(&m, NULL, base, local);
	*nodes += m.nodes;
	return out;
}
