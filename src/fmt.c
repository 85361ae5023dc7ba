/*
 * fmt.c - `todokc fmt [--check | -w] FILE...`: the canonical layout of
 * .todok files (src/fmt_layout.c lays a file out).
 *
 *   todokc fmt FILE...          prints each file formatted
 *   todokc fmt -w FILE...       rewrites the files that are not formatted,
 *                               atomically, keeping their mode
 *   todokc fmt --check FILE...  prints the names of the files that are not
 *                               formatted; exit status 1 if there are any
 *
 * A file with a syntax error is left as it is and its diagnostics are
 * printed (exit status 1); other errors do not stop formatting, which only
 * parses.  Exit status: 0 done, 1 a file has syntax errors (or, with
 * --check, is not formatted), 2 bad command line, 3 a file could not be
 * read or written.
 */
#include "tools.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "io.h"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_IO = 3 }; /* 2: a bad command line */
enum fmt_mode { FMT_PRINT, FMT_WRITE, FMT_CHECK };

static const char fmt_usage[] =
	"usage: todokc fmt [--check | -w] FILE.todok...\n"
	"Formats .todok files in the one canonical layout (FILE - reads standard input).\n"
	"\n"
	"  (no option)  print the formatted files on standard output\n"
	"  -w           rewrite the files that are not formatted, in place\n"
	"  --check      print the names of the files that are not formatted\n"
	"\n"
	"Exit status: 0 done, 1 a file has syntax errors (or is not formatted, with\n"
	"--check), 2 bad command line, 3 a file could not be read or written.\n";

bool
format_source(struct compilation *c, const char *path, const char *text, size_t len,
              struct buf *out, struct loc **placed)
{
	if (!c->syntax)
		c->syntax = NEW(&c->arena, struct syntax);
	source_init(&c->arena, &c->src, path, text, len);
	c->diags.src = &c->src;
	parse_source(c);
	if (has_syntax_errors(&c->diags))
		return false;
	if (placed)
		*placed = arena_alloc(&c->arena, (c->syntax->ntokens + 1) * sizeof **placed);
	size_t before = out->len;
	format_syntax(c, out, placed ? *placed : NULL);
	/* A file near the limit may grow past it: the compiler could not read it. */
	if (out->len - before > MAX_INPUT_BYTES) {
		diag(&c->diags, E0005, NO_LOC, "%s formatted would be %zu bytes; the limit is %u bytes",
		     io_quote(c, path), out->len - before, (unsigned)MAX_INPUT_BYTES);
		out->len = before;
		return false;
	}
	return true;
}

static bool
same_text(const struct buf *b, const char *text, size_t len)
{
	return b->len == len && (len == 0 || memcmp(b->data, text, len) == 0);
}

/* -w and --check work on files: a FIFO or a device is refused (E0001)
 * before it is opened, as an open() of a FIFO waits for a writer.
 * Standard input and what is not there are read_input()'s to report. */
static bool
file_ok(struct compilation *c, const char *path, enum fmt_mode mode)
{
	struct stat st;
	if (mode == FMT_PRINT || strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
	    S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
		return true;
	io_diag(c, E0001, "cannot %s %s: not a regular file", mode == FMT_WRITE ? "write" : "check",
	        io_quote(c, path));
	return false;
}

/* Formats one file as the mode says; returns its exit status. */
static int
format_file(const char *path, enum fmt_mode mode)
{
	struct options opts;
	options_init(&opts);
	opts.input = path;
	struct compilation c;
	compilation_init(&c, &opts);
	struct buf out = {0};
	size_t len = 0;
	int status = EXIT_OK;
	const char *text = file_ok(&c, path, mode) ? read_input(&c, path, MAX_INPUT_BYTES, &len) : NULL;
	if (!text && !c.diags.io_error)
		status = EXIT_INPUT; /* too large (E0005) */
	else if (text && !format_source(&c, path, text, len, &out, NULL))
		status = EXIT_INPUT;
	else if (text && mode == FMT_CHECK && !same_text(&out, text, len))
		status = printf("%s\n", path) < 0 ? EXIT_IO : EXIT_INPUT;
	else if (text && mode == FMT_WRITE && !same_text(&out, text, len))
		replace_file(&c, path, &out);
	else if (text && mode == FMT_PRINT)
		write_stdout(&c, &out);
	if (c.diags.io_error)
		status = EXIT_IO;
	/* Only what stops formatting is shown: the other errors are the
	 * compiler's to report. */
	if (status != EXIT_OK)
		diag_print(&c.diags, false, DIAG_COLOR_AUTO, stderr);
	buf_free(&out);
	compilation_free(&c);
	return status;
}

/* The options, anywhere before "--"; the files are left in argv[1..*nfiles].
 * Returns -1, or the exit status when the command line is done or bad. */
static int
fmt_options(int argc, char **argv, enum fmt_mode *mode, int *nfiles)
{
	bool options = true;
	*nfiles = 0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!options || arg[0] != '-' || !arg[1]) {
			argv[1 + (*nfiles)++] = argv[i];
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			options = false;
			continue;
		}
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			fputs(fmt_usage, stdout);
			return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
		}
		enum fmt_mode m = strcmp(arg, "-w") == 0 ? FMT_WRITE
		                  : strcmp(arg, "--check") == 0 ? FMT_CHECK : FMT_PRINT;
		char best[OPTION_NAME_MAX];
		if (m == FMT_PRINT && closest_option(fmt_usage, arg, best))
			return usage_error_of("todokc fmt", "unknown option '%s'; did you mean '%s'?", arg,
			                      best);
		if (m == FMT_PRINT)
			return usage_error_of("todokc fmt", "unknown option '%s'", arg);
		if (*mode != FMT_PRINT && *mode != m)
			return usage_error_of("todokc fmt", "%s", "-w and --check do not go together");
		*mode = m;
	}
	for (int k = 1; k <= *nfiles; k++)
		if (*mode == FMT_WRITE && strcmp(argv[k], "-") == 0)
			return usage_error_of("todokc fmt", "%s", "-w cannot rewrite standard input");
	if (*nfiles == 0)
		return usage_error_of("todokc fmt", "%s", "no input file");
	return -1;
}

int
fmt_main(int argc, char **argv)
{
	enum fmt_mode mode = FMT_PRINT;
	int nfiles;
	int status = fmt_options(argc, argv, &mode, &nfiles);
	if (status >= 0)
		return status;
	status = EXIT_OK;
	for (int i = 1; i <= nfiles; i++) {
		int s = format_file(argv[i], mode);
		if (s > status)
			status = s;
	}
	if (fflush(stdout) != 0 && status < EXIT_IO) {
		perror("todokc fmt: error: cannot write to standard output");
		status = EXIT_IO;
	}
	return status;
}
