/*
 * pipeline.c - one compilation, from source text to the object plan:
 * parse, lower (with the profile asked for applied), resolve, order,
 * check, plan; and every other profile of the stack checked the same
 * way, so that a mistake in one is caught whichever is compiled.  The stages stop after
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
	/* Each item up to a ',' or the end: a trailing ',' leaves an empty
	 * last item, refused like an empty first one. */
	for (;;) {
		size_t len = strcspn(spec, ",");
		const char *eq = memchr(spec, '=', len);
		if (!eq)
			return false;
		size_t klen = (size_t)(eq - spec);
		const char *value = arena_strndup(a, eq + 1, len - klen - 1);
		long double v;
		if (!quantity_parse(value, &v))
			return false;
		const char **slot = klen == 3 && memcmp(spec, "cpu", 3) == 0      ? &cpu
		                    : klen == 6 && memcmp(spec, "memory", 6) == 0 ? &memory
		                                                                  : NULL;
		if (!slot || *slot)
			return false; /* an unknown resource, or one given twice */
		*slot = value;
		if (!spec[len])
			break;
		spec += len + 1;
	}
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
	arena_free(&c->tree_arena);
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

/* A configuration checked, as the review (review_stack()) will see it:
 * the review runs once every configuration is checked, and only when
 * none has errors (it would hide them). */
struct checked {
	struct stack *stack;
	const struct note *context;
	struct loc context_span;
	bool other;
};

/* The stack as one profile changes it (NULL: none), through every stage
 * but the plan; c->stack is the result, kept in `checked`.  When it is
 * the last to be lowered (`last`) and no tool reads the syntax, the tree's
 * items and properties are freed before the resolution: a big stack's
 * peak memory no longer holds them. */
static void
compile_configuration(struct compilation *c, const struct ast_item *profile, bool last,
                      struct vec *checked)
{
	lower_stack(c, apply_profile(c, c->ast, profile));
	if (last && !c->syntax) {
		arena_free(&c->tree_arena);
		c->ast = NULL;
	}
	apply_capacity(c);
	resolve_stack(c);
	order_stack(c);
	check_stack(c);
	struct checked *k = NEW(&c->arena, struct checked);
	*k = (struct checked){c->stack, c->diags.context, c->diags.context_span, c->checking_other};
	vec_push(&c->arena, checked, k);
}

/* The review warnings of every configuration checked, each with its
 * note; c->stack is left as it was. */
static void
review_configurations(struct compilation *c, const struct vec *checked)
{
	struct stack *compiled = c->stack;
	for (size_t i = 0; i < checked->len; i++) {
		const struct checked *k = checked->items[i];
		c->stack = k->stack;
		c->diags.context = k->context;
		c->diags.context_span = k->context_span;
		c->checking_other = k->other;
		c->diags.werror = c->opts->werror && !k->other;
		review_stack(c);
	}
	c->diags.context = NULL;
	c->checking_other = false;
	c->diags.werror = c->opts->werror;
	c->stack = compiled;
}

/* The profile --profile names; NULL when none is asked for, or when the
 * stack has no such profile (reported, with a suggestion). */
static const struct ast_item *
selected_profile(struct compilation *c, const struct vec *profiles, bool *unknown)
{
	const char *want = c->opts->profile;
	*unknown = false;
	if (!want)
		return NULL;
	struct suggestion s = suggestion_start(&c->diags.suggestion_budget, want);
	for (size_t i = 0; i < profiles->len; i++) {
		const struct ast_item *p = profiles->items[i];
		if (strcmp(p->name.text, want) == 0)
			return p;
		suggestion_consider(&s, p->name.text);
	}
	*unknown = true;
	const char *quoted = diag_quote(&c->arena, want);
	if (s.best)
		diag(&c->diags, E0009, NO_LOC, "--profile %s: the stack declares no profile %s; did you "
		     "mean '%s'?", quoted, quoted, s.best);
	else if (!profiles->len)
		diag(&c->diags, E0009, NO_LOC, "--profile %s: the stack declares no profile %s (it has no "
		     "profiles)", quoted, quoted);
	else {
		const char **names = arena_alloc(&c->arena, profiles->len * sizeof *names);
		for (size_t i = 0; i < profiles->len; i++)
			names[i] = ((const struct ast_item *)profiles->items[i])->name.text;
		diag(&c->diags, E0009, NO_LOC, "--profile %s: the stack declares no profile %s; %s %s",
		     quoted, quoted, profiles->len == 1 ? "its profile is" : "its profiles are",
		     diag_quote_list(&c->arena, names, profiles->len, profiles->len));
	}
	return NULL;
}

/* Every configuration not compiled is checked too (the stack without a
 * profile, and each other profile), without reading secret values; what
 * only it has wrong is reported with a note naming it.  Its warnings stay
 * warnings under --werror, which is for the configuration compiled: a
 * `latest` tag in dev does not fail `--profile prod --werror`. */
static void
check_other_configurations(struct compilation *c, const struct vec *profiles,
                           const struct ast_item *selected, bool unknown, struct vec *checked)
{
	struct stack *compiled = c->stack;
	c->checking_other = true;
	c->diags.werror = false;
	struct note *context = NEW(&c->arena, struct note);
	/* With an unknown --profile nothing is compiled: the stack without a
	 * profile stands for the stack, and its errors need no note. */
	if (selected || unknown) {
		*context = (struct note){NO_LOC, "found when compiling without a profile"};
		c->diags.context = selected ? context : NULL;
		c->diags.context_span = NO_LOC;
		compile_configuration(c, NULL, false, checked);
	}
	for (size_t i = 0; i < profiles->len; i++) {
		const struct ast_item *p = profiles->items[i];
		if (p == selected)
			continue;
		context = NEW(&c->arena, struct note);
		*context = (struct note){p->name.loc,
		                         arena_printf(&c->arena, "found when compiling with profile %s",
		                                      diag_quote(&c->arena, p->name.text))};
		c->diags.context = context;
		c->diags.context_span = p->loc;
		compile_configuration(c, p, false, checked);
	}
	c->diags.context = NULL;
	c->checking_other = false;
	c->diags.werror = c->opts->werror;
	c->stack = compiled;
}

bool
check_source(struct compilation *c, const char *path, const char *text, size_t len)
{
	source_init(&c->arena, &c->src, path, text, len);
	c->diags.src = &c->src;
	if (!parse_source(c))
		return false;
	struct vec profiles = {0};
	list_profiles(c, c->ast, &profiles);
	bool unknown;
	const struct ast_item *selected = selected_profile(c, &profiles, &unknown);
	struct vec checked = {0};
	if (!unknown) /* else every configuration is only checked, no secret read */
		compile_configuration(c, selected, !profiles.len, &checked);
	check_other_configurations(c, &profiles, selected, unknown, &checked);
	if (c->diags.errors == c->diags.promoted)
		review_configurations(c, &checked);
	/* An error may hide the warning a quiet is for. */
	if (c->diags.errors == c->diags.promoted)
		diag_unused_quiets(&c->diags);
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
