/*
 * import_literals.c - the secret values that a Compose file writes again
 * in a command, an entrypoint or a healthcheck's test (MYSQL_ROOT_PASSWORD:
 * example, then `mysqladmin ping --password=example`).  Each occurrence
 * that is made of whole words is replaced by the secret's reference, which
 * the container gets through an env entry (Kubernetes' $(VAR) in its
 * command and args, a shell variable in a CMD-SHELL probe), with a warning
 * (W0813); an exec probe, which can hold no secret, is made a CMD-SHELL
 * one that reads it from the shell's variable.
 *
 * The values are those the .todok keeps in `secret secrets`: an
 * environment's or an env_file's, and the .env file's value of a secret
 * variable; not one that the .todok writes in clear too (AWS_ACCESS_KEY_ID:
 * sentry beside AWS_SECRET_ACCESS_KEY: sentry), which is no secret, and
 * whose word in a command may mean something else (a user).  A word ends
 * at the text's ends and at the separators below (a path is one word);
 * `-p` glued to its value (mysql's -pPASSWORD) is an end too.  Each atom
 * of the text (a run between separators) is looked up once among the
 * values' first atoms, so the search is linear in the text; the values
 * that share a first atom are compared, at most COMPOSE_MAX_SECRET_SEARCH
 * bytes in all (beyond: E0809, nothing written).
 */
#include "import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SEPARATORS " \t\n\r\f\v'\"`=:,;()<>|&"

/* A secret value to look for, and what the .todok reads it as. */
struct known {
	const char *value;
	size_t len;
	size_t lead;               /* its separators before its first atom */
	struct isecret *secret;    /* a key of `secret secrets`, or */
	struct ivar *var;          /* a secret variable of the .env file */
};

struct search {
	struct importer *im;
	struct strmap by_atom;     /* first atom -> struct vec * of struct known *, by length */
	struct vec lists;          /* those struct vec *, to sort them */
	struct strmap values;      /* value -> struct known *: each value once */
	struct strmap in_clear;    /* values the .todok writes in clear: no secret */
	size_t longest_atom;
	size_t budget;             /* bytes that may still be compared */
	struct buf key;            /* the atom being looked up */
	struct loc refused_at;     /* where the budget ran out (HAS_LOC: it did) */
};

/* A value found in a word, for its warning once the keys are given. */
struct literal_use {
	const struct known *found;
	const char *what;          /* "the command", "the healthcheck", ... */
	bool made_shell;           /* in an exec probe, which is made a CMD-SHELL one */
	struct loc loc;
	const struct source *src;
};

static bool
separator(char c)
{
	return c && strchr(SEPARATORS, c);
}

/* A value too plain to be told from a word of a command: a flag
 * (MYSQL_ALLOW_EMPTY_PASSWORD: "yes"), one character, or a number of up
 * to five digits, a port or a size (SECRET_PORT=3000, which a name's
 * rule makes a secret, in localhost:3000). */
static bool
plain_value(const char *v)
{
	static const char *const flags[] = {"true", "false", "yes", "no", "on", "off"};
	size_t n = strlen(v);
	if (n < 2 || (n <= 5 && strspn(v, "0123456789") == n))
		return true;
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
		if (strcasecmp(v, flags[i]) == 0)
			return true;
	return false;
}

static void
add_known(struct search *s, const char *value, struct isecret *secret, struct ivar *var)
{
	struct importer *im = s->im;
	if (!value || plain_value(value) || strmap_get(&s->values, value) ||
	    strmap_get(&s->in_clear, value))
		return;
	size_t lead = strspn(value, SEPARATORS), atom = strcspn(value + lead, SEPARATORS);
	if (!atom)
		return; /* separators only: no word to find */
	struct known *k = NEW(im->a, struct known);
	*k = (struct known){value, strlen(value), lead, secret, var};
	strmap_put(im->a, &s->values, value, k);
	const char *first = arena_strndup(im->a, value + lead, atom);
	struct vec *list = strmap_get(&s->by_atom, first);
	if (!list) {
		list = NEW(im->a, struct vec);
		strmap_put(im->a, &s->by_atom, first, list);
	}
	vec_push(im->a, list, k);
	if (list->len == 1)
		vec_push(im->a, &s->lists, list);
	if (atom > s->longest_atom)
		s->longest_atom = atom;
}

static int
shorter(const void *a, const void *b)
{
	size_t x = (*(const struct known *const *)a)->len, y = (*(const struct known *const *)b)->len;
	return x < y ? -1 : x > y;
}

/* Takes cost bytes from the budget; false once it has run out. */
static bool
charge(struct search *s, size_t cost, struct loc at)
{
	if (HAS_LOC(s->refused_at))
		return false;
	if (cost > s->budget) {
		s->refused_at = at;
		return false;
	}
	s->budget -= cost;
	return true;
}

/* The longest value whose first atom is t[atom, atom_end), that starts
 * at or after `min` and occupies whole words of t (glued: after -p);
 * its start in *start.  NULL: none. */
static const struct known *
match_at(struct search *s, const struct ipart *part, size_t atom, size_t atom_end, size_t min,
         bool glued, size_t *start)
{
	const char *t = part->text;
	size_t n = part->len;
	if (atom_end - atom > s->longest_atom)
		return NULL;
	s->key.len = 0;
	buf_append(&s->key, t + atom, atom_end - atom);
	buf_putc(&s->key, '\0');
	const struct vec *list = strmap_get(&s->by_atom, s->key.data);
	const struct known *best = NULL;
	for (size_t i = 0; list && i < list->len; i++) {
		const struct known *k = list->items[i];
		if (k->len > n || !charge(s, 1, part->loc))
			break; /* by length: the rest are longer */
		if (k->lead > atom - min || atom - k->lead + k->len > n)
			continue;
		size_t from = atom - k->lead, same = 0;
		if (!glued && from > 0 && !separator(t[from - 1]) && !separator(k->value[0]))
			continue;
		while (same < k->len && t[from + same] == k->value[same])
			same++;
		if (!charge(s, same + 1, part->loc))
			return NULL;
		size_t end = from + k->len;
		if (same < k->len || (end < n && !separator(t[end]) && !separator(k->value[k->len - 1])))
			continue;
		if (!best || k->len > best->len) {
			best = k;
			*start = from;
		}
	}
	return best;
}

/* A shell's quoting after c: inside '...' nothing is special; in "..."
 * and outside, a backslash escapes the next character. */
static void
shell_step(char c, char *quote, bool *escaped)
{
	if (*escaped)
		*escaped = false;
	else if (c == '\\' && *quote != '\'')
		*escaped = true;
	else if (*quote && c == *quote)
		*quote = 0;
	else if (!*quote && (c == '\'' || c == '"'))
		*quote = c;
}

static void
push_part(struct importer *im, struct vec *parts, struct ipart p)
{
	struct ipart *copy = NEW(im->a, struct ipart);
	*copy = p;
	vec_push(im->a, parts, copy);
}

static void
push_text(struct importer *im, struct vec *parts, const struct ipart *at, const char *text,
          size_t len)
{
	if (len)
		push_part(im, parts, (struct ipart){.kind = IP_TEXT, .text = text, .len = len,
		                                    .loc = at->loc, .src = at->src});
}

/* The reference that stands for a value found at `at`, in a shell's
 * single quotes closed around it (the shell expands no variable there). */
static void
push_reference(struct search *s, struct vec *parts, const struct known *k,
               const struct ipart *at, enum ictx ctx, bool single_quoted)
{
	struct importer *im = s->im;
	if (single_quoted)
		push_text(im, parts, at, "'\"", 2);
	struct ipart p = {.loc = at->loc, .src = at->src};
	if (k->secret) {
		p.kind = IP_SECRET;
		p.secret = k->secret;
	} else {
		p.kind = IP_VAR;
		p.var = k->var;
		p.resolved = k->var->value;
		k->var->contexts |= 1u << ctx;
	}
	push_part(im, parts, p);
	if (single_quoted)
		push_text(im, parts, at, "\"'", 2);
}

/* The text of one part with the values found in it replaced, into parts;
 * each value found into found. */
static void
replace_in_text(struct search *s, const struct ipart *part, enum ictx ctx, char *quote,
                bool *escaped, struct vec *parts, struct vec *found)
{
	const char *t = part->text;
	size_t n = part->len, i = 0, last = 0, quoted_to = 0;
	while (i < n) {
		if (separator(t[i])) {
			i++;
			continue;
		}
		size_t j = i, from = 0;
		while (j < n && !separator(t[j]))
			j++;
		const struct known *k = match_at(s, part, i, j, last, false, &from);
		if (!k && j - i > 2 && t[i] == '-' && t[i + 1] == 'p')
			k = match_at(s, part, i + 2, j, last, true, &from);
		if (!k) {
			i = j;
			continue;
		}
		for (; quoted_to < from; quoted_to++)
			shell_step(t[quoted_to], quote, escaped);
		push_text(s->im, parts, part, t + last, from - last);
		push_reference(s, parts, k, part, ctx, ctx == CTX_SHELL && *quote == '\'');
		vec_push(s->im->a, found, (void *)k);
		last = i = from + k->len;
		for (; quoted_to < last; quoted_to++)
			shell_step(t[quoted_to], quote, escaped);
	}
	for (; quoted_to < n; quoted_to++)
		shell_step(t[quoted_to], quote, escaped);
	push_text(s->im, parts, part, t + last, n - last);
}

/* Replaces the values found in w; true when it found one (each into
 * uses, said as found in `what`). */
static bool
replace_in_word(struct search *s, struct ival *w, enum ictx ctx, const char *what,
                struct vec *uses)
{
	struct importer *im = s->im;
	struct vec parts = {0}, found = {0};
	char quote = 0;
	bool escaped = false;
	for (size_t i = 0; i < w->n; i++) {
		if (w->parts[i].kind == IP_TEXT)
			replace_in_text(s, &w->parts[i], ctx, &quote, &escaped, &parts, &found);
		else
			push_part(im, &parts, w->parts[i]);
	}
	if (!found.len)
		return false;
	struct ipart *joined = arena_alloc(im->a, parts.len * sizeof *joined);
	for (size_t i = 0; i < parts.len; i++)
		joined[i] = *(struct ipart *)parts.items[i];
	const struct loc at = w->parts[0].loc;
	const struct source *src = w->parts[0].src;
	for (size_t i = 0; i < found.len; i++) {
		if (i && found.items[i] == found.items[i - 1])
			continue;
		struct literal_use *u = NEW(im->a, struct literal_use);
		*u = (struct literal_use){found.items[i], what, false, at, src};
		vec_push(im->a, uses, u);
	}
	if (!src)
		redact(im, at);
	*w = (struct ival){joined, parts.len};
	return true;
}

/* The words of a command or a probe from `first` on; true when a value
 * was found in one. */
static bool
replace_in_words(struct search *s, struct vec *words, size_t first, enum ictx ctx,
                 const char *what)
{
	bool found = false;
	for (size_t i = first; i < words->len; i++) {
		struct ival *w = words->items[i];
		found |= w->n && replace_in_word(s, w, ctx, what, &s->im->literal_uses);
	}
	return found;
}

/* Text of an exec probe's word in a shell's single quotes ('\'' for a '). */
static void
push_quoted(struct importer *im, struct vec *parts, const struct ipart *at)
{
	size_t from = 0;
	for (size_t i = 0; i <= at->len; i++) {
		if (i < at->len && at->text[i] != '\'')
			continue;
		push_text(im, parts, at, at->text + from, i - from);
		if (i < at->len)
			push_text(im, parts, at, "'\\''", 4);
		from = i + 1;
	}
}

/* An exec probe whose words now hold a secret, which it cannot carry, as
 * a CMD-SHELL one: /bin/sh -c with each word single-quoted and each
 * secret a double-quoted variable of the shell ("${VAR}"). */
static void
probe_to_shell(struct importer *im, struct iprobe *p)
{
	struct vec parts = {0};
	const struct ipart *at = NULL;
	for (size_t i = 0; i < p->argv.len; i++) {
		const struct ival *w = p->argv.items[i];
		char quote = 0; /* the quote open: ' around text, " around a variable */
		at = w->n ? &w->parts[0] : at;
		if (i && at)
			push_text(im, &parts, at, " ", 1);
		for (size_t k = 0; k < w->n; k++) {
			const struct ipart *part = &w->parts[k];
			bool secret = part->kind == IP_SECRET ||
			              (part->kind == IP_VAR && ivar_secret(part->var));
			char want = secret ? '"' : '\'';
			if (quote != want) {
				if (quote) /* text that outlives `quote` */
					push_text(im, &parts, part, quote == '"' ? "\"" : "'", 1);
				push_text(im, &parts, part, secret ? "\"" : "'", 1);
				quote = want;
			}
			if (part->kind == IP_VAR && secret) { /* now read from the shell's variable */
				part->var->contexts |= 1u << CTX_SHELL;
				if (part->defaulted && !part->var->value && *part->resolved)
					secret_default(im, part);
			}
			if (part->kind == IP_TEXT)
				push_quoted(im, &parts, part);
			else
				push_part(im, &parts, *part);
		}
		if (quote)
			push_text(im, &parts, &w->parts[w->n - 1], quote == '"' ? "\"" : "'", 1);
	}
	struct ival *line = NEW(im->a, struct ival);
	line->parts = arena_alloc(im->a, parts.len * sizeof *line->parts);
	for (size_t i = 0; i < parts.len; i++)
		line->parts[line->n++] = *(struct ipart *)parts.items[i];
	static const char *const sh[] = {"/bin/sh", "-c"};
	p->argv.len = 0;
	for (size_t i = 0; i < 2; i++) {
		struct ival *w = NEW(im->a, struct ival);
		*w = ival_of_text(im->a, sh[i], at ? at->loc : NO_LOC);
		vec_push(im->a, &p->argv, w);
	}
	vec_push(im->a, &p->argv, line);
	p->ctx = CTX_SHELL;
}

static void
search_component(struct search *s, struct icomp *ic)
{
	replace_in_words(s, &ic->command, 0, CTX_ARGS, "the entrypoint");
	replace_in_words(s, &ic->args, 0, CTX_ARGS, "the command");
	struct iprobe *p = ic->readiness;
	if (p && p->ctx == CTX_SHELL)
		replace_in_words(s, &p->argv, 2, CTX_SHELL, "the healthcheck");
	size_t from = s->im->literal_uses.len;
	if (p && p->ctx != CTX_SHELL && replace_in_words(s, &p->argv, 0, CTX_ARGS, "the healthcheck")) {
		probe_to_shell(s->im, p);
		for (size_t i = from; i < s->im->literal_uses.len; i++)
			((struct literal_use *)s->im->literal_uses.items[i])->made_shell = true;
	}
}

/* The values of a block's entries that the .todok writes as text. */
static void
texts_in_clear(struct search *s, const struct ientries *block)
{
	for (size_t i = 0; i < block->list.len; i++) {
		const struct ientry *e = block->list.items[i];
		if (e->text && *e->text && e->value.n && ival_is_text(&e->value))
			strmap_put(s->im->a, &s->in_clear, e->text, (void *)e->text);
	}
}

void
hide_secret_literals(struct importer *im)
{
	struct search s = {.im = im, .budget = COMPOSE_MAX_SECRET_SEARCH, .refused_at = NO_LOC};
	for (size_t i = 0; i < im->comp_list.len; i++)
		texts_in_clear(&s, &((struct icomp *)im->comp_list.items[i])->env);
	for (size_t i = 0; i < im->sets.len; i++)
		if (!((struct iset *)im->sets.items[i])->secret)
			texts_in_clear(&s, &((struct iset *)im->sets.items[i])->entries);
	for (size_t i = 0; i < im->secret_asks.len; i++) {
		struct isecret *secret = im->secret_asks.items[i];
		add_known(&s, secret->literal, secret, NULL);
	}
	for (size_t i = 0; i < im->vars_order.len; i++) {
		struct ivar *var = im->vars_order.items[i];
		if (ivar_secret(var))
			add_known(&s, var->value, NULL, var);
	}
	for (size_t i = 0; i < s.lists.len; i++) {
		struct vec *list = s.lists.items[i];
		qsort(list->items, list->len, sizeof *list->items, shorter);
	}
	for (size_t i = 0; s.values.len && i < im->comp_list.len; i++)
		search_component(&s, im->comp_list.items[i]);
	buf_free(&s.key);
	if (HAS_LOC(s.refused_at))
		diag(&im->c->diags, E0809, s.refused_at, "searching the commands and healthchecks for "
		     "the secret values written in them takes more than %u MiB of comparisons, which "
		     "todokc does not make: too many of the values start with the same words; write "
		     "${VAR} in the commands instead of the values", (unsigned)(COMPOSE_MAX_SECRET_SEARCH >> 20));
}

void
literal_warnings(struct importer *im)
{
	for (size_t i = 0; i < im->literal_uses.len; i++) {
		const struct literal_use *u = im->literal_uses.items[i];
		const struct known *k = u->found;
		diag_in(&im->c->diags, u->src, W0813, u->loc, "%s writes the value of the secret %s: it "
		        "is left out of the .todok, which reads it with env(\"%s\") when it is "
		        "compiled%s", u->what, diag_quote(im->a, k->secret ? k->secret->var : k->var->name),
		        k->secret ? k->secret->key : k->var->secret_key, u->made_shell ? "; the probe "
		        "runs its words with /bin/sh -c, which reads the secret from a variable" : "");
	}
}
