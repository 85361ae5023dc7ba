/*
 * naming.c - the params and the Kubernetes names of the stack: each
 * param's text and -D over it; the naming templates (docs/language.md,
 * "Naming"), resolved once; the name of an object derived from one; the
 * names of the ConfigMaps and Secrets; and the names that the stack uses
 * without declaring them, each reported once.
 */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

static const char *
param_text(struct resolver *r, const struct param *param)
{
	struct buf b = {0};
	for (size_t k = 0; k < param->source->parts.len; k++) {
		const struct ast_part *part = param->source->parts.items[k];
		if (!part->is_ref)
			buf_append(&b, part->text, part->len);
	}
	return arena_buf_take(r->a, &b);
}

/* E0002: a -D for a param the stack does not declare, with the closest
 * name, else the names it declares. */
static void
unknown_define(struct resolver *r, const char *name)
{
	struct diags *d = &r->c->diags;
	const struct vec *params = &r->s->params;
	const char *best = suggest_name(r, name, 1u << DECL_PARAM);
	if (best) {
		diag(d, E0002, NO_LOC, "-D: the stack declares no param %s; did you mean '%s'?",
		     rquote(r, name), best);
		return;
	}
	if (!params->len) {
		diag(d, E0002, NO_LOC, "-D: the stack declares no param %s (it declares no params)",
		     rquote(r, name));
		return;
	}
	const char **names = arena_alloc(r->a, params->len * sizeof *names);
	for (size_t i = 0; i < params->len; i++)
		names[i] = ((const struct param *)params->items[i])->name.text;
	diag(d, E0002, NO_LOC, "-D: the stack declares no param %s; %s %s", rquote(r, name),
	     params->len == 1 ? "its param is" : "its params are",
	     diag_quote_list(r->a, names, params->len, params->len));
}

void
resolve_params(struct resolver *r)
{
	struct compilation *c = r->c;
	for (size_t i = 0; i < r->s->params.len; i++) {
		struct param *param = r->s->params.items[i];
		for (size_t k = 0; k < param->source->parts.len; k++) {
			const struct ast_part *part = param->source->parts.items[k];
			if (part->is_ref) {
				diag(&c->diags, E0407, part->ref->loc,
				     "a param's value is plain text; it cannot interpolate %s",
				     rquote(r, part->ref->name.text));
				break;
			}
		}
		param->value = param_text(r, param);
	}
	for (size_t i = 0; i < c->opts->ndefines; i++) {
		const struct define *d = &c->opts->defines[i];
		struct decl *decl = strmap_get(&r->s->names, d->name);
		if (decl && decl->kind == DECL_PARAM) {
			((struct param *)decl->what)->value = d->value;
			continue;
		}
		unknown_define(r, d->name);
	}
}

static const char *const default_naming[NAMING_SLOTS] = {
	[NAMING_WORKLOAD] = "{stack}-{component}",
	[NAMING_SERVICE] = "{stack}-{component}-service",
	[NAMING_CONFIG] = "{stack}-{component}",
	[NAMING_SECRET] = "{stack}-{component}",
	[NAMING_ACCOUNT] = "{stack}-{component}",
};

/* The naming templates, resolved once (a template that does not resolve
 * is reported; its names are then the components'). */
void
resolve_naming(struct resolver *r)
{
	for (int slot = 0; slot < NAMING_SLOTS; slot++)
		r->naming[slot] = r->s->naming[slot]
		                      ? resolve_text_of(r, r->s->naming[slot], "a name template")
		                      : default_naming[slot];
}

const char *
derive_name(struct resolver *r, enum naming_slot slot, const char *component)
{
	const char *template = r->naming[slot];
	if (!template)
		return component;
	/* A name longer than MAX_NAME_BYTES is not valid anyway (the checks
	 * say so): the expansion stops there. */
	struct buf b = {0};
	for (const char *p = template; *p && b.len <= MAX_NAME_BYTES;) {
		if (strncmp(p, "{stack}", 7) == 0) {
			buf_puts(&b, r->s->name.text);
			p += 7;
		} else if (strncmp(p, "{component}", 11) == 0) {
			buf_puts(&b, component);
			p += 11;
		} else {
			buf_putc(&b, *p++);
		}
	}
	return arena_buf_take(r->a, &b);
}

/* A ConfigMap's or Secret's name: an external object's own, when given,
 * else the naming template's. */
void
name_keyset(struct resolver *r, struct keyset *set)
{
	if (set->object)
		set->k8s_name = resolve_text_of(r, set->object, "an object's name");
	if (!set->k8s_name)
		set->k8s_name = derive_name(r, set->secret ? NAMING_SECRET : NAMING_CONFIG, set->name.text);
}

/* Unknown names */

/* An undeclared name in references: reported once (as a C compiler
 * reports an undeclared identifier), at its first use in the source, with
 * a note at the next; each use resolves to nothing. */
struct unknown_name {
	const char *name;
	const char *message;
	struct loc first, second; /* the first two uses in the source */
	struct ident member;      /* the first use's member (NAME.MEMBER), text NULL: none */
	size_t uses;              /* each place once: a variant resolves its component's
	                           * references again */
};

static int
by_place(const void *a, const void *b)
{
	const struct decl *x = *(const struct decl *const *)a, *y = *(const struct decl *const *)b;
	return (x->loc.begin > y->loc.begin) - (x->loc.begin < y->loc.begin);
}

/* The declarations of the kinds in the mask that `fits` takes (NULL:
 * all), in source order, as "'a', 'b' and 3 more" (five at most) in
 * *list; their count. */
static size_t
decl_list(struct resolver *r, unsigned kinds, bool (*fits)(const struct decl *, const void *),
          const void *ctx, const char **list)
{
	enum { LISTED = 5 };
	struct vec all = {0};
	for (int kind = 0; kind < DECL_KINDS; kind++)
		for (size_t i = 0; (kinds & 1u << kind) && i < r->s->decls[kind].len; i++) {
			struct decl *d = r->s->decls[kind].items[i];
			if (!fits || fits(d, ctx))
				vec_push(r->a, &all, d);
		}
	if (all.len > 1)
		qsort(all.items, all.len, sizeof *all.items, by_place);
	const char *names[LISTED];
	size_t n = all.len < LISTED ? all.len : LISTED;
	for (size_t i = 0; i < n; i++)
		names[i] = ((const struct decl *)all.items[i])->name;
	*list = diag_quote_list(r->a, names, n, all.len);
	return all.len;
}

/* Whether an `after` of the component `waiter` may name a declaration:
 * a workload or a job other than itself (a cron cannot be waited for). */
static bool
may_start_after(const struct decl *d, const void *waiter)
{
	const struct component *w = d->what;
	return d->kind == DECL_COMPONENT && w != waiter && w->kind != WORKLOAD_CRONJOB;
}

/* The names that the unknown `name` could have been, of the kinds in the
 * mask (those an `after` of `waiter` may name, when not NULL), or that
 * there are none and what to write. */
const char *
listed_names(struct resolver *r, const char *name, unsigned kinds,
             const struct component *waiter)
{
	static const char *const plural[DECL_KINDS] = {"params", "configs", "secrets", "workloads"};
	static const char *const singular[DECL_KINDS] = {"param", "config", "secret", "workload"};
	const char *list, *q = rquote(r, name);
	size_t n = decl_list(r, kinds, waiter ? may_start_after : NULL, waiter, &list);
	bool both = kinds == (1u << DECL_CONFIG | 1u << DECL_SECRET);
	int kind = DECL_PARAM;
	while (kind < DECL_COMPONENT && !(kinds & 1u << kind))
		kind++;
	const char *who = waiter ? rquote(r, waiter->name.text) : NULL;
	if (waiter && !n)
		return arena_printf(r->a, "the stack has no other workload or job for %s to start "
		                    "after: declare %s, or remove it from the 'after'", who, q);
	if (waiter)
		return arena_printf(r->a, "the %s %s can start after %s %s",
		                    n == 1 ? "only workload or job" : "workloads and jobs", who,
		                    n == 1 ? "is" : "are", list);
	if (n)
		return arena_printf(r->a, "the stack's %s %s %s",
		                    n > 1 ? (both ? "configs and secrets" : plural[kind])
		                          : arena_printf(r->a, "only %s", both ? "config or secret"
		                                                               : singular[kind]),
		                    n == 1 ? "is" : "are", list);
	if (both)
		return arena_printf(r->a, "the stack declares no config or secret: declare 'config "
		                    "%s { ... }' or 'secret %s { ... }'", name, name);
	if (kind == DECL_PARAM)
		return arena_printf(r->a, "the stack declares no param: declare 'param %s = \"...\"'",
		                    name);
	return arena_printf(r->a, "the stack declares no %s: declare '%s %s { ... }', or '%s %s "
	                    "external' for one made outside the stack", singular[kind],
	                    singular[kind], name, singular[kind], name);
}

/* For an undeclared NAME.KEY without a close name: a note at KEY naming
 * the configs and secrets that have it. */
static void
note_key_owners(struct resolver *r, struct diagnostic *g, const struct unknown_name *u)
{
	const char *key = u->member.text, *only = NULL;
	if (suggest_name(r, u->name, DECL_ANY))
		return;
	size_t count;
	const char *sets = keysets_with_key(r, key, &count, &only);
	if (count == 1)
		diag_note(&r->c->diags, g, u->member.loc, "key %s is in %s: did you mean '%s.%s'?",
		          rquote(r, key), sets, only, key);
	else if (count)
		diag_note(&r->c->diags, g, u->member.loc, "key %s is in %s", rquote(r, key), sets);
}

/* The message of an undeclared W.host, W.port or W.url without a close
 * name: the workloads that have a Service, at most five. */
static const char *
unknown_workload_message(struct resolver *r, const struct unknown_name *u)
{
	const char *m = u->member.text;
	if (!m || (strcmp(m, "host") != 0 && strcmp(m, "port") != 0 && strcmp(m, "url") != 0) ||
	    suggest_name(r, u->name, DECL_ANY))
		return u->message;
	enum { LISTED = 5 };
	const char *names[LISTED];
	size_t count = 0;
	const struct vec *comps = &r->s->decls[DECL_COMPONENT];
	for (size_t i = 0; i < comps->len; i++) {
		const struct component *w = ((const struct decl *)comps->items[i])->what;
		if (w->service && count++ < LISTED)
			names[count - 1] = w->name.text;
	}
	if (!count)
		return arena_printf(r->a, "%s; no workload of the stack has a Service", u->message);
	return arena_printf(r->a, "%s; %s %s", u->message,
	                    count == 1 ? "the only workload with a Service is"
	                               : "the workloads with a Service are",
	                    diag_quote_list(r->a, names, count < LISTED ? count : LISTED, count));
}

void
unknown_use(struct resolver *r, const struct ast_ref *ref, const char *message)
{
	const char *name = ref->name.text;
	struct loc at = ref->name.loc;
	if (strmap_claim(r->a, &r->unknown_at, arena_printf(r->a, "%u", at.begin), (void *)message))
		return;
	struct unknown_name *u = strmap_get(&r->unknown, name);
	if (!u) {
		u = NEW(r->a, struct unknown_name);
		*u = (struct unknown_name){name, message, at, NO_LOC, ref->member, 0};
		strmap_put(r->a, &r->unknown, name, u);
		vec_push(r->a, &r->unknowns, u);
	} else if (at.begin < u->first.begin) {
		/* Reported at its first use, with that use's words ("unknown
		 * workload", "unknown name"). */
		u->second = u->first;
		u->first = at;
		u->member = ref->member;
		u->message = message;
	} else if (u->uses == 1 || at.begin < u->second.begin)
		u->second = at;
	u->uses++;
}

/* The first use of each unknown name, and a note at the second. */
void
report_unknown_names(struct resolver *r)
{
	for (size_t i = 0; i < r->unknowns.len; i++) {
		const struct unknown_name *u = r->unknowns.items[i];
		struct diagnostic *g = diag(&r->c->diags, E0301, u->first, "%s",
		                            unknown_workload_message(r, u));
		if (u->member.text)
			note_key_owners(r, g, u);
		size_t more = u->uses > 2 ? u->uses - 2 : 0;
		if (u->uses > 1)
			diag_note(&r->c->diags, g, u->second,
			          "%s is also used here%s; an unknown name is reported once, at its first "
			          "use", rquote(r, u->name),
			          !more ? "" : arena_printf(r->a, " and at %zu more place%s", more,
			                                    more == 1 ? "" : "s"));
	}
}
