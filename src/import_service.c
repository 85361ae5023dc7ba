/*
 * import_service.c - each Compose service as a component.  The table of
 * a service's keys says what each becomes, or why it is left out (a
 * warning: the import never drops a key silently); this file maps the
 * image, command and entrypoint, environment and env_file, depends_on
 * and links, labels, user and capabilities, restart, and decides the kind
 * of component (docs/import.md, "Kinds"); and reads values as text or
 * of a given type (a number, a boolean).  Ports, probes and resources
 * are in import_ports.c, volumes, secrets and configs in
 * import_volumes.c.
 */
#include "import.h"

#include <string.h>

/* Typed values */

struct ival
ival_of_text(struct arena *a, const char *text, struct loc loc)
{
	struct ival v = {NULL, 0};
	if (!*text)
		return v;
	v.parts = NEW(a, struct ipart);
	v.parts[0] = (struct ipart){.kind = IP_TEXT, .text = text, .len = strlen(text), .loc = loc};
	v.n = 1;
	return v;
}

bool
ival_is_text(const struct ival *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->parts[i].kind != IP_TEXT)
			return false;
	return true;
}

const char *
ival_text(struct importer *im, const struct ival *v, const char *what)
{
	struct buf b = {0};
	for (size_t i = 0; i < v->n; i++) {
		const struct ipart *p = &v->parts[i];
		if (p->kind == IP_TEXT) {
			buf_append(&b, p->text, p->len);
			continue;
		}
		if (p->kind == IP_SECRET || ivar_secret(p->var)) {
			diag_in(&im->c->diags, p->src, W0815, p->loc,
			        "the secret variable %s cannot be written in %s; left out",
			        diag_quote(im->a, p->kind == IP_VAR ? p->var->name : p->text), what);
			buf_free(&b);
			return NULL;
		}
		bool again = false;
		for (size_t k = 0; k < i; k++)
			again |= v->parts[k].kind == IP_VAR && v->parts[k].var == p->var;
		/* Unset without a default: empty, as Compose makes it. */
		if (!again && !p->var->value && !*p->resolved && !p->defaulted)
			diag_in(&im->c->diags, p->src, W0808, p->loc, "the variable %s is not set in "
			        "the .env file and has no default: it is empty in %s, as Compose makes it",
			        diag_quote(im->a, p->var->name), what);
		else if (!again)
			diag_in(&im->c->diags, p->src, W0807, p->loc,
			        "${%s} is fixed at import, at its value in the .env file or its default: "
			        "the .todok takes no variable in %s", p->var->name, what);
		buf_puts(&b, p->resolved);
	}
	return b.data ? arena_buf_take(im->a, &b) : "";
}

bool
want_kind(struct importer *im, const struct cnode *n, enum cnode_kind kind, const char *key)
{
	static const char *const kinds[] = {"a string", "a mapping", "a list"};
	if (n->kind == kind)
		return true;
	import_diag(im, E0804, n, "%s takes %s", key, kinds[kind]);
	return false;
}

const char *
compose_text(struct importer *im, const struct cnode *n, const char *what)
{
	if (!want_kind(im, n, CNODE_SCALAR, what))
		return NULL;
	struct ival v;
	if (!interpolate(im, n, &v))
		return NULL;
	return ival_text(im, &v, what);
}

bool
compose_bool(struct importer *im, const struct cnode *n, const char *what, bool *out)
{
	const char *t = compose_text(im, n, what);
	if (!t)
		return false;
	if (strcmp(t, "true") == 0 || strcmp(t, "True") == 0 || strcmp(t, "TRUE") == 0)
		*out = true;
	else if (strcmp(t, "false") == 0 || strcmp(t, "False") == 0 || strcmp(t, "FALSE") == 0)
		*out = false;
	else {
		import_diag(im, E0804, n, "%s takes true or false, not %s", what,
		            diag_quote(im->a, t));
		return false;
	}
	return true;
}

bool
compose_long(struct importer *im, const struct cnode *n, long min, long max, const char *what,
          long *out)
{
	const char *t = compose_text(im, n, what);
	if (!t)
		return false;
	if (parse_long(t, min, max, out))
		return true;
	import_diag(im, E0804, n, "%s takes a whole number from %ld to %ld, not %s", what, min, max,
	            diag_quote(im->a, t));
	return false;
}

struct ival *
compose_ival(struct importer *im, const struct cnode *n, enum ictx ctx, const char *what)
{
	if (!want_kind(im, n, CNODE_SCALAR, what))
		return NULL;
	struct ival *v = NEW(im->a, struct ival);
	if (!interpolate(im, n, v))
		return NULL;
	use_ival(im, v, ctx);
	return v;
}

/* A list of strings, or one string (as cap_add, profiles and the like). */
bool
string_list(struct importer *im, const struct cnode *n, const char *what, struct vec *out)
{
	if (n->kind == CNODE_SCALAR) {
		const char *t = compose_text(im, n, what);
		if (t)
			vec_push(im->a, out, (void *)t);
		return t != NULL;
	}
	if (!want_kind(im, n, CNODE_SEQ, what))
		return false;
	for (size_t i = 0; i < n->n; i++) {
		const char *t = compose_text(im, n->items[i], what);
		if (!t)
			return false;
		vec_push(im->a, out, (void *)t);
	}
	return true;
}

const char *
item_key(struct importer *im, const struct cnode *item, const char *what, const char **value)
{
	size_t i = 0;
	for (int open = 0; i < item->len && (open || item->text[i] != '='); i++) {
		if (item->text[i] == '$' && i + 1 < item->len && item->text[i + 1] == '$')
			i++;
		else if (item->text[i] == '{' && i > 0 && item->text[i - 1] == '$')
			open++;
		else if (item->text[i] == '}' && open)
			open--;
	}
	*value = i < item->len ? item->text + i + 1 : NULL;
	if (!memchr(item->text, '$', i))
		return arena_strndup(im->a, item->text, i);
	struct ival key;
	if (!interpolate_part(im, item, item->text, i, &key))
		return NULL;
	return ival_text(im, &key, what);
}

const struct cnode *
string_list_item(const struct cnode *n, size_t i)
{
	return n->kind == CNODE_SEQ ? n->items[i] : n;
}

void
each_item(struct importer *im, struct icomp *ic, const struct cnode *v, const char *key,
          item_fn *long_form, item_fn *short_form)
{
	if (!want_kind(im, v, CNODE_SEQ, key))
		return;
	for (size_t i = 0; i < v->n; i++)
		(v->items[i]->kind == CNODE_MAP ? long_form : short_form)(im, ic, v->items[i]);
}

void
redact(struct importer *im, struct loc loc)
{
	struct loc *l = NEW(im->a, struct loc);
	*l = loc;
	vec_push(im->a, &im->redacted, l);
}

/* image, build, command, entrypoint */

void
key_image(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	struct ival *image = compose_ival(im, v, CTX_PLAIN, "image");
	if (!image)
		return;
	ic->image = *image;
	struct buf b = {0};
	bool secret = false;
	for (size_t i = 0; i < image->n; i++) {
		const struct ipart *p = &image->parts[i];
		secret |= p->kind == IP_VAR && ivar_secret(p->var);
		buf_puts(&b, p->kind == IP_TEXT ? p->text : p->resolved);
	}
	const char *resolved = b.data ? arena_buf_take(im->a, &b) : "";
	ic->image_text = secret ? NULL : resolved; /* a secret is never in a message */
	if (!secret && image_problem(resolved))
		import_diag(im, E0804, v, "the image %s is not a valid image reference: %s",
		            diag_quote(im->a, resolved), image_problem(resolved));
}

void
key_build(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	ic->build = k;
}

/* URLs with a password; command, entrypoint */

/* Whether a value is a URL with a password written in it; the variables
 * that stand for a password are made secrets. */
static bool
literal_password(struct importer *im, const struct ival *v)
{
	struct buf flat = {0};
	struct vec vars = {0};
	for (size_t i = 0; i < v->n; i++) {
		if (v->parts[i].kind == IP_TEXT) {
			buf_append(&flat, v->parts[i].text, v->parts[i].len);
		} else {
			buf_putc(&flat, '\x01');
			vec_push(im->a, &vars, v->parts[i].var); /* NULL: a secret key already */
		}
	}
	size_t from = 0, to = 0, k = 0;
	bool found = flat.data && url_password(flat.data, &from, &to);
	bool literal = false;
	for (size_t i = 0; found && i < to; i++) {
		bool is_var = flat.data[i] == '\x01';
		if (i >= from && !is_var)
			literal = true;
		else if (i >= from && k < vars.len && vars.items[k])
			((struct ivar *)vars.items[k])->secret = true;
		k += is_var;
	}
	buf_free(&flat);
	return literal;
}

/* A value as Compose reads it at import: its text, each variable at its
 * value there (a secret key of an earlier env_file line: nothing). */
static const char *
ival_import_text(struct importer *im, const struct ival *v)
{
	struct buf b = {0};
	for (size_t i = 0; i < v->n; i++) {
		const struct ipart *p = &v->parts[i];
		if (p->kind == IP_TEXT)
			buf_append(&b, p->text, p->len);
		else if (p->kind == IP_VAR)
			buf_puts(&b, p->resolved);
	}
	return b.data ? arena_buf_take(im->a, &b) : "";
}

/* A value kept out of the .todok, in `secret secrets`; `why` (when not
 * NULL) is said in a warning once its variable is known. */
static void
secret_value(struct importer *im, struct ientry *e, const struct ival *v, const char *service,
             const struct source *src, const char *why)
{
	const char *lit = ival_is_text(v) ? ival_import_text(im, v) : NULL;
	struct ipart *p = NEW(im->a, struct ipart);
	p->kind = IP_SECRET;
	p->secret = ask_secret(im, c_identifier_problem(e->key) ? upper_snake(im->a, e->key) : e->key,
	                       lit, service);
	p->secret->why = why ? arena_printf(im->a, "%s %s", diag_quote(im->a, e->key), why) : NULL;
	p->secret->src = src;
	p->secret->loc = e->loc;
	p->loc = e->loc;
	p->src = src;
	e->value = (struct ival){p, 1};
	if (!src && why)
		redact(im, e->loc);
}

/* The words of a command or a healthcheck's test (from `first` on) that
 * are URLs with a password written in them: each a key of `secret
 * secrets` (VAR_URL, VAR the place's name), which the container gets
 * through an env entry ($(VAR) in args, a shell variable in sh -c); in an
 * exec probe (CTX_PLAIN), where nothing can carry it, the word is left
 * out.  The password is never written. */
void
secret_words(struct importer *im, const struct icomp *ic, struct vec *words, size_t first,
             enum ictx ctx, const char *what, const struct cnode *at)
{
	size_t kept = first; /* an exec probe's word left out is taken out of its list */
	for (size_t i = first; i < words->len; i++) {
		struct ival *w = words->items[i];
		words->items[kept++] = w;
		if (!literal_password(im, w))
			continue;
		redact(im, at->loc);
		if (ctx == CTX_PLAIN) {
			import_diag(im, W0815, at, "a word of the %s is a URL with a password, which an exec "
			            "probe cannot hold: it is left out; move the password into a secret (the "
			            "CMD-SHELL form reads it from a variable)", what);
			kept--;
			continue;
		}
		const char *lit = NULL;
		if (ival_is_text(w)) {
			struct buf b = {0};
			for (size_t k = 0; k < w->n; k++)
				buf_append(&b, w->parts[k].text, w->parts[k].len);
			lit = arena_buf_take(im->a, &b);
		}
		struct ipart *p = NEW(im->a, struct ipart);
		p->kind = IP_SECRET;
		p->secret = ask_secret(im, arena_printf(im->a, "%s_URL", upper_snake(im->a, what)), lit,
		                       ic->compose_name);
		p->secret->why = arena_printf(im->a, "a word of the %s is a URL with a password in it",
		                              what);
		p->secret->loc = p->loc = at->loc;
		*w = (struct ival){p, 1};
	}
	words->len = kept;
}

/* A command as a list of words or a string split as a shell does. */
static bool
command_words(struct importer *im, const struct icomp *ic, const struct cnode *v,
              const char *what, struct vec *out)
{
	if (v->kind == CNODE_SCALAR) {
		struct ival whole;
		if (!interpolate(im, v, &whole) || !shell_words(im, &whole, v->loc, out))
			return false;
	} else if (want_kind(im, v, CNODE_SEQ, what)) {
		for (size_t i = 0; i < v->n; i++) {
			if (!want_kind(im, v->items[i], CNODE_SCALAR, what))
				return false;
			struct ival *w = NEW(im->a, struct ival);
			if (!interpolate(im, v->items[i], w))
				return false;
			vec_push(im->a, out, w);
		}
	} else {
		return false;
	}
	secret_words(im, ic, out, 0, CTX_ARGS, what, v);
	for (size_t i = 0; i < out->len; i++)
		use_ival(im, out->items[i], CTX_ARGS);
	if (!out->len)
		import_diag(im, W0801, v,
		            "an empty %s is left out: Kubernetes runs the image's own when none is given",
		            what);
	return out->len > 0;
}

void
key_command(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	ic->has_args = !cnode_null(v) && command_words(im, ic, v, "command", &ic->args);
}

void
key_entrypoint(struct importer *im, struct icomp *ic, const struct cnode *v,
               const struct cnode *k)
{
	ic->has_command = !cnode_null(v) && command_words(im, ic, v, "entrypoint", &ic->command);
}

/* environment, env_file */

/* The variables of a secret value made of variables only: each a secret,
 * referenced (use_ival() says when a default of one is left out). */
static void
secret_vars(const struct ival *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->parts[i].kind == IP_VAR)
			v->parts[i].var->secret = true;
}

/* Why a value with a secret's name and some text is kept whole. */
static const char *
by_name_why(struct importer *im, const struct ival *v)
{
	struct buf b = {0};
	for (size_t i = 0; i < v->n; i++)
		if (v->parts[i].kind == IP_VAR)
			buf_printf(&b, "%s${%s}", b.len ? ", " : "", v->parts[i].var->name);
	if (!b.len)
		return "holds a secret by its name";
	return arena_printf(im->a, "holds a secret by its name, made of text and %s, as one value",
	                    arena_buf_take(im->a, &b));
}

struct ientry *
env_entry(struct importer *im, const char *service, const char *key, struct ival *v,
          enum ictx ctx, const struct source *src, struct loc value_loc)
{
	bool relaxed;
	if (env_name_problem(key, &relaxed) && !relaxed) {
		diag_in(&im->c->diags, src, W0801, value_loc,
		        "the environment variable %s is left out: Kubernetes rejects its name",
		        diag_quote(im->a, key));
		return NULL;
	}
	struct ientry *e = NEW(im->a, struct ientry);
	e->key = key;
	e->loc = value_loc;
	e->text = ival_import_text(im, v);
	/* Only variables and keys of `secret secrets` (an env_file's earlier
	 * secret line): each referenced, a secret. */
	bool refs = v->n > 0;
	for (size_t i = 0; i < v->n; i++)
		refs &= v->parts[i].kind != IP_TEXT;
	bool by_name = !file_variable(key, v) && secret_like_name(key);
	if (by_name && refs)
		secret_vars(v);
	else if (by_name)
		secret_value(im, e, v, service, src, v->n ? by_name_why(im, v) : NULL);
	else if (literal_password(im, v))
		secret_value(im, e, v, service, src, "is a URL with a password in it");
	if (e->value.n) /* kept whole in `secret secrets` */
		return e;
	e->value = *v;
	use_ival(im, &e->value, ctx);
	return e;
}

/* Adds KEY = value to an env block, replacing an earlier KEY. */
static void
put_env(struct importer *im, struct ientries *env, struct ientry *e)
{
	if (e)
		put_entry(im, env, e);
}

/* KEY with no value: the .env file's, as Compose takes it from its environment. */
static struct ival *
value_from_env(struct importer *im, const char *key, struct loc loc)
{
	struct ivar *var = c_identifier_problem(key) ? NULL : ivar_get(im, key, strlen(key));
	if (!var || (!var->value && !ivar_secret(var))) {
		diag(&im->c->diags, W0801, loc,
		     "the environment variable %s is left out: it has no value here nor in the .env "
		     "file (Compose would take it from the shell that starts it)",
		     diag_quote(im->a, key));
		return NULL;
	}
	struct ival *v = NEW(im->a, struct ival);
	v->parts = NEW(im->a, struct ipart);
	v->parts[0] = (struct ipart){.kind = IP_VAR, .var = var, .resolved = var->value ? var->value : "",
	                             .loc = loc};
	v->n = 1;
	return v;
}

static void
environment_item(struct importer *im, struct icomp *ic, const struct cnode *item)
{
	if (!want_kind(im, item, CNODE_SCALAR, "an environment entry"))
		return;
	const char *value;
	const char *key = item_key(im, item, "an environment variable's name", &value);
	struct ival *v = !key ? NULL : value ? NEW(im->a, struct ival)
	                 : value_from_env(im, key, item->loc);
	if (!v)
		return;
	struct loc vloc = item->loc;
	if (value) {
		const char *src = im->c->src.text;
		while (vloc.begin < vloc.end && src[vloc.begin] != '=')
			vloc.begin++;
		vloc.begin += vloc.begin < vloc.end;
		size_t off = (size_t)(value - item->text);
		if (!interpolate_part(im, item, value, item->len - off, v))
			return;
	}
	put_env(im, &ic->env, env_entry(im, ic->compose_name, key, v, CTX_ENV, NULL, vloc));
}

void
key_environment(struct importer *im, struct icomp *ic, const struct cnode *v,
                const struct cnode *k)
{
	if (v->kind == CNODE_SEQ) {
		for (size_t i = 0; i < v->n; i++)
			environment_item(im, ic, v->items[i]);
		return;
	}
	if (!want_kind(im, v, CNODE_MAP, "environment"))
		return;
	for (size_t i = 0; i < v->n; i++) {
		const struct cnode *key = v->entries[i].key, *value = v->entries[i].value;
		struct ival *iv = cnode_null(value) ? value_from_env(im, key->text, key->loc)
		                  : want_kind(im, value, CNODE_SCALAR, "an environment value")
		                      ? NEW(im->a, struct ival) : NULL;
		if (!iv || (!cnode_null(value) && !interpolate(im, value, iv)))
			continue;
		put_env(im, &ic->env, env_entry(im, ic->compose_name, key->text, iv, CTX_ENV, NULL,
		                                cnode_null(value) ? key->loc : value->loc));
	}
}

/* One line of an env_file into its config; its value as kept there. */
static const struct ival *
env_file_line(struct importer *im, void *ctx, const char *key, struct ival *value,
              const struct source *src, struct loc loc, const char *reread)
{
	struct iset *set = ctx;
	if (config_key_problem(key)) {
		diag_in(&im->c->diags, src, W0801, loc,
		        "the variable %s is left out: a ConfigMap cannot hold its name",
		        diag_quote(im->a, key));
		return NULL;
	}
	bool earlier = value->n == 1 && value->parts[0].kind == IP_SECRET; /* an earlier line's */
	struct ientry *e = env_entry(im, set->name, key, value, CTX_CONFIG, src, loc);
	if (e && !earlier && e->value.n == 1 && e->value.parts[0].kind == IP_SECRET)
		e->value.parts[0].secret->reread = reread; /* this line, read with env(KEY) */
	put_env(im, &set->entries, e);
	return e ? &e->value : NULL;
}

/* Whether a config is one of the readings of a file. */
static bool
read_from(const struct ienv_file *f, const struct iset *set)
{
	for (; f; f = f->next)
		if (f->set == set)
			return true;
	return false;
}

/* Whether a context gives a reading what it read of its own, so that the
 * file's lines are the same in it. */
static bool
same_context(const struct env_file_reading *r, const struct env_context *context)
{
	for (size_t i = 0; i < r->reads.len; i++) {
		const struct env_read *read = r->reads.items[i];
		if (strmap_get(read->in_service ? context->service : context->earlier, read->name) !=
		    read->found)
			return false;
	}
	return true;
}

/* The file read in the service's context: a reading of it that gives the
 * same (its config shared), else a new one with a config of its own, put
 * after the file's other readings (`first`). */
static struct ienv_file *
env_file_read(struct importer *im, struct icomp *ic, struct ienv_file *first,
              const char *file, bool must, struct loc at)
{
	struct env_context context = {&ic->env_vars, &ic->env_lines};
	struct ienv_file *last = NULL;
	for (struct ienv_file *f = first; f; last = f, f = f->next)
		if (same_context(&f->reading, &context))
			return f;
	const char *slash = strrchr(file, '/');
	struct ienv_file *f = NEW(im->a, struct ienv_file);
	f->set = NEW(im->a, struct iset);
	f->set->name = claim_name(im, slash ? slash + 1 : file, "env");
	if (last)
		last->next = f;
	if (!read_env_file(im, file, must, at, &context, env_file_line, f->set, &f->reading))
		f->set->name = NULL;
	else
		vec_push(im->a, &im->sets, f->set);
	return f;
}

/* The keys of an env_file entry of the long form but path and required:
 * format (raw: the lines as they are) is left out, the file read as
 * dotenv lines. */
static void
env_file_keys(struct importer *im, const struct cnode *item)
{
	for (size_t i = 0; i < item->n; i++) {
		const struct cnode *k = item->entries[i].key;
		if (strcmp(k->text, "format") == 0)
			import_diag(im, W0801, k, "format is left out: the file is read as a .env file is, "
			            "its quotes and ${VAR} interpolated");
		else if (strcmp(k->text, "path") != 0 && strcmp(k->text, "required") != 0 &&
		         strncmp(k->text, "x-", 2) != 0)
			import_diag(im, W0802, k, "an env_file entry has no key %s; it is left out",
			            qnode(im, k));
	}
}

static void
env_file(struct importer *im, struct icomp *ic, const struct cnode *item)
{
	const struct cnode *path = item, *required = NULL;
	if (item->kind == CNODE_MAP) {
		path = cnode_get(item, "path");
		required = cnode_get(item, "required");
		env_file_keys(im, item);
		if (!path) {
			import_diag(im, E0804, item, "an env_file entry needs its path");
			return;
		}
	}
	const char *file = compose_text(im, path, "env_file");
	bool must = true;
	if (!file || (required && !compose_bool(im, required, "required", &must)))
		return;
	struct ienv_file *first = strmap_get(&im->env_files, file);
	struct ienv_file *f = env_file_read(im, ic, first, file, must, path->loc);
	if (!first)
		strmap_put(im->a, &im->env_files, file, f);
	for (size_t i = 0; i < f->reading.lines.len; i++) {
		struct ivar *line = f->reading.lines.items[i];
		strmap_put(im->a, &ic->env_lines, line->name, line);
	}
	if (!f->set->name || !f->set->entries.list.len)
		return;
	/* A file listed again is read again, over the files between: it moves
	 * to the end, once in `env from`. */
	size_t n = 0;
	for (size_t i = 0; i < ic->env_from.len; i++)
		if (!read_from(first, ic->env_from.items[i]))
			ic->env_from.items[n++] = ic->env_from.items[i];
	ic->env_from.len = n;
	vec_push(im->a, &ic->env_from, f->set);
}

/* Called after the service's other keys (import_stack.c): its env_files'
 * lines read its environment, each entry a variable of its text at import
 * and its value as the .todok keeps it. */
void
key_env_file(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	for (size_t i = 0; i < ic->env.list.len; i++) {
		const struct ientry *e = ic->env.list.items[i];
		struct ivar *var = NEW(im->a, struct ivar);
		var->name = e->key;
		var->value = e->text;
		var->first = NO_LOC;
		var->own = &e->value;
		strmap_put(im->a, &ic->env_vars, e->key, var);
	}
	if (v->kind != CNODE_SEQ) {
		env_file(im, ic, v);
		return;
	}
	for (size_t i = 0; i < v->n; i++)
		env_file(im, ic, v->items[i]);
}
