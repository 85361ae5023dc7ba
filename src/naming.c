/*
 * naming.c - the params and the Kubernetes names of the stack: each
 * param's text and -D over it; the naming templates (docs/language.md,
 * "Naming"), resolved once; the name of an object derived from one; and
 * the names of the ConfigMaps and Secrets.
 */
#include "resolve.h"

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
	     diag_quote_list(r->a, names, params->len));
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
				diag(&c->diags, E0407, part->ref.loc,
				     "a param's value is plain text; it cannot interpolate %s",
				     rquote(r, part->ref.name.text));
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

