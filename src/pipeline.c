/*
 * pipeline.c - one compilation, from source text to the object plan:
 * parse, lower, resolve, order, check, plan.  The stages stop after
 * parsing when there are syntax errors, so that no stage works on a
 * broken tree; lowering, resolution, ordering and checking run together
 * (each skips what an earlier error left unresolved) so that one run
 * reports all their errors, and objects are planned only from a clean
 * stack.  Also the options' defaults, so that every caller (the command,
 * the tests, the fuzzers) compiles with the same ones.
 */
#include "objects.h"

#include <string.h>

void
options_init(struct options *o)
{
	memset(o, 0, sizeof *o);
	o->format = FORMAT_YAML;
	o->wait_image = DEFAULT_WAIT_IMAGE;
	o->job_wait_image = DEFAULT_JOB_WAIT_IMAGE;
}

bool
options_set_capacity(struct options *o, struct arena *a, const char *spec)
{
	const char *cpu = NULL, *memory = NULL;
	while (*spec) {
		size_t len = strcspn(spec, ",");
		const char *eq = memchr(spec, '=', len);
		if (!eq)
			return false;
		size_t klen = (size_t)(eq - spec);
		const char *value = arena_strndup(a, eq + 1, len - klen - 1);
		long double v;
		if (!quantity_parse(value, &v))
			return false;
		if (klen == 3 && memcmp(spec, "cpu", 3) == 0)
			cpu = value;
		else if (klen == 6 && memcmp(spec, "memory", 6) == 0)
			memory = value;
		else
			return false;
		spec += len + (spec[len] == ',');
	}
	if (!cpu && !memory)
		return false;
	o->capacity_cpu = cpu;
	o->capacity_memory = memory;
	o->has_capacity = true;
	return true;
}

void
compilation_init(struct compilation *c, const struct options *opts)
{
	memset(c, 0, sizeof *c);
	c->opts = opts;
	c->diags.arena = &c->arena;
	c->diags.werror = opts->werror;
	c->diags.suggestion_budget = MAX_SUGGESTION_STEPS;
	c->env.use_environ = true;
	c->base_dir = ".";
}

void
compilation_free(struct compilation *c)
{
	arena_free(&c->arena);
}

/* --capacity cpu=Q,memory=Q replaces what it names of the stack's cluster block. */
static void
apply_capacity(struct compilation *c)
{
	const struct options *o = c->opts;
	if (!o->has_capacity)
		return;
	struct stack *s = c->stack;
	s->capacity_loc = NO_LOC;
	if (o->capacity_cpu)
		s->capacity.cpu = (struct quantity){o->capacity_cpu, NO_LOC, 0};
	if (o->capacity_memory)
		s->capacity.memory = (struct quantity){o->capacity_memory, NO_LOC, 0};
}

bool
check_source(struct compilation *c, const char *path, const char *text, size_t len)
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
	return c->diags.errors == 0;
}

bool
compile_source(struct compilation *c, const char *path, const char *text, size_t len)
{
	if (!check_source(c, path, text, len))
		return false;
	plan_objects(c);
	return true;
}
