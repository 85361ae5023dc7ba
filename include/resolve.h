/*
 * resolve.h - what the four files of resolution share (src/resolve.c:
 * names, references and values; src/keys.c: config and secret keys and
 * secret values; src/env.c: a container's environment; src/component.c:
 * the Kubernetes facts of each component).  Only those files include it.
 */
#ifndef RESOLVE_H_INCLUDED
#define RESOLVE_H_INCLUDED

#include "todokc.h"

/* Where a value is used decides what a reference may become there. */
enum place {
	IN_TEXT,   /* must be plain text: image, args, paths, params */
	IN_CONFIG, /* a config value: text, or text with secret keys */
	IN_ENV,    /* an env value: may stay a reference to a config key */
	IN_SECRET, /* a secret value: everything is read into bytes */
};

enum { MAX_REFERENCE_DEPTH = 100 }; /* keys that refer to keys, nested */

struct resolver {
	struct compilation *c;
	struct stack *s;
	struct arena *a;
	struct arena scratch;     /* the maps that build one container's environment
	                           * (resolve_env) or collect a pod's taken sets (its
	                           * config hash), the parts of a wait command, the
	                           * `allow`s seen: reset by the function that filled it */
	int depth;                /* config and secret keys being resolved, nested */
	struct key_step {         /* those keys, outermost first: a cycle's path */
		const char *set, *key;
		const struct kv *kv;
	} key_path[MAX_REFERENCE_DEPTH];
	size_t resolved_bytes;    /* the values built so far, against MAX_RESOLVED_BYTES */
	bool over_budget;         /* MAX_RESOLVED_BYTES was crossed (reported once) */
	const char *naming[NAMING_SLOTS]; /* the naming templates, resolved once */
	struct strmap accounts;   /* account name as written -> struct account * */
	struct vec *refs;         /* `network isolated`: where the workloads that the value
	                           * being resolved refers to go (NULL: nowhere) */
	struct strmap config_hashes; /* the names of the sets a pod takes -> its config hash */
	struct container **wait_models; /* resolve_stack_waits(): by a target's index, the first
	                           * wait container made for it (NULL: none yet) */
	struct container_resources *wait_resources; /* what every wait container requests and
	                           * is limited to: one record for all (NULL until the first) */
	struct strmap unknown;    /* an unknown name, in references or declarations' uses ->
	                           * struct unknown_name: its uses, reported once at the end */
	struct vec unknowns;      /* struct unknown_name *, in the order first met */
	struct strmap unknown_at; /* the offsets of those uses, each counted once */
};

#define DECL_ANY (1u << DECL_PARAM | 1u << DECL_CONFIG | 1u << DECL_SECRET | 1u << DECL_COMPONENT)

const char *rquote(struct resolver *r, const char *s);

/* Looks a name up among the declared kinds in the mask; reports it
 * unknown (with a suggestion) or of the wrong kind.  `what` names the
 * expected kind in messages. */
struct decl *lookup(struct resolver *r, struct ident name, unsigned kinds, const char *what);
/* lookup(), saying what to write (`fix`) when the name is a declaration
 * of another kind. */
struct decl *lookup_or_write(struct resolver *r, struct ident name, unsigned kinds,
                             const char *what, const char *fix);
/* lookup() of the target of an `after` of `waiter`: a workload or a job
 * (the cron is refused by the caller); an unknown one lists those it may
 * name. */
struct decl *lookup_after(struct resolver *r, struct ident name, const struct component *waiter);

struct rvalue *resolve_value(struct resolver *r, const struct ast_value *v, enum place place);
struct rvalue *resolve_config_key(struct resolver *r, struct keyset *cfg, struct kv *kv);
/* keys.c: a secret key's bytes, read once (none after an error). */
void resolve_secret_key(struct resolver *r, struct keyset *sec, struct kv *kv);
/* Whether adding `more` bytes to a value of `size` bytes, at the
 * reference `at`, stays within the limits; reports the crossing once. */
bool within_limits(struct resolver *r, size_t size, size_t more, struct loc at);
/* Resolves t->written as plain text into t->value: a secret in it is an
 * error (it would be written in clear into `where`). */
void resolve_text(struct resolver *r, struct text *t, const char *where);
/* The same for a string of a list; NULL after an error. */
const char *resolve_text_of(struct resolver *r, const struct ast_string *str, const char *where);
/* Expands a naming template with {stack} and {component}. */
const char *derive_name(struct resolver *r, enum naming_slot slot, const char *component);
/* The declared name closest to `got` among the kinds in the mask (DECL_ANY), or NULL. */
const char *suggest_name(struct resolver *r, const char *got, unsigned kinds);
/* The configs and secrets with a key, as "secret 'db'", at most three,
 * their count in *count, the last one's name in *only. */
const char *keysets_with_key(struct resolver *r, const char *key, size_t *count,
                             const char **only);
/* "its keys are 'A' and 'B'" (struct kv *), five at most, or "it has no
 * keys": for a key that none is close to. */
const char *key_list(struct resolver *r, const struct vec *keys);
/* naming.c: a use of a name the stack does not declare (ref->name), with
 * its message; each name is reported once, by report_unknown_names(), at
 * its first use with that use's message. */
void unknown_use(struct resolver *r, const struct ast_ref *ref, const char *message);
/* naming.c: what the unknown `name` could have been, of the kinds in the
 * mask (those an `after` of `waiter` may name, when not NULL): "the
 * stack's secrets are 'a' and 'b'", or that there are none and what to
 * write. */
const char *listed_names(struct resolver *r, const char *name, unsigned kinds,
                         const struct component *waiter);
void report_unknown_names(struct resolver *r);
/* naming.c: each param's value (its text, or -D's), E0407 and E0002. */
void resolve_params(struct resolver *r);
/* naming.c: the naming templates, resolved once. */
void resolve_naming(struct resolver *r);
/* naming.c: a ConfigMap's or Secret's name: an external object's own,
 * when given, else the naming template's. */
void name_keyset(struct resolver *r, struct keyset *set);

/* env.c */
void resolve_env(struct resolver *r, struct component *comp, struct container *ctr);

/* component.c */
/* The URL of a Service: http://HOST, with :PORT unless it is 80, and the
 * path when one is given.  W.url and the wait containers both use it. */
const char *service_url(struct arena *a, const char *host, long long port, const char *path);
void resolve_component_shape(struct resolver *r, struct component *comp);
void resolve_component(struct resolver *r, struct component *comp);
/* The account of this name (as written), made on first use; NULL after
 * an error (reported at its use).  made: the one todokc makes for a
 * component that waits for jobs, which no written account may share. */
struct account *use_account(struct resolver *r, struct ident name, bool external, bool made);

/* labels.c */
/* KEY = "VALUE" entries as written (labels, annotations, items, nodes)
 * to name-value pairs. */
void resolve_entries(struct resolver *r, const struct vec *entries, struct vec *out);
/* The labels and annotations of every object, and the pods' node selectors. */
void resolve_labels(struct resolver *r);

/* network.c: who may reach each component's pods under `network isolated`. */
void resolve_network(struct resolver *r);

/* waits.c */
/* Every component's waits: the init containers of its pods. */
void resolve_stack_waits(struct resolver *r);
/* access.c: the Role of a component's `api` lines, bound to its pods'
 * account (made when it has none). */
void resolve_api(struct resolver *r, struct component *comp);

/* security.c */
void resolve_security(struct resolver *r, struct component *comp);

#endif
