/*
 * compose_env.c - the values of a Compose file: the .env file beside it,
 * ${VAR} interpolation as Compose does it, env_file files (each after the
 * .env file and the env_files before it in the service's list) and the shell
 * words of a command written as one string.
 *
 * Interpolation: $$ is a $; $VAR and ${VAR} take the variable; ${VAR:-d}
 * and ${VAR-d} a default (when unset or empty, when unset); ${VAR:?m} and
 * ${VAR?m} require it; ${VAR:+r} and ${VAR+r} replace it.  Any other $ is
 * an error, as in Compose.  Variables come from the .env file only (never
 * from the importer's own environment, so that the .todok does not depend
 * on who imported it).  A variable that the .todok keeps becomes a part of
 * the value (IP_VAR): a param with its value as default, or a secret read
 * with env("VAR"); import_write.c decides which when it writes it.
 */
#include "import.h"
#include "io.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

enum { MAX_NESTING = 8 };  /* ${A:-${B:-...}} */

struct ivar *
ivar_get(struct importer *im, const char *name, size_t len)
{
	char *key = arena_strndup(im->a, name, len);
	struct ivar *v = strmap_get(&im->vars, key);
	if (!v) {
		v = NEW(im->a, struct ivar);
		v->name = key;
		v->first = NO_LOC;
		strmap_put(im->a, &im->vars, key, v);
	}
	return v;
}

/* Values being built: parts, the text of the last one growing. */
struct parts {
	struct arena *a;
	struct vec list;       /* struct ipart * */
	struct buf text;       /* pending text */
	struct loc loc;
	bool secret;           /* the text holds a secret variable's value */
	const struct source *src;  /* the file of loc; NULL: the Compose file */
};

static void
flush_text(struct parts *p)
{
	if (!p->text.len)
		return;
	struct ipart *t = NEW(p->a, struct ipart);
	t->kind = IP_TEXT;
	t->len = p->text.len;
	t->text = arena_buf_take(p->a, &p->text);
	t->loc = p->loc;
	t->src = p->src;
	vec_push(p->a, &p->list, t);
	p->text = (struct buf){0};
}

static void
add_var(struct parts *p, struct ivar *var, const char *resolved, bool defaulted)
{
	flush_text(p);
	struct ipart *v = NEW(p->a, struct ipart);
	v->kind = IP_VAR;
	v->var = var;
	v->resolved = resolved;
	v->defaulted = defaulted;
	v->loc = p->loc;
	v->src = p->src;
	vec_push(p->a, &p->list, v);
}

static struct ival
parts_done(struct parts *p)
{
	flush_text(p);
	buf_free(&p->text);
	struct ival v = {arena_alloc(p->a, (p->list.len + 1) * sizeof *v.parts), p->list.len};
	for (size_t i = 0; i < p->list.len; i++)
		v.parts[i] = *(struct ipart *)p->list.items[i];
	return v;
}

/* What a line of an env_file reads after the .env file: the service's
 * environment, the lines above it in its file, then those of the
 * env_files before it in the service's list (one map in compose-go with
 * the lines above, a later line's value over an earlier's). */
struct line_scope {
	struct strmap own;                  /* struct ivar * by key */
	const struct env_context *context;
	struct env_file_reading *reading;   /* where the names looked up there go */
};

/* Where a value is read from, for messages. */
struct origin {
	const struct source *src;  /* the file */
	struct loc loc;            /* the value */
	bool resolve;              /* every variable at its value now (the .env itself) */
	const struct line_scope *scope; /* an env_file's line: what else it reads */
	const char *block;         /* the text of a block scalar (| or >) or of a plain
	                            * scalar on one line of the Compose file, to find a
	                            * $ of it in the file; NULL: other */
	bool plain;                /* block is a plain scalar's: the file's own bytes */
};

static void PRINTF_LIKE(4, 5)
report(struct importer *im, const struct origin *o, enum diag_code code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *message = arena_vprintf(im->a, fmt, ap);
	va_end(ap);
	diag_in(&im->c->diags, o->src, code, o->loc, "%s", message);
}

static bool expand(struct importer *im, const struct origin *o, const char *s, size_t len,
                   int depth, struct parts *out);

/* The text of a default, every variable at its value; *secret when that
 * holds a secret's value. */
static char *
expand_text(struct importer *im, const struct origin *o, const char *s, size_t len, int depth,
            bool *has_vars, bool *secret)
{
	struct parts sub = {im->a, {0}, {0}, o->loc, false, o->src};
	struct origin resolved = *o;
	resolved.resolve = true;
	*has_vars = false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '$' && i + 1 < len && s[i + 1] == '$')
			i++;
		else if (s[i] == '$')
			*has_vars = true;
	}
	bool ok = expand(im, &resolved, s, len, depth + 1, &sub);
	struct ival v = parts_done(&sub);
	*secret = sub.secret;
	if (!ok)
		return NULL;
	return v.n ? (char *)v.parts[0].text : arena_strdup(im->a, "");
}

/* The value of a set variable, or NULL. */
static const char *
value_of(const struct ivar *v, bool empty_is_unset)
{
	if (!v->value || (empty_is_unset && !*v->value))
		return NULL;
	return v->value;
}

/* Counts text that a variable puts into a value: a .env or an env_file
 * that puts a variable in over and over (A=${A}${A} on each line) stops
 * at COMPOSE_MAX_EXPANDED bytes in all (E0810); false when past it. */
static bool
grow(struct importer *im, const struct origin *o, size_t n)
{
	if (im->expanded > COMPOSE_MAX_EXPANDED)
		return false; /* reported once */
	im->expanded += n;
	if (im->expanded <= COMPOSE_MAX_EXPANDED)
		return true;
	report(im, o, E0810, "invalid interpolation: the values of variables put into other values "
	       "pass %u MiB in all, the most todokc takes (A=${A}${A} on line after line doubles A "
	       "each time)", COMPOSE_MAX_EXPANDED >> 20);
	return false;
}

/* An env_file's earlier line in a later one: the parts its config keeps
 * (params, secret keys), so that a secret is referenced, never pasted. */
static bool
add_own(struct importer *im, const struct origin *o, struct parts *out, const struct ival *v)
{
	size_t n = 0;
	for (size_t i = 0; i < v->n; i++)
		n += v->parts[i].kind == IP_TEXT ? v->parts[i].len : sizeof v->parts[i];
	if (!grow(im, o, n))
		return false;
	for (size_t i = 0; i < v->n; i++) {
		const struct ipart *part = &v->parts[i];
		if (part->kind == IP_TEXT) {
			buf_append(&out->text, part->text, part->len);
			continue;
		}
		flush_text(out);
		struct ipart *copy = NEW(out->a, struct ipart);
		*copy = *part;
		vec_push(out->a, &out->list, copy);
	}
	return true;
}

/* ${NAME OP ARG}: what it becomes. */
static bool
reference(struct importer *im, const struct origin *o, struct ivar *var, const char *op,
          const char *arg, size_t alen, int depth, struct parts *out)
{
	bool colon = op[0] == ':';
	char kind = op[colon];
	const char *set = value_of(var, colon);
	bool has_vars;
	if (kind == '?' && !set) {
		report(im, o, E0806, "the variable %s is required%s", diag_quote(im->a, var->name),
		       alen ? arena_printf(im->a, ": %.*s", (int)alen, arg) : " and not set");
		return false;
	}
	if (kind == '+') {
		report(im, o, W0807, "${%s%s...} is fixed at import, as the variable is %s: the .todok "
		       "has no conditional values", var->name, op, set ? "set" : "not set");
		return !set || expand(im, o, arg, alen, depth + 1, out);
	}
	const char *resolved = set;
	bool secret = false;
	if (!resolved && kind == '-') {
		resolved = expand_text(im, o, arg, alen, depth, &has_vars, &secret);
		if (!resolved)
			return false;
		if (has_vars && !o->resolve) /* the default is itself made of variables */
			return expand(im, o, arg, alen, depth + 1, out);
	}
	/* Every variable at its value; or an env_file's earlier line, empty:
	 * its default.  A value is counted, a default is the file's text. */
	if (o->resolve || (var->own && !set)) {
		if (!grow(im, o, set ? strlen(set) : 0))
			return false;
		buf_puts(&out->text, resolved ? resolved : "");
		out->secret |= secret || (set && ivar_secret(var));
		return true;
	}
	if (var->own) /* an env_file's earlier line: what its config keeps */
		return add_own(im, o, out, var->own);
	if (resolved && url_has_password(resolved))
		var->secret = true; /* its value (or default) is a URL with a password */
	if (resolved && !set && !o->src && ivar_secret(var))
		redact(im, o->loc); /* a secret's default is in the Compose file */
	add_var(out, var, resolved ? resolved : "", kind == '-');
	return true;
}

static bool
name_char(char c, bool first)
{
	return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (!first && c >= '0' && c <= '9');
}

/* The end of a ${...} that starts at s[i] == '{': the index of its '}',
 * or len when it is not closed. */
static size_t
closing_brace(const char *s, size_t len, size_t i)
{
	int open = 0;
	for (; i < len; i++) {
		if (s[i] == '$' && i + 1 < len && s[i + 1] == '$')
			i++;
		else if (s[i] == '$' && i + 1 < len && s[i + 1] == '{')
			open++, i++;
		else if (s[i] == '{')
			open++;
		else if (s[i] == '}' && --open == 0)
			return i;
	}
	return len;
}

/* Where the $ at `at` of a block scalar is in the Compose file: its
 * lines are the file's, indentation removed and (>) folded, with no
 * escapes or comments, so the n-th $ of its text is the n-th $ after its
 * header line; a plain scalar on one line is the file's bytes, from its
 * start.  The whole value for any other scalar. */
static struct loc
dollar_loc(struct importer *im, const struct origin *o, const char *at)
{
	if (!o->block)
		return o->loc;
	size_t n = 0;
	for (const char *p = o->block; p < at; p++)
		n += *p == '$';
	const char *src = im->c->src.text;
	uint32_t k = o->loc.begin;
	while (!o->plain && k < o->loc.end && src[k] != '\n')
		k++;
	for (; k < o->loc.end; k++)
		if (src[k] == '$' && n-- == 0)
			return (struct loc){k, k + 1};
	return o->loc;
}

static bool
bad_template(struct importer *im, const struct origin *o, const char *at, const char *why)
{
	struct origin here = *o;
	here.loc = dollar_loc(im, o, at);
	report(im, &here, E0810, "invalid interpolation: %s; write $$ for a literal $", why);
	return false;
}

/* What a line reads of its context (the service's environment, or the
 * earlier env_files' lines): NULL when nothing, noted in its reading
 * (once a name and place) for whoever reads the file in another context. */
static struct ivar *
context_var(struct importer *im, const struct line_scope *scope, bool in_service,
            const char *name)
{
	const struct strmap *vars = in_service ? scope->context->service : scope->context->earlier;
	struct ivar *found = vars ? strmap_get(vars, name) : NULL;
	struct vec *reads = &scope->reading->reads;
	for (size_t i = 0; i < reads->len; i++) {
		const struct env_read *read = reads->items[i];
		if (read->in_service == in_service && strcmp(read->name, name) == 0)
			return found;
	}
	struct env_read *read = NEW(im->a, struct env_read);
	read->name = name;
	read->in_service = in_service;
	read->found = found;
	vec_push(im->a, reads, read);
	return found;
}

/* The variable a value at o reads: the .env file's, else (in an env_file)
 * the service's environment's, a line's above it in that file, or one of
 * the env_files before it, as compose-go's WithServicesEnvironmentResolved
 * looks it up. */
static struct ivar *
lookup(struct importer *im, const struct origin *o, const char *name, size_t len)
{
	struct ivar *v = ivar_get(im, name, len);
	if (v->value || !o->scope)
		return v;
	struct ivar *found = context_var(im, o->scope, true, v->name);
	if (!found)
		found = strmap_get(&o->scope->own, v->name);
	if (!found)
		found = context_var(im, o->scope, false, v->name);
	return found ? found : v;
}

/* One $-expression at s[i] == '$'; *next is where the text goes on. */
static bool
dollar(struct importer *im, const struct origin *o, const char *s, size_t len, size_t i,
       int depth, struct parts *out, size_t *next)
{
	if (i + 1 < len && s[i + 1] == '$') {
		buf_putc(&out->text, '$');
		*next = i + 2;
		return true;
	}
	if (i + 1 < len && name_char(s[i + 1], true)) {
		size_t j = i + 1;
		while (j < len && name_char(s[j], false))
			j++;
		*next = j;
		return reference(im, o, lookup(im, o, s + i + 1, j - i - 1), "", NULL, 0, depth, out);
	}
	if (i + 1 >= len || s[i + 1] != '{')
		return bad_template(im, o, s + i, "a $ that starts no variable");
	size_t close = closing_brace(s, len, i + 1);
	if (close == len)
		return bad_template(im, o, s + i, "a ${ that is not closed");
	size_t j = i + 2;
	if (j >= close || !name_char(s[j], true))
		return bad_template(im, o, s + i, "${...} without a variable name");
	while (j < close && name_char(s[j], false))
		j++;
	struct ivar *var = lookup(im, o, s + i + 2, j - i - 2);
	*next = close + 1;
	if (j == close)
		return reference(im, o, var, "", NULL, 0, depth, out);
	size_t oplen = s[j] == ':' ? 2 : 1;
	char kind = s[j + oplen - 1];
	if (j + oplen > close || (kind != '-' && kind != '?' && kind != '+'))
		return bad_template(im, o, s + i, "an unknown operator in ${...} (:- - :? ? :+ +)");
	char op[3] = {s[j], oplen == 2 ? s[j + 1] : '\0', '\0'};
	return reference(im, o, var, op, s + j + oplen, close - j - oplen, depth, out);
}

static bool
expand(struct importer *im, const struct origin *o, const char *s, size_t len, int depth,
       struct parts *out)
{
	if (depth > MAX_NESTING) {
		report(im, o, E0810, "invalid interpolation: ${...} nested deeper than %d levels",
		       MAX_NESTING);
		return false;
	}
	for (size_t i = 0; i < len;) {
		const char *dol = memchr(s + i, '$', len - i);
		size_t stop = dol ? (size_t)(dol - s) : len;
		buf_append(&out->text, s + i, stop - i);
		if (!dol)
			break;
		if (!dollar(im, o, s, len, stop, depth, out, &i))
			return false;
	}
	return true;
}

static bool
interpolate_block(struct importer *im, const char *s, size_t len, struct loc loc,
                  const char *block, bool plain, struct ival *out)
{
	struct parts p = {im->a, {0}, {0}, loc, false, NULL};
	struct origin o = {NULL, loc, false, NULL, block, plain};
	bool ok = expand(im, &o, s, len, 0, &p);
	*out = parts_done(&p);
	return ok;
}

bool
interpolate_part(struct importer *im, const struct cnode *n, const char *s, size_t len,
                 struct ival *out)
{
	char first = HAS_LOC(n->loc) && n->loc.begin < im->c->src.len
	             ? im->c->src.text[n->loc.begin] : 0;
	bool block = n->kind == CNODE_SCALAR && !n->plain && (first == '|' || first == '>');
	bool line = n->kind == CNODE_SCALAR && n->plain && HAS_LOC(n->loc) &&
	            n->loc.end <= im->c->src.len && n->loc.end - n->loc.begin == n->len &&
	            memcmp(im->c->src.text + n->loc.begin, n->text, n->len) == 0;
	return interpolate_block(im, s, len, n->loc, block || line ? n->text : NULL, line, out);
}

bool
interpolate(struct importer *im, const struct cnode *n, struct ival *out)
{
	return interpolate_part(im, n, n->text, n->len, out);
}

/* .env files and env_file files */

/* The variable of a dotenv line: its value with the variables above at
 * theirs (the .env file's, then, in an env_file, those of its context and
 * its own earlier lines'),
 * a secret when made of a secret's value or a URL with a password; false
 * (reported) when its interpolation is invalid. */
static bool
line_var(struct importer *im, const struct source *src, const struct line_scope *scope,
         const struct dotenv_line *l, struct ivar *var)
{
	const char *value = l->value;
	struct parts p = {im->a, {0}, {0}, l->loc, false, src};
	if (!l->literal) {
		struct origin o = {src, l->loc, true, scope, NULL, false};
		bool ok = expand(im, &o, l->value, l->len, 0, &p);
		struct ival v = parts_done(&p);
		if (!ok)
			return false;
		value = v.n ? v.parts[0].text : "";
	}
	var->value = value;
	var->secret = p.secret || url_has_password(value);
	return true;
}

/* A line of the .env file: a variable, its earlier ones interpolated. */
static void
dotenv_var(struct importer *im, const struct source *src, void *ctx, const struct dotenv_line *l)
{
	(void)ctx;
	struct ivar *var = ivar_get(im, l->key, strlen(l->key));
	if (!line_var(im, src, NULL, l, var))
		return;
	var->reread = dotenv_reread(l, var->value);
	var->line_src = src;
	var->line_loc = l->key_loc;
}

/* Reads a file the Compose file names as a second source; NULL (reported,
 * at `at` when it has a place) when it cannot be read. */
static const struct source *
read_source(struct importer *im, const char *path, struct loc at)
{
	size_t len, before = im->c->diags.list.len;
	char *text = read_input(im->c, path, COMPOSE_MAX_FILE_BYTES, &len);
	if (!text) {
		if (im->c->diags.list.len > before && HAS_LOC(at))
			((struct diagnostic *)im->c->diags.list.items[before])->loc = at;
		return NULL;
	}
	struct source *src = NEW(im->a, struct source);
	source_init(im->a, src, path, text, len);
	size_t bad = utf8_invalid_at(text, len);
	const char *nul = memchr(text, '\0', len);
	if (nul && (size_t)(nul - text) < bad)
		bad = (size_t)(nul - text);
	if (bad < len) {
		diag_in(&im->c->diags, src, W0812, (struct loc){(uint32_t)bad, (uint32_t)bad},
		        "%s, so the file is left out", nul && (size_t)(nul - text) == bad
		                                          ? "a NUL byte" : "not UTF-8");
		return NULL;
	}
	return src;
}

static const char *
beside(struct importer *im, const char *path)
{
	if (path[0] == '/' || strcmp(im->base_dir, ".") == 0)
		return path;
	return arena_printf(im->a, "%s/%s", im->base_dir, path);
}

bool
load_dotenv(struct importer *im)
{
	const char *path = im->opts->env_file;
	if (!path) {
		struct stat st;
		path = beside(im, ".env");
		if (stat(path, &st) != 0 && errno == ENOENT)
			return true;
	}
	size_t errors = im->c->diags.errors;
	const struct source *src = read_source(im, path, NO_LOC);
	if (src)
		parse_dotenv(im, src, dotenv_var, NULL);
	return im->c->diags.errors == errors;
}

/* An env_file's line, its value interpolated, for the caller's function.
 * The line is then a variable of the lines below it (`own`) and of the
 * env_files after it (the reading's lines): its text at import, read by
 * line_var() as a line of the .env file is, and the value the caller
 * keeps, which add_own() puts into them. */
struct env_file_ctx {
	env_line_fn *fn;
	void *ctx;
	struct line_scope scope;
};

static void
env_file_line(struct importer *im, const struct source *src, void *ctx,
              const struct dotenv_line *l)
{
	struct env_file_ctx *e = ctx;
	struct ivar *own = NEW(im->a, struct ivar);
	own->name = l->key;
	own->first = NO_LOC;
	if (!line_var(im, src, &e->scope, l, own))
		return;
	struct ival v = ival_of_text(im->a, l->value, l->loc);
	if (!l->literal) {
		struct parts p = {im->a, {0}, {0}, l->loc, false, src};
		struct origin o = {src, l->loc, false, &e->scope, NULL, false};
		bool ok = expand(im, &o, l->value, l->len, 0, &p);
		v = parts_done(&p);
		if (!ok)
			return;
	}
	own->own = e->fn(im, e->ctx, l->key, &v, src, l->key_loc, dotenv_reread(l, own->value));
	if (!own->own)
		return;
	strmap_put(im->a, &e->scope.own, l->key, own);
	vec_push(im->a, &e->scope.reading->lines, own);
}

bool
read_env_file(struct importer *im, const char *path, bool required, struct loc at,
              const struct env_context *context, env_line_fn *fn, void *ctx,
              struct env_file_reading *reading)
{
	const char *full = beside(im, path);
	struct stat st;
	if (stat(full, &st) != 0 && errno == ENOENT) {
		if (required)
			diag(&im->c->diags, W0812, at, "the env_file %s does not exist; it is left out",
			     diag_quote(im->a, path));
		return false;
	}
	const struct source *src = read_source(im, full, at);
	if (!src)
		return false;
	struct env_file_ctx e = {fn, ctx, {{0}, context, reading}};
	parse_dotenv(im, src, env_file_line, &e);
	return true;
}

/* Registering the variables a value keeps */

void
secret_default(struct importer *im, const struct ipart *p)
{
	if (!p->src)
		redact(im, p->loc);
	diag_in(&im->c->diags, p->src, W0813, p->loc, "the secret variable %s is not set in the "
	        ".env file: its default is left out of the .todok, which reads %s with env(\"%s\") "
	        "when it is compiled", diag_quote(im->a, p->var->name), p->var->name, p->var->name);
}

void
use_ival(struct importer *im, struct ival *v, enum ictx ctx)
{
	for (size_t i = 0; i < v->n; i++) {
		struct ipart *p = &v->parts[i];
		if (p->kind != IP_VAR)
			continue;
		struct ivar *var = p->var;
		if (!HAS_LOC(var->first))
			var->first = p->loc;
		if (!ivar_secret(var) && !var->param_value) {
			var->param_value = p->resolved;
			if (!var->value && !*p->resolved && !p->defaulted)
				diag_in(&im->c->diags, p->src, W0808, p->loc, "the variable %s is not set in "
				        "the .env file%s%s and has no default: its param is empty, as Compose "
				        "makes it", diag_quote(im->a, var->name), p->src ? " nor above in " : "",
				        p->src ? diag_quote(im->a, p->src->path) : "");
		} else if (!ivar_secret(var) && strcmp(var->param_value, p->resolved) != 0) {
			diag_in(&im->c->diags, p->src, W0807, p->loc,
			        "${%s} is fixed at import here: its default differs from the one its "
			        "param takes from its first use", var->name);
			*p = (struct ipart){.kind = IP_TEXT, .text = p->resolved,
			                    .len = strlen(p->resolved), .loc = p->loc, .src = p->src};
			continue;
		}
		if (ivar_secret(var) && p->defaulted && !var->value && *p->resolved &&
		    ctx != CTX_PLAIN && ctx != CTX_LABEL)
			secret_default(im, p);
		var->contexts |= 1u << ctx;
		if (!var->listed)
			vec_push(im->a, &im->vars_order, var);
		var->listed = true;
	}
}

/* Shell words */

struct words {
	struct importer *im;
	struct vec *out;         /* struct ival * */
	struct parts word;
	bool in_word;
	char quote;              /* 0, '\'' or '"' */
	bool escaped;            /* after a backslash */
};

static void
end_word(struct words *w)
{
	if (!w->in_word)
		return;
	struct ival *v = NEW(w->im->a, struct ival);
	*v = parts_done(&w->word);
	vec_push(w->im->a, w->out, v);
	w->word = (struct parts){w->im->a, {0}, {0}, w->word.loc, false, NULL};
	w->in_word = false;
}

static void
word_char(struct words *w, char c)
{
	if (w->escaped) {
		if (w->quote == '"' && !strchr("\"\\$`\n", c))
			buf_putc(&w->word.text, '\\');
		if (c != '\n')
			buf_putc(&w->word.text, c);
		w->escaped = false;
	} else if (w->quote && c == w->quote) {
		w->quote = 0;
	} else if (w->quote != '\'' && c == '\\') {
		w->escaped = w->in_word = true;
	} else if (w->quote) {
		buf_putc(&w->word.text, c);
	} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
		end_word(w);
	} else if (c == '\'' || c == '"') {
		w->quote = c;
		w->in_word = true;
	} else {
		buf_putc(&w->word.text, c);
		w->in_word = true;
	}
}

bool
shell_words(struct importer *im, const struct ival *v, struct loc loc, struct vec *out)
{
	struct words w = {im, out, {im->a, {0}, {0}, loc, false, NULL}, false, 0, false};
	for (size_t i = 0; i < v->n; i++) {
		const struct ipart *p = &v->parts[i];
		bool spaced = p->kind == IP_VAR && !ivar_secret(p->var) && strpbrk(p->resolved, " \t\n'\"\\");
		if (spaced)
			diag_in(&im->c->diags, p->src, W0807, p->loc,
			        "${%s} is fixed at import: its value holds spaces or quotes, and Compose "
			        "splits the command after putting it in", p->var->name);
		if (p->kind == IP_TEXT || spaced) {
			const char *t = p->kind == IP_TEXT ? p->text : p->resolved;
			size_t n = p->kind == IP_TEXT ? p->len : strlen(t);
			for (size_t k = 0; k < n; k++)
				word_char(&w, t[k]);
			continue;
		}
		if (w.escaped)
			buf_putc(&w.word.text, '\\');
		w.escaped = false;
		flush_text(&w.word);
		struct ipart *copy = NEW(im->a, struct ipart);
		*copy = *p;
		vec_push(im->a, &w.word.list, copy);
		w.in_word = true;
	}
	if (w.quote || w.escaped) {
		diag(&im->c->diags, E0804, loc, "the command has an open %s",
		     w.quote == '"' ? "double quote" : w.quote ? "single quote" : "backslash at its end");
		buf_free(&w.word.text);
		return false;
	}
	end_word(&w);
	buf_free(&w.word.text);
	return true;
}
