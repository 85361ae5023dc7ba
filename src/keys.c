/*
 * keys.c - the values of config and secret keys, each resolved once and
 * in order of need (a key may refer to another; a cycle is reported), and
 * secret values read at compile time from env("VAR") (the --env-file,
 * then the environment), file("path") or the source itself.
 */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

#include "io.h"

/* A key met again while it is being resolved: the message gives the
 * cycle, from the key through the ones it refers to (`urls.A -> urls.B ->
 * urls.A`). */
static void
report_cycle(struct resolver *r, const struct kv *kv, const char *kind, const char *name)
{
	int from = r->depth;
	while (from > 0 && r->key_path[from - 1].kv != kv)
		from--;
	if (from == 0 || from == r->depth) {
		diag(&r->c->diags, E0306, kv->key.loc, "%s %s key %s refers to itself", kind,
		     rquote(r, name), rquote(r, kv->key.text));
		return;
	}
	struct buf path = {0};
	for (int i = from - 1; i < r->depth; i++)
		buf_printf(&path, "%s.%s -> ", r->key_path[i].set, r->key_path[i].key);
	buf_printf(&path, "%s.%s", name, kv->key.text);
	diag(&r->c->diags, E0306, kv->key.loc, "%s %s key %s refers back to itself: %s", kind,
	     rquote(r, name), rquote(r, kv->key.text), path.data);
	buf_free(&path);
}

static bool
enter(struct resolver *r, struct kv *kv, const char *kind, const char *name)
{
	if (kv->resolving) {
		report_cycle(r, kv, kind, name);
		return false;
	}
	if (r->depth >= MAX_REFERENCE_DEPTH) {
		diag(&r->c->diags, E0306, kv->key.loc,
		     "%s %s key %s is reached through more than %d references to other keys; "
		     "todokc follows at most %d", kind, rquote(r, name), rquote(r, kv->key.text),
		     MAX_REFERENCE_DEPTH, MAX_REFERENCE_DEPTH);
		return false;
	}
	kv->resolving = true;
	r->key_path[r->depth++] = (struct key_step){name, kv->key.text, kv};
	return true;
}

/* The workloads a key's value refers to are the key's; returns where they
 * went before, for leave(). */
static struct vec *
refs_of(struct resolver *r, struct kv *kv)
{
	struct vec *outer = r->refs;
	r->refs = r->s->isolated ? &kv->refs : NULL;
	return outer;
}

static void
leave(struct resolver *r, struct kv *kv, struct vec *outer)
{
	kv->resolving = false;
	r->depth--;
	r->refs = outer;
}

struct rvalue *
resolve_config_key(struct resolver *r, struct keyset *cfg, struct kv *kv)
{
	if (kv->value || !kv->source)
		return kv->value;
	if (!enter(r, kv, "config", cfg->name.text))
		return NULL;
	struct vec *outer = refs_of(r, kv);
	kv->value = resolve_value(r, kv->source, IN_CONFIG);
	leave(r, kv, outer);
	kv->source = kv->value ? kv->source : NULL; /* an error is reported once */
	return kv->value;
}

static const char *
env_lookup(struct resolver *r, const char *name)
{
	const char *v = strmap_get(&r->c->env.file_vars, name);
	if (v)
		return v;
	return r->c->env.use_environ ? getenv(name) : NULL;
}

bool
value_written_in_source(const struct ast_value *v)
{
	if (v->kind == VALUE_NUMBER)
		return true;
	if (v->kind != VALUE_STRING)
		return false;
	for (size_t i = 0; i < v->string->parts.len; i++) {
		const struct ast_part *part = v->string->parts.items[i];
		if (part->is_ref)
			return false;
	}
	return v->string->parts.len > 0;
}

/* Appends the bytes of one secret key; false when it has none (reported). */
static bool
append_secret_key(struct resolver *r, struct keyset *sec, struct kv *key, struct buf *out,
                  struct loc at)
{
	if (sec->external) {
		diag(&r->c->diags, E0303, at,
		     "secret %s is external: the value of its key %s is not known at compile time, "
		     "so another secret cannot be made of it", rquote(r, sec->name.text),
		     rquote(r, key->key.text));
		return false;
	}
	resolve_secret_key(r, sec, key);
	if (!key->bytes || !within_limits(r, out->len, key->nbytes, at))
		return false;
	buf_append(out, key->bytes, key->nbytes);
	return true;
}

/* The bytes of a value inside a secret (written at `at`): a config key's
 * value may still hold secret keys (a template), which are read in here. */
static bool
flatten_secret(struct resolver *r, const struct rvalue *v, struct buf *out, struct loc at)
{
	switch (v->kind) {
	case RV_TEXT:
		buf_append(out, v->text, v->len);
		return true;
	case RV_SECRET_REF:
		return append_secret_key(r, v->set, v->key, out, at);
	case RV_TEMPLATE:
		for (size_t i = 0; i < v->segments.len; i++) {
			const struct segment *seg = v->segments.items[i];
			if (seg->text)
				buf_append(out, seg->text, seg->len);
			else if (!append_secret_key(r, seg->secret, seg->key, out, at))
				return false;
		}
		return true;
	case RV_CONFIG_REF:
	case RV_FIELD:
		break; /* not produced inside a secret */
	}
	return false;
}

/* What a shell or Compose's dotenv would read otherwise in a value of
 * the --env-file, which todokc takes literally: NULL when nothing. */
static const char *
env_file_habit(const char *value)
{
	size_t len = strlen(value);
	if (len >= 2 && (value[0] == '"' || value[0] == '\'') && value[len - 1] == value[0])
		return "is in quotes, which todokc keeps as part of it";
	if (strstr(value, " #") || strstr(value, "\t#"))
		return "holds ' #', and todokc keeps what follows as part of it";
	if (strstr(value, "${"))
		return "holds '${', which todokc does not expand";
	return NULL;
}

static void
read_env_secret(struct resolver *r, struct keyset *sec, struct kv *kv, const struct ast_value *v)
{
	const char *name = resolve_text_of(r, v->string, "env(...)");
	if (!name)
		return;
	const char *value = env_lookup(r, name);
	if (!value) {
		diag(&r->c->diags, E0701, v->loc,
		     "environment variable %s is not set (secret %s, key %s); set it or "
		     "give it in --env-file", rquote(r, name), rquote(r, sec->name.text),
		     rquote(r, kv->key.text));
		return;
	}
	const char *habit = strmap_get(&r->c->env.file_vars, name) ? env_file_habit(value) : NULL;
	if (habit)
		diag(&r->c->diags, W0702, v->loc,
		     "the value of %s in the --env-file %s (an --env-file is read literally, not as a "
		     "shell or Compose reads a .env file); write the value as it is meant",
		     rquote(r, name), habit);
	kv->bytes = value;
	kv->nbytes = strlen(value);
}

static void
read_literal_secret(struct resolver *r, struct keyset *sec, struct kv *kv,
                    const struct ast_value *v)
{
	if (value_written_in_source(v))
		diag(&r->c->diags, W0701, v->loc,
		     "the value of secret %s key %s is written in the source; "
		     "read it with env(\"VAR\") or file(\"path\")",
		     rquote(r, sec->name.text), rquote(r, kv->key.text));
	struct rvalue *rv = resolve_value(r, v, IN_SECRET);
	struct buf b = {0};
	if (rv && flatten_secret(r, rv, &b, v->loc)) {
		kv->nbytes = b.len;
		kv->bytes = arena_buf_take(r->a, &b);
	}
	buf_free(&b);
}

void
resolve_secret_key(struct resolver *r, struct keyset *sec, struct kv *kv)
{
	if (kv->bytes || !kv->source)
		return;
	if (!enter(r, kv, "secret", sec->name.text))
		return;
	struct vec *outer = refs_of(r, kv);
	const struct ast_value *v = kv->source;
	if (!reads_secret_values(r->c) && (v->kind == VALUE_ENV || v->kind == VALUE_FILE)) {
		kv->bytes = ""; /* a profile only checked, or only drawn: its values are not read */
	} else if (v->kind == VALUE_ENV) {
		read_env_secret(r, sec, kv, v);
	} else if (v->kind == VALUE_FILE) {
		const char *path = resolve_text_of(r, v->string, "file(...)");
		if (path)
			kv->bytes = read_stack_file(r->c, path, v->loc, MAX_OBJECT_BYTES, "a Secret",
			                            &kv->nbytes);
	} else {
		read_literal_secret(r, sec, kv, v);
	}
	leave(r, kv, outer);
	if (!kv->bytes)
		kv->source = NULL; /* reported once */
}

