/*
 * import.c - the command `todokc import compose FILE [-o FILE.todok]`:
 * its options, the files it reads (the Compose file, the .env beside it),
 * the checks of the Compose file's top level, and the .todok it writes,
 * to standard output or atomically to a file (never over a file it did
 * not write, unless --force).  Nothing is written when there are errors.
 *
 * Exit status: 0 imported (warnings allowed), 1 the Compose file has
 * errors, 2 bad command line, 3 a file could not be read or written.
 */
#include "import.h"
#include "io.h"
#include "tools.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { IMPORT_OK = 0, IMPORT_IO = 3 };

/* The first line of every .todok the importer writes: the Compose file's
 * name, and a hash of the rest, to tell whether it was changed since. */
#define HEADER_START "# Imported from "
#define HEADER_BY " by todokc import compose (sha256 "
#define HEADER_HASH 16

static int
import_usage_error(const char *fmt, const char *arg)
{
	return usage_error_of("todokc import compose", fmt, arg);
}

static const char import_usage[] =
	"usage: todokc import compose FILE [-o FILE.todok] [options]\n"
	"Writes a .todok stack that runs the services of a Docker Compose file\n"
	"(standard output without -o).  docs/import.md has the mapping, key by key.\n"
	"\n"
	"  -o FILE                write the .todok to FILE, atomically; an existing FILE\n"
	"                         is replaced only when todokc import wrote it\n"
	"  --force                replace FILE whatever wrote it\n"
	"  --expose nodeport|loadbalancer|clusterip\n"
	"                         what a published port becomes (default nodeport)\n"
	"  --env-file FILE        the variables of ${VAR} (default: the .env beside FILE)\n"
	"  --profile NAME         also import the services of this Compose profile\n"
	"                         (default: those COMPOSE_PROFILES lists in the .env file)\n"
	"  --name NAME            the stack's name (default: COMPOSE_PROJECT_NAME in the\n"
	"                         .env file, the Compose name:, else the folder's)\n"
	"  --werror               treat warnings as errors\n"
	"  --diagnostics=json     print diagnostics as JSON, one object per line\n"
	"  --help\n"
	"\n"
	"Exit status: 0 imported, 1 errors in the Compose file, 2 bad command line,\n"
	"3 a file could not be read or written.  See todokc(1).\n";

/* The value of --opt VALUE or --opt=VALUE, or NULL. */
static const char *
value_of(int argc, char **argv, int *i, const char *name, bool *is)
{
	size_t len = strlen(name);
	const char *arg = argv[*i];
	*is = strncmp(arg, name, len) == 0 && (arg[len] == '=' || arg[len] == '\0');
	if (!*is)
		return NULL;
	if (arg[len] == '=')
		return arg + len + 1;
	return *i + 1 < argc ? argv[++*i] : NULL;
}

/* --expose, --env-file, --profile, --name, --diagnostics; -1 to go on,
 * else the exit status. */
static int
valued_option(int argc, char **argv, int *i, struct import_options *o, struct arena *a)
{
	static const char *const exposes[] = {"nodeport", "loadbalancer", "clusterip"};
	bool is;
	const char *v = value_of(argc, argv, i, "--expose", &is);
	if (is) {
		for (size_t k = 0; v && k < sizeof exposes / sizeof *exposes; k++)
			if (strcmp(v, exposes[k]) == 0) {
				o->expose = (enum import_expose)k;
				return -1;
			}
		return import_usage_error("%s takes nodeport, loadbalancer or clusterip", "--expose");
	}
	if ((v = value_of(argc, argv, i, "--env-file", &is)) || is) {
		o->env_file = v;
		return v && *v ? -1 : import_usage_error("%s needs a file", "--env-file");
	}
	if ((v = value_of(argc, argv, i, "--profile", &is)) || is) {
		if (v && *v)
			vec_push(a, &o->profiles, (void *)v);
		return v && *v ? -1 : import_usage_error("%s needs a name", "--profile");
	}
	if ((v = value_of(argc, argv, i, "--name", &is)) || is) {
		o->name = v;
		bool ok = v && !dns1123_label_problem(v) && *v >= 'a' && *v <= 'z';
		return ok ? -1 : import_usage_error("--name takes a lower-case DNS label, not '%s'",
		                                    v ? v : "");
	}
	if ((v = value_of(argc, argv, i, "--diagnostics", &is)) || is) {
		o->json_diagnostics = v && strcmp(v, "json") == 0;
		bool ok = v && (strcmp(v, "json") == 0 || strcmp(v, "text") == 0);
		return ok ? -1 : import_usage_error("%s takes json or text", "--diagnostics");
	}
	char best[OPTION_NAME_MAX];
	if (closest_option(import_usage, argv[*i], best))
		return usage_error_of("todokc import compose", "unknown option '%s'; did you mean '%s'?",
		                      argv[*i], best);
	return import_usage_error("unknown option '%s'", argv[*i]);
}

/* Options after `import compose`; -1 to go on, else the exit status. */
static int
import_options(int argc, char **argv, struct import_options *o, struct arena *a)
{
	for (int i = 2; i < argc; i++) {
		const char *arg = argv[i];
		int status = -1;
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			fputs(import_usage, stdout);
			return fflush(stdout) == 0 && !ferror(stdout) ? IMPORT_OK : IMPORT_IO;
		} else if (strncmp(arg, "-o", 2) == 0) {
			o->output = arg[2] ? arg + 2 : i + 1 < argc ? argv[++i] : NULL;
			if (!o->output || !*o->output)
				return import_usage_error("%s needs a file", "-o");
		} else if (strcmp(arg, "--force") == 0) {
			o->force = true;
		} else if (strcmp(arg, "--werror") == 0) {
			o->werror = true;
		} else if (arg[0] == '-' && arg[1]) {
			status = valued_option(argc, argv, &i, o, a);
		} else if (o->input) {
			return import_usage_error("one Compose file at a time; '%s' is a second one", arg);
		} else {
			o->input = arg;
		}
		if (status >= 0)
			return status;
	}
	return o->input ? -1 : import_usage_error("%s", "no Compose file");
}

/* The top level: services, volumes, secrets, configs, name; networks and
 * include have no counterpart; any other key is an error, as in Compose. */
static bool
check_top_level(struct importer *im)
{
	static const char *const keys[] = {"configs", "include", "models", "name", "networks",
	                                   "secrets", "services", "version", "volumes"};
	bool ok = true;
	for (size_t i = 0; i < im->root->n; i++) {
		const struct cnode *k = im->root->entries[i].key, *v = im->root->entries[i].value;
		bool known = strncmp(k->text, "x-", 2) == 0;
		struct suggestion s = suggestion_start(&im->c->diags.suggestion_budget, k->text);
		for (size_t j = 0; j < sizeof keys / sizeof *keys; j++) {
			known |= strcmp(k->text, keys[j]) == 0;
			suggestion_consider(&s, keys[j]);
		}
		if (!known) {
			import_diag(im, E0803, k, "a Compose file has no top-level key %s%s%s%s",
			            qnode(im, k), s.best ? "; did you mean '" : "", s.best ? s.best : "",
			            s.best ? "'?" : "");
			ok = false;
		} else if ((strcmp(k->text, "services") == 0 || strcmp(k->text, "volumes") == 0 ||
		            strcmp(k->text, "secrets") == 0 || strcmp(k->text, "configs") == 0) &&
		           !cnode_null(v) && v->kind != CNODE_MAP) {
			import_diag(im, E0802, v, "%s is a mapping of names", k->text);
			ok = false;
		} else if (strcmp(k->text, "networks") == 0 || strcmp(k->text, "include") == 0 ||
		           strcmp(k->text, "models") == 0) {
			import_diag(im, W0801, k, "%s is left out: %s", k->text,
			            strcmp(k->text, "networks") == 0 ? "every Pod of a cluster reaches every "
			            "other; the networks' aliases become Services"
			            : "the files and models it names are not read");
		}
	}
	return ok;
}

const struct cnode *
declared(const struct importer *im, int section, const char *name)
{
	return strmap_get(&im->declared[section], name);
}

/* The names the top-level volumes, secrets and configs declare. */
static void
index_top_level(struct importer *im)
{
	static const char *const sections[] = {"volumes", "secrets", "configs"};
	for (int s = 0; s < 3; s++) {
		const struct cnode *top = cnode_get(im->root, sections[s]);
		for (size_t i = 0; top && top->kind == CNODE_MAP && i < top->n; i++)
			strmap_put(im->a, &im->declared[s], top->entries[i].key->text,
			           (void *)top->entries[i].value);
	}
}

/* What the top-level volumes say beyond their names: left out. */
static void
check_volumes(struct importer *im)
{
	const struct cnode *volumes = cnode_get(im->root, "volumes");
	for (size_t i = 0; volumes && volumes->kind == CNODE_MAP && i < volumes->n; i++) {
		const struct cnode *v = volumes->entries[i].value;
		for (size_t j = 0; v && v->kind == CNODE_MAP && j < v->n; j++) {
			const struct cnode *k = v->entries[j].key;
			if (strncmp(k->text, "x-", 2) != 0)
				import_diag(im, W0801, k, "%s of the volume %s is left out: each volume is a "
				            "new claim of %s, of the cluster's default storage class",
				            qnode(im, k), qnode(im, volumes->entries[i].key), "1Gi");
		}
	}
}

/* A variable the .env file sets for Compose itself (COMPOSE_...), or NULL. */
static const char *
compose_setting(struct importer *im, const char *name)
{
	const struct ivar *var = strmap_get(&im->vars, name);
	return var && var->value && *var->value ? var->value : NULL;
}

/* Files that docker compose merges into this one, which the import does
 * not: those COMPOSE_FILE in the .env file lists, else an override file
 * beside it (as docker compose looks for one). */
static void
unmerged_files(struct importer *im)
{
	static const char *const overrides[] = {
		"compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml",
		"docker-compose.override.yml",
	};
	const struct ivar *list = strmap_get(&im->vars, "COMPOSE_FILE");
	if (compose_setting(im, "COMPOSE_FILE")) {
		diag_in(&im->c->diags, list->line_src, W0817, list->line_loc, "COMPOSE_FILE is set: "
		        "docker compose merges the files it lists, but the import reads %s only; "
		        "import their merged model (docker compose config > merged.yaml)",
		        diag_quote(im->a, im->input_name));
		return;
	}
	for (size_t i = 0; i < sizeof overrides / sizeof *overrides; i++) {
		struct stat st;
		const char *path = strcmp(im->base_dir, ".") == 0 ? overrides[i]
		                   : arena_printf(im->a, "%s/%s", im->base_dir, overrides[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && strcmp(overrides[i], im->input_name))
			diag_in_file(&im->c->diags, W0817, path, 1, 1, "docker compose merges this "
			             "override file into %s, the import does not; import their merged "
			             "model (docker compose config > merged.yaml), or leave the override "
			             "out", diag_quote(im->a, im->input_name));
	}
}

/* The profiles: --profile's, else those the .env file's COMPOSE_PROFILES
 * lists (comma-separated), as docker compose reads them. */
static void
choose_profiles(struct importer *im)
{
	const char *list = compose_setting(im, "COMPOSE_PROFILES");
	if (im->opts->profiles.len || !list) {
		im->profiles = im->opts->profiles;
		return;
	}
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		const char *b = p, *e = p + n;
		while (b < e && (*b == ' ' || *b == '\t'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > b)
			vec_push(im->a, &im->profiles, arena_strndup(im->a, b, (size_t)(e - b)));
		p += n + (p[n] == ',');
	}
}

/* The stack's name: --name, the .env file's COMPOSE_PROJECT_NAME, the
 * Compose name:, or the folder's (docker compose's order). */
static const char *
stack_name(struct importer *im)
{
	if (im->opts->name)
		return im->opts->name;
	const char *project = compose_setting(im, "COMPOSE_PROJECT_NAME");
	if (project)
		return dns_label(im->a, project, "stack", 40);
	const struct cnode *name = cnode_get(im->root, "name");
	const char *text = name ? compose_text(im, name, "name") : NULL;
	if (text && *text)
		return dns_label(im->a, text, "stack", 40);
	char *real = realpath(im->base_dir, NULL);
	const char *slash = real ? strrchr(real, '/') : NULL;
	const char *label = dns_label(im->a, slash ? slash + 1 : "", "stack", 40);
	free(real);
	return label;
}

/* The hash of a .todok's text after its first line, as its header gives it. */
static void
body_hash(const char *body, size_t len, char hex[65])
{
	sha256_hex(body, len, hex);
	hex[HEADER_HASH] = '\0';
}

/* The header, then the body. */
static void
seal(struct importer *im, const struct buf *body, struct buf *out)
{
	char hex[65];
	body_hash(body->data ? body->data : "", body->len, hex);
	buf_puts(out, HEADER_START);
	for (const char *p = im->input_name; *p; p++)
		buf_putc(out, (unsigned char)*p < 0x20 || *p == 0x7F ? '?' : *p);
	buf_printf(out, HEADER_BY "%s).\n", hex);
	buf_append(out, body->data ? body->data : "", body->len);
}

/* 1: the importer wrote text as it is; 0: it wrote it, and it was changed
 * since; -1: the importer did not write it. */
static int
sealed(const char *text, size_t len)
{
	const char *nl = memchr(text, '\n', len);
	size_t by = strlen(HEADER_BY);
	if (!nl || strncmp(text, HEADER_START, strlen(HEADER_START)) != 0 ||
	    (size_t)(nl - text) < by + HEADER_HASH + 2 || strncmp(nl - 2, ").", 2) != 0)
		return -1;
	const char *hash = nl - 2 - HEADER_HASH;
	if (strncmp(hash - by, HEADER_BY, by) != 0)
		return -1;
	char hex[65];
	body_hash(nl + 1, len - (size_t)(nl + 1 - text), hex);
	return strncmp(hash, hex, HEADER_HASH) == 0;
}

/* Whether `path` may be written: absent, or a .todok of the importer's
 * as it wrote it (or anything with --force).  A symbolic link is judged
 * by the file it names, which replace_file() replaces. */
static bool
may_write(struct importer *im, const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return true;
	if (S_ISREG(st.st_mode) && im->opts->force)
		return true;
	size_t len;
	const char *text = S_ISREG(st.st_mode) ? read_input(im->c, path, MAX_INPUT_BYTES, &len) : NULL;
	if (S_ISREG(st.st_mode) && !text)
		return false;
	int ours = text ? sealed(text, len) : -1;
	if (ours == 1)
		return true;
	diag(&im->c->diags, E0811, NO_LOC, "%s %s; nothing was written%s", diag_quote(im->a, path),
	     !S_ISREG(st.st_mode) ? "exists and is not a regular file"
	     : ours == 0 ? "was changed since todokc import wrote it"
	                 : "exists and was not written by todokc import",
	     S_ISREG(st.st_mode) ? " (--force replaces it)" : "");
	im->c->diags.io_error = true;
	return false;
}

static void
write_output(struct importer *im, const struct buf *text)
{
	const char *path = im->opts->output;
	if (!path) {
		write_stdout(im->c, text);
		return;
	}
	if (!may_write(im, path))
		return;
	replace_file(im->c, path, text);
}

static int
compare_locs(const void *a, const void *b)
{
	const struct loc *x = *(const struct loc *const *)a, *y = *(const struct loc *const *)b;
	return x->begin < y->begin ? -1 : x->begin > y->begin;
}

/* The secret values written in the Compose file: '*' in its excerpts. */
static void
hide_secrets(struct importer *im)
{
	if (im->redacted.len)
		qsort(im->redacted.items, im->redacted.len, sizeof *im->redacted.items, compare_locs);
	for (size_t i = 0; i < im->redacted.len; i++)
		diag_redact(&im->c->diags, *(struct loc *)im->redacted.items[i]);
}

bool
import_source(struct importer *im, struct buf *out)
{
	struct compilation *c = im->c;
	if (!(im->root = compose_read(c)) || !check_top_level(im))
		return false;
	index_top_level(im);
	check_volumes(im);
	check_files(im);
	if (!load_dotenv(im))
		return false;
	unmerged_files(im);
	choose_profiles(im);
	im->stack_name = stack_name(im);
	import_services(im);
	struct buf body = {0};
	if (!c->diags.errors)
		import_write(im, &body);
	if (!c->diags.errors)
		seal(im, &body, out);
	buf_free(&body);
	hide_secrets(im);
	return !c->diags.errors;
}

static void
run_import(struct importer *im)
{
	struct compilation *c = im->c;
	size_t len;
	char *text = read_input(c, im->opts->input, MAX_INPUT_BYTES, &len);
	if (!text)
		return;
	source_init(&c->arena, &c->src, im->opts->input, text, len);
	c->diags.src = &c->src;
	const char *slash = strrchr(im->opts->input, '/');
	im->base_dir = !slash ? "." : slash == im->opts->input ? "/"
	               : arena_strndup(im->a, im->opts->input, (size_t)(slash - im->opts->input));
	im->input_name = slash ? slash + 1 : im->opts->input;
	struct buf out = {0};
	if (import_source(im, &out))
		write_output(im, &out);
	buf_free(&out);
}

int
import_main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "compose") != 0) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			fputs(import_usage, stdout);
			return fflush(stdout) == 0 ? IMPORT_OK : IMPORT_IO;
		}
		return import_usage_error("import reads a Compose file: todokc import compose FILE%s", "");
	}
	struct arena options_arena = {0};
	struct import_options o = {0};
	int status = import_options(argc, argv, &o, &options_arena);
	if (status < 0) {
		struct options copts;
		options_init(&copts);
		copts.werror = o.werror;
		copts.json_diagnostics = o.json_diagnostics;
		struct compilation c;
		compilation_init(&c, &copts);
		struct importer im = {.c = &c, .opts = &o, .a = &c.arena};
		run_import(&im);
		status = diag_print(&c.diags, o.json_diagnostics, DIAG_COLOR_AUTO, stderr);
		compilation_free(&c);
	}
	arena_free(&options_arena);
	return status;
}
