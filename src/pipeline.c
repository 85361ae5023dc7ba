/*
 * pipeline.c - one compilation, from source text to Kubernetes objects:
 * parse, lower, resolve, order, check, build the objects.  The stages stop
 * after parsing when there are syntax errors, so that no stage works on a
 * broken tree; lowering, resolution, ordering and checking run together
 * (each skips what an earlier error left unresolved) so that one run
 * reports all their errors, and objects are built only from a clean
 * stack.  Also the Graphviz
 * view of the dependency graph (--emit dot).
 */
#include "todokc.h"

#include <string.h>

void
compilation_init(struct compilation *c, const struct options *opts)
{
	memset(c, 0, sizeof *c);
	c->opts = opts;
	c->diags.arena = &c->arena;
	c->diags.werror = opts->werror;
	c->env.use_environ = true;
	c->base_dir = ".";
}

void
compilation_free(struct compilation *c)
{
	arena_free(&c->arena);
}

/* --capacity cpu=Q,memory=Q overrides the stack's cluster block. */
static void
apply_capacity(struct compilation *c)
{
	const char *spec = c->opts->capacity;
	if (!spec)
		return;
	struct stack *s = c->stack;
	s->has_capacity = true;
	s->capacity_loc = NO_LOC;
	while (*spec) {
		size_t len = strcspn(spec, ",");
		const char *eq = memchr(spec, '=', len);
		if (eq) {
			size_t klen = (size_t)(eq - spec);
			const char *value = arena_strndup(&c->arena, eq + 1, len - klen - 1);
			if (klen == 3 && memcmp(spec, "cpu", 3) == 0)
				s->capacity.cpu = (struct quantity){value, NO_LOC, 0};
			else if (klen == 6 && memcmp(spec, "memory", 6) == 0)
				s->capacity.memory = (struct quantity){value, NO_LOC, 0};
		}
		spec += len + (spec[len] == ',');
	}
}

bool
compile_source(struct compilation *c, const char *path, const char *text, size_t len)
{
	source_init(&c->arena, &c->src, path, text, len);
	c->diags.src = &c->src;
	if (!parse_source(c))
		return false;
	lower_stack(c);
	apply_capacity(c);
	resolve_stack(c);
	order_stack(c);
	check_stack(c);
	if (c->diags.errors)
		return false;
	build_objects(c);
	return true;
}

/* Graphviz */

static void
dot_id(struct buf *out, const char *prefix, const char *name)
{
	buf_printf(out, "\"%s:%s\"", prefix, name);
}

void
emit_dot(struct compilation *c, struct buf *out)
{
	struct stack *s = c->stack;
	buf_printf(out, "digraph \"%s\" {\n  rankdir=LR;\n  node [fontname=\"sans-serif\"];\n",
	           s->name.text);
	for (size_t i = 0; i < s->configs.len; i++) {
		struct config *cfg = s->configs.items[i];
		buf_puts(out, "  ");
		dot_id(out, "config", cfg->name.text);
		buf_printf(out, " [shape=note, label=\"config %s\"];\n", cfg->name.text);
	}
	for (size_t i = 0; i < s->secrets.len; i++) {
		struct secret *sec = s->secrets.items[i];
		buf_puts(out, "  ");
		dot_id(out, "secret", sec->name.text);
		buf_printf(out, " [shape=octagon, label=\"secret %s\"];\n", sec->name.text);
	}
	for (size_t i = 0; i < s->ordered.len; i++) {
		struct component *comp = s->ordered.items[i];
		buf_puts(out, "  ");
		dot_id(out, "component", comp->name.text);
		buf_printf(out, " [shape=%s, label=\"%s %s\"];\n", comp->stateful ? "cylinder" : "box",
		           comp->stateful ? "stateful" : "service", comp->name.text);
	}
	for (size_t i = 0; i < s->ordered.len; i++) {
		struct component *comp = s->ordered.items[i];
		for (size_t k = 0; k < comp->waits.len; k++) {
			const struct wait *w = comp->waits.items[k];
			buf_puts(out, "  ");
			dot_id(out, "component", w->target->name.text);
			buf_puts(out, " -> ");
			dot_id(out, "component", comp->name.text);
			buf_puts(out, " [label=\"after\"];\n");
		}
		for (size_t k = 0; k < comp->env_from.len; k++) {
			const struct env_source *src = comp->env_from.items[k];
			buf_puts(out, "  ");
			dot_id(out, src->config ? "config" : "secret", src->name.text);
			buf_puts(out, " -> ");
			dot_id(out, "component", comp->name.text);
			buf_puts(out, " [style=dashed, label=\"env from\"];\n");
		}
	}
	buf_puts(out, "}\n");
}
