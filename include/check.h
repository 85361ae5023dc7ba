/*
 * check.h - what the files of the validation pass share (src/check.c:
 * the stack, its names, Services, configs and secrets;
 * src/check_pod.c: each workload, its pod, containers and security;
 * src/check_labels.c: labels; src/check_review.c: the review warnings,
 * the disruption budget and the capacity; src/check_hosts.c: hosts
 * written as literal strings).
 * Only those files include it.
 */
#ifndef CHECK_H_INCLUDED
#define CHECK_H_INCLUDED

#include "todokc.h"

struct checker {
	struct compilation *c;
	struct stack *s;
	struct arena *a;
	bool skip_names; /* the names in hand derive from an invalid name (reported) */
	struct arena scratch; /* a check's own maps: reset by the check that used it */
};

const char *cquote(struct checker *k, const char *s);

/* One port of a pair, for port_twice(). */
struct port_side {
	struct loc loc, name_loc;
	const char *name;
};
/* E0514 for port p against the earlier port q: "container port NUMBER is
 * declared twice" when same_number, else "port name N is used twice" when
 * both have one name; the note is at q.  True when reported. */
bool port_twice(struct checker *k, struct port_side p, struct port_side q, long long number, bool udp,
                bool same_number);
/* Kubernetes keeps counts and seconds in 32 bits. */
bool check_int32(struct checker *k, long long v, struct loc loc, const char *what);
/* A derived name, blamed on the naming template when there is one, else
 * on the declared name it comes from (slot NAMING_SLOTS: no template). */
void check_object_name(struct checker *k, const char *name, const char *kind,
                       const char *(*rule)(const char *), struct loc blame, enum naming_slot slot);
/* Parses a quantity into q->value; false (reported when malformed) when
 * there is none or it is malformed. */
bool check_quantity(struct checker *k, struct quantity *q, const char *what, bool memory);
/* "500", "0.5": a quantity without a suffix. */
bool plain_number(const char *s);
/* A memory amount whose unit is probably a slip: the milli suffix ('512m',
 * thousandths of a byte) or a plain number below 1Mi (bytes).  What it
 * means ("512 bytes"), its fix in *fix; NULL when its unit is no slip. */
const char *memory_slip(struct checker *k, const struct quantity *q, const char **fix);
/* E0515 for a path (a probe's, a route's: what) that does not start with
 * '/', with the path to write. */
void check_slash_path(struct checker *k, const char *path, struct loc loc, const char *what);
/* check_hosts.c: a URL written as a route's host (E0501); true when reported. */
bool route_host_is_url(struct checker *k, const struct route *r);
/* W0101 for a parsed memory amount with the milli suffix. */
void warn_milli_memory(struct checker *k, const struct quantity *q);

/* check_labels.c: every label, annotation, selector and node selector. */
void check_labels(struct checker *k);

/* check_pod.c */
void check_workload(struct checker *k, struct component *comp, struct workload *w);
void check_job_settings(struct checker *k, struct component *comp);
/* A count or a percentage of pods (strategy, budget): a percentage at most
 * 100, a count in 32 bits; false (reported) when not. */
bool check_amount(struct checker *k, const struct amount *n, const char *what);

/* check_review.c: a container's request of a resource (with a limit and
 * no request, Kubernetes requests the limit; NULL when it gives neither);
 * E0507, the stack's requests at the most replicas against its capacity. */
const struct quantity *container_request(const struct container *ctr, bool memory);
void check_capacity(struct checker *k, bool memory);
/* check_review.c: a component's budget; the review warnings of a
 * component, a config or a secret (run only on a stack without errors). */
void check_budget(struct checker *k, const struct component *comp);
void review_component(struct checker *k, const struct component *comp);
void review_keyset(struct checker *k, const struct keyset *set);
/* check_hosts.c: W0508, W0510, W0511 and W0533, hosts written as literal strings (run
 * only on a stack without errors). */
void review_literal_hosts(struct checker *k);
/* The bytes of a config's or secret's values, as its object holds them. */
size_t keyset_bytes(const struct keyset *set);

#endif
