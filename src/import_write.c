/*
 * import_write.c - the model of an import as .todok text, in the layout
 * `todokc fmt` gives: two-space indentation, one item or property per
 * line, the `=` of a block's entries aligned, one blank line around each
 * item of several lines (one-line items such as params together), no
 * trailing space, a final newline.
 *
 * First the variables are settled: each one the .todok keeps becomes a
 * param (its value at its first use as default) or, when it is a secret,
 * a key of `secret secrets` read with env("VAR"); a secret in a command
 * or a probe reaches it through an env entry of the container (Kubernetes
 * expands $(VAR) in commands, a shell its variables).  Then the text:
 * a header that says which variables the compile needs, the naming that
 * keeps the Compose service names as host names, the params, secrets,
 * configs and components.
 */
#include "import.h"

#include <string.h>

/* Settling the variables and secrets */

static bool
holds_secrets(unsigned contexts)
{
	return contexts & ((1u << CTX_ENV) | (1u << CTX_CONFIG) | (1u << CTX_ARGS) | (1u << CTX_SHELL));
}

/* A key of `secret secrets`: who has it, to tell whether another value
 * may share it. */
struct key_owner {
	const char *literal;
};

static bool
same_value(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : !a && !b;
}

/* The key for a value wanted as `want`: its own, or one of its service's. */
static const char *
give_key(struct importer *im, struct strmap *keys, const char *want, const char *literal,
         const char *service)
{
	const char *key = want;
	for (unsigned n = 1;; n++) {
		struct key_owner *o = strmap_get(keys, key);
		if (!o) {
			o = NEW(im->a, struct key_owner);
			o->literal = literal;
			strmap_put(im->a, keys, key, o);
			vec_push(im->a, &im->secret_keys, (void *)key);
			return key;
		}
		if (same_value(o->literal, literal))
			return key;
		key = n == 1 && service ? arena_printf(im->a, "%s_%s", upper_snake(im->a, service), want)
		                        : arena_printf(im->a, "%s_%u", want, n);
	}
}

/* A secret read with env(VAR) whose line of a dotenv file (the .env, an
 * env_file) todokc --env-file would read otherwise than Compose. */
static void
reread_warning(struct importer *im, const struct source *src, struct loc loc, const char *var,
               const char *how)
{
	diag_in(&im->c->diags, src, W0816, loc, "the .todok reads the secret %s with env(\"%s\"), "
	        "but todokc --env-file would not read this line as Compose does: %s; give %s in "
	        "the environment, or in an env file that writes the value itself after '='",
	        diag_quote(im->a, var), var, how, var);
}

static void
settle_vars(struct importer *im)
{
	struct strmap keys = {0};
	for (size_t i = 0; i < im->vars_order.len; i++) {
		struct ivar *v = im->vars_order.items[i];
		if (ivar_secret(v) && holds_secrets(v->contexts)) {
			v->secret_key = give_key(im, &keys, v->name, v->value, NULL);
			if (v->reread)
				reread_warning(im, v->line_src, v->line_loc, v->secret_key, v->reread);
		} else if (!ivar_secret(v))
			v->param = claim_name(im, v->name, "param");
	}
	for (size_t i = 0; i < im->secret_asks.len; i++) {
		struct isecret *s = im->secret_asks.items[i];
		s->key = give_key(im, &keys, s->var, s->literal, s->service);
		if (s->why)
			diag_in(&im->c->diags, s->src, W0813, s->loc,
			        "%s: it is left out of the .todok, which reads it with env(\"%s\") when it "
			        "is compiled", s->why, s->key);
		if (s->reread && s->src)
			reread_warning(im, s->src, s->loc, s->key, s->reread);
	}
	if (im->secret_keys.len)
		im->secrets_name = claim_name(im, "secrets", "secrets");
}

static bool
secret_part(const struct ipart *p)
{
	return p->kind == IP_SECRET || (p->kind == IP_VAR && ivar_secret(p->var));
}

/* The env entry through which a secret reaches a command or a probe. */
static void
carry(struct importer *im, struct icomp *ic, struct ipart *p)
{
	const char *base = p->kind == IP_VAR ? p->var->name : p->secret->var, *name = base;
	for (unsigned n = 2;; n++) {
		struct ientry *found = find_entry(&ic->env, name);
		const struct ipart *had = found && found->value.n == 1 ? &found->value.parts[0] : NULL;
		if (had && had->kind == p->kind &&
		    (p->kind == IP_VAR ? had->var == p->var : had->secret == p->secret))
			break;
		if (!found) {
			struct ientry *e = NEW(im->a, struct ientry);
			e->key = name;
			e->value = (struct ival){NEW(im->a, struct ipart), 1};
			e->value.parts[0] = *p;
			e->loc = p->loc;
			put_entry(im, &ic->env, e);
			break;
		}
		name = arena_printf(im->a, "%s_%u", base, n);
	}
	p->carrier = name;
}

static void
carry_all(struct importer *im, struct icomp *ic, struct vec *words)
{
	for (size_t i = 0; i < words->len; i++) {
		struct ival *w = words->items[i];
		for (size_t k = 0; k < w->n; k++)
			if (secret_part(&w->parts[k]))
				carry(im, ic, &w->parts[k]);
	}
}

static void
settle(struct importer *im)
{
	settle_vars(im);
	literal_warnings(im);
	for (size_t i = 0; i < im->comp_list.len; i++) {
		struct icomp *ic = im->comp_list.items[i];
		carry_all(im, ic, &ic->command);
		carry_all(im, ic, &ic->args);
		if (ic->readiness && ic->readiness->ctx == CTX_SHELL)
			carry_all(im, ic, &ic->readiness->argv);
		traefik_routes(im, ic);
	}
}

/* Strings, keys and values */

/* Text as the inside of a .todok string; Kubernetes' $(VAR) and $$ kept
 * literal where it expands them.  `next` is the character the text is
 * followed by once written (0: none that matters). */
static void
put_text(struct buf *out, const char *s, size_t len, bool k8s, char next)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char after = i + 1 < len ? s[i + 1] : next;
		if (c == '"' || c == '\\')
			buf_printf(out, "\\%c", c);
		else if (c == '\n')
			buf_puts(out, "\\n");
		else if (c == '\t')
			buf_puts(out, "\\t");
		else if (c == '\r')
			buf_puts(out, "\\r");
		else if (c < 0x20 || c == 0x7F)
			buf_printf(out, "\\u{%X}", c);
		else if (c == '$' && after == '{')
			buf_puts(out, "\\$");
		else if (c == '$' && k8s && (after == '(' || after == '$'))
			buf_puts(out, "$$");
		else
			buf_putc(out, (char)c);
	}
}

static const char *
secret_key_of(const struct ipart *p)
{
	return p->kind == IP_SECRET ? p->secret->key : p->var->secret_key;
}

/* One part of a value in a string. */
static void
put_part(struct importer *im, struct buf *out, const struct ipart *p, enum ictx ctx, char next)
{
	bool k8s = ctx == CTX_ENV || ctx == CTX_ARGS;
	if (p->kind == IP_TEXT) {
		put_text(out, p->text, p->len, k8s, next);
	} else if (!secret_part(p)) {
		buf_printf(out, "${%s}", p->var->param);
	} else if (ctx == CTX_ENV || ctx == CTX_CONFIG) {
		buf_printf(out, "${%s.%s}", im->secrets_name, secret_key_of(p));
	} else if (ctx == CTX_ARGS) {
		buf_printf(out, "$(%s)", p->carrier);
	} else if (ctx == CTX_SHELL) {
		buf_printf(out, "\\${%s}", p->carrier);
	} else {
		diag_in(&im->c->diags, p->src, W0815, p->loc, "the secret variable %s cannot be "
		        "written in an image, a path, a label or an exec probe; it is left out",
		        diag_quote(im->a, p->kind == IP_VAR ? p->var->name : p->secret->var));
	}
}

static void
put_string(struct importer *im, struct buf *out, const struct ival *v, enum ictx ctx)
{
	buf_putc(out, '"');
	for (size_t i = 0; i < v->n; i++) {
		const struct ipart *next = i + 1 < v->n ? &v->parts[i + 1] : NULL;
		bool dollar = next && secret_part(next) && (ctx == CTX_ENV || ctx == CTX_ARGS);
		put_part(im, out, &v->parts[i], ctx, dollar ? '$' : 0);
	}
	buf_putc(out, '"');
}

/* An entry's value: a reference when it is one param or one secret (but
 * in a block of labels, which takes strings only). */
static void
put_value(struct importer *im, struct buf *out, const struct ival *v, enum ictx ctx)
{
	const struct ipart *p = v->n == 1 && ctx != CTX_LABEL ? &v->parts[0] : NULL;
	if (p && p->kind != IP_TEXT && !secret_part(p))
		buf_puts(out, p->var->param);
	else if (p && secret_part(p) && (ctx == CTX_ENV || ctx == CTX_CONFIG))
		buf_printf(out, "%s.%s", im->secrets_name, secret_key_of(p));
	else
		put_string(im, out, v, ctx);
}

static bool
identifier(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '_'))
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-") ==
	       strlen(s);
}

static void
put_key(struct buf *out, const char *key)
{
	if (identifier(key)) {
		buf_puts(out, key);
		return;
	}
	buf_putc(out, '"');
	put_text(out, key, strlen(key), false, 0);
	buf_putc(out, '"');
}

/* Characters of a key as written, for the alignment of `=`. */
static size_t
key_width(const char *key)
{
	struct buf b = {0};
	put_key(&b, key);
	size_t n = 0;
	for (size_t i = 0; i < b.len; i++)
		n += ((unsigned char)b.data[i] & 0xC0) != 0x80;
	buf_free(&b);
	return n;
}

/* Blocks and items */

static void
indent(struct buf *out, int depth)
{
	for (int i = 0; i < depth; i++)
		buf_puts(out, "  ");
}

/* WORD { KEY = value ... } with the `=` aligned; nothing when empty. */
static void
put_block(struct importer *im, struct buf *out, int depth, const char *word,
          const struct ientries *block, enum ictx ctx)
{
	const struct vec *entries = &block->list;
	if (!entries->len)
		return;
	size_t width = 0;
	for (size_t i = 0; i < entries->len; i++) {
		size_t w = key_width(((const struct ientry *)entries->items[i])->key);
		width = w > width ? w : width;
	}
	indent(out, depth);
	buf_printf(out, "%s {\n", word);
	for (size_t i = 0; i < entries->len; i++) {
		const struct ientry *e = entries->items[i];
		indent(out, depth + 1);
		put_key(out, e->key);
		buf_printf(out, "%*s = ", (int)(width - key_width(e->key)), "");
		if (e->env_var) {
			buf_puts(out, "env(\"");
			put_text(out, e->env_var, strlen(e->env_var), false, 0);
			buf_puts(out, "\")");
		}
		else
			put_value(im, out, &e->value, e->ctx ? e->ctx : ctx);
		buf_putc(out, '\n');
	}
	indent(out, depth);
	buf_puts(out, "}\n");
}

static void
put_list(struct importer *im, struct buf *out, const char *word, const struct vec *words,
         enum ictx ctx)
{
	indent(out, 2);
	buf_printf(out, "%s [", word);
	for (size_t i = 0; i < words->len; i++) {
		if (i)
			buf_puts(out, ", ");
		put_string(im, out, words->items[i], ctx);
	}
	buf_puts(out, "]\n");
}

static void
put_ports(struct buf *out, const struct icomp *ic)
{
	static const char *const exposes[] = {NULL, "nodeport", "loadbalancer"};
	for (size_t i = 0; i < ic->ports.len; i++) {
		const struct iport *p = ic->ports.items[i];
		indent(out, 2);
		buf_puts(out, "port ");
		if (p->name)
			buf_printf(out, "%s ", p->name);
		buf_printf(out, "%ld%s\n", p->number, p->udp ? " udp" : "");
	}
	if (!ic->ports.len && ic->kind == IC_SERVICE)
		buf_puts(out, "    expose none\n");
	if (ic->ports.len && exposes[ic->expose]) {
		buf_printf(out, "    expose %s", exposes[ic->expose]);
		if (ic->node_port)
			buf_printf(out, " %ld", ic->node_port);
		buf_putc(out, '\n');
	}
	for (size_t i = 0; i < ic->aliases.len; i++)
		buf_printf(out, "    expose clusterip as %s\n", (const char *)ic->aliases.items[i]);
}

static void
put_resources(struct buf *out, const char *word, const char *const q[2])
{
	if (!q[0] && !q[1])
		return;
	buf_printf(out, "    %s", word);
	if (q[0])
		buf_printf(out, " cpu %s", q[0]);
	if (q[1])
		buf_printf(out, " memory %s", q[1]);
	buf_putc(out, '\n');
}

static void
put_probe(struct importer *im, struct buf *out, const struct iprobe *p)
{
	buf_puts(out, "    readiness exec [");
	for (size_t i = 0; i < p->argv.len; i++) {
		if (i)
			buf_puts(out, ", ");
		put_string(im, out, p->argv.items[i], p->ctx);
	}
	buf_putc(out, ']');
	if (p->delay > 0)
		buf_printf(out, " delay %lds", p->delay);
	buf_printf(out, " every %lds timeout %lds failures %ld\n", p->every, p->timeout, p->failures);
}

/* A config of a bind mount's files is mode 0755 when one of them may be
 * run (a healthcheck's script), as under Compose, where the host's file
 * keeps its mode.  A secret's files are mode 0444 when the service's user is unknown (no
 * `user:`, or a user name): the image's own USER, root or not, reads them,
 * as it reads the bind-mounted file under Compose, where the todokc
 * default of 0400, owned by root, would lock out a non-root image.  A
 * known user keeps 0400: root reads it, another user through the fs-group. */
static void
put_volumes(struct importer *im, struct buf *out, const struct icomp *ic)
{
	for (size_t i = 0; i < ic->volumes.len; i++) {
		const struct ivolume *v = ic->volumes.items[i];
		buf_printf(out, "    volume %s at ", v->name);
		put_string(im, out, &v->path, CTX_PLAIN);
		if (v->subpath) {
			struct ival sub = ival_of_text(im->a, v->subpath, v->loc);
			buf_puts(out, " subpath ");
			put_string(im, out, &sub, CTX_PLAIN);
		}
		if (v->kind == IV_CLAIM)
			buf_printf(out, " size %s", v->size);
		else if (v->kind == IV_TEMP)
			buf_printf(out, " temp%s%s%s", v->memory ? " memory" : "", v->size ? " size " : "",
			           v->size ? v->size : "");
		else
			buf_printf(out, " from %s %s", v->kind == IV_CONFIG ? "config" : "secret", v->source);
		if (v->kind == IV_SECRET && ic->user < 0)
			buf_puts(out, " mode 0444");
		else if (v->executable)
			buf_puts(out, " mode 0755");
		buf_putc(out, '\n');
	}
}

static void
put_names(struct buf *out, const char *word, const struct vec *names)
{
	if (!names->len)
		return;
	buf_printf(out, " %s ", word);
	for (size_t i = 0; i < names->len; i++)
		buf_printf(out, "%s%s", i ? ", " : "", (const char *)names->items[i]);
}

/* The pod's fs-group, so that a user other than root writes its claims
 * and reads its secret files: Kubernetes mounts a new claim owned by root
 * (0755) and secret files 0400, owned by root, and an fsGroup makes them
 * its group's, writable and readable.  The GID, but 0: the root group
 * would own the pod's volumes; the UID then (or with no GID).  -1: none
 * needed (root owns them, or the pod has none). */
static long
fs_group(const struct icomp *ic)
{
	if (!root_owned_volume(ic))
		return -1;
	if (ic->user < 0 && !ic->user_name && ic->image_text)
		return image_user(ic->image_text); /* the user of a well-known image */
	if (ic->user <= 0)
		return -1;
	return ic->group > 0 ? ic->group : ic->user;
}

static void
put_security(struct buf *out, const struct icomp *ic)
{
	if (ic->user < 0 && ic->group < 0 && fs_group(ic) < 0 && !ic->read_only && !ic->cap_add.len &&
	    !ic->cap_drop.len)
		return;
	buf_puts(out, "    security {\n");
	if (ic->user >= 0)
		buf_printf(out, "      user %ld\n", ic->user);
	if (ic->group >= 0)
		buf_printf(out, "      group %ld\n", ic->group);
	if (fs_group(ic) >= 0)
		buf_printf(out, "      fs-group %ld\n", fs_group(ic));
	if (ic->read_only)
		buf_puts(out, "      read-only\n");
	if (ic->cap_add.len) {
		buf_puts(out, "     ");
		put_names(out, "add", &ic->cap_add);
		buf_putc(out, '\n');
	}
	if (ic->cap_drop.len) {
		buf_puts(out, "     ");
		put_names(out, "drop", &ic->cap_drop);
		buf_putc(out, '\n');
	}
	buf_puts(out, "    }\n");
}

static void
put_route(struct importer *im, struct buf *out, const struct icomp *ic)
{
	if (!ic->route_host)
		return;
	struct ival host = ival_of_text(im->a, ic->route_host, ic->loc);
	buf_puts(out, "    route ");
	put_string(im, out, &host, CTX_PLAIN);
	if (ic->route_path) {
		struct ival path = ival_of_text(im->a, ic->route_path, ic->loc);
		buf_puts(out, " path ");
		put_string(im, out, &path, CTX_PLAIN);
	}
	buf_putc(out, '\n');
}

static void
put_component(struct importer *im, struct buf *out, const struct icomp *ic)
{
	static const char *const kinds[] = {"service", "stateful", "job"};
	buf_printf(out, "  %s %s {\n    image ", kinds[ic->kind], ic->name);
	put_string(im, out, &ic->image, CTX_PLAIN);
	buf_putc(out, '\n');
	if (ic->pull)
		buf_printf(out, "    pull %s\n", ic->pull);
	if (ic->has_command)
		put_list(im, out, "command", &ic->command, CTX_ARGS);
	if (ic->has_args)
		put_list(im, out, "args", &ic->args, CTX_ARGS);
	put_ports(out, ic);
	put_route(im, out, ic);
	if (ic->replicas >= 0)
		buf_printf(out, "    replicas %ld\n", ic->replicas);
	put_resources(out, "requests", ic->requests);
	put_resources(out, "limits", ic->limits);
	if (ic->env_from.len) {
		buf_puts(out, "    env from ");
		for (size_t i = 0; i < ic->env_from.len; i++)
			buf_printf(out, "%s%s", i ? ", " : "", ((const struct iset *)ic->env_from.items[i])->name);
		buf_putc(out, '\n');
	}
	put_block(im, out, 2, "env", &ic->env, CTX_ENV);
	if (ic->readiness)
		put_probe(im, out, ic->readiness);
	put_volumes(im, out, ic);
	put_security(out, ic);
	put_block(im, out, 2, "labels", &ic->labels, CTX_LABEL);
	put_block(im, out, 2, "annotations", &ic->annotations, CTX_LABEL);
	put_block(im, out, 2, "labels workload", &ic->workload_labels, CTX_LABEL);
	if (ic->grace >= 0)
		buf_printf(out, "    grace %lds\n", ic->grace);
	if (ic->retries >= 0)
		buf_printf(out, "    retries %ld\n", ic->retries);
	struct vec after = {0};
	for (size_t i = 0; i < ic->after.len; i++)
		vec_push(im->a, &after, (void *)((const struct iafter *)ic->after.items[i])->target->name);
	if (after.len) {
		buf_puts(out, "   ");
		put_names(out, "after", &after);
		buf_putc(out, '\n');
	}
	buf_puts(out, "  }\n");
}

/* The text */

struct item {
	struct buf text;
	bool lines;                /* several lines: a blank line around it */
};

static struct item *
new_item(struct importer *im, struct vec *items)
{
	struct item *it = NEW(im->a, struct item);
	vec_push(im->a, items, it);
	return it;
}

static void
put_set(struct importer *im, struct vec *items, const struct iset *set)
{
	struct item *it = new_item(im, items);
	it->lines = true;
	put_block(im, &it->text, 1, arena_printf(im->a, "%s %s", set->secret ? "secret" : "config",
	                                          set->name),
	          &set->entries, CTX_CONFIG);
}

/* `secret secrets`: every key read with env() of its own name. */
static void
put_secrets(struct importer *im, struct vec *items)
{
	struct iset set = {.name = im->secrets_name, .secret = true};
	for (size_t i = 0; i < im->secret_keys.len; i++) {
		struct ientry *e = NEW(im->a, struct ientry);
		e->key = e->env_var = im->secret_keys.items[i];
		put_entry(im, &set.entries, e);
	}
	put_set(im, items, &set);
}

/* A secret written in an env_file is found in that file, which the
 * header names: `--env-file .env` does not read it. */
static void
env_file_origins(struct importer *im)
{
	for (size_t i = 0; i < im->secret_asks.len; i++) {
		const struct isecret *s = im->secret_asks.items[i];
		if (s->src && s->key && !strmap_get(&im->secret_origins, s->key))
			strmap_put(im->a, &im->secret_origins, s->key,
			           arena_printf(im->a, "a line of %s", s->src->path));
	}
}

/* The variables the compile reads, for the header (whose first line,
 * with the Compose file's name, import.c writes). */
static void
put_header(struct importer *im, struct buf *out)
{
	env_file_origins(im);
	struct strmap seen = {0};
	struct vec vars = {0};
	for (size_t i = 0; i < im->secret_keys.len; i++)
		if (!strmap_claim(im->a, &seen, im->secret_keys.items[i], (void *)1))
			vec_push(im->a, &vars, im->secret_keys.items[i]);
	for (size_t i = 0; i < im->sets.len; i++) {
		const struct iset *set = im->sets.items[i];
		for (size_t k = 0; set->secret && k < set->entries.list.len; k++) {
			const char *var = ((const struct ientry *)set->entries.list.items[k])->env_var;
			if (!strmap_claim(im->a, &seen, var, (void *)1))
				vec_push(im->a, &vars, (void *)var);
		}
	}
	if (!vars.len)
		return;
	buf_puts(out, "# Its secrets are read when it is compiled, from these variables (the\n"
	              "# environment, or todokc --env-file FILE):\n");
	for (size_t i = 0; i < vars.len; i++) {
		const char *origin = strmap_get(&im->secret_origins, vars.items[i]);
		buf_printf(out, "#   %s", (const char *)vars.items[i]);
		if (origin) { /* a file's name as the Compose file writes it: a tab, a line break */
			buf_puts(out, " (");
			diag_escape(out, origin, 200);
			buf_putc(out, ')');
		}
		buf_putc(out, '\n');
	}
}

void
import_write(struct importer *im, struct buf *out)
{
	settle(im);
	struct vec items = {0};
	if (im->comp_list.len) {
		struct item *it = new_item(im, &items);
		it->lines = true;
		buf_puts(&it->text, "  naming {\n    workload \"{component}\"\n"
		                    "    service \"{component}\"\n  }\n");
	}
	/* The params are adjacent one-line items: their `=` aligned, as
	 * todokc fmt lays them out (names are ASCII). */
	int width = 0;
	for (size_t i = 0; i < im->vars_order.len; i++) {
		const struct ivar *v = im->vars_order.items[i];
		if (v->param && (int)strlen(v->param) > width)
			width = (int)strlen(v->param);
	}
	for (size_t i = 0; i < im->vars_order.len; i++) {
		const struct ivar *v = im->vars_order.items[i];
		if (!v->param)
			continue;
		struct item *it = new_item(im, &items);
		buf_printf(&it->text, "  param %-*s = \"", width, v->param);
		put_text(&it->text, v->param_value, strlen(v->param_value), false, 0);
		buf_puts(&it->text, "\"\n");
	}
	if (im->secret_keys.len)
		put_secrets(im, &items);
	for (size_t i = 0; i < im->sets.len; i++)
		if (((const struct iset *)im->sets.items[i])->entries.list.len)
			put_set(im, &items, im->sets.items[i]);
	for (size_t i = 0; i < im->comp_list.len; i++) {
		struct item *it = new_item(im, &items);
		it->lines = true;
		put_component(im, &it->text, im->comp_list.items[i]);
	}
	put_header(im, out);
	buf_printf(out, "stack %s {%s", im->stack_name, items.len ? "\n" : "}\n");
	for (size_t i = 0; i < items.len; i++) {
		struct item *it = items.items[i];
		if (i && (it->lines || ((struct item *)items.items[i - 1])->lines))
			buf_putc(out, '\n');
		buf_append(out, it->text.data, it->text.len);
		buf_free(&it->text);
	}
	if (items.len)
		buf_puts(out, "}\n");
}
