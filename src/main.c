/*
 * main.c - the todokc command: reads the options, compiles one .todok
 * file, and writes its manifests.
 *
 *   options -> read input -> compile (parse, lower, resolve, order, check,
 *   build objects) -> emit YAML or JSON -> write files or stdout
 *   -> depfile; diagnostics are printed at the end.
 *
 * Exit status: 0 compiled, 1 the input has errors, 2 bad command line,
 * 3 a file could not be read or written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "todokc.h"

enum { EXIT_COMPILED = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

static const char usage_text[] =
	"usage: todokc [options] FILE.todok\n"
	"Compiles a .todok stack into Kubernetes manifests (FILE - reads standard input).\n"
	"\n"
	"  -o DIR                 write one file per object, and kustomization.yaml, into DIR\n"
	"  --format yaml|json     output format (default yaml)\n"
	"  -D NAME=VALUE          override a param\n"
	"  --env-file FILE        VAR=value lines for env(\"VAR\") secret values\n"
	"  --check                validate only, write nothing\n"
	"  --depfile FILE         write a Make depfile of every file read\n"
	"  --emit dot             print the dependency graph as Graphviz (on standard\n"
	"                         output, instead of the manifests unless -o is given)\n"
	"  --capacity cpu=Q,memory=Q\n"
	"                         the cluster's capacity, checked against the requests\n"
	"  --no-wait              no init containers that wait for 'after' dependencies\n"
	"  --wait-image IMAGE     image of those init containers (default " DEFAULT_WAIT_IMAGE ")\n"
	"  --werror               treat warnings as errors\n"
	"  --diagnostics=json     print diagnostics as JSON, one object per line\n"
	"  --version, --help\n"
	"\n"
	"Exit status: 0 compiled, 1 errors in the input, 2 bad command line,\n"
	"3 a file could not be read or written.  See todokc(1).\n";

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("todokc: error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'todokc --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

/* The exit status after printing --help or --version. */
static int
flush_stdout(void)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return EXIT_COMPILED;
	perror("todokc: error: cannot write to standard output");
	return EXIT_IO;
}

/* The value of an option given as "--opt VALUE" or "--opt=VALUE". */
static const char *
option_value(int argc, char **argv, int *i, const char *name)
{
	size_t len = strlen(name);
	const char *arg = argv[*i];
	if (strncmp(arg, name, len) == 0 && arg[len] == '=')
		return arg + len + 1;
	if (strcmp(arg, name) == 0 && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

static bool
is_option(const char *arg, const char *name)
{
	size_t len = strlen(name);
	return strncmp(arg, name, len) == 0 && (arg[len] == '\0' || arg[len] == '=');
}

static bool
valid_utf8(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

/* The NAME of "-D NAME=VALUE". */
static const char *
d_name(struct arena *a, const char *def, const char *eq)
{
	return arena_strndup(a, def, (size_t)(eq - def));
}

static bool
valid_capacity(const char *spec)
{
	bool any = false;
	while (*spec) {
		size_t len = strcspn(spec, ",");
		char item[128];
		if (len >= sizeof item)
			return false;
		memcpy(item, spec, len);
		item[len] = '\0';
		char *eq = strchr(item, '=');
		long double v;
		if (!eq || (strncmp(item, "cpu=", 4) != 0 && strncmp(item, "memory=", 7) != 0) ||
		    !quantity_parse(eq + 1, &v))
			return false;
		any = true;
		spec += len + (spec[len] == ',');
	}
	return any;
}

static int
parse_options(int argc, char **argv, struct options *o, struct vec *defines, struct arena *a)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *v;
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			fputs(usage_text, stdout);
			exit(flush_stdout());
		} else if (strcmp(arg, "--version") == 0) {
			printf("todokc %s\n", COMPILER_VERSION);
			exit(flush_stdout());
		} else if (strcmp(arg, "-o") == 0 || strncmp(arg, "-o", 2) == 0) {
			o->out_dir = arg[2] ? arg + 2 : (i + 1 < argc ? argv[++i] : NULL);
			if (!o->out_dir || !*o->out_dir)
				return usage_error("%s needs a folder", "-o");
		} else if (is_option(arg, "--format")) {
			if (!(v = option_value(argc, argv, &i, "--format")))
				return usage_error("%s needs yaml or json", "--format");
			if (strcmp(v, "yaml") == 0)
				o->format = FORMAT_YAML;
			else if (strcmp(v, "json") == 0)
				o->format = FORMAT_JSON;
			else
				return usage_error("unknown format '%s' (yaml or json)", v);
		} else if (strncmp(arg, "-D", 2) == 0) {
			const char *def = arg[2] ? arg + 2 : (i + 1 < argc ? argv[++i] : NULL);
			const char *eq = def ? strchr(def, '=') : NULL;
			if (!eq || eq == def)
				return usage_error("-D takes NAME=VALUE, not '%s'", def ? def : "");
			if (!valid_utf8(def))
				return usage_error("-D %s: the value is not valid UTF-8",
				                   valid_utf8(d_name(a, def, eq)) ? d_name(a, def, eq) : "NAME");
			struct define *d = NEW(a, struct define);
			d->name = arena_strndup(a, def, (size_t)(eq - def));
			d->value = eq + 1;
			vec_push(a, defines, d);
		} else if (is_option(arg, "--env-file")) {
			if (!(o->env_file = option_value(argc, argv, &i, "--env-file")))
				return usage_error("%s needs a file", "--env-file");
		} else if (strcmp(arg, "--check") == 0) {
			o->check_only = true;
		} else if (is_option(arg, "--depfile")) {
			if (!(o->depfile = option_value(argc, argv, &i, "--depfile")))
				return usage_error("%s needs a file", "--depfile");
		} else if (is_option(arg, "--emit")) {
			if (!(v = option_value(argc, argv, &i, "--emit")) || strcmp(v, "dot") != 0)
				return usage_error("%s takes 'dot'", "--emit");
			o->emit_dot = true;
		} else if (is_option(arg, "--capacity")) {
			if (!(o->capacity = option_value(argc, argv, &i, "--capacity")) ||
			    !valid_capacity(o->capacity))
				return usage_error("%s takes cpu=QUANTITY,memory=QUANTITY (e.g. cpu=4,memory=8Gi)",
				                   "--capacity");
		} else if (strcmp(arg, "--no-wait") == 0) {
			o->no_wait = true;
		} else if (is_option(arg, "--wait-image")) {
			if (!(o->wait_image = option_value(argc, argv, &i, "--wait-image")) || !*o->wait_image)
				return usage_error("%s needs an image", "--wait-image");
			if (image_problem(o->wait_image))
				return usage_error("--wait-image: '%s' is not a valid image reference",
				                   o->wait_image);
		} else if (strcmp(arg, "--werror") == 0) {
			o->werror = true;
		} else if (is_option(arg, "--diagnostics")) {
			if (!(v = option_value(argc, argv, &i, "--diagnostics")))
				return usage_error("%s takes json or text", "--diagnostics");
			if (strcmp(v, "json") == 0)
				o->json_diagnostics = true;
			else if (strcmp(v, "text") != 0)
				return usage_error("unknown diagnostics format '%s' (json or text)", v);
		} else if (arg[0] == '-' && arg[1] != '\0') {
			return usage_error("unknown option '%s'", arg);
		} else if (o->input) {
			return usage_error("one input file at a time; '%s' is a second one", arg);
		} else {
			o->input = arg;
		}
	}
	if (!o->input)
		return usage_error("%s", "no input file");
	if (o->out_dir) {
		/* "out/" and "out" name one folder: keep file names single-slashed. */
		size_t n = strlen(o->out_dir);
		while (n > 1 && o->out_dir[n - 1] == '/')
			n--;
		o->out_dir = arena_strndup(a, o->out_dir, n);
	}
	o->defines = (struct define *)arena_alloc(a, (defines->len + 1) * sizeof *o->defines);
	for (size_t k = 0; k < defines->len; k++)
		o->defines[k] = *(struct define *)defines->items[k];
	o->ndefines = defines->len;
	return -1;
}

/* The .todok file's folder: where file("...") paths start. */
static const char *
folder_of(struct arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash || strcmp(path, "-") == 0)
		return ".";
	if (slash == path)
		return "/";
	return arena_strndup(a, path, (size_t)(slash - path));
}

/* The files of an output folder: one per object, then kustomization.yaml. */
static struct output_file *
plan_files(struct compilation *c, size_t *n)
{
	const char *ext = c->opts->format == FORMAT_JSON ? "json" : "yaml";
	*n = c->objects.len + 1;
	struct output_file *files = arena_alloc(&c->arena, *n * sizeof *files);
	for (size_t i = 0; i < c->objects.len; i++) {
		struct object *o = c->objects.items[i];
		files[i].name = arena_printf(&c->arena, "%s.%s", o->file_stem, ext);
		files[i].secret = o->is_secret;
	}
	files[c->objects.len].name = "kustomization.yaml";
	return files;
}

static bool
yaml_failed(struct compilation *c, const char *problem)
{
	diag(&c->diags, E0001, NO_LOC, "cannot emit YAML: %s", problem ? problem : "unknown error");
	return false;
}

/* File i of plan_files(): an object, or the kustomization listing them. */
static bool
render_file(struct compilation *c, size_t i, struct buf *out)
{
	const char *problem = NULL;
	if (i < c->objects.len) {
		struct object *o = c->objects.items[i];
		if (c->opts->format == FORMAT_JSON)
			emit_json_object(o, out);
		else if (!emit_yaml_object(o, out, &problem))
			return yaml_failed(c, problem);
		return true;
	}
	size_t n;
	struct output_file *files = plan_files(c, &n);
	struct vec names = {0};
	for (size_t k = 0; k + 1 < n; k++)
		vec_push(&c->arena, &names, (void *)files[k].name);
	if (!emit_yaml_object(kustomization_object(c, &names), out, &problem))
		return yaml_failed(c, problem);
	return true;
}

/* The depfile's targets: the output folder's files, kustomization.yaml
 * first (a build tool's stamp); without -o, the depfile itself. */
static const struct vec *
depfile_targets(struct compilation *c, const struct output_file *files, size_t n)
{
	struct vec *targets = NEW(&c->arena, struct vec);
	if (!c->opts->out_dir) {
		vec_push(&c->arena, targets, (void *)c->opts->depfile);
		return targets;
	}
	for (size_t k = 0; k < n; k++) {
		size_t i = (k + n - 1) % n; /* the last file, kustomization.yaml, first */
		vec_push(&c->arena, targets, arena_printf(&c->arena, "%s/%s", c->opts->out_dir,
		                                          files[i].name));
	}
	return targets;
}

/* The depfile's prerequisites: the .todok file first (not when it is
 * standard input), then every other file read. */
static const struct vec *
depfile_inputs(struct compilation *c)
{
	struct vec *inputs = NEW(&c->arena, struct vec);
	if (strcmp(c->opts->input, "-") != 0)
		vec_push(&c->arena, inputs, (void *)c->opts->input);
	for (size_t i = 0; i < c->files_read.len; i++)
		if (strcmp(c->files_read.items[i], c->opts->input) != 0)
			vec_push(&c->arena, inputs, c->files_read.items[i]);
	return inputs;
}

/* The whole output as one stream: a YAML stream or a JSON List. */
static bool
render_stream(struct compilation *c, struct buf *out)
{
	const char *problem = NULL;
	if (c->opts->format == FORMAT_JSON)
		emit_json_list(&c->objects, out);
	else if (!emit_yaml_stream(&c->objects, out, &problem))
		return yaml_failed(c, problem);
	return true;
}

/* --check: everything is rendered, nothing is written. */
static bool
render_all(struct compilation *c)
{
	struct buf scratch = {0};
	bool ok = render_stream(c, &scratch);
	buf_free(&scratch);
	return ok;
}

int
main(int argc, char **argv)
{
	/* Diagnostics are written in blocks, not a system call per piece. */
	setvbuf(stderr, NULL, _IOFBF, 1 << 16);
	struct arena options_arena = {0};
	struct vec defines = {0};
	struct options opts = {.wait_image = DEFAULT_WAIT_IMAGE};
	int status = parse_options(argc, argv, &opts, &defines, &options_arena);
	if (status >= 0) {
		arena_free(&options_arena);
		return status;
	}

	struct compilation c;
	compilation_init(&c, &opts);
	size_t len = 0, nfiles = 0;
	char *text = NULL;
	bool ok = !opts.env_file || load_env_file(&c, opts.env_file);
	if (ok)
		text = read_input(&c, opts.input, MAX_INPUT_BYTES, &len);
	if (text) {
		c.base_dir = folder_of(&c.arena, opts.input);
		ok = compile_source(&c, opts.input, text, len);
		struct output_file *files = ok ? plan_files(&c, &nfiles) : NULL;
		const char *depfile_temp = NULL;
		if (ok && !opts.check_only && opts.depfile) {
			bool from_stdin = strcmp(opts.input, "-") == 0;
			depfile_temp = prepare_depfile(&c, opts.depfile, depfile_targets(&c, files, nfiles),
			                               depfile_inputs(&c), from_stdin ? 0 : 1);
			ok = depfile_temp != NULL;
		}
		if (ok && opts.check_only) {
			ok = render_all(&c);
		} else if (ok) {
			/* Standard output is written last: nothing reaches it when
			 * the output folder could not be written. */
			struct buf stream = {0};
			if (opts.out_dir)
				ok = write_output_dir(&c, opts.out_dir, files, nfiles, render_file);
			if (ok && opts.emit_dot)
				emit_dot(&c, &stream);
			else if (ok && !opts.out_dir)
				ok = render_stream(&c, &stream);
			if (ok && stream.len)
				ok = write_stdout(&c, &stream);
			buf_free(&stream);
		}
		if (depfile_temp && ok)
			commit_file(&c, depfile_temp, opts.depfile);
		else if (depfile_temp)
			unlink(depfile_temp);
	}
	if (opts.json_diagnostics) {
		diag_print_json(&c.diags, stderr);
	} else {
		const char *no_color = getenv("NO_COLOR");
		diag_print_text(&c.diags, stderr, isatty(2) && !(no_color && *no_color));
	}
	status = c.diags.io_error ? EXIT_IO : c.diags.errors ? EXIT_INPUT : EXIT_COMPILED;
	compilation_free(&c);
	arena_free(&options_arena);
	return status;
}
