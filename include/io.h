/*
 * io.h - reading the input and writing the output (src/io.c).
 *
 * Output to a folder is all or nothing: every file is first written to a
 * temporary file in the folder and flushed, and only when all of them
 * are written are they renamed over the old ones.  The folder's
 * .todokc-outputs lists what todokc wrote there; only those files are
 * ever replaced or removed.
 */
#ifndef IO_H_INCLUDED
#define IO_H_INCLUDED

#include "todokc.h"

#define OUTPUT_INDEX ".todokc-outputs"

struct output_file {
	const char *name;   /* a plain file name, no '/' */
	bool secret;        /* mode 0600 */
};

/* Fills `out` with the bytes of file i; false (reported) on failure. */
typedef bool render_fn(struct compilation *c, size_t i, struct buf *out);

/* Reads a whole file ("-" is standard input), at most `limit` bytes;
 * reports E0001 or E0005 and returns NULL on failure. */
char *read_input(struct compilation *c, const char *path, size_t limit, size_t *len);
/* Reads file("path") of the stack, relative to the .todok file's folder:
 * a regular file inside that folder, at most `limit` bytes.  Returns its
 * bytes (NUL-terminated, in the arena) and lists it for the depfile; NULL
 * (reported at loc) on failure. */
const char *read_stack_file(struct compilation *c, const char *path, struct loc loc, size_t limit,
                            size_t *len);
/* Loads VAR=value lines for env("VAR"). */
bool load_env_file(struct compilation *c, const char *path);
/* Writes the n files into dir, rendering each just before it is written,
 * so that only one file's bytes are in memory at a time. */
bool write_output_dir(struct compilation *c, const char *dir, const struct output_file *files,
                      size_t n, render_fn *render);
bool write_stdout(struct compilation *c, const struct buf *b);
/* A Make rule: the targets depend on every file the compile read (the
 * first of them is the .todok file), with an empty rule for each other
 * input from index phony_from on, as GCC's -MP.  Written to a temporary file beside `path`, whose
 * name is returned, so that the outputs are written only when the
 * depfile can be; commit_file() renames it into place. */
const char *prepare_depfile(struct compilation *c, const char *path, const struct vec *targets,
                            const struct vec *inputs, size_t phony_from);
bool commit_file(struct compilation *c, const char *temp, const char *path);
/* Replaces the file at path (the one it links to, for a symbolic link)
 * with data, atomically: a temporary file in its folder, with its mode,
 * renamed over it.  False (reported) on failure, the file untouched. */
bool replace_file(struct compilation *c, const char *path, const struct buf *data);

#endif
