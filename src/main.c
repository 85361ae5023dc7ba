/*
 * main.c - the todokc command: reads the options, compiles one .todok
 * file, and writes its manifests.
 *
 *   options -> read the env file and the input -> compile (parse, lower,
 *   resolve, order, check, plan the objects) -> write the folder or
 *   standard output, and the depfile -> print the diagnostics.
 *
 * `todokc fmt`, `todokc lsp` and `todokc import compose` are subcommands
 * of their own (include/tools.h).
 *
 * Exit status: 0 compiled, 1 the input has errors, 2 bad command line,
 * 3 a file could not be read or written.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "tools.h"

enum { EXIT_COMPILED = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

static const char usage_text[] =
	"usage: todokc [options] FILE.todok\n"
	"       todokc fmt [--check | -w] FILE.todok...\n"
	"       todokc lsp\n"
	"       todokc import compose FILE [-o FILE.todok]\n"
	"Compiles a .todok stack into Kubernetes manifests (FILE - reads standard input).\n"
	"\n"
	"  -o DIR                 write one file per object, and their Kustomization, into DIR\n"
	"  --format yaml|json     output format (default yaml)\n"
	"  -D NAME=VALUE          override a param\n"
	"  --profile NAME         compile with the stack's profile NAME applied\n"
	"  --order-annotations argocd|kpt\n"
	"                         also write the dependency order as Argo CD sync waves\n"
	"                         or as kpt and Config Sync depends-on annotations\n"
	"  --env-file FILE        VAR=value lines for env(\"VAR\") secret values (repeatable:\n"
	"                         a later file's VAR wins)\n"
	"  --check                validate only, write nothing\n"
	"  --depfile FILE         write a Make depfile of every file read\n"
	"  --fail-if-locked       fail (exit status 3) instead of waiting when another\n"
	"                         run of todokc is writing the -o folder\n"
	"  --emit dot             print the dependency graph as Graphviz (on standard\n"
	"                         output, instead of the manifests unless -o is given)\n"
	"  --capacity cpu=Q,memory=Q\n"
	"                         the cluster's capacity, checked against the requests\n"
	"  --no-wait              no init containers that wait for 'after' dependencies\n"
	"  --wait-image IMAGE     image of those init containers (default " DEFAULT_WAIT_IMAGE ")\n"
	"  --job-wait-image IMAGE image of the init containers that wait for a job through\n"
	"                         the Kubernetes API (default " DEFAULT_JOB_WAIT_IMAGE ")\n"
	"  --werror               treat warnings as errors\n"
	"  --diagnostics=json     print diagnostics as JSON, one object per line (command-line\n"
	"                         errors too)\n"
	"  --color=auto|always|never\n"
	"                         colour the diagnostics: auto on a terminal, unless NO_COLOR\n"
	"                         is set or TERM is dumb (default auto)\n"
	"  --version, --help\n"
	"\n"
	"  fmt                    format files in the canonical layout (todokc fmt --help)\n"
	"  lsp                    a Language Server Protocol server on standard input and output\n"
	"  import compose FILE    a .todok from a Docker Compose file (todokc import compose --help)\n"
	"\n"
	"Exit status: 0 compiled, 1 errors in the input, 2 bad command line,\n"
	"3 a file could not be read or written.  See todokc(1).\n";

/* The subcommands (include/tools.h): `todokc NAME ARGS...` runs NAME's
 * main with argv[0] = NAME. */
static const struct subcommand {
	const char *name;
	int (*run)(int argc, char **argv);
} subcommands[] = {
	{"fmt", fmt_main},
	{"lsp", lsp_main},
	{"import", import_main},
};

/* A bad command line: exit status 2, with the message as text, or as JSON
 * (code E0012) under --diagnostics=json wherever it is given. */
static int
usage_error(const struct options *o, const char *fmt, const char *arg)
{
	if (!o->json_diagnostics)
		return usage_error_of("todokc", fmt, arg);
	char *message = usage_message(fmt, arg);
	diag_print_bare_json(stderr, E0012, message);
	free(message);
	return EXIT_USAGE;
}

/* --diagnostics=json anywhere on the command line: errors of the command
 * line before it are JSON too. */
static bool
json_wanted(int argc, char **argv)
{
	bool json = false;
	for (int i = 1; i < argc; i++) {
		const char *v = strncmp(argv[i], "--diagnostics=", 14) == 0 ? argv[i] + 14
		                : strcmp(argv[i], "--diagnostics") == 0 && i + 1 < argc ? argv[i + 1]
		                                                                         : NULL;
		if (v)
			json = strcmp(v, "json") == 0;
	}
	return json;
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
	return utf8_invalid_at(s, len) == len;
}

/* -D NAME=VALUE (or -DNAME=VALUE) */
static int
parse_define(int argc, char **argv, int *i, const struct options *o, struct vec *defines,
             struct arena *a)
{
	const char *arg = argv[*i];
	const char *def = arg[2] ? arg + 2 : (*i + 1 < argc ? argv[++*i] : NULL);
	const char *eq = def ? strchr(def, '=') : NULL;
	if (!eq || eq == def)
		return usage_error(o, "-D takes NAME=VALUE, not '%s'", def ? def : "");
	const char *name = arena_strndup(a, def, (size_t)(eq - def));
	/* The bad part is named; bytes that are not UTF-8 are not shown. */
	if (!valid_utf8(name))
		return usage_error(o, "%s", "-D takes NAME=VALUE: the name is not valid UTF-8");
	if (!valid_utf8(eq + 1))
		return usage_error(o, "-D %s: the value is not valid UTF-8", name);
	struct define *d = NEW(a, struct define);
	d->name = name;
	d->value = eq + 1;
	vec_push(a, defines, d);
	return -1;
}

/* The options that take a value (--opt VALUE or --opt=VALUE). */
static int
parse_valued(int argc, char **argv, int *i, struct options *o, struct arena *a)
{
	const char *arg = argv[*i], *v;
	if (is_option(arg, "--format")) {
		if (!(v = option_value(argc, argv, i, "--format")))
			return usage_error(o, "%s needs yaml or json", "--format");
		if (strcmp(v, "yaml") != 0 && strcmp(v, "json") != 0)
			return usage_error(o, "unknown format '%s' (yaml or json)", v);
		o->format = strcmp(v, "json") == 0 ? FORMAT_JSON : FORMAT_YAML;
	} else if (is_option(arg, "--profile")) {
		if (!(o->profile = option_value(argc, argv, i, "--profile")) || !*o->profile)
			return usage_error(o, "%s needs the name of a profile", "--profile");
	} else if (is_option(arg, "--order-annotations")) {
		if (!(v = option_value(argc, argv, i, "--order-annotations")))
			return usage_error(o, "%s takes argocd or kpt", "--order-annotations");
		if (strcmp(v, "argocd") != 0 && strcmp(v, "kpt") != 0)
			return usage_error(o, "unknown order annotations '%s' (argocd or kpt)", v);
		o->order_annotations = strcmp(v, "kpt") == 0 ? ORDER_KPT : ORDER_ARGOCD;
	} else if (is_option(arg, "--env-file")) {
		if (!(v = option_value(argc, argv, i, "--env-file")) || !*v)
			return usage_error(o, "%s needs a file", "--env-file");
		vec_push(a, &o->env_files, (void *)v);
	} else if (is_option(arg, "--depfile")) {
		if (!(o->depfile = option_value(argc, argv, i, "--depfile")) || !*o->depfile)
			return usage_error(o, "%s needs a file", "--depfile");
	} else if (is_option(arg, "--emit")) {
		if (!(v = option_value(argc, argv, i, "--emit")) || strcmp(v, "dot") != 0)
			return usage_error(o, "%s takes 'dot'", "--emit");
		o->emit_dot = true;
	} else if (is_option(arg, "--capacity")) {
		if (!(v = option_value(argc, argv, i, "--capacity")) || !options_set_capacity(o, a, v))
			return usage_error(o, "%s takes cpu=QUANTITY,memory=QUANTITY, each at most once "
			                   "(e.g. cpu=4,memory=8Gi)", "--capacity");
	} else if (is_option(arg, "--wait-image") || is_option(arg, "--job-wait-image")) {
		bool job = is_option(arg, "--job-wait-image");
		const char *name = job ? "--job-wait-image" : "--wait-image";
		if (!(v = option_value(argc, argv, i, name)) || !*v)
			return usage_error(o, "%s needs an image", name);
		if (image_problem(v))
			return usage_error(o, job ? "--job-wait-image: '%s' is not a valid image reference"
			                       : "--wait-image: '%s' is not a valid image reference", v);
		*(job ? &o->job_wait_image : &o->wait_image) = v;
	} else if (is_option(arg, "--color")) {
		if (!(v = option_value(argc, argv, i, "--color")))
			return usage_error(o, "%s takes auto, always or never", "--color");
		if (strcmp(v, "auto") != 0 && strcmp(v, "always") != 0 && strcmp(v, "never") != 0)
			return usage_error(o, "unknown colour mode '%s' (auto, always or never)", v);
		o->color = strcmp(v, "always") == 0 ? DIAG_COLOR_ALWAYS
		           : strcmp(v, "never") == 0 ? DIAG_COLOR_NEVER : DIAG_COLOR_AUTO;
	} else if (is_option(arg, "--diagnostics")) {
		if (!(v = option_value(argc, argv, i, "--diagnostics")))
			return usage_error(o, "%s takes json or text", "--diagnostics");
		if (strcmp(v, "json") != 0 && strcmp(v, "text") != 0)
			return usage_error(o, "unknown diagnostics format '%s' (json or text)", v);
		o->json_diagnostics = strcmp(v, "json") == 0;
	} else {
		char best[OPTION_NAME_MAX];
		if (closest_option(usage_text, arg, best))
			return usage_error(o, "%s", arena_printf(a, "unknown option '%s'; did you mean '%s'?",
			                                          arg, best));
		return usage_error(o, "unknown option '%s'", arg);
	}
	return -1;
}

/* One argument (and its value); -1 to go on, else the exit status. */
static int
parse_argument(int argc, char **argv, int *i, struct options *o, struct vec *defines,
               struct arena *a)
{
	const char *arg = argv[*i];
	if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
		fputs(usage_text, stdout);
		return flush_stdout();
	}
	if (strcmp(arg, "--version") == 0) {
		printf("todokc %s\n", COMPILER_VERSION);
		return flush_stdout();
	}
	if (strncmp(arg, "-o", 2) == 0) {
		/* Two folders are a mistake, not a choice of the last (the other
		 * options take the last value, so that an alias may be overridden). */
		const char *before = o->out_dir;
		/* "-o=out" would be a folder named "=out": the '=' of a long
		 * option is refused rather than guessed at. */
		if (arg[2] == '=')
			return usage_error(o, "'%s': -o takes its folder as '-o DIR' or '-oDIR', without '='",
			                   arg);
		o->out_dir = arg[2] ? arg + 2 : (*i + 1 < argc ? argv[++*i] : NULL);
		if (!o->out_dir || !*o->out_dir)
			return usage_error(o, "%s needs a folder", "-o");
		if (before && !same_path(before, o->out_dir))
			return usage_error(o, "%s", arena_printf(a, "-o is given twice ('%s' and '%s'): "
			                                          "todokc writes one folder", before, o->out_dir));
		return -1;
	}
	if (strncmp(arg, "-D", 2) == 0)
		return parse_define(argc, argv, i, o, defines, a);
	if (strcmp(arg, "--check") == 0)
		o->check_only = true;
	else if (strcmp(arg, "--no-wait") == 0)
		o->no_wait = true;
	else if (strcmp(arg, "--werror") == 0)
		o->werror = true;
	else if (strcmp(arg, "--fail-if-locked") == 0)
		o->fail_if_locked = true;
	else if (arg[0] == '-' && arg[1] != '\0')
		return parse_valued(argc, argv, i, o, a);
	else if (o->input)
		return usage_error(o, "one input file at a time; '%s' is a second one", arg);
	else
		o->input = arg;
	return -1;
}

static int
parse_options(int argc, char **argv, struct options *o, struct arena *a)
{
	struct vec defines = {0};
	for (int i = 1; i < argc; i++) {
		int status = parse_argument(argc, argv, &i, o, &defines, a);
		if (status >= 0)
			return status;
	}
	if (!o->input)
		return usage_error(o, "%s", "no input file");
	if (o->out_dir) {
		/* "out/" and "out" name one folder: keep file names single-slashed. */
		size_t n = strlen(o->out_dir);
		while (n > 1 && o->out_dir[n - 1] == '/')
			n--;
		o->out_dir = arena_strndup(a, o->out_dir, n);
	}
	o->defines = (struct define *)arena_alloc(a, (defines.len + 1) * sizeof *o->defines);
	for (size_t k = 0; k < defines.len; k++)
		o->defines[k] = *(struct define *)defines.items[k];
	o->ndefines = defines.len;
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

int
main(int argc, char **argv)
{
	/* Diagnostics are written in blocks, not a system call per piece. */
	setvbuf(stderr, NULL, _IOFBF, 1 << 16);
	/* A reader that closes the pipe (todokc app.todok | head) makes a
	 * write fail with EPIPE, reported with exit status 3, rather than
	 * kill the process without a word. */
	signal(SIGPIPE, SIG_IGN);
	/* Subcommands come first; any other first argument is a file. */
	for (size_t k = 0; argc > 1 && k < sizeof subcommands / sizeof subcommands[0]; k++)
		if (strcmp(argv[1], subcommands[k].name) == 0)
			return subcommands[k].run(argc - 1, argv + 1);
	struct arena options_arena = {0};
	struct options opts;
	options_init(&opts);
	opts.json_diagnostics = json_wanted(argc, argv);
	int status = parse_options(argc, argv, &opts, &options_arena);
	if (status >= 0) {
		arena_free(&options_arena);
		return status;
	}

	struct compilation c;
	compilation_init(&c, &opts);
	size_t len = 0;
	char *text = NULL;
	bool env_files_read = true; /* each is read, so that each one's errors are reported */
	for (size_t k = 0; k < opts.env_files.len; k++)
		env_files_read = load_env_file(&c, opts.env_files.items[k]) && env_files_read;
	if (env_files_read)
		text = read_input(&c, opts.input, MAX_INPUT_BYTES, &len);
	if (text) {
		c.base_dir = folder_of(&c.arena, opts.input);
		if (compile_source(&c, opts.input, text, len))
			write_outputs(&c);
	}
	status = diag_print(&c.diags, opts.json_diagnostics, opts.color, stderr);
	compilation_free(&c);
	arena_free(&options_arena);
	return status;
}
