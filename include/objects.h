/*
 * objects.h - the Kubernetes objects of a compilation.
 *
 * The object plan (struct object) lists what the output holds, in apply
 * order, with each object's name and file name; plan_objects() makes it
 * from the checked stack, and name_files() names the files when a folder
 * is written.  An object's tree (struct node: maps with keys
 * in the order they are put, sequences and typed scalars) is built only
 * when it is written, by object_tree(), in an arena that the writer frees
 * after each object: the output never needs every tree at once; and a
 * list as long as the stack (a policy's peers, a Kustomization's files)
 * is a sequence whose items are built one at a time as they are emitted
 * (struct seq_source), so that no object needs all of them at once.  Both
 * backends serialise exactly these trees, so they cannot disagree on a
 * key, an order or a type.
 */
#ifndef OBJECTS_H_INCLUDED
#define OBJECTS_H_INCLUDED

#include "todokc.h"

/* Trees */

enum node_kind { NODE_MAP, NODE_SEQ, NODE_SEQ_SOURCE, NODE_STR, NODE_INT, NODE_BOOL };

struct node;
struct pair {
	const char *key;
	struct node *value;
};

/* The items of a NODE_SEQ_SOURCE: item(ctx, i, a) builds the i-th in a,
 * the tree's arena, which is taken back to where it was before the item
 * once the item is emitted (seq_source_item(), seq_source_done()). */
typedef struct node *seq_item_fn(const void *ctx, size_t i, struct arena *a);
struct seq_source {
	size_t len;
	seq_item_fn *item;
	const void *ctx;
	struct arena *a;
	struct arena_mark before; /* a before the first item */
	bool built;               /* an item is in a */
};

struct node {
	enum node_kind kind;
	union {
		struct {
			struct pair *items;
			size_t len, cap;
		} map;
		struct vec seq;   /* struct node * */
		struct seq_source *source;
		struct {
			const char *s;
			size_t len;
		} str;
		long long i;
		bool b;
	} u;
};

struct node *node_map(struct arena *a);
struct node *node_seq(struct arena *a);
struct node *node_str(struct arena *a, const char *s);
struct node *node_strn(struct arena *a, const char *s, size_t len);
struct node *node_int(struct arena *a, long long i);
struct node *node_bool(struct arena *a, bool b);
void map_put(struct arena *a, struct node *map, const char *key, struct node *value);
void seq_push(struct arena *a, struct node *seq, struct node *item);
/* A new map or sequence, put under key of map (or pushed onto seq). */
struct node *put_map(struct arena *a, struct node *map, const char *key);
struct node *put_seq(struct arena *a, struct node *map, const char *key);
struct node *push_map(struct arena *a, struct node *seq);
void put_str(struct arena *a, struct node *map, const char *key, const char *s);
/* A sequence of the strings (const char *) under key of map. */
void put_strings(struct arena *a, struct node *map, const char *key, const struct vec *strings);
/* A sequence of len items that item(ctx, i, a) builds as they are
 * emitted, put under key of map; ctx must live as long as the tree, and
 * nothing else may be built in a while the tree is emitted. */
void put_seq_source(struct arena *a, struct node *map, const char *key, size_t len,
                    seq_item_fn *item, const void *ctx);
/* The i-th item of a source (the item before it is gone); and the last
 * one gone, once the items are emitted. */
const struct node *seq_source_item(struct seq_source *src, size_t i);
void seq_source_done(struct seq_source *src);
/* The value under key in map, or NULL. */
struct node *map_find(const struct node *map, const char *key);
void put_int(struct arena *a, struct node *map, const char *key, long long i);
/* Name-value pairs (struct header *) into map, except names it has. */
void put_pairs(struct arena *a, struct node *map, const struct vec *pairs);

/* The plan */

struct object {
	enum object_kind kind;
	const char *name;
	const char *file_stem;          /* "03-deployment-todo-backend"; NULL until a folder's
	                                 * files are listed (name_files()) */
	const struct component *comp;   /* the component whose object it is, or NULL */
	const void *subject;            /* OBJ_SERVICE_ACCOUNT: struct account; OBJ_ROLE,
	                                 * OBJ_ROLE_BINDING: struct role; OBJ_SECRET,
	                                 * OBJ_CONFIGMAP: struct keyset; OBJ_CLAIM: struct
	                                 * volume; OBJ_SERVICE: struct service; a workload
	                                 * and OBJ_AUTOSCALER: struct workload; OBJ_BUDGET:
	                                 * struct budget; OBJ_INGRESS,
	                                 * OBJ_HTTPROUTE: struct route */
	const char *order_key;          /* --order-annotations: the annotation (NULL: none) */
	const char *order_value;        /* its value (NULL: the object depends on nothing) */
};

/* Fills c->objects (struct object *) from the checked stack. */
void plan_objects(struct compilation *c);
/* Each planned object's file stem, once (output_files() asks for them). */
void name_files(struct compilation *c);
/* The order annotation of each planned object (gitops.c). */
void annotate_order(struct compilation *c);
/* The tree of object o, built in arena a. */
struct node *object_tree(const struct compilation *c, const struct object *o, struct arena *a);
/* The kustomization of an output folder, listing the files in order. */
struct node *kustomization_tree(struct arena *a, const char *const *file_names, size_t n);

/* The metadata every object has: its name, the namespace, its own labels
 * and annotations (NULL: none) and then the stack's, which the object's
 * own win over.  Returns the new object's root map and, in *metadata,
 * its metadata map. */
struct node *object_root(const struct compilation *c, struct arena *a, enum object_kind kind,
                         const char *name, const struct vec *labels,
                         const struct vec *annotations, struct node **metadata);
/* A claim's spec: ReadWriteOnce, the size, the class (workloads.c). */
void claim_spec(struct arena *a, struct node *spec, const struct volume *vol);
/* Workloads (workloads.c): the tree of a workload object (Deployment,
 * StatefulSet, Job, CronJob), and of its pod template alone. */
struct node *workload_tree(const struct compilation *c, const struct workload *w,
                           struct arena *a);
/* netpol.c: a NetworkPolicy, the stack's default-deny one (o->comp NULL)
 * or a component's. */
struct node *network_policy_tree(const struct compilation *c, const struct object *o,
                                 struct arena *a);
struct node *pod_template_tree(const struct compilation *c, const struct workload *w,
                               struct arena *a);

/* Backends.  A YAML stream (one document per tree, "---" before each when
 * several are written) is opened on a buffer, written one tree at a time
 * and closed; false with *problem on failure. */
struct yaml_stream;
struct yaml_stream *yaml_stream_open(struct buf *out, bool explicit_start);
bool yaml_stream_write(struct yaml_stream *y, const struct node *doc);
bool yaml_stream_close(struct yaml_stream *y, const char **problem);
/* JSON: one tree, with a final newline; or a v1 List, item by item. */
void json_document(struct buf *out, const struct node *doc);
void json_list_begin(struct buf *out);
void json_list_item(struct buf *out, size_t index, const struct node *doc);
void json_list_end(struct buf *out, size_t count);

/* YAML 1.1 typing (emit_yaml.c): whether a plain scalar would be read as
 * something other than a string. */
bool yaml_plain_is_ambiguous(const char *s, size_t len);

#endif
