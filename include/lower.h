/*
 * lower.h - what the files of the lowering share (src/lower.c: the
 * stack's items and declarations; src/lower_component.c: a component's
 * properties; src/lower_rollout.c: its strategy, budget and quiets;
 * src/properties.c: the table of properties).  Only those files include it.
 */
#ifndef LOWER_H_INCLUDED
#define LOWER_H_INCLUDED

#include "todokc.h"

struct lowering {
	struct compilation *c;
	struct stack *s;
	struct arena *a;
	struct arena scratch; /* the maps that find what one item repeats: reset after it */
};

/* The blocks properties are written in. */
enum block_kind {
	BLOCK_SERVICE, BLOCK_STATEFUL, BLOCK_JOB, BLOCK_CRON, BLOCK_VARIANT, BLOCK_SIDECAR,
	BLOCK_INIT, BLOCK_CONTAINER, BLOCK_KINDS
};
/* "a service", "an init container", ... */
extern const char *const block_names[BLOCK_KINDS];
/* The word that opens each kind of block: "service", "sidecar", ... */
extern const char *const block_words[BLOCK_KINDS];

/* properties.c: each property, the blocks it belongs in (a bit per
 * block_kind), whether it may be given more than once in a block, and
 * what to add when it is written where it does not belong. */
struct prop_rule {
	const char *word;
	unsigned blocks;
	bool repeats;
	const char *hint;
};
extern const struct prop_rule prop_rules[PROP_KINDS];
/* "liveness", "readiness", "startup" */
extern const char *const probe_words[PROBE_SLOTS];
/* The blocks of a prop_rule's bits: "a job or a cron". */
const char *where_it_belongs(struct lowering *l, unsigned blocks);

const char *lquote(struct lowering *l, const char *s);
/* Names of stacks, components, configs, secrets, volumes, params, ports:
 * [a-z]([-a-z0-9]*[a-z0-9])?; false (reported) when not. */
bool check_name(struct lowering *l, struct ident name, const char *what);
/* Declares a name; false (reported) when it is taken. */
bool declare(struct lowering *l, enum decl_kind kind, void *what, struct ident name);
/* A block's key given twice is reported; true when the key is new. */
bool key_once(struct lowering *l, struct strmap *seen, const struct ast_entry *e);
/* The KEY = STRING entries of a labels-like block, each key once. */
void lower_metadata(struct lowering *l, const struct vec *entries, struct vec *out);
/* The labels and annotations in *slot, made when first given (NULL until
 * then: read with METADATA_OF). */
struct metadata *metadata_made(struct lowering *l, struct metadata **slot);
/* A construct the grammar accepts that this version does not build yet. */
void not_yet(struct lowering *l, struct loc loc, const char *what);

/* override.c: the properties of a block changed by another block's (a
 * variant's, a profile's), as if written so. */
struct vec override_props(struct arena *a, const struct vec *base, const struct vec *changes);

/* lower_rollout.c: `strategy`, `budget` and `quiet`. */
void lower_strategy(struct lowering *l, struct workload *w, const struct ast_prop *prop);
void lower_budget(struct lowering *l, struct component *comp, const struct ast_prop *prop);
void lower_quiet(struct lowering *l, struct component *comp, const struct ast_prop *prop,
                 const struct vec *props);
/* `allow` lines onto comp->allows, one struct allow per source (lower.c,
 * beside `network isolated`). */
void lower_allow(struct lowering *l, struct component *comp, const struct ast_prop *prop);
void lower_api(struct lowering *l, struct component *comp, const struct ast_prop *prop);

/* lower_component.c: a service, stateful, job or cron item. */
void lower_component(struct lowering *l, const struct ast_item *item);

#endif
