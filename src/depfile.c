/*
 * depfile.c - the --depfile: its targets and prerequisites, the checks
 * made before anything is written (names Make can read back, no file of
 * todokc's or of the compile's replaced, a file in a folder that exists),
 * the Make rule written to a temporary file beside it, and
 * its commit, after the outputs.
 */
#define _GNU_SOURCE /* O_PATH */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The depfile's targets: the output folder's files, the kustomization
 * first (a build tool's stamp); without -o, the depfile itself. */
const struct vec *
depfile_targets(struct compilation *c, const struct output_file *files, size_t n)
{
	struct vec *targets = NEW(&c->arena, struct vec);
	if (!c->opts->out_dir) {
		vec_push(&c->arena, targets, (void *)c->opts->depfile);
		return targets;
	}
	for (size_t k = 0; k < n; k++) {
		size_t i = (k + n - 1) % n; /* the last file, the kustomization, first */
		vec_push(&c->arena, targets, arena_printf(&c->arena, "%s/%s", c->opts->out_dir,
		                                          files[i].name));
	}
	return targets;
}

/* The depfile's prerequisites: the .todok file first (not when it is
 * standard input), then every other file read, each once (a config's
 * file is read by every configuration checked). */
const struct vec *
depfile_inputs(struct compilation *c)
{
	struct vec *inputs = NEW(&c->arena, struct vec);
	struct strmap listed = {0};
	if (strcmp(c->opts->input, "-") != 0)
		vec_push(&c->arena, inputs, (void *)c->opts->input);
	strmap_put(&c->arena, &listed, c->opts->input, (void *)c->opts->input);
	for (size_t i = 0; i < c->files_read.len; i++) {
		const char *path = c->files_read.items[i];
		if (!strmap_claim(&c->arena, &listed, path, (void *)path))
			vec_push(&c->arena, inputs, (void *)path);
	}
	return inputs;
}

/* Why Make cannot read s back as one file name, or NULL.  A newline or
 * another control character ends or breaks the line, ';' starts a
 * recipe, '=' makes the line an assignment (a target-specific variable
 * in the first rule), '|' starts order-only prerequisites, a final
 * backslash escapes what follows; no escape exists for any of them. */
static const char *
make_problem(const char *s)
{
	for (const char *p = s; *p; p++)
		if (*p == '\n')
			return "a newline";
	for (const char *p = s; *p; p++)
		if (((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7F)
			return "a control character";
	if (strchr(s, ';'))
		return "';', which starts a recipe";
	if (strchr(s, '='))
		return "'=', which makes an assignment";
	if (strchr(s, '|'))
		return "'|', which starts order-only prerequisites";
	if (*s && s[strlen(s) - 1] == '\\')
		return "a backslash at its end";
	return NULL;
}

/* A file name in a Make rule, escaped as GCC does: a backslash before a
 * blank, '#' and ':', with the backslashes before them doubled, and '$'
 * as '$$'. */
static void
make_escape(struct buf *out, const char *s)
{
	size_t backslashes = 0;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '#' || *s == ':') {
			for (size_t k = 0; k <= backslashes; k++)
				buf_putc(out, '\\');
		} else if (*s == '$') {
			buf_putc(out, '$');
		}
		backslashes = *s == '\\' ? backslashes + 1 : 0;
		buf_putc(out, *s);
	}
}

/* The names of the depfile, or false (E0008) for one Make cannot read. */
static bool
make_names_ok(struct compilation *c, const char *path, const struct vec *names)
{
	for (size_t i = 0; i < names->len; i++) {
		const char *why = make_problem(names->items[i]);
		if (why) {
			io_diag(c, E0008,
			        "cannot write the depfile %s: Make cannot read the file name %s, which "
			        "holds %s (nothing was written)",
			        io_quote(c, path), io_quote(c, names->items[i]), why);
			return false;
		}
	}
	return true;
}

/* The folder of the depfile path, with its final '/' ("." when none). */
static const char *
depfile_folder(struct compilation *c, const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? arena_strndup(&c->arena, path, (size_t)(slash - path + 1)) : ".";
}

/* Whether name is one todokc gives its own files in an output folder:
 * its index, journal, lock and temporary files, and the outputs. */
static bool
kept_name(const char *name)
{
	return strcmp(name, OUTPUT_INDEX) == 0 || strcmp(name, OUTPUT_JOURNAL) == 0 ||
	       strcmp(name, OUTPUT_LOCK) == 0 || temp_name_ok(name) || output_name_ok(name);
}

/* The output folder that holds the depfile's path: the -o folder, or,
 * without one, a folder an earlier run wrote (it holds todokc's index);
 * NULL when the depfile goes elsewhere. */
static const char *
output_folder_of(struct compilation *c, const char *path)
{
	const char *out = c->opts->out_dir, *folder = depfile_folder(c, path);
	if (out)
		return same_path(folder, out) ? out : NULL;
	struct stat st;
	const char *index = arena_printf(&c->arena, "%s%s", strcmp(folder, ".") ? folder : "",
	                                 OUTPUT_INDEX);
	if (lstat(index, &st) != 0)
		return NULL;
	size_t len = strlen(folder);
	return len > 1 && folder[len - 1] == '/' ? arena_strndup(&c->arena, folder, len - 1) : folder;
}

/* False (E0013) when the depfile would replace the output folder, a file
 * todokc keeps in it (or in the output folder of an earlier run), or a
 * file the compile read. */
static bool
replaces_nothing_ours(struct compilation *c, const char *path, const struct vec *inputs)
{
	const char *out = c->opts->out_dir, *slash = strrchr(path, '/');
	const char *q = io_quote(c, path);
	if (out && same_path(path, out)) {
		io_diag(c, E0013, "cannot write the depfile %s: it is the output folder; choose "
		        "another name (nothing was written)", q);
		return false;
	}
	const char *folder = kept_name(slash ? slash + 1 : path) ? output_folder_of(c, path) : NULL;
	if (folder) {
		io_diag(c, E0013, "cannot write the depfile %s: todokc keeps that name in the output "
		        "folder %s for its own files; choose another name (nothing was written)", q,
		        io_quote(c, folder));
		return false;
	}
	for (size_t i = 0; i < inputs->len; i++) {
		if (same_path(path, inputs->items[i])) {
			io_diag(c, E0013, "cannot write the depfile %s: it is %s, which the compile reads; "
			        "choose another name (nothing was written)", q,
			        io_quote(c, inputs->items[i]));
			return false;
		}
	}
	return true;
}

/* Whether folder (a depfile's, with its final '/') is the -o folder or
 * one of its parents, which the run creates (out/shop/ of -o out/shop/dev). */
static bool
made_by_out_dir(const struct compilation *c, const char *folder)
{
	const char *out = c->opts->out_dir;
	if (!out)
		return false;
	while (folder[0] == '.' && folder[1] == '/')
		folder += 2;
	while (out[0] == '.' && out[1] == '/')
		out += 2;
	size_t len = strlen(folder);
	while (len > 0 && folder[len - 1] == '/')
		len--;
	return len > 0 && strncmp(out, folder, len) == 0 && (out[len] == '/' || out[len] == '\0');
}

bool
depfile_ok(struct compilation *c, const char *path, const struct vec *targets,
           const struct vec *inputs)
{
	if (!make_names_ok(c, path, targets) || !make_names_ok(c, path, inputs) ||
	    !replaces_nothing_ours(c, path, inputs))
		return false;
	/* The rename that commits it replaces a file or a symbolic link; it
	 * fails on a folder, and would replace a FIFO or a device. */
	struct stat st;
	bool exists = lstat(path, &st) == 0;
	const char *why = exists && S_ISDIR(st.st_mode) ? strerror(EISDIR)
	                  : exists && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode) ? "not a regular file"
	                                                                           : NULL;
	const char *folder = depfile_folder(c, path);
	int fd = why ? -1 : open(folder, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (!why && fd < 0 && errno == ENOENT && made_by_out_dir(c, folder))
		return true;
	if (!why && fd < 0)
		why = strerror(errno);
	if (why) {
		io_diag(c, E0001, "cannot write %s: %s", io_quote(c, path), why);
		return false;
	}
	close(fd);
	return true;
}

const char *
prepare_depfile(struct compilation *c, const char *path, const struct vec *targets,
                const struct vec *inputs, size_t phony_from)
{
	struct buf b = {0};
	for (size_t i = 0; i < targets->len; i++) {
		if (i)
			buf_putc(&b, ' ');
		make_escape(&b, targets->items[i]);
	}
	buf_putc(&b, ':');
	for (size_t i = 0; i < inputs->len; i++) {
		buf_puts(&b, " \\\n  ");
		make_escape(&b, inputs->items[i]);
	}
	buf_putc(&b, '\n');
	/* An empty rule per input but the .todok, so that make does not fail
	 * when one of them is deleted. */
	for (size_t i = phony_from; i < inputs->len; i++) {
		buf_putc(&b, '\n');
		make_escape(&b, inputs->items[i]);
		buf_puts(&b, ":\n");
	}
	const char *prefix = strrchr(path, '/') ? depfile_folder(c, path) : "";
	const char *tmp = write_temp(c, AT_FDCWD, prefix, io_quote(c, path), &b,
	                             0644 & ~current_umask(c), TEMP_NOTHING_WRITTEN);
	buf_free(&b);
	return tmp;
}

bool
commit_file(struct compilation *c, const char *temp, const char *path)
{
	if (io_renameat(AT_FDCWD, temp, AT_FDCWD, path) == 0)
		return true;
	io_diag(c, E0001, "cannot write %s: %s", io_quote(c, path), strerror(errno));
	unlink(temp);
	return false;
}
