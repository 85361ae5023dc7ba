/*
 * output.h - what a compilation writes and how (src/output.c): the files
 * of an output folder, each rendered just before it is written, the
 * stream on standard output, the Graphviz view and the depfile.  The
 * command and the fuzz harness both go through these functions.
 */
#ifndef OUTPUT_H_INCLUDED
#define OUTPUT_H_INCLUDED

#include "io.h"

/* The files of an output folder: one per planned object, then the
 * kustomization. */
struct output_file *output_files(struct compilation *c, size_t *n);
/* Renders file i of output_files() into out; false (reported) on failure. */
bool render_file(struct compilation *c, size_t i, struct buf *out);
/* Renders the whole output as one stream: a YAML stream or a JSON List. */
bool render_stream(struct compilation *c, struct buf *out);
/* Writes everything the options ask for, after a clean compile: the
 * folder or standard output (or, with --check, renders and writes
 * nothing), the Graphviz view, the depfile.  False when something could
 * not be written (reported). */
bool write_outputs(struct compilation *c);

#endif
