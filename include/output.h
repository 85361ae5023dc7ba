/*
 * output.h - what a compilation writes and how (src/output.c): the files
 * of an output folder, each rendered just before it is written, the
 * stream on standard output, the Graphviz view and the depfile; and
 * (src/outdir.c) the output folder itself, updated under a lock through
 * a journal so that a run killed or failing at any point leaves either
 * the old output, the new one, or a journal the next run completes
 * (docs/output.md).  The command and the fuzz harnesses go through these
 * functions.
 */
#ifndef OUTPUT_H_INCLUDED
#define OUTPUT_H_INCLUDED

#include "io.h"

/* Named so that kustomize reads it and `kubectl apply -f DIR` skips it;
 * the name of earlier versions is still ours when the index lists it, and
 * is removed then as a stale file. */
#define KUSTOMIZATION_FILE "Kustomization"
#define OLD_KUSTOMIZATION_FILE "kustomization.yaml"

/* The files of an output folder: one per planned object, then the
 * kustomization.  They are named by the first call, and kept: standard
 * output, which has no files, does without them. */
struct output_file *output_files(struct compilation *c, size_t *n);
/* Renders file i of output_files() into out, its tree built in scratch
 * (reset before returning); false (reported) on failure. */
bool render_file(struct compilation *c, size_t i, struct arena *scratch, struct buf *out);
/* Renders the whole output as one stream into out: a YAML stream or a
 * JSON List.  (The command streams it instead: write_outputs().) */
bool render_stream(struct compilation *c, struct buf *out);
/* Whether the manifests rendered so far, `total` bytes with file i's of
 * output_files(), stay within MAX_OUTPUT_BYTES; false (E0011, at file
 * i's component) when they do not. */
bool output_within_limit(struct compilation *c, size_t i, size_t total);
/* Writes everything the options ask for, after a clean compile: the
 * folder or standard output (or, with --check, renders and writes
 * nothing), the Graphviz view, the depfile.  False when something could
 * not be written (reported). */
bool write_outputs(struct compilation *c);

/* The output folder.  outdir_open() creates it, takes its lock (waiting
 * for another run, or failing with --fail-if-locked), completes what an
 * interrupted run left and removes stray temporary files; NULL
 * (reported) on failure.  outdir_write() writes the files, all or
 * nothing; outdir_close() releases the lock. */
struct outdir;
struct outdir *outdir_open(struct compilation *c, const char *dir);
bool outdir_write(struct compilation *c, struct outdir *od, const struct output_file *files,
                  size_t n, render_fn *render);
void outdir_close(struct outdir *od);

/* The index (.todokc-outputs) and the journal (.todokc-journal): text
 * files of at most MAX_LISTING_BYTES, lines of at most MAX_LISTING_LINE
 * bytes, each ended by a newline, without control characters. */
#define MAX_LISTING_BYTES (64u << 20)
#define MAX_LISTING_LINE 1024

/* An update in progress: rename from[i] to to[i] (the temporary files
 * over their names, the index last), then remove each of `removes` (what
 * the old index listed and the new one does not). */
struct journal {
	struct vec from, to, removes; /* const char * */
};

/* Whether name is one todokc writes into an output folder:
 * kustomization.yaml, or DIGITS-NAME.yaml / .json, a plain file name of
 * at most NAME_MAX bytes without control characters. */
bool output_name_ok(const char *name);
/* The names an index lists (each once, in order); false (E0006, naming
 * path and the line) when it is not an index todokc writes. */
bool parse_index(struct compilation *c, const char *path, const char *text, size_t len,
                 struct vec *names);
bool parse_journal(struct compilation *c, const char *path, const char *text, size_t len,
                   struct journal *j);
/* The text of an index listing names, and of a journal. */
void index_text(struct buf *out, const struct vec *names);
void journal_text(struct buf *out, const struct journal *j);

#endif
