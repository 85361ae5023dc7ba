/*
 * env.c - the environment of a container (docs/language.md section 7):
 * envFrom and env entries, with the secret-bearing config keys lowered
 * so that no secret value is ever written outside its Secret.
 */
#include "resolve.h"

#include <string.h>

/* The environment is built in order:
 *  1. env from: each config and secret is taken whole (envFrom); a
 *     config's secret-bearing keys cannot be, so each becomes an explicit
 *     entry.  A later source's plain key of the same name wins, as in
 *     envFrom: it removes the earlier explicit entry.
 *  2. env { }: explicit entries, replacing same-named ones of step 1.
 *  3. A template (text with secret keys in it) gets an entry per secret
 *     key, placed before it, named after the key unless the container has
 *     that name from elsewhere (then SECRET_KEY, upper-cased); the text
 *     refers to it as $(NAME).  Text from a ConfigMap value has its '$'
 *     doubled, so Kubernetes' expansion leaves it as the ConfigMap holds it.
 */
struct env_builder {
	struct resolver *r;
	struct component *comp;
	struct container *ctr;
	struct strmap elsewhere; /* names set by envFrom or env { }: -> their source */
	struct strmap from_keys; /* names set by envFrom: -> the struct kv */
	struct strmap by_name;   /* the entries of ctr->env not removed */
};

static struct env_var *
find_env(struct env_builder *eb, const char *name)
{
	return strmap_get(&eb->by_name, name);
}

static void
append_env(struct env_builder *eb, struct env_var *e)
{
	vec_push(&eb->r->scratch, &eb->ctr->env, e); /* finish_env() keeps the list */
	strmap_put(&eb->r->scratch, &eb->by_name, e->name, e);
}

/* Marks an entry removed; finish_env() drops it from the list. */
static void
remove_env(struct env_builder *eb, struct env_var *e)
{
	e->removed = true;
	strmap_put(&eb->r->scratch, &eb->by_name, e->name, NULL);
}

/* The entries not removed, from the list built in scratch into an array
 * of their count: a vector grown one entry at a time left its smaller
 * arrays behind. */
static void
finish_env(struct resolver *r, struct container *ctr)
{
	struct vec built = ctr->env;
	uint32_t kept = 0;
	for (size_t i = 0; i < built.len; i++)
		kept += !((struct env_var *)built.items[i])->removed;
	ctr->env = (struct vec){kept ? arena_alloc(r->a, kept * sizeof *built.items) : NULL, 0, kept};
	for (size_t i = 0; i < built.len; i++)
		if (!((struct env_var *)built.items[i])->removed)
			ctr->env.items[ctr->env.len++] = built.items[i];
}

/* The name of the entry that carries a secret key into $(NAME): the key,
 * unless the container has that name from another source. */
static const char *
carrier_name(struct env_builder *eb, const struct keyset *sec, const char *key)
{
	const void *source = strmap_get(&eb->elsewhere, key);
	const struct env_var *set = find_env(eb, key);
	bool same = set && set->kind == ENV_SECRET_KEY && set->from == sec &&
	            strcmp(set->key, key) == 0;
	if ((!source || source == sec) && (!set || same))
		return key;
	char *name = arena_printf(eb->r->a, "%s_%s", sec->name.text, key);
	for (char *p = name; *p; p++)
		*p = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A')
		     : (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ? *p : '_';
	return name;
}

/* The entry carrying secret key `key`, added before the entries that use
 * it; false (reported) when its name is taken by something else. */
static bool
add_carrier(struct env_builder *eb, struct segment *seg, const char *user, struct loc loc,
            const char **name_out)
{
	struct resolver *r = eb->r;
	const char *key = seg->key->key.text;
	const char *name = carrier_name(eb, seg->secret, key);
	struct env_var *old = find_env(eb, name);
	*name_out = name;
	if (old && old->kind == ENV_SECRET_KEY && old->from == seg->secret &&
	    strcmp(old->key, key) == 0)
		return true;
	/* The SECRET_KEY form may be a key of a config or secret taken whole,
	 * which the carrier, an explicit entry, would replace. */
	const struct kv *taken = old ? NULL : strmap_get(&eb->from_keys, name);
	if (old || (taken && strcmp(name, key) != 0)) {
		struct diagnostic *g = diag(&r->c->diags, E0516, loc,
		                            "%s needs the environment variable %s for secret %s key %s, "
		                            "but %s sets %s otherwise",
		                            rquote(r, user), rquote(r, name), rquote(r, seg->secret->name.text),
		                            rquote(r, key), rquote(r, eb->comp->name.text), rquote(r, name));
		diag_note(&r->c->diags, g, old ? old->loc : taken->key.loc, "%s is set here",
		          rquote(r, name));
		return false;
	}
	struct env_var *carrier = NEW(r->a, struct env_var);
	carrier->kind = ENV_SECRET_KEY;
	carrier->name = name;
	carrier->from = seg->secret;
	carrier->key = key;
	carrier->loc = loc;
	carrier->expanded_by = user;
	append_env(eb, carrier);
	return true;
}

/* Sets env entry `name` from a resolved value; `from_config` when the
 * value is a ConfigMap key's. */
static void
add_env(struct env_builder *eb, const char *name, const struct rvalue *v, struct loc loc,
        bool from_config)
{
	struct resolver *r = eb->r;
	struct env_var *e = NEW(r->a, struct env_var);
	e->name = name;
	e->loc = loc;
	switch (v->kind) {
	case RV_TEXT:
		e->kind = ENV_VALUE;
		e->value = v->text;
		if (memchr(v->text, '\0', v->len))
			diag(&r->c->diags, E0703, loc, "an environment variable cannot hold a NUL character");
		break;
	case RV_SECRET_REF:
		e->kind = ENV_SECRET_KEY;
		e->from = v->set;
		e->key = v->key->key.text;
		break;
	case RV_CONFIG_REF:
		e->kind = ENV_CONFIG_KEY;
		e->from = v->set;
		e->key = v->key->key.text;
		break;
	case RV_FIELD:
		e->kind = ENV_FIELD;
		e->value = v->text;
		break;
	case RV_TEMPLATE: {
		struct buf b = {0};
		for (size_t i = 0; i < v->segments.len; i++) {
			struct segment *seg = v->segments.items[i];
			const char *carrier;
			if (!seg->text) {
				if (add_carrier(eb, seg, name, loc, &carrier))
					buf_printf(&b, "$(%s)", carrier);
				continue;
			}
			for (size_t k = 0; k < seg->len; k++) {
				if (from_config && seg->text[k] == '$')
					buf_putc(&b, '$');
				buf_putc(&b, seg->text[k]);
			}
		}
		e->kind = ENV_VALUE;
		e->value = arena_buf_take(r->a, &b);
		break;
	}
	}
	/* Replacing: the new entry goes last, after the carriers it uses. */
	struct env_var *old = find_env(eb, name);
	if (old && old->expanded_by) {
		struct diagnostic *g = diag(&r->c->diags, E0516, loc,
		                            "%s would replace the environment variable that carries "
		                            "secret %s key %s into $(%s) of %s",
		                            rquote(r, name), rquote(r, old->from->name.text),
		                            rquote(r, old->key), old->name, rquote(r, old->expanded_by));
		diag_note(&r->c->diags, g, old->loc, "$(%s) is used here", old->name);
		return;
	}
	if (old)
		remove_env(eb, old);
	append_env(eb, e);
}

/* The env from names, each a config or a secret, each once. */
static void
resolve_env_sources(struct resolver *r, struct container *ctr)
{
	struct strmap taken = {0};
	for (size_t i = 0; i < SOURCE_OF(ctr)->env_from_names.len; i++) {
		const struct ident *name = SOURCE_OF(ctr)->env_from_names.items[i];
		struct decl *d = lookup(r, *name, 1u << DECL_CONFIG | 1u << DECL_SECRET,
		                        "config or secret");
		if (!d)
			continue;
		struct env_source *src = NEW(r->a, struct env_source);
		src->name = *name;
		const struct env_source *old = strmap_claim(&r->scratch, &taken, name->text, src);
		if (old) {
			diag_again(&r->c->diags, E0402, name->loc, old->name.loc, "first taken here",
			           "%s is taken twice with 'env from'", rquote(r, name->text));
			continue;
		}
		src->set = d->what;
		vec_push(r->a, &ctr->env_from, src);
	}
}

/* Every name the container gets from envFrom or env { }. */
static void
collect_elsewhere(struct env_builder *eb)
{
	struct resolver *r = eb->r;
	struct container *ctr = eb->ctr;
	for (size_t i = 0; i < ctr->env_from.len; i++) {
		struct env_source *src = ctr->env_from.items[i];
		/* An external object's keys are known only when listed. */
		bool whole = src->set->secret || src->set->external;
		for (size_t j = 0; j < src->set->keys.len; j++) {
			struct kv *kv = src->set->keys.items[j];
			struct rvalue *v = whole ? NULL : resolve_config_key(r, src->set, kv);
			if (whole || (v && v->kind == RV_TEXT && !v->binary)) {
				strmap_put(&r->scratch, &eb->elsewhere, kv->key.text, src->set);
				strmap_put(&r->scratch, &eb->from_keys, kv->key.text, kv);
			}
		}
	}
	for (size_t i = 0; i < SOURCE_OF(ctr)->env_blocks.len; i++) {
		const struct ast_entry *e = SOURCE_OF(ctr)->env_blocks.items[i];
		strmap_put(&r->scratch, &eb->elsewhere, e->key.text, (void *)e);
	}
}

void
resolve_env(struct resolver *r, struct component *comp, struct container *ctr)
{
	struct env_builder eb = {r, comp, ctr, {0}, {0}, {0}};
	resolve_env_sources(r, ctr);
	collect_elsewhere(&eb);
	/* 1. env from */
	for (size_t i = 0; i < ctr->env_from.len; i++) {
		struct env_source *src = ctr->env_from.items[i];
		if (src->set->secret || src->set->external)
			continue;
		for (size_t j = 0; j < src->set->keys.len; j++) {
			struct kv *kv = src->set->keys.items[j];
			struct rvalue *v = resolve_config_key(r, src->set, kv);
			struct env_var *earlier = v ? find_env(&eb, kv->key.text) : NULL;
			if (v && v->kind != RV_TEXT)
				add_env(&eb, kv->key.text, v, src->name.loc, true);
			else if (earlier && !earlier->expanded_by)
				remove_env(&eb, earlier); /* this later envFrom key wins */
		}
	}
	/* 2. env { } */
	for (size_t i = 0; i < SOURCE_OF(ctr)->env_blocks.len; i++) {
		const struct ast_entry *e = SOURCE_OF(ctr)->env_blocks.items[i];
		struct rvalue *v = resolve_value(r, e->value, IN_ENV);
		if (v)
			add_env(&eb, e->key.text, v, e->key.loc, false);
	}
	finish_env(r, ctr);
	arena_reset(&r->scratch);
}
