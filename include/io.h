/*
 * io.h - files in and out (src/io.c): the input, the --env-file, the
 * file("...") of a secret (opened beneath the stack's folder, never
 * through a path that leaves it), temporary files written in full and
 * flushed, standard output and (src/depfile.c) the --depfile.  The
 * system calls that change files go through the io_* functions here,
 * where a test build (-DTODOKC_FAULTS, build/faults/todokc) can make the
 * N-th one fail or kill the process (docs/output.md, "Fault injection").
 *
 * The output folder itself (its lock, index and journal) is in
 * src/outdir.c (include/output.h).
 */
#ifndef IO_H_INCLUDED
#define IO_H_INCLUDED

#include <sys/types.h>

#include "todokc.h"

/* The names todokc keeps in an output folder (docs/output.md). */
#define OUTPUT_INDEX ".todokc-outputs"
#define OUTPUT_JOURNAL ".todokc-journal"
#define OUTPUT_LOCK ".todokc-lock"
#define TEMP_PREFIX ".todokc-tmp-"
#define TEMP_SUFFIX_LEN 6

struct output_file {
	const char *name;   /* a plain file name, no '/' */
	bool secret;        /* mode 0600 */
};

/* Fills `out` with the bytes of file i, building what it needs in
 * `scratch` and resetting it before returning; false (reported) on
 * failure. */
typedef bool render_fn(struct compilation *c, size_t i, struct arena *scratch, struct buf *out);

/* A diagnostic about a file, with exit status 3 whatever its code. */
void io_diag(struct compilation *c, enum diag_code code, const char *fmt, ...) PRINTF_LIKE(3, 4);
/* A name for messages: 'name', control characters escaped. */
const char *io_quote(struct compilation *c, const char *s);

enum read_result { READ_OK, READ_TOO_BIG, READ_FAILED };
/* Reads fd to its end (a read of 0 bytes; a short read is not the end)
 * into out, stopping as soon as more than limit bytes came.  READ_FAILED
 * leaves the reason in errno. */
enum read_result read_fd(int fd, size_t limit, struct buf *out);

/* Reads a whole file ("-" is standard input), at most `limit` bytes;
 * reports E0001 or E0005 and returns NULL on failure. */
char *read_input(struct compilation *c, const char *path, size_t limit, size_t *len);
/* Reads file("path") of the stack, relative to the .todok file's folder:
 * a regular file inside that folder, at most `limit` bytes, opened so
 * that what is checked is what is read (`holder`, "a Secret" or "a
 * ConfigMap", is what a message says the limit is of).  Returns its bytes
 * (NUL-terminated, in the arena) and lists it for the depfile; NULL
 * (reported at loc) on failure. */
const char *read_stack_file(struct compilation *c, const char *path, struct loc loc, size_t limit,
                            const char *holder, size_t *len);
/* The VAR=value lines of an env file's text (len bytes, text[len] == '\0',
 * changed in place) into c->env.file_vars; false (E0003, naming path and
 * the line) when a line is not VAR=value or holds a NUL byte. */
bool parse_env_text(struct compilation *c, const char *path, char *text, size_t len);
/* Reads and parses the --env-file. */
bool load_env_file(struct compilation *c, const char *path);

/* Whether two paths name one file or folder: as the file system has it
 * when both exist (one device and inode), else as written ("out", "out/"
 * and "./out" are one).  Two -o values, the depfile and the inputs. */
bool same_path(const char *a, const char *b);

/* The system calls that change files, -1 (errno) on failure. */
int io_write_all(int fd, const char *data, size_t len);
int io_fsync(int fd);
/* The file system of fd flushed (syncfs; where there is none, write_temp()
 * flushed each file and this does nothing): an fsync to the fault
 * injection. */
int io_syncfs(int fd);
int io_renameat(int from_dir, const char *from, int to_dir, const char *to);
int io_unlinkat(int dir, const char *name);

/* Creates DIR and its missing parents; false (reported) on failure. */
bool make_dirs(struct compilation *c, const char *dir);
/* Whether name is TEMP_PREFIX and TEMP_SUFFIX_LEN letters or digits. */
bool temp_name_ok(const char *name);
/* How write_temp() writes: TEMP_NOTHING_WRITTEN, its failure leaves
 * every output as it was (its message says "(nothing was written)");
 * TEMP_FLUSH_LATER, the caller flushes the file system once for many
 * files (io_syncfs()) instead of an fsync each. */
enum { TEMP_NOTHING_WRITTEN = 1, TEMP_FLUSH_LATER = 2 };
/* Writes data to a new temporary file prefix TEMP_PREFIX XXXXXX relative
 * to the folder fd dir_fd (prefix "" or "FOLDER/"), with its final mode,
 * flushed to the disk unless TEMP_FLUSH_LATER; returns that path
 * (relative to dir_fd), or NULL (reported as "cannot write SHOWN") with
 * nothing left behind. */
const char *write_temp(struct compilation *c, int dir_fd, const char *prefix, const char *shown,
                       const struct buf *data, mode_t mode, unsigned how);
/* The permission bits the process creates files without (asked once). */
mode_t current_umask(struct compilation *c);

bool write_stdout(struct compilation *c, const struct buf *b);

/* The depfile (src/depfile.c) */

/* The depfile's targets: the output folder's files, the kustomization
 * first; without -o, the depfile itself.  Its prerequisites: the .todok
 * file first (not when it is standard input), then every other file
 * read. */
const struct vec *depfile_targets(struct compilation *c, const struct output_file *files, size_t n);
const struct vec *depfile_inputs(struct compilation *c);
/* Whether the depfile `path` can name the targets and inputs and be put
 * in place: false (E0008) for a name Make cannot read back (a control
 * character, ';', '=', '|', a final backslash), (E0013) when path is the
 * output folder, a name todokc keeps in it, or one of the inputs, or
 * (E0001) when path is a folder, a FIFO or a device, or its folder is not
 * there.  Checked before anything is written. */
bool depfile_ok(struct compilation *c, const char *path, const struct vec *targets,
                const struct vec *inputs);
/* A Make rule: the targets depend on every file the compile read (the
 * first of them is the .todok file), with an empty rule for each other
 * input from index phony_from on, as GCC's -MP.  Names are escaped as GCC
 * does.  Written to a temporary file beside `path`, whose name is
 * returned, so that the outputs are written only when the depfile can
 * be; commit_file() renames it into place. */
const char *prepare_depfile(struct compilation *c, const char *path, const struct vec *targets,
                            const struct vec *inputs, size_t phony_from);
bool commit_file(struct compilation *c, const char *temp, const char *path);
/* Replaces the file at path (the one it links to, for a symbolic link)
 * with data, atomically: a temporary file in its folder, with its mode,
 * flushed to the disk and renamed over it; creates it (mode 0644 less the
 * umask) when there is none.  Refuses a file this user may not write
 * and one that is not a regular file.  False (reported) on failure, the
 * file untouched.  The one atomic write of a whole file: todokc fmt -w and
 * todokc import compose -o. */
bool replace_file(struct compilation *c, const char *path, const struct buf *data);

#endif
