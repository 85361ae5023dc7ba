/*
 * resolve.c - gives every name and value of the stack its meaning.
 *
 * Applies -D to params; derives the Kubernetes names (naming templates);
 * resolves references (spec section 5) to text, to a secret key or to a
 * config key; reads secret values from env("VAR") and file("path"); and
 * lowers each container's environment, including the secret-bearing
 * config keys of spec section 6, so that no secret value is ever written
 * outside its Secret.  Ports, probes, volumes and the other properties
 * are filled in on each component.
 */
#include "todokc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Where a value is used decides what a reference may become there. */
enum place {
	IN_TEXT,   /* must be plain text: image, args, paths, params */
	IN_CONFIG, /* a config value: text, or text with secret keys */
	IN_ENV,    /* an env value: may stay a reference to a config key */
	IN_SECRET, /* a secret value: everything is read into bytes */
};

enum { MAX_REFERENCE_DEPTH = 100 };

struct resolver {
	struct compilation *c;
	struct stack *s;
	struct arena *a;
	int depth; /* config and secret keys being resolved, nested */
};

static struct rvalue *
text_value(struct resolver *r, const char *text, size_t len)
{
	struct rvalue *v = NEW(r->a, struct rvalue);
	v->kind = RV_TEXT;
	v->text = text;
	v->len = len;
	return v;
}

static const char *
quote(struct resolver *r, const char *s)
{
	return diag_quote(r->a, s);
}

/* Suggestions */

static const char *
decl_kind_name(enum decl_kind kind)
{
	switch (kind) {
	case DECL_PARAM: return "param";
	case DECL_CONFIG: return "config";
	case DECL_SECRET: return "secret";
	case DECL_COMPONENT: return "workload";
	}
	return "name";
}

struct suggestion {
	const char *best;
	size_t distance;
};

static void
consider(struct suggestion *s, const char *got, const char *candidate)
{
	size_t d = edit_distance(got, candidate);
	if (d < s->distance && close_enough(got, candidate, d)) {
		s->best = candidate;
		s->distance = d;
	}
}

/* The declared name closest to `got`, among the kinds in the mask. */
static const char *
suggest_name(struct resolver *r, const char *got, unsigned kinds)
{
	struct suggestion s = {NULL, (size_t)-1};
	if (kinds & 1u << DECL_PARAM)
		for (size_t i = 0; i < r->s->params.len; i++)
			consider(&s, got, ((struct param *)r->s->params.items[i])->name.text);
	if (kinds & 1u << DECL_CONFIG)
		for (size_t i = 0; i < r->s->configs.len; i++)
			consider(&s, got, ((struct config *)r->s->configs.items[i])->name.text);
	if (kinds & 1u << DECL_SECRET)
		for (size_t i = 0; i < r->s->secrets.len; i++)
			consider(&s, got, ((struct secret *)r->s->secrets.items[i])->name.text);
	if (kinds & 1u << DECL_COMPONENT)
		for (size_t i = 0; i < r->s->components.len; i++)
			consider(&s, got, ((struct component *)r->s->components.items[i])->name.text);
	return s.best;
}

static const char *
suggest_key(const struct vec *keys, const char *got)
{
	struct suggestion s = {NULL, (size_t)-1};
	for (size_t i = 0; i < keys->len; i++)
		consider(&s, got, ((struct kv *)keys->items[i])->key.text);
	return s.best;
}

/* Looks a name up; reports it unknown (with a suggestion among `kinds`)
 * or of the wrong kind.  `what` names the expected kind in messages. */
static struct decl *
lookup(struct resolver *r, struct ident name, unsigned kinds, const char *what)
{
	struct decl *d = strmap_get(&r->s->names, name.text);
	if (d && (kinds & 1u << d->kind))
		return d;
	if (d) {
		struct diagnostic *g = diag(&r->c->diags, E0303, name.loc, "%s is a %s, not a %s",
		                            quote(r, name.text), decl_kind_name(d->kind), what);
		diag_note(&r->c->diags, g, d->loc, "%s is declared here", quote(r, name.text));
		return NULL;
	}
	const char *best = suggest_name(r, name.text, kinds);
	struct decl *near = best ? strmap_get(&r->s->names, best) : NULL;
	if (near && (kinds & (kinds - 1)) && strcmp(what, "name") != 0)
		what = decl_kind_name(near->kind); /* "unknown config", not "config or secret" */
	if (best)
		diag(&r->c->diags, E0301, name.loc, "unknown %s %s; did you mean '%s'?", what,
		     quote(r, name.text), best);
	else
		diag(&r->c->diags, E0301, name.loc, "unknown %s %s", what, quote(r, name.text));
	return NULL;
}

static struct kv *
lookup_key(struct resolver *r, const struct ast_ref *ref, const struct vec *keys,
           struct strmap *by_key, const char *kind)
{
	if (!ref->member.text) {
		diag(&r->c->diags, E0302, ref->loc,
		     "%s %s is used without a key; write %s.KEY", kind, quote(r, ref->name.text),
		     ref->name.text);
		return NULL;
	}
	struct kv *kv = strmap_get(by_key, ref->member.text);
	if (kv)
		return kv;
	const char *best = suggest_key(keys, ref->member.text);
	if (best)
		diag(&r->c->diags, E0302, ref->member.loc, "%s %s has no key %s; did you mean '%s'?",
		     kind, quote(r, ref->name.text), quote(r, ref->member.text), best);
	else
		diag(&r->c->diags, E0302, ref->member.loc, "%s %s has no key %s", kind,
		     quote(r, ref->name.text), quote(r, ref->member.text));
	return NULL;
}

/* Values */

static struct rvalue *resolve_value(struct resolver *r, const struct ast_value *v,
                                    enum place place);
static void resolve_secret_key(struct resolver *r, struct secret *sec, struct kv *kv);
static struct rvalue *resolve_config_key(struct resolver *r, struct config *cfg, struct kv *kv);

static const char *
first_port_text(struct resolver *r, struct component *w)
{
	struct port *p = w->ports.items[0];
	return arena_printf(r->a, "%lld", p->number);
}

/* W.host, W.port, W.url (spec section 5). */
static struct rvalue *
workload_member(struct resolver *r, struct component *w, const struct ast_ref *ref)
{
	static const char *const members[] = {"host", "port", "url"};
	const char *m = ref->member.text;
	if (!m) {
		diag(&r->c->diags, E0302, ref->loc,
		     "workload %s is used without a member; write %s.host, %s.port or %s.url",
		     quote(r, ref->name.text), ref->name.text, ref->name.text, ref->name.text);
		return NULL;
	}
	int which = -1;
	for (int i = 0; i < 3; i++)
		if (strcmp(m, members[i]) == 0)
			which = i;
	if (which < 0) {
		struct suggestion s = {NULL, (size_t)-1};
		for (int i = 0; i < 3; i++)
			consider(&s, m, members[i]);
		diag(&r->c->diags, E0302, ref->member.loc,
		     "workload %s has no member %s%s%s%s (its members are host, port and url)",
		     quote(r, ref->name.text), quote(r, m), s.best ? "; did you mean '" : "",
		     s.best ? s.best : "", s.best ? "'?" : "");
		return NULL;
	}
	if (w->expose == EXPOSE_NONE || w->ports.len == 0) {
		struct diagnostic *g = diag(&r->c->diags, E0305, ref->loc,
		                            "%s has no Service, so it has no %s",
		                            quote(r, ref->name.text), m);
		diag_note(&r->c->diags, g, w->name.loc, "%s is declared here without %s",
		          quote(r, ref->name.text), w->ports.len ? "a Service ('expose none')" : "a port");
		return NULL;
	}
	const char *text;
	struct port *first = w->ports.items[0];
	if (which == 0)
		text = w->service_name;
	else if (which == 1)
		text = first_port_text(r, w);
	else if (first->number == 80)
		text = arena_printf(r->a, "http://%s", w->service_name);
	else
		text = arena_printf(r->a, "http://%s:%lld", w->service_name, first->number);
	return text_value(r, text, strlen(text));
}

/* `bare`: the reference is a whole value (not inside a string), where a
 * word meant as text is a likely mistake. */
static struct rvalue *
resolve_ref(struct resolver *r, const struct ast_ref *ref, enum place place, bool bare)
{
	unsigned all = 1u << DECL_PARAM | 1u << DECL_CONFIG | 1u << DECL_SECRET | 1u << DECL_COMPONENT;
	struct decl *d = strmap_get(&r->s->names, ref->name.text);
	if (!d && bare && !ref->member.text && !suggest_name(r, ref->name.text, all)) {
		/* DEBUG = true: a word meant as text, not a reference. */
		diag(&r->c->diags, E0301, ref->name.loc,
		     "unknown name %s; a text value is written in quotes: \"%s\"",
		     quote(r, ref->name.text), ref->name.text);
		return NULL;
	}
	d = lookup(r, ref->name, all, "name");
	if (!d)
		return NULL;
	switch (d->kind) {
	case DECL_PARAM: {
		struct param *param = d->what;
		if (ref->member.text) {
			diag(&r->c->diags, E0302, ref->member.loc, "param %s has no members",
			     quote(r, ref->name.text));
			return NULL;
		}
		return param->value ? text_value(r, param->value, strlen(param->value)) : NULL;
	}
	case DECL_COMPONENT:
		return workload_member(r, d->what, ref);
	case DECL_CONFIG: {
		struct config *cfg = d->what;
		struct kv *kv = lookup_key(r, ref, &cfg->keys, &cfg->by_key, "config");
		if (!kv)
			return NULL;
		struct rvalue *v = resolve_config_key(r, cfg, kv);
		if (v && place == IN_ENV && v->kind == RV_TEXT) {
			struct rvalue *keyref = NEW(r->a, struct rvalue);
			keyref->kind = RV_CONFIG_REF;
			keyref->config = cfg;
			keyref->key = kv;
			return keyref;
		}
		return v;
	}
	case DECL_SECRET: {
		struct secret *sec = d->what;
		struct kv *kv = lookup_key(r, ref, &sec->keys, &sec->by_key, "secret");
		if (!kv)
			return NULL;
		if (place == IN_SECRET) {
			resolve_secret_key(r, sec, kv);
			return kv->bytes ? text_value(r, kv->bytes, kv->nbytes) : NULL;
		}
		struct rvalue *v = NEW(r->a, struct rvalue);
		v->kind = RV_SECRET_REF;
		v->secret = sec;
		v->key = kv;
		return v;
	}
	}
	return NULL;
}

static void
add_segment(struct resolver *r, struct rvalue *v, const char *text, size_t len,
            struct secret *sec, struct kv *key)
{
	struct segment *seg = NEW(r->a, struct segment);
	seg->text = text;
	seg->len = len;
	seg->secret = sec;
	seg->key = key;
	vec_push(r->a, &v->segments, seg);
}

/* A string literal with its interpolations: plain text, or a template
 * with secret keys in it.  NULL after an error. */
static struct rvalue *
resolve_string(struct resolver *r, const struct ast_string *str, enum place place)
{
	struct rvalue *v = NEW(r->a, struct rvalue);
	v->kind = RV_TEMPLATE;
	bool ok = true, secret = false;
	enum place inner = place == IN_ENV ? IN_CONFIG : place;
	for (size_t i = 0; i < str->parts.len; i++) {
		const struct ast_part *part = str->parts.items[i];
		if (!part->is_ref) {
			add_segment(r, v, part->text, part->len, NULL, NULL);
			continue;
		}
		struct rvalue *rv = resolve_ref(r, &part->ref, inner, false);
		if (!rv) {
			ok = false;
			continue;
		}
		switch (rv->kind) {
		case RV_TEXT:
			add_segment(r, v, rv->text, rv->len, NULL, NULL);
			break;
		case RV_SECRET_REF:
			add_segment(r, v, NULL, 0, rv->secret, rv->key);
			secret = true;
			break;
		case RV_TEMPLATE:
			for (size_t k = 0; k < rv->segments.len; k++)
				vec_push(r->a, &v->segments, rv->segments.items[k]);
			secret = true;
			break;
		case RV_CONFIG_REF:
			break; /* not produced for IN_CONFIG */
		}
	}
	if (!ok)
		return NULL;
	if (!secret) {
		struct buf b = {0};
		for (size_t i = 0; i < v->segments.len; i++) {
			struct segment *seg = v->segments.items[i];
			buf_append(&b, seg->text, seg->len);
		}
		struct rvalue *t = text_value(r, arena_strndup(r->a, b.data ? b.data : "", b.len), b.len);
		buf_free(&b);
		return t;
	}
	if (v->segments.len == 1) {
		/* "${secret.KEY}" is the whole secret key. */
		struct segment *seg = v->segments.items[0];
		v->kind = RV_SECRET_REF;
		v->secret = seg->secret;
		v->key = seg->key;
	}
	return v;
}

static struct rvalue *
resolve_value(struct resolver *r, const struct ast_value *v, enum place place)
{
	switch (v->kind) {
	case VALUE_STRING:
		return resolve_string(r, v->string, place);
	case VALUE_NUMBER:
		return text_value(r, v->number.text, strlen(v->number.text));
	case VALUE_REF:
		return resolve_ref(r, &v->ref, place, true);
	case VALUE_ENV:
	case VALUE_FILE:
		diag(&r->c->diags, E0303, v->loc,
		     "%s(...) reads a secret value: it belongs in a 'secret' block, "
		     "referred to from here as SECRET.KEY", v->kind == VALUE_ENV ? "env" : "file");
		return NULL;
	}
	return NULL;
}

/* A value that must be plain text: a secret in it is an error (it would
 * be written in clear into `where`). */
static const char *
resolve_text(struct resolver *r, const struct ast_string *str, const char *where)
{
	if (!str)
		return NULL;
	struct rvalue *v = resolve_string(r, str, IN_TEXT);
	if (!v)
		return NULL;
	if (v->kind != RV_TEXT) {
		bool argv = strcmp(where, "args") == 0 || strcmp(where, "a command") == 0;
		diag(&r->c->diags, E0703, str->loc,
		     "a secret value cannot be used in %s: it would be written in clear%s", where,
		     argv ? "; pass it through 'env' and write $(VAR) in the argument" : "");
		return NULL;
	}
	if (memchr(v->text, '\0', v->len)) {
		diag(&r->c->diags, E0703, str->loc, "%s cannot hold a NUL character", where);
		return NULL;
	}
	return v->text;
}

/* Config keys */

static bool
enter(struct resolver *r, struct kv *kv, const char *kind, const char *name)
{
	if (kv->resolving) {
		diag(&r->c->diags, E0306, kv->key.loc,
		     "%s %s key %s refers back to itself through other keys", kind,
		     quote(r, name), quote(r, kv->key.text));
		return false;
	}
	if (r->depth >= MAX_REFERENCE_DEPTH) {
		diag(&r->c->diags, E0306, kv->key.loc,
		     "%s %s key %s is reached through more than %d references to other keys; "
		     "todokc follows at most %d", kind, quote(r, name), quote(r, kv->key.text),
		     MAX_REFERENCE_DEPTH, MAX_REFERENCE_DEPTH);
		return false;
	}
	kv->resolving = true;
	r->depth++;
	return true;
}

static void
leave(struct resolver *r, struct kv *kv)
{
	kv->resolving = false;
	r->depth--;
}

static struct rvalue *
resolve_config_key(struct resolver *r, struct config *cfg, struct kv *kv)
{
	if (kv->value || !kv->source)
		return kv->value;
	if (!enter(r, kv, "config", cfg->name.text))
		return NULL;
	kv->value = resolve_value(r, kv->source, IN_CONFIG);
	leave(r, kv);
	kv->source = kv->value ? kv->source : NULL; /* an error is reported once */
	return kv->value;
}

/* Secret values */

static const char *
env_lookup(struct resolver *r, const char *name)
{
	const char *v = strmap_get(&r->c->env.file_vars, name);
	if (v)
		return v;
	return r->c->env.use_environ ? getenv(name) : NULL;
}

/* Reads file("path") relative to the .todok file's folder; the file must
 * be a regular file inside that folder, at most 1 MiB. */
static bool
read_secret_file(struct resolver *r, const char *path, struct loc loc, struct kv *kv)
{
	struct compilation *c = r->c;
	const char *full = path[0] == '/' ? path : arena_printf(r->a, "%s/%s", c->base_dir, path);
	char *real = realpath(full, NULL), *base = realpath(c->base_dir, NULL);
	bool ok = false;
	if (!real) {
		diag(&c->diags, E0702, loc, "cannot read file %s: %s", quote(r, path), strerror(errno));
		goto done;
	}
	size_t blen = base ? strlen(base) : 0;
	if (!base || strncmp(real, base, blen) != 0 ||
	    (real[blen] != '/' && real[blen] != '\0' && blen != 1)) {
		diag(&c->diags, E0702, loc,
		     "file %s is outside the folder of %s; secret files must be inside it",
		     quote(r, path), quote(r, c->src.path));
		goto done;
	}
	int fd = open(real, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		diag(&c->diags, E0001, loc, "cannot read file %s: %s", quote(r, path), strerror(errno));
		if (fd >= 0)
			close(fd);
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		diag(&c->diags, E0702, loc, "file %s is not a regular file", quote(r, path));
		close(fd);
		goto done;
	}
	if (st.st_size > 1048576) {
		diag(&c->diags, E0702, loc,
		     "file %s is %lld bytes; a Secret holds at most 1048576", quote(r, path),
		     (long long)st.st_size);
		close(fd);
		goto done;
	}
	char *data = arena_alloc(r->a, (size_t)st.st_size + 1);
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, data + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0)
				diag(&c->diags, E0001, loc, "cannot read file %s: %s", quote(r, path),
				     strerror(errno));
			break;
		}
		got += (size_t)n;
	}
	close(fd);
	if (got == (size_t)st.st_size) {
		kv->bytes = data;
		kv->nbytes = got;
		vec_push(r->a, &c->files_read, arena_strdup(r->a, full));
		ok = true;
	}
done:
	free(real);
	free(base);
	return ok;
}

/* Whether a secret value was written into the source itself. */
static bool
written_in_source(const struct ast_value *v)
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

/* The bytes of a value inside a secret: a config key's value may still
 * hold secret keys (a template), which are read in here. */
static bool
flatten_secret(struct resolver *r, const struct rvalue *v, struct buf *out)
{
	switch (v->kind) {
	case RV_TEXT:
		buf_append(out, v->text, v->len);
		return true;
	case RV_SECRET_REF:
		resolve_secret_key(r, v->secret, v->key);
		if (!v->key->bytes)
			return false;
		buf_append(out, v->key->bytes, v->key->nbytes);
		return true;
	case RV_TEMPLATE:
		for (size_t i = 0; i < v->segments.len; i++) {
			const struct segment *seg = v->segments.items[i];
			if (seg->text) {
				buf_append(out, seg->text, seg->len);
				continue;
			}
			resolve_secret_key(r, seg->secret, seg->key);
			if (!seg->key->bytes)
				return false;
			buf_append(out, seg->key->bytes, seg->key->nbytes);
		}
		return true;
	case RV_CONFIG_REF:
		break; /* not produced inside a secret */
	}
	return false;
}

static void
resolve_secret_key(struct resolver *r, struct secret *sec, struct kv *kv)
{
	if (kv->bytes || !kv->source)
		return;
	if (!enter(r, kv, "secret", sec->name.text))
		return;
	const struct ast_value *v = kv->source;
	switch (v->kind) {
	case VALUE_ENV: {
		const char *name = resolve_text(r, v->string, "env(...)");
		if (!name)
			break;
		const char *value = env_lookup(r, name);
		if (!value) {
			diag(&r->c->diags, E0701, v->loc,
			     "environment variable %s is not set (secret %s, key %s); set it or "
			     "give it in --env-file", quote(r, name), quote(r, sec->name.text),
			     quote(r, kv->key.text));
			break;
		}
		kv->bytes = value;
		kv->nbytes = strlen(value);
		break;
	}
	case VALUE_FILE: {
		const char *path = resolve_text(r, v->string, "file(...)");
		if (path)
			read_secret_file(r, path, v->loc, kv);
		break;
	}
	default: {
		if (written_in_source(v))
			diag(&r->c->diags, W0701, v->loc,
			     "the value of secret %s key %s is written in the source; "
			     "read it with env(\"VAR\") or file(\"path\")",
			     quote(r, sec->name.text), quote(r, kv->key.text));
		struct rvalue *rv = resolve_value(r, v, IN_SECRET);
		struct buf b = {0};
		if (rv && flatten_secret(r, rv, &b)) {
			kv->bytes = arena_strndup(r->a, b.data ? b.data : "", b.len);
			kv->nbytes = b.len;
		}
		buf_free(&b);
		break;
	}
	}
	leave(r, kv);
	if (!kv->bytes)
		kv->source = NULL; /* reported once */
}

/* Params and names */

static void
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
				     quote(r, part->ref.name.text));
				break;
			}
		}
		struct buf b = {0};
		for (size_t k = 0; k < param->source->parts.len; k++) {
			const struct ast_part *part = param->source->parts.items[k];
			if (!part->is_ref)
				buf_append(&b, part->text, part->len);
		}
		param->value = arena_strndup(r->a, b.data ? b.data : "", b.len);
		buf_free(&b);
	}
	for (size_t i = 0; i < c->opts->ndefines; i++) {
		const struct define *d = &c->opts->defines[i];
		struct decl *decl = strmap_get(&r->s->names, d->name);
		if (decl && decl->kind == DECL_PARAM) {
			((struct param *)decl->what)->value = d->value;
			continue;
		}
		const char *best = suggest_name(r, d->name, 1u << DECL_PARAM);
		if (best)
			diag(&c->diags, E0002, NO_LOC, "-D %s: the stack declares no param %s; did you mean '%s'?",
			     d->name, quote(r, d->name), best);
		else
			diag(&c->diags, E0002, NO_LOC, "-D %s: the stack declares no param %s",
			     d->name, quote(r, d->name));
	}
}

static const char *const default_naming[NAMING_SLOTS] = {
	[NAMING_WORKLOAD] = "{stack}-{component}",
	[NAMING_SERVICE] = "{stack}-{component}-service",
	[NAMING_CONFIG] = "{stack}-{component}",
	[NAMING_SECRET] = "{stack}-{component}",
};

/* Expands a naming template with {stack} and {component}. */
static const char *
derive_name(struct resolver *r, enum naming_slot slot, const char *component)
{
	const char *template = default_naming[slot];
	if (r->s->naming[slot]) {
		template = resolve_text(r, r->s->naming[slot], "a name template");
		if (!template)
			return component;
	}
	struct buf b = {0};
	for (const char *p = template; *p;) {
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
	const char *name = arena_strndup(r->a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return name;
}

/* Components */

static void
resolve_ports(struct resolver *r, struct component *comp)
{
	for (size_t i = 0; i < comp->port_props.len; i++) {
		const struct ast_prop *prop = comp->port_props.items[i];
		struct port *port = NEW(r->a, struct port);
		port->name = prop->u.port.name.text;
		port->name_loc = prop->u.port.name.loc;
		port->number = prop->u.port.number.value;
		port->target = HAS_LOC(prop->u.port.target.loc) ? prop->u.port.target.value
		                                                 : port->number;
		port->udp = prop->u.port.udp;
		port->loc = prop->loc;
		vec_push(r->a, &comp->ports, port);
	}
}

static struct port *
find_port(struct resolver *r, struct component *comp, const struct ast_probe_option *on)
{
	for (size_t i = 0; i < comp->ports.len; i++) {
		struct port *p = comp->ports.items[i];
		if (on->port_name.text ? p->name && strcmp(p->name, on->port_name.text) == 0
		                       : p->target == on->number.value)
			return p;
	}
	for (size_t i = 0; !on->port_name.text && i < comp->ports.len; i++) {
		struct port *p = comp->ports.items[i];
		if (p->number == on->number.value)
			return p;
	}
	struct diagnostic *g;
	if (on->port_name.text) {
		struct suggestion s = {NULL, (size_t)-1};
		for (size_t i = 0; i < comp->ports.len; i++) {
			struct port *p = comp->ports.items[i];
			if (p->name)
				consider(&s, on->port_name.text, p->name);
		}
		if (s.best)
			g = diag(&r->c->diags, E0304, on->loc,
			         "the probe is on port %s, which %s does not declare; did you mean '%s'?",
			         quote(r, on->port_name.text), quote(r, comp->name.text), s.best);
		else
			g = diag(&r->c->diags, E0304, on->loc,
			         "the probe is on port %s, which %s does not declare",
			         quote(r, on->port_name.text), quote(r, comp->name.text));
	} else {
		g = diag(&r->c->diags, E0304, on->loc,
		         "the probe is on port %lld, which %s does not declare", on->number.value,
		         quote(r, comp->name.text));
	}
	if (comp->ports.len)
		diag_note(&r->c->diags, g, ((struct port *)comp->ports.items[0])->loc,
		          "the component's ports are declared here");
	return NULL;
}

static void
resolve_probe(struct resolver *r, struct component *comp, enum probe_slot slot)
{
	const struct ast_prop *prop = comp->probe_props[slot];
	struct probe *probe = &comp->probes[slot];
	if (!prop)
		return;
	probe->present = true;
	probe->kind = prop->u.probe.kind;
	probe->loc = prop->loc;
	probe->delay = probe->every = probe->timeout = probe->failures = -1;
	if (probe->kind == PROBE_HTTP)
		probe->path = resolve_text(r, prop->u.probe.path, "a probe's path");
	for (size_t i = 0; i < prop->u.probe.command.len; i++) {
		const char *arg = resolve_text(r, prop->u.probe.command.items[i], "a probe's command");
		if (arg)
			vec_push(r->a, &probe->command, (void *)arg);
	}
	const struct ast_probe_option *seen[OPT_HEADER + 1] = {0};
	for (size_t i = 0; i < prop->u.probe.options.len; i++) {
		const struct ast_probe_option *opt = prop->u.probe.options.items[i];
		static const char *const words[] = {"on", "delay", "every", "timeout", "failures", "header"};
		if (opt->kind != OPT_HEADER && seen[opt->kind]) {
			struct diagnostic *g = diag(&r->c->diags, E0403, opt->loc,
			                            "'%s' is given twice in one probe", words[opt->kind]);
			diag_note(&r->c->diags, g, seen[opt->kind]->loc, "first given here");
			continue;
		}
		seen[opt->kind] = opt;
		switch (opt->kind) {
		case OPT_ON:
			if (probe->kind == PROBE_EXEC) {
				diag(&r->c->diags, E0404, opt->loc,
				     "an exec probe runs a command; it has no port to be 'on'");
				break;
			}
			probe->port = find_port(r, comp, opt);
			probe->by_name = opt->port_name.text != NULL;
			break;
		case OPT_DELAY: probe->delay = opt->number.value; break;
		case OPT_EVERY: probe->every = opt->number.value; break;
		case OPT_TIMEOUT: probe->timeout = opt->number.value; break;
		case OPT_FAILURES: probe->failures = opt->number.value; break;
		case OPT_HEADER: {
			if (probe->kind != PROBE_HTTP) {
				diag(&r->c->diags, E0404, opt->loc, "only an http probe sends headers");
				break;
			}
			struct header *h = NEW(r->a, struct header);
			h->name = resolve_text(r, opt->header_name, "a probe's header");
			h->value = resolve_text(r, opt->header_value, "a probe's header");
			h->loc = opt->loc;
			if (h->name && h->value)
				vec_push(r->a, &probe->headers, h);
			break;
		}
		}
	}
	if (probe->kind != PROBE_EXEC && !seen[OPT_ON]) {
		if (comp->ports.len)
			probe->port = comp->ports.items[0];
		else
			diag(&r->c->diags, E0304, prop->loc,
			     "this probe needs a port, and %s declares none", quote(r, comp->name.text));
	}
	if (probe->port && probe->port->udp) {
		struct loc at = seen[OPT_ON] ? seen[OPT_ON]->loc : prop->loc;
		const char *which = probe->port->name
		                        ? quote(r, probe->port->name)
		                        : arena_printf(r->a, "%lld", probe->port->target);
		struct diagnostic *g = diag(&r->c->diags, E0404, at,
		                            "a%s probe cannot check UDP port %s",
		                            probe->kind == PROBE_HTTP ? "n http" : " tcp", which);
		diag_note(&r->c->diags, g, probe->port->loc, "the port is declared here");
	}
}

/* The environment of a container (spec section 6), built in order:
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
	struct strmap elsewhere; /* names set by envFrom or env { }: -> their source */
	struct strmap by_name;   /* the entries of comp->env not removed */
};

static struct env_var *
find_env(struct env_builder *eb, const char *name)
{
	return strmap_get(&eb->by_name, name);
}

static void
append_env(struct env_builder *eb, struct env_var *e)
{
	vec_push(eb->r->a, &eb->comp->env, e);
	strmap_put(eb->r->a, &eb->by_name, e->name, e);
}

/* Marks an entry removed; finish_env() drops it from the list. */
static void
remove_env(struct env_builder *eb, struct env_var *e)
{
	e->removed = true;
	strmap_put(eb->r->a, &eb->by_name, e->name, NULL);
}

static void
finish_env(struct component *comp)
{
	size_t kept = 0;
	for (size_t i = 0; i < comp->env.len; i++)
		if (!((struct env_var *)comp->env.items[i])->removed)
			comp->env.items[kept++] = comp->env.items[i];
	comp->env.len = kept;
}

/* The name of the entry that carries a secret key into $(NAME): the key,
 * unless the container has that name from another source. */
static const char *
carrier_name(struct env_builder *eb, const struct secret *sec, const char *key)
{
	const void *source = strmap_get(&eb->elsewhere, key);
	const struct env_var *set = find_env(eb, key);
	bool same = set && set->kind == ENV_SECRET_KEY && set->secret == sec &&
	            strcmp(set->key, key) == 0;
	if ((!source || source == sec) && (!set || same))
		return key;
	struct buf b = {0};
	buf_printf(&b, "%s_%s", sec->name.text, key);
	for (size_t i = 0; i < b.len; i++) {
		char ch = b.data[i];
		b.data[i] = ch >= 'a' && ch <= 'z' ? (char)(ch - 'a' + 'A')
		            : (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ? ch : '_';
	}
	const char *name = arena_strndup(eb->r->a, b.data, b.len);
	buf_free(&b);
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
	if (old && old->kind == ENV_SECRET_KEY && old->secret == seg->secret &&
	    strcmp(old->key, key) == 0)
		return true;
	if (old) {
		struct diagnostic *g = diag(&r->c->diags, E0516, loc,
		                            "%s needs the environment variable %s for secret %s key %s, "
		                            "but %s sets %s otherwise",
		                            quote(r, user), quote(r, name), quote(r, seg->secret->name.text),
		                            quote(r, key), quote(r, eb->comp->name.text), quote(r, name));
		diag_note(&r->c->diags, g, old->loc, "%s is set here", quote(r, name));
		return false;
	}
	struct env_var *carrier = NEW(r->a, struct env_var);
	carrier->kind = ENV_SECRET_KEY;
	carrier->name = name;
	carrier->secret = seg->secret;
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
		e->secret = v->secret;
		e->key = v->key->key.text;
		break;
	case RV_CONFIG_REF:
		e->kind = ENV_CONFIG_KEY;
		e->config = v->config;
		e->key = v->key->key.text;
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
		e->value = arena_strndup(r->a, b.data ? b.data : "", b.len);
		buf_free(&b);
		break;
	}
	}
	/* Replacing: the new entry goes last, after the carriers it uses. */
	struct env_var *old = find_env(eb, name);
	if (old && old->expanded_by) {
		struct diagnostic *g = diag(&r->c->diags, E0516, loc,
		                            "%s would replace the environment variable that carries "
		                            "secret %s key %s into $(%s) of %s",
		                            quote(r, name), quote(r, old->secret->name.text),
		                            quote(r, old->key), old->name, quote(r, old->expanded_by));
		diag_note(&r->c->diags, g, old->loc, "$(%s) is used here", old->name);
		return;
	}
	if (old)
		remove_env(eb, old);
	append_env(eb, e);
}

/* The env from names, each a config or a secret, each once. */
static void
resolve_env_sources(struct resolver *r, struct component *comp)
{
	for (size_t i = 0; i < comp->env_from_props.len; i++) {
		const struct ast_prop *prop = comp->env_from_props.items[i];
		for (size_t k = 0; k < prop->u.names.len; k++) {
			const struct ident *name = prop->u.names.items[k];
			struct decl *d = lookup(r, *name, 1u << DECL_CONFIG | 1u << DECL_SECRET,
			                        "config or secret");
			if (!d)
				continue;
			struct env_source *old = NULL;
			for (size_t j = 0; j < comp->env_from.len && !old; j++)
				if (strcmp(((struct env_source *)comp->env_from.items[j])->name.text,
				           name->text) == 0)
					old = comp->env_from.items[j];
			if (old) {
				struct diagnostic *g = diag(&r->c->diags, E0402, name->loc,
				                            "%s is taken twice with 'env from'",
				                            quote(r, name->text));
				diag_note(&r->c->diags, g, old->name.loc, "first taken here");
				continue;
			}
			struct env_source *src = NEW(r->a, struct env_source);
			src->name = *name;
			if (d->kind == DECL_SECRET)
				src->secret = d->what;
			else
				src->config = d->what;
			vec_push(r->a, &comp->env_from, src);
		}
	}
}

static void
resolve_env(struct resolver *r, struct component *comp)
{
	struct env_builder eb = {r, comp, {0}, {0}};
	resolve_env_sources(r, comp);
	/* Every name the container gets from envFrom or env { }. */
	for (size_t i = 0; i < comp->env_from.len; i++) {
		struct env_source *src = comp->env_from.items[i];
		const struct vec *keys = src->config ? &src->config->keys : &src->secret->keys;
		for (size_t j = 0; j < keys->len; j++) {
			struct kv *kv = keys->items[j];
			if (src->secret) {
				strmap_put(r->a, &eb.elsewhere, kv->key.text, src->secret);
				continue;
			}
			struct rvalue *v = resolve_config_key(r, src->config, kv);
			if (v && v->kind == RV_TEXT)
				strmap_put(r->a, &eb.elsewhere, kv->key.text, src->config);
		}
	}
	for (size_t i = 0; i < comp->env_blocks.len; i++) {
		const struct ast_prop *prop = comp->env_blocks.items[i];
		for (size_t k = 0; k < prop->u.entries.len; k++) {
			const struct ast_entry *e = prop->u.entries.items[k];
			strmap_put(r->a, &eb.elsewhere, e->key.text, (void *)e);
		}
	}
	/* 1. env from */
	for (size_t i = 0; i < comp->env_from.len; i++) {
		struct env_source *src = comp->env_from.items[i];
		if (!src->config)
			continue;
		for (size_t j = 0; j < src->config->keys.len; j++) {
			struct kv *kv = src->config->keys.items[j];
			struct rvalue *v = resolve_config_key(r, src->config, kv);
			struct env_var *earlier = v ? find_env(&eb, kv->key.text) : NULL;
			if (v && v->kind != RV_TEXT)
				add_env(&eb, kv->key.text, v, src->name.loc, true);
			else if (earlier && !earlier->expanded_by)
				remove_env(&eb, earlier); /* this later envFrom key wins */
		}
	}
	/* 2. env { } */
	for (size_t i = 0; i < comp->env_blocks.len; i++) {
		const struct ast_prop *prop = comp->env_blocks.items[i];
		for (size_t k = 0; k < prop->u.entries.len; k++) {
			const struct ast_entry *e = prop->u.entries.items[k];
			struct rvalue *v = resolve_value(r, e->value, IN_ENV);
			if (v)
				add_env(&eb, e->key.text, v, e->key.loc, false);
		}
	}
	finish_env(comp);
}

static void
resolve_volumes(struct resolver *r, struct component *comp)
{
	for (size_t i = 0; i < comp->volume_props.len; i++) {
		const struct ast_prop *prop = comp->volume_props.items[i];
		struct volume *vol = NEW(r->a, struct volume);
		vol->kind = prop->u.volume.kind;
		vol->name = prop->u.volume.name;
		vol->path = resolve_text(r, prop->u.volume.path, "a mount path");
		vol->path_loc = prop->u.volume.path->loc;
		vol->loc = prop->loc;
		if (prop->u.volume.size)
			vol->size = (struct quantity){prop->u.volume.size->text, prop->u.volume.size->loc, 0};
		vol->class = resolve_text(r, prop->u.volume.class, "a storage class");
		if (vol->kind == VOLUME_CONFIG || vol->kind == VOLUME_SECRET) {
			bool config = vol->kind == VOLUME_CONFIG;
			struct decl *d = lookup(r, prop->u.volume.source,
			                        1u << (config ? DECL_CONFIG : DECL_SECRET),
			                        config ? "config" : "secret");
			if (d && config)
				vol->config = d->what;
			else if (d)
				vol->secret = d->what;
			for (size_t k = 0; vol->config && k < vol->config->keys.len; k++) {
				struct kv *kv = vol->config->keys.items[k];
				struct rvalue *v = resolve_config_key(r, vol->config, kv);
				if (v && v->kind != RV_TEXT) {
					struct diagnostic *g = diag(&r->c->diags, E0703, prop->loc,
					                            "config %s cannot be mounted as files: its key "
					                            "%s holds a secret, which is kept out of the "
					                            "ConfigMap", quote(r, vol->config->name.text),
					                            quote(r, kv->key.text));
					diag_note(&r->c->diags, g, kv->loc, "the key is set here");
					break;
				}
			}
		}
		if (vol->kind == VOLUME_CLAIM && !comp->stateful)
			vol->claim_name = arena_printf(r->a, "%s-%s", comp->workload_name, vol->name.text);
		for (size_t k = 0; k < comp->volumes.len; k++) {
			struct volume *old = comp->volumes.items[k];
			if (strcmp(old->name.text, vol->name.text) == 0) {
				struct diagnostic *g = diag(&r->c->diags, E0401, vol->name.loc,
				                            "volume %s is declared twice",
				                            quote(r, vol->name.text));
				diag_note(&r->c->diags, g, old->name.loc, "first declared here");
			}
		}
		vec_push(r->a, &comp->volumes, vol);
	}
}

static void
resolve_resources(struct compilation *c, const struct ast_prop *prop, struct resources *out,
                  struct loc *loc)
{
	if (!prop)
		return;
	*loc = prop->loc;
	const struct ast_resources *res = &prop->u.resources;
	if (!res->cpu && !res->memory)
		diag(&c->diags, E0201, prop->loc, "'%s' names no resource; write '%s cpu 100m memory 128Mi'",
		     prop->kind == PROP_REQUESTS ? "requests" : "limits",
		     prop->kind == PROP_REQUESTS ? "requests" : "limits");
	if (res->cpu)
		out->cpu = (struct quantity){res->cpu->text, res->cpu->loc, 0};
	if (res->memory)
		out->memory = (struct quantity){res->memory->text, res->memory->loc, 0};
}

static void
resolve_strings(struct resolver *r, const struct ast_prop *prop, struct vec *out,
                const char *where)
{
	for (size_t i = 0; prop && i < prop->u.strings.len; i++) {
		const char *s = resolve_text(r, prop->u.strings.items[i], where);
		if (s)
			vec_push(r->a, out, (void *)s);
	}
}

static void
resolve_pod_metadata(struct resolver *r, const struct ast_prop *prop, struct vec *out)
{
	for (size_t i = 0; prop && i < prop->u.entries.len; i++) {
		const struct ast_entry *e = prop->u.entries.items[i];
		struct header *h = NEW(r->a, struct header);
		h->name = e->key.text;
		h->value = resolve_text(r, e->value->string, "a label or annotation");
		h->loc = e->loc;
		if (h->value)
			vec_push(r->a, out, h);
	}
}

/* The names and the properties that other components' references need
 * (ports, expose) come first, for every component. */
static void
resolve_component_shape(struct resolver *r, struct component *comp)
{
	const struct ast_prop *const *prop = comp->prop;
	comp->workload_name = derive_name(r, NAMING_WORKLOAD, comp->name.text);
	comp->service_name = derive_name(r, NAMING_SERVICE, comp->name.text);
	comp->container_name = prop[PROP_CONTAINER] ? prop[PROP_CONTAINER]->u.container.text
	                                             : comp->name.text;
	comp->container_loc = prop[PROP_CONTAINER] ? prop[PROP_CONTAINER]->u.container.loc
	                                            : comp->name.loc;
	resolve_ports(r, comp);
	comp->expose = EXPOSE_CLUSTERIP;
	if (prop[PROP_EXPOSE]) {
		comp->has_expose = true;
		comp->expose = prop[PROP_EXPOSE]->u.expose.kind;
		comp->expose_loc = prop[PROP_EXPOSE]->loc;
		comp->node_port = prop[PROP_EXPOSE]->u.expose.node_port.value;
	}
}

static void
resolve_component(struct resolver *r, struct component *comp)
{
	struct compilation *c = r->c;
	const struct ast_prop *const *prop = comp->prop;

	if (prop[PROP_IMAGE]) {
		comp->image = resolve_text(r, prop[PROP_IMAGE]->u.image, "an image");
		comp->image_loc = prop[PROP_IMAGE]->u.image->loc;
	}
	comp->replicas = 1;
	if (prop[PROP_REPLICAS]) {
		comp->has_replicas = true;
		comp->replicas = prop[PROP_REPLICAS]->u.replicas.value;
		comp->replicas_loc = prop[PROP_REPLICAS]->loc;
	}
	if (prop[PROP_AUTOSCALE]) {
		comp->autoscaled = true;
		comp->min_replicas = prop[PROP_AUTOSCALE]->u.autoscale.min.value;
		comp->max_replicas = prop[PROP_AUTOSCALE]->u.autoscale.max.value;
		comp->cpu_percent = prop[PROP_AUTOSCALE]->u.autoscale.percent.value;
		comp->autoscale_loc = prop[PROP_AUTOSCALE]->loc;
	}
	resolve_resources(c, prop[PROP_REQUESTS], &comp->requests, &comp->requests_loc);
	resolve_resources(c, prop[PROP_LIMITS], &comp->limits, &comp->limits_loc);
	resolve_env(r, comp);
	for (int slot = 0; slot < PROBE_SLOTS; slot++)
		resolve_probe(r, comp, (enum probe_slot)slot);
	for (size_t i = 0; i < comp->expose_as_props.len; i++) {
		const struct ast_prop *p = comp->expose_as_props.items[i];
		struct extra_service *x = NEW(r->a, struct extra_service);
		x->kind = p->u.expose.kind;
		x->name = p->u.expose.as.text;
		x->node_port = p->u.expose.node_port.value;
		x->loc = p->loc;
		vec_push(r->a, &comp->extra_services, x);
	}
	resolve_volumes(r, comp);
	for (size_t i = 0; i < comp->after_props.len; i++) {
		const struct ast_prop *p = comp->after_props.items[i];
		for (size_t k = 0; k < p->u.names.len; k++) {
			const struct ident *name = p->u.names.items[k];
			struct decl *d = lookup(r, *name, 1u << DECL_COMPONENT, "workload");
			if (!d)
				continue;
			struct wait *twin = NULL;
			for (size_t j = 0; j < comp->waits.len && !twin; j++)
				if (((struct wait *)comp->waits.items[j])->target == d->what)
					twin = comp->waits.items[j];
			if (twin) {
				struct diagnostic *g = diag(&r->c->diags, E0402, name->loc,
				                            "%s is named twice after 'after'",
				                            quote(r, name->text));
				diag_note(&r->c->diags, g, twin->loc, "first named here");
				continue;
			}
			struct wait *w = NEW(r->a, struct wait);
			w->target = d->what;
			w->loc = name->loc;
			vec_push(r->a, &comp->waits, w);
		}
	}
	comp->has_command = prop[PROP_COMMAND] != NULL;
	comp->has_args = prop[PROP_ARGS] != NULL;
	resolve_strings(r, prop[PROP_COMMAND], &comp->command, "a command");
	resolve_strings(r, prop[PROP_ARGS], &comp->args, "args");
	comp->grace = prop[PROP_GRACE] ? prop[PROP_GRACE]->u.grace.value : -1;
	resolve_pod_metadata(r, prop[PROP_LABELS], &comp->pod_labels);
	resolve_pod_metadata(r, prop[PROP_ANNOTATIONS], &comp->pod_annotations);
	if (prop[PROP_ROUTE]) {
		const struct ast_prop *p = prop[PROP_ROUTE];
		struct route *route = NEW(r->a, struct route);
		route->loc = p->loc;
		route->host = resolve_text(r, p->u.route.host, "a route's host");
		route->host_loc = p->u.route.host->loc;
		route->path = p->u.route.path ? resolve_text(r, p->u.route.path, "a route's path") : "/";
		route->path_loc = p->u.route.path ? p->u.route.path->loc : p->loc;
		if (p->u.route.tls.text) {
			route->tls_loc = p->u.route.tls.loc;
			struct decl *d = lookup(r, p->u.route.tls, 1u << DECL_SECRET, "secret");
			if (d) {
				route->tls_secret = d->what;
				route->tls = route->tls_secret->k8s_name;
				route->tls_secret->tls_use = p->u.route.tls.loc;
			}
		}
		if (route->host && route->path)
			vec_push(r->a, &comp->routes, route);
	}
}

void
resolve_stack(struct compilation *c)
{
	struct resolver r = {c, c->stack, &c->arena, 0};
	struct stack *s = c->stack;
	resolve_params(&r);
	for (size_t i = 0; i < s->configs.len; i++) {
		struct config *cfg = s->configs.items[i];
		cfg->k8s_name = derive_name(&r, NAMING_CONFIG, cfg->name.text);
	}
	for (size_t i = 0; i < s->secrets.len; i++) {
		struct secret *sec = s->secrets.items[i];
		sec->k8s_name = derive_name(&r, NAMING_SECRET, sec->name.text);
	}
	for (size_t i = 0; i < s->components.len; i++)
		resolve_component_shape(&r, s->components.items[i]);
	for (size_t i = 0; i < s->secrets.len; i++) {
		struct secret *sec = s->secrets.items[i];
		for (size_t k = 0; k < sec->keys.len; k++)
			resolve_secret_key(&r, sec, sec->keys.items[k]);
	}
	for (size_t i = 0; i < s->configs.len; i++) {
		struct config *cfg = s->configs.items[i];
		for (size_t k = 0; k < cfg->keys.len; k++)
			resolve_config_key(&r, cfg, cfg->keys.items[k]);
	}
	for (size_t i = 0; i < s->components.len; i++)
		resolve_component(&r, s->components.items[i]);
}
