/*
 * security.c - the securityContext of every pod and container
 * (docs/language.md, `security`): from the component's `security { }`
 * (the pod's user, group, fs-group and non-root; read-only and
 * no-escalation on every container but the classic ones; privileged and
 * capabilities on the main container), a sidecar's, init container's or
 * classic container's own block, and the stack's `security restricted`,
 * under which every pod and container meets the Pod Security Standard
 * "restricted" (todokc's wait containers with a user of their own).  The
 * checks of the standards are in check_pod.c.
 */
#include "resolve.h"

#include <string.h>

const struct security_settings no_security_settings;

static const char *
ident_text(const void *item)
{
	return ((const struct ident *)item)->text;
}

static void
add_names(struct resolver *r, struct vec *out, const struct vec *idents)
{
	for (size_t i = 0; i < idents->len; i++)
		vec_push(r->a, out, (void *)ident_text(idents->items[i]));
}

static struct security_context
no_context(void)
{
	return (struct security_context){.user = -1, .group = -1, .fs_group = -1, .non_root = -1,
	                                 .read_only = -1, .allow_escalation = -1};
}

/* Words of a security block that set a container's own fields. */
static void
apply_container_words(struct resolver *r, struct security_context *sc,
                      const struct security_settings *s, bool with_identity)
{
	if (with_identity) {
		if (s->has[SEC_USER])
			sc->user = s->user;
		if (s->has[SEC_GROUP])
			sc->group = s->group;
		if (s->has[SEC_NON_ROOT])
			sc->non_root = 1;
	}
	if (s->has[SEC_READ_ONLY])
		sc->read_only = 1;
	if (s->has[SEC_NO_ESCALATION])
		sc->allow_escalation = 0;
	if (s->has[SEC_PRIVILEGED])
		sc->privileged = true;
	add_names(r, &sc->add, &s->add);
	add_names(r, &sc->drop, &s->drop);
}

static void
container_context(struct resolver *r, const struct pod *pod, struct container *ctr,
                  enum security_level level)
{
	const struct security_settings *comp = SECURITY_OF(pod->security_written);
	struct security_context sc = no_context();
	if (ctr->role == ROLE_MAIN) {
		apply_container_words(r, &sc, comp, false);
	} else {
		if (ctr->role != ROLE_CLASSIC) {
			/* read-only and no-escalation reach every container but the classic ones */
			if (comp->has[SEC_READ_ONLY])
				sc.read_only = 1;
			if (comp->has[SEC_NO_ESCALATION])
				sc.allow_escalation = 0;
		}
		apply_container_words(r, &sc, SECURITY_OF(ctr->security_written), true);
	}
	if (level == SECURITY_RESTRICTED) {
		sc.allow_escalation = 0;
		sc.drop.len = 0;
		vec_push(r->a, &sc.drop, "ALL");
	}
	/* todokc's wait containers start under runAsNonRoot whatever user
	 * their image declares. */
	if (ctr->role == ROLE_WAIT && pod->security.non_root == 1)
		sc.user = WAIT_USER;
	ctr->security = sc;
}

void
resolve_security(struct resolver *r, struct component *comp)
{
	enum security_level level = r->s->security;
	for (size_t k = 0; k < comp->workloads.len; k++) {
		struct pod *pod = &((struct workload *)comp->workloads.items[k])->pod;
		const struct security_settings *s = SECURITY_OF(pod->security_written);
		struct security_context sc = no_context();
		if (s->has[SEC_USER])
			sc.user = s->user;
		if (s->has[SEC_GROUP])
			sc.group = s->group;
		if (s->has[SEC_FS_GROUP])
			sc.fs_group = s->fs_group;
		if (s->has[SEC_NON_ROOT] || level == SECURITY_RESTRICTED)
			sc.non_root = 1;
		sc.seccomp_default = level == SECURITY_RESTRICTED;
		pod->security = sc;
		for (size_t i = 0; i < pod->containers.len; i++)
			container_context(r, pod, pod->containers.items[i], level);
	}
}
