/*
 * resolve.c - gives every name and value of the stack its meaning.
 *
 * Applies -D to params; derives the Kubernetes names of configs and
 * secrets (naming templates); resolves references (docs/language.md
 * section 6) to text, to a secret key or to a config key.  The values of
 * config and secret keys (secret values read from env("VAR") and
 * file("path")) are src/keys.c's; params and names are src/naming.c's.  The components' facts are
 * computed by src/component.c and their environments by src/env.c, both
 * through the functions of include/resolve.h defined here.
 */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

#include "io.h"

static struct rvalue *
text_value(struct resolver *r, const char *text, size_t len)
{
	struct rvalue *v = NEW(r->a, struct rvalue);
	v->kind = RV_TEXT;
	v->text = text;
	v->len = len;
	return v;
}

const char *
rquote(struct resolver *r, const char *s)
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
	case DECL_KINDS: break;
	}
	return "name";
}

/* The declared name closest to `got`, among the kinds in the mask. */
const char *
suggest_name(struct resolver *r, const char *got, unsigned kinds)
{
	struct suggestion s = suggestion_start(&r->c->diags.suggestion_budget, got);
	for (int kind = 0; kind < DECL_KINDS; kind++)
		for (size_t i = 0; (kinds & 1u << kind) && i < r->s->decls[kind].len; i++)
			suggestion_consider(&s, ((const struct decl *)r->s->decls[kind].items[i])->name);
	return s.best;
}

static const char *
suggest_key(struct resolver *r, const struct vec *keys, const char *got)
{
	struct suggestion s = suggestion_start(&r->c->diags.suggestion_budget, got);
	for (size_t i = 0; i < keys->len; i++)
		suggestion_consider(&s, ((struct kv *)keys->items[i])->key.text);
	return s.best;
}

/* The message of an undeclared name, with the declared name closest to
 * it, else the names of the kinds in `listed` it could have been (none: 0). */
static const char *
unknown_message(struct resolver *r, const char *name, unsigned kinds, const char *what,
                unsigned listed, const struct component *waiter)
{
	const char *best = suggest_name(r, name, kinds);
	struct decl *near = best ? strmap_get(&r->s->names, best) : NULL;
	if (near && (kinds & (kinds - 1)) && strcmp(what, "name") != 0)
		what = decl_kind_name(near->kind); /* "unknown config", not "config or secret" */
	if (best)
		return arena_printf(r->a, "unknown %s %s; did you mean '%s'?", what, rquote(r, name),
		                    best);
	if (listed)
		return arena_printf(r->a, "unknown %s %s; %s", what, rquote(r, name),
		                    listed_names(r, name, listed, waiter));
	return arena_printf(r->a, "unknown %s %s", what, rquote(r, name));
}

/* lookup(), and for an `after` of `waiter` (else NULL) the words of its
 * errors; `fix`, when not NULL, what to write when the name is a
 * declaration of another kind. */
static struct decl *
lookup_for(struct resolver *r, struct ident name, unsigned kinds, const char *what,
           const struct component *waiter, const char *fix)
{
	struct decl *d = strmap_get(&r->s->names, name.text);
	if (d && (kinds & 1u << d->kind))
		return d;
	if (d) {
		const char *q = rquote(r, name.text);
		if (fix)
			fix = arena_printf(r->a, "; write %s", fix);
		else if (!waiter)
			fix = "";
		else if (d->kind != DECL_PARAM)
			fix = arena_printf(r->a, "; the configs and secrets are applied before the "
			                   "workloads, and a pod starts only once those it takes exist: "
			                   "remove %s from the 'after'", q);
		else
			fix = arena_printf(r->a, "; %s", listed_names(r, name.text, kinds, waiter));
		struct diagnostic *g = diag(&r->c->diags, E0303, name.loc, "%s is a %s, not a %s%s",
		                            q, decl_kind_name(d->kind), what, fix);
		diag_note(&r->c->diags, g, d->loc, "%s is declared here", q);
		return NULL;
	}
	/* env from creds.PASSWORD: a member where the thing itself is named. */
	const char *dot = strchr(name.text, '.');
	struct decl *owner = dot ? strmap_get(&r->s->names, arena_strndup(r->a, name.text,
	                                                                  (size_t)(dot - name.text)))
	                         : NULL;
	if (owner && (kinds & 1u << owner->kind)) {
		diag(&r->c->diags, E0303, name.loc, "%s is a %s of %s %s, and a %s is named here; "
		     "write %s", rquote(r, name.text),
		     owner->kind == DECL_COMPONENT ? "member" : "key", decl_kind_name(owner->kind),
		     rquote(r, owner->name), what, rquote(r, owner->name));
		return NULL;
	}
	unknown_use(r, &(struct ast_ref){name, {NULL, name.loc}, name.loc},
	            unknown_message(r, name.text, kinds, what, kinds, waiter));
	return NULL;
}

struct decl *
lookup(struct resolver *r, struct ident name, unsigned kinds, const char *what)
{
	return lookup_for(r, name, kinds, what, NULL, NULL);
}

struct decl *
lookup_or_write(struct resolver *r, struct ident name, unsigned kinds, const char *what,
                const char *fix)
{
	return lookup_for(r, name, kinds, what, NULL, fix);
}

struct decl *
lookup_after(struct resolver *r, struct ident name, const struct component *waiter)
{
	return lookup_for(r, name, 1u << DECL_COMPONENT, "workload", waiter, NULL);
}

/* The configs and secrets with a key, as "secret 'db'", at most three,
 * their count in *count. */
const char *
keysets_with_key(struct resolver *r, const char *key, size_t *count, const char **only)
{
	const char *found = NULL;
	*count = 0;
	for (int kind = DECL_CONFIG; kind <= DECL_SECRET; kind++)
		for (size_t i = 0; i < r->s->decls[kind].len && *count < 3; i++) {
			const struct keyset *set = ((const struct decl *)r->s->decls[kind].items[i])->what;
			if (!strmap_get(&set->by_key, key))
				continue;
			const char *one = arena_printf(r->a, "%s %s", decl_kind_name(kind),
			                               rquote(r, set->name.text));
			found = found ? arena_printf(r->a, "%s, %s", found, one) : one;
			*only = set->name.text;
			++*count;
		}
	return found;
}

const char *
key_list(struct resolver *r, const struct vec *keys)
{
	enum { LISTED = 5 };
	const char *names[LISTED];
	size_t n = keys->len < LISTED ? keys->len : LISTED;
	for (size_t i = 0; i < n; i++)
		names[i] = ((const struct kv *)keys->items[i])->key.text;
	return !n ? "it has no keys"
	          : arena_printf(r->a, "%s %s", n == 1 ? "its key is" : "its keys are",
	                         diag_quote_list(r->a, names, n, keys->len));
}

static struct kv *
lookup_key(struct resolver *r, const struct ast_ref *ref, const struct vec *keys,
           struct strmap *by_key, const char *kind)
{
	if (!ref->member.text) {
		diag(&r->c->diags, E0302, ref->loc,
		     "%s %s is used without a key; write %s.KEY (%s)", kind, rquote(r, ref->name.text),
		     ref->name.text, key_list(r, keys));
		return NULL;
	}
	struct kv *kv = strmap_get(by_key, ref->member.text);
	if (kv)
		return kv;
	const char *best = suggest_key(r, keys, ref->member.text);
	if (best)
		diag(&r->c->diags, E0302, ref->member.loc, "%s %s has no key %s; did you mean '%s'?",
		     kind, rquote(r, ref->name.text), rquote(r, ref->member.text), best);
	else
		diag(&r->c->diags, E0302, ref->member.loc, "%s %s has no key %s; %s", kind,
		     rquote(r, ref->name.text), rquote(r, ref->member.text), key_list(r, keys));
	return NULL;
}

/* Values */

/* W.host, W.port, W.url (docs/language.md section 6): read off the
 * component's main Service. */
static struct rvalue *
workload_member(struct resolver *r, struct component *w, const struct ast_ref *ref)
{
	static const char *const members[] = {"host", "port", "url"};
	const char *m = ref->member.text;
	if (!m) {
		diag(&r->c->diags, E0302, ref->loc,
		     "workload %s is used without a member; write %s.host, %s.port or %s.url",
		     rquote(r, ref->name.text), ref->name.text, ref->name.text, ref->name.text);
		return NULL;
	}
	int which = -1;
	for (int i = 0; i < 3; i++)
		if (strcmp(m, members[i]) == 0)
			which = i;
	if (which < 0) {
		/* URL, Host: the member in lower case, however far in edits. */
		const char *folded = dns_label(r->a, m, "", 63);
		struct suggestion s = suggestion_start(&r->c->diags.suggestion_budget, m);
		for (int i = 0; i < 3; i++)
			if (strcmp(folded, members[i]) == 0)
				s.best = members[i];
		for (int i = 0; i < 3 && !s.best; i++)
			suggestion_consider(&s, members[i]);
		size_t count = 0;
		const char *only = NULL, *sets = s.best ? NULL : keysets_with_key(r, m, &count, &only);
		const char *key_hint = count != 1 ? ""
		                       : arena_printf(r->a, "; key %s is in %s: did you mean '%s.%s'?",
		                                      rquote(r, m), sets, only, m);
		diag(&r->c->diags, E0302, ref->member.loc,
		     "workload %s has no member %s%s%s%s (its members are host, port and url)%s",
		     rquote(r, ref->name.text), rquote(r, m), s.best ? "; did you mean '" : "",
		     s.best ? s.best : "", s.best ? "'?" : "", key_hint);
		return NULL;
	}
	const struct service *svc = w->service;
	bool no_port = !w->ports.len, none = w->expose.kind == EXPOSE_NONE;
	if (!svc && w->kind <= WORKLOAD_STATEFULSET &&
	    (w->kind == WORKLOAD_STATEFULSET || no_port != none))
		return NULL; /* the checks report why at the component (E0513, E0409): once */
	if (!svc) {
		struct diagnostic *g = diag(&r->c->diags, E0305, ref->loc,
		                            "%s has no Service, so it has no %s",
		                            rquote(r, ref->name.text), m);
		if (w->kind > WORKLOAD_STATEFULSET)
			diag_note(&r->c->diags, g, w->name.loc, "%s is declared here as a %s, which runs "
			          "to completion and has no Service", rquote(r, ref->name.text),
			          w->kind == WORKLOAD_JOB ? "job" : "cron");
		else
			diag_note(&r->c->diags, g, w->name.loc, "%s is declared here without a port",
			          rquote(r, ref->name.text));
		return NULL;
	}
	if (r->refs)
		vec_push(r->a, r->refs, w);
	const char *text = which == 0 ? svc->name
	                   : which == 1 ? arena_printf(r->a, "%lld", svc->port->number)
	                                : svc->url;
	return text_value(r, text, strlen(text));
}

/* C.KEY of a config or X.KEY of a secret: a config key stays a reference
 * in env (configMapKeyRef) and is its value elsewhere; a secret key is its
 * bytes inside a secret, and a reference (secretKeyRef) elsewhere. */
/* A key of an external config or secret: one of its listed keys, or,
 * when none are listed, any key, made on first use. */
static struct kv *
external_key(struct resolver *r, struct keyset *set, const struct ast_ref *ref)
{
	const char *kind = set->secret ? "external secret" : "external config";
	if (set->keys_listed || !ref->member.text)
		return lookup_key(r, ref, &set->keys, &set->by_key, kind);
	struct kv *kv = strmap_get(&set->by_key, ref->member.text);
	if (kv)
		return kv;
	kv = NEW(r->a, struct kv);
	kv->key = ref->member;
	kv->loc = ref->member.loc;
	vec_push(r->a, &set->keys, kv);
	strmap_put(r->a, &set->by_key, kv->key.text, kv);
	return kv;
}

/* What an external object's key may become: a reference to it, taken by
 * Kubernetes when the pod starts; never a value at compile time. */
static bool
external_use_allowed(struct resolver *r, const struct keyset *set, const struct ast_ref *ref,
                     enum place place, bool bare)
{
	if (set->secret ? place != IN_SECRET : place == IN_ENV && bare)
		return true;
	diag(&r->c->diags, E0303, ref->loc,
	     "%s %s is external: the value of its key %s is not known at compile time%s",
	     set->secret ? "secret" : "config", rquote(r, set->name.text),
	     rquote(r, ref->member.text),
	     set->secret ? ", so another secret cannot be made of it"
	                 : arena_printf(r->a, "; take it whole in an env block (NAME = %s.%s)",
	                                ref->name.text, ref->member.text));
	return false;
}

static struct rvalue *keyset_value(struct resolver *r, struct keyset *set, struct kv *kv,
                                   const struct ast_ref *ref, enum place place);

static struct rvalue *
keyset_member(struct resolver *r, struct keyset *set, const struct ast_ref *ref,
              enum place place, bool bare)
{
	struct kv *kv = set->external ? external_key(r, set, ref)
	                              : lookup_key(r, ref, &set->keys, &set->by_key,
	                                           set->secret ? "secret" : "config");
	if (!kv || (set->external && !external_use_allowed(r, set, ref, place, bare)))
		return NULL;
	struct rvalue *v = keyset_value(r, set, kv, ref, place);
	for (size_t i = 0; r->refs && i < kv->refs.len; i++)
		vec_push(r->a, r->refs, kv->refs.items[i]);
	return v;
}

/* What a key of a config or secret is where it is used. */
static struct rvalue *
keyset_value(struct resolver *r, struct keyset *set, struct kv *kv, const struct ast_ref *ref,
             enum place place)
{
	if (set->external) {
		struct rvalue *keyref = NEW(r->a, struct rvalue);
		keyref->kind = set->secret ? RV_SECRET_REF : RV_CONFIG_REF;
		keyref->set = set;
		keyref->key = kv;
		return keyref;
	}
	struct rvalue *v = NULL;
	if (set->secret && place == IN_SECRET) {
		resolve_secret_key(r, set, kv);
		return kv->bytes ? text_value(r, kv->bytes, kv->nbytes) : NULL;
	}
	if (!set->secret) {
		v = resolve_config_key(r, set, kv);
		if (v && v->binary) {
			diag(&r->c->diags, E0303, ref->loc,
			     "config %s key %s holds binary data (it goes to the ConfigMap's binaryData), "
			     "which only a volume can take", rquote(r, set->name.text),
			     rquote(r, kv->key.text));
			return NULL;
		}
		if (!v || place != IN_ENV || v->kind != RV_TEXT)
			return v;
	}
	struct rvalue *keyref = NEW(r->a, struct rvalue);
	keyref->kind = set->secret ? RV_SECRET_REF : RV_CONFIG_REF;
	keyref->set = set;
	keyref->key = kv;
	return keyref;
}

/* Records a resolved reference for the language server's hover. */
static void
record_reference(struct resolver *r, const struct ast_ref *ref, const struct decl *d,
                 const struct rvalue *v)
{
	if (!r->c->syntax)
		return;
	struct reference *use = NEW(r->a, struct reference);
	use->loc = ref->loc;
	use->decl = d;
	use->member = ref->member.text;
	if (v && v->kind == RV_TEXT && d->kind != DECL_SECRET)
		use->value = v->text;
	else if (v && v->kind == RV_CONFIG_REF && v->key->value && v->key->value->kind == RV_TEXT)
		use->value = v->key->value->text;
	vec_push(r->a, &r->c->syntax->references, use);
}

/* An upper-case name, as shells and Compose name their variables. */
static bool
shell_variable_like(const char *name)
{
	bool upper = false;
	for (const char *c = name; *c; c++) {
		if (!((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_'))
			return false;
		upper |= *c >= 'A' && *c <= 'Z';
	}
	return upper;
}

/* The kinds an unknown name could have been, to list: a param for
 * ${NAME}; a config or a secret for NAME.KEY, unless the key is in one
 * (a note says so); none for NAME.host, .port or .url (the workloads with
 * a Service are listed when it is reported). */
static unsigned
unknown_ref_kinds(struct resolver *r, const struct ast_ref *ref)
{
	const char *m = ref->member.text, *only;
	size_t count;
	if (!m)
		return 1u << DECL_PARAM;
	if (strcmp(m, "host") == 0 || strcmp(m, "port") == 0 || strcmp(m, "url") == 0 ||
	    (keysets_with_key(r, m, &count, &only), count))
		return 0;
	return 1u << DECL_CONFIG | 1u << DECL_SECRET;
}

/* `bare`: the reference is a whole value (not inside a string), where a
 * word meant as text is a likely mistake. */
static struct rvalue *
resolve_ref(struct resolver *r, const struct ast_ref *ref, enum place place, bool bare)
{
	struct decl *d = strmap_get(&r->s->names, ref->name.text);
	if (!d && bare && place == IN_SECRET) {
		/* PASSWORD = hunter2 (or sup3r.s3cret): a secret's value, hidden in
		 * the excerpt too (and never offered as a near name's misspelling). */
		diag_redact(&r->c->diags, ref->loc);
		diag(&r->c->diags, E0301, ref->loc,
		     "unknown name; a secret's value is text, written in quotes or read with env() "
		     "or file()");
		return NULL;
	}
	if (!d && bare && !ref->member.text && !suggest_name(r, ref->name.text, DECL_ANY)) {
		/* DEBUG = true: a word meant as text, not a reference. */
		diag(&r->c->diags, E0301, ref->name.loc,
		     "unknown name %s; a text value is written in quotes: \"%s\"",
		     rquote(r, ref->name.text), ref->name.text);
		return NULL;
	}
	if (!d && !bare && !ref->member.text && shell_variable_like(ref->name.text) &&
	    !suggest_name(r, ref->name.text, DECL_ANY)) {
		/* "${TAG}", "${HOME}": a shell's or Compose's variable. */
		const char *folded = shell_name_folded(r->a, ref->name.text);
		if (strmap_get(&r->s->names, folded))
			unknown_use(r, ref, arena_printf(r->a, "unknown name %s; did you mean '%s'?",
			                         rquote(r, ref->name.text), folded));
		else
			unknown_use(r, ref, arena_printf(r->a,
			                         "unknown name %s: '${...}' names a param, a component or a "
			                         "config of the stack; declare 'param %s = \"...\"' and "
			                         "write '${%s}', write '\\${' for a literal '${', or '$(%s)' "
			                         "for the container's own variable",
			                         rquote(r, ref->name.text), folded, folded, ref->name.text));
		return NULL;
	}
	if (!d) {
		unknown_use(r, ref, unknown_message(r, ref->name.text, DECL_ANY, "name",
		                                    unknown_ref_kinds(r, ref), NULL));
		return NULL;
	}
	struct rvalue *v = NULL;
	switch (d->kind) {
	case DECL_PARAM: {
		struct param *param = d->what;
		if (ref->member.text)
			diag(&r->c->diags, E0302, ref->member.loc, "param %s has no members",
			     rquote(r, ref->name.text));
		else if (param->value)
			v = text_value(r, param->value, strlen(param->value));
		break;
	}
	case DECL_COMPONENT: v = workload_member(r, d->what, ref); break;
	case DECL_CONFIG:
	case DECL_SECRET: v = keyset_member(r, d->what, ref, place, bare); break;
	case DECL_KINDS: break;
	}
	record_reference(r, ref, d, v);
	return v;
}

static void
add_segment(struct resolver *r, struct rvalue *v, const char *text, size_t len,
            struct keyset *sec, struct kv *key)
{
	struct segment *seg = NEW(r->a, struct segment);
	seg->text = text;
	seg->len = len;
	seg->secret = sec;
	seg->key = key;
	vec_push(r->a, &v->segments, seg);
}

/* What a secret key in a template counts for against the limits: about
 * the memory its segment takes. */
enum { SECRET_SEGMENT_SIZE = 32 };

/* What a value counts for against the limits: its bytes (a template keeps
 * the count of its text and secret keys in len). */
static size_t
value_size(const struct rvalue *v)
{
	return v->kind == RV_TEXT || v->kind == RV_TEMPLATE ? v->len : SECRET_SEGMENT_SIZE;
}

/* Whether adding `more` bytes to a value of `size` bytes, at the
 * reference `at`, stays within the limits on one value and on all of
 * them; reports the crossing once. */
bool
within_limits(struct resolver *r, size_t size, size_t more, struct loc at)
{
	if (size + more > MAX_VALUE_BYTES) {
		diag(&r->c->diags, E0307, at,
		     "the value grows past %u bytes at this reference; a value holds at most "
		     "1 MiB, as a Kubernetes object does", MAX_VALUE_BYTES);
		return false;
	}
	if (r->resolved_bytes + size + more > MAX_RESOLVED_BYTES) {
		if (!r->over_budget)
			diag(&r->c->diags, E0307, at,
			     "the stack's values grow past %u bytes in all at this reference",
			     MAX_RESOLVED_BYTES);
		r->over_budget = true;
		return false;
	}
	return true;
}

/* A template without secret keys: its text. */
static struct rvalue *
join_segments(struct resolver *r, struct rvalue *v)
{
	struct buf b = {0};
	for (size_t i = 0; i < v->segments.len; i++) {
		struct segment *seg = v->segments.items[i];
		buf_append(&b, seg->text, seg->len);
	}
	/* The template becomes the text: no second record. */
	v->kind = RV_TEXT;
	v->len = b.len;
	v->text = arena_buf_take(r->a, &b);
	v->segments = (struct vec){0};
	return v;
}

/* The text of a string literal without references, which is its own
 * value (NULL when it has references). */
static const char *
literal_text(const struct ast_string *str, size_t *len)
{
	const struct ast_part *first = str->parts.len ? str->parts.items[0] : NULL;
	if (str->parts.len > 1 || (first && first->is_ref))
		return NULL;
	*len = first ? first->len : 0;
	return first ? first->text : "";
}

/* A string literal with its interpolations: plain text, or a template
 * with secret keys in it.  NULL after an error. */
static struct rvalue *
resolve_string(struct resolver *r, const struct ast_string *str, enum place place)
{
	size_t len;
	const char *text = literal_text(str, &len);
	if (text) {
		/* A literal without references is its own text, not a copy. */
		r->resolved_bytes += len;
		return text_value(r, text, len);
	}
	struct rvalue *v = NEW(r->a, struct rvalue);
	v->kind = RV_TEMPLATE;
	bool ok = true, secret = false;
	enum place inner = place == IN_ENV ? IN_CONFIG : place;
	for (size_t i = 0; i < str->parts.len; i++) {
		const struct ast_part *part = str->parts.items[i];
		if (!part->is_ref) {
			add_segment(r, v, part->text, part->len, NULL, NULL);
			v->len += part->len;
			continue;
		}
		struct rvalue *rv = resolve_ref(r, part->ref, inner, false);
		if (rv && ok && !within_limits(r, v->len, value_size(rv), part->ref->loc))
			rv = NULL;
		if (!rv) {
			ok = false;
			continue;
		}
		if (!ok)
			continue; /* the rest is resolved for its errors only */
		v->len += value_size(rv);
		switch (rv->kind) {
		case RV_TEXT:
			add_segment(r, v, rv->text, rv->len, NULL, NULL);
			break;
		case RV_SECRET_REF:
			add_segment(r, v, NULL, 0, rv->set, rv->key);
			secret = true;
			break;
		case RV_TEMPLATE:
			for (size_t k = 0; k < rv->segments.len; k++)
				vec_push(r->a, &v->segments, rv->segments.items[k]);
			secret = true;
			break;
		case RV_CONFIG_REF:
		case RV_FIELD:
			break; /* not produced for IN_CONFIG */
		}
	}
	if (!ok)
		return NULL;
	r->resolved_bytes += v->len;
	if (!secret)
		return join_segments(r, v);
	if (v->segments.len == 1) {
		/* "${secret.KEY}" is the whole secret key. */
		struct segment *seg = v->segments.items[0];
		v->kind = RV_SECRET_REF;
		v->set = seg->secret;
		v->key = seg->key;
	}
	return v;
}

/* field("PATH"): a field of the pod, read by env through the downward API. */
static struct rvalue *
field_value(struct resolver *r, const struct ast_value *v, enum place place)
{
	if (place != IN_ENV) {
		diag(&r->c->diags, E0303, v->loc,
		     "field(...) reads a field of the pod: it belongs in an 'env' block");
		return NULL;
	}
	const char *path = resolve_text_of(r, v->string, "field(...)");
	if (!path)
		return NULL;
	const char *problem = field_path_problem(path);
	if (problem) {
		diag(&r->c->diags, E0521, v->string->loc, "field %s is not one env can read: %s",
		     rquote(r, path), problem);
		return NULL;
	}
	struct rvalue *f = text_value(r, path, strlen(path));
	f->kind = RV_FIELD;
	return f;
}

/* file("path") as a config value: a file kept beside the stack (such as
 * nginx.conf), read at compile time; bytes that are not UTF-8 text go to
 * the ConfigMap's binaryData. */
static struct rvalue *
config_file(struct resolver *r, const struct ast_value *v)
{
	const char *path = resolve_text_of(r, v->string, "file(...)");
	size_t len = 0;
	const char *bytes = path ? read_stack_file(r->c, path, v->loc, MAX_OBJECT_BYTES,
	                                           "a ConfigMap", &len)
	                         : NULL;
	if (!bytes)
		return NULL;
	r->resolved_bytes += len;
	struct rvalue *f = text_value(r, bytes, len);
	f->binary = utf8_invalid_at(bytes, len) < len || memchr(bytes, '\0', len) != NULL;
	return f;
}

struct rvalue *
resolve_value(struct resolver *r, const struct ast_value *v, enum place place)
{
	switch (v->kind) {
	case VALUE_STRING:
		return resolve_string(r, v->string, place);
	case VALUE_NUMBER:
		return text_value(r, v->number.text, strlen(v->number.text));
	case VALUE_REF:
		return resolve_ref(r, &v->ref, place, true);
	case VALUE_FILE:
		if (place == IN_CONFIG)
			return config_file(r, v);
		diag(&r->c->diags, E0303, v->loc,
		     "file(...) reads a file into a config or a secret: it belongs in a 'config' or "
		     "'secret' block, referred to from here as NAME.KEY");
		return NULL;
	case VALUE_ENV:
		diag(&r->c->diags, E0303, v->loc,
		     "env(...) reads a secret value: it belongs in a 'secret' block, "
		     "referred to from here as SECRET.KEY");
		return NULL;
	case VALUE_FIELD:
		return field_value(r, v, place);
	}
	return NULL;
}

const char *
resolve_text_of(struct resolver *r, const struct ast_string *str, const char *where)
{
	if (!str)
		return NULL;
	size_t len;
	const char *text = literal_text(str, &len);
	if (text)
		r->resolved_bytes += len; /* its own text: no struct rvalue to make and drop */
	else {
		const struct rvalue *v = resolve_string(r, str, IN_TEXT);
		if (!v)
			return NULL;
		if (v->kind != RV_TEXT) {
			bool argv = strcmp(where, "args") == 0 || strcmp(where, "a command") == 0;
			diag(&r->c->diags, E0703, str->loc,
			     "a secret value cannot be used in %s: it would be written in clear%s", where,
			     argv ? "; pass it through 'env' and write $(VAR) in the argument" : "");
			return NULL;
		}
		text = v->text;
		len = v->len;
	}
	if (memchr(text, '\0', len)) {
		diag(&r->c->diags, E0703, str->loc, "%s cannot hold a NUL character", where);
		return NULL;
	}
	return text;
}

void
resolve_text(struct resolver *r, struct text *t, const char *where)
{
	t->value = resolve_text_of(r, t->written, where);
}

/* The stack */

void
resolve_stack(struct compilation *c)
{
	struct resolver r = {.c = c, .s = c->stack, .a = &c->arena};
	struct stack *s = c->stack;
	resolve_params(&r);
	resolve_naming(&r);
	for (size_t i = 0; i < s->configs.len; i++)
		name_keyset(&r, s->configs.items[i]);
	for (size_t i = 0; i < s->secrets.len; i++)
		name_keyset(&r, s->secrets.items[i]);
	/* The names and Services that other components' references need
	 * come first, for every component. */
	for (size_t i = 0; i < s->components.len; i++)
		resolve_component_shape(&r, s->components.items[i]);
	for (size_t i = 0; i < s->secrets.len; i++) {
		struct keyset *sec = s->secrets.items[i];
		for (size_t k = 0; k < sec->keys.len; k++)
			resolve_secret_key(&r, sec, sec->keys.items[k]);
	}
	for (size_t i = 0; i < s->configs.len; i++) {
		struct keyset *cfg = s->configs.items[i];
		for (size_t k = 0; k < cfg->keys.len; k++)
			resolve_config_key(&r, cfg, cfg->keys.items[k]);
	}
	for (size_t i = 0; i < s->components.len; i++) {
		resolve_component(&r, s->components.items[i]);
		resolve_api(&r, s->components.items[i]);
	}
	resolve_labels(&r);
	resolve_stack_waits(&r);
	for (size_t i = 0; i < s->components.len; i++)
		resolve_security(&r, s->components.items[i]);
	resolve_network(&r);
	report_unknown_names(&r);
	arena_free(&r.scratch);
}
