/*
 * emit_dot.c - the dependency graph as Graphviz (--emit dot): configs,
 * secrets and components as nodes, `after` and `env from` as edges.
 */
#include "todokc.h"

static void
dot_id(struct buf *out, const char *prefix, const char *name)
{
	buf_printf(out, "\"%s:%s\"", prefix, name);
}

void
emit_dot(const struct compilation *c, struct buf *out)
{
	const struct stack *s = c->stack;
	buf_printf(out, "digraph \"%s\" {\n  rankdir=LR;\n  node [fontname=\"sans-serif\"];\n",
	           s->name.text);
	for (size_t i = 0; i < s->configs.len; i++) {
		struct keyset *cfg = s->configs.items[i];
		buf_puts(out, "  ");
		dot_id(out, "config", cfg->name.text);
		buf_printf(out, " [shape=note, label=\"config %s\"];\n", cfg->name.text);
	}
	for (size_t i = 0; i < s->secrets.len; i++) {
		struct keyset *sec = s->secrets.items[i];
		buf_puts(out, "  ");
		dot_id(out, "secret", sec->name.text);
		buf_printf(out, " [shape=octagon, label=\"secret %s\"];\n", sec->name.text);
	}
	for (size_t i = 0; i < s->ordered.len; i++) {
		struct component *comp = s->ordered.items[i];
		buf_puts(out, "  ");
		dot_id(out, "component", comp->name.text);
		static const char *const shapes[WORKLOAD_KINDS] = {"box", "cylinder", "hexagon", "doubleoctagon"};
		buf_printf(out, " [shape=%s, label=\"%s %s\"];\n", shapes[comp->kind],
		           workload_kinds[comp->kind].word, comp->name.text);
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
		for (size_t k = 0; k < WORKLOAD_OF(comp)->main->env_from.len; k++) {
			const struct env_source *src = WORKLOAD_OF(comp)->main->env_from.items[k];
			buf_puts(out, "  ");
			dot_id(out, src->set->secret ? "secret" : "config", src->name.text);
			buf_puts(out, " -> ");
			dot_id(out, "component", comp->name.text);
			buf_puts(out, " [style=dashed, label=\"env from\"];\n");
		}
	}
	buf_puts(out, "}\n");
}
