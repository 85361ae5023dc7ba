/*
 * output.c - the output of a compiled stack (docs/output.md): the files
 * of an output folder (NN-kind-name.yaml for each object, then the
 * kustomization listing them), each tree built and rendered just before
 * its file is written, and the output's limit; the YAML stream or JSON
 * List of standard output; the Graphviz view; the depfile, prepared
 * before the outputs and committed after them.  The output folder itself
 * (its lock, index and journal) is src/outdir.c's.
 */
#include "output.h"

#include <string.h>
#include <unistd.h>

#include "objects.h"

struct output_file *
output_files(struct compilation *c, size_t *n)
{
	*n = c->objects.len + 1;
	if (c->files)
		return c->files;
	const char *ext = c->opts->format == FORMAT_JSON ? "json" : "yaml";
	name_files(c);
	struct output_file *files = arena_alloc(&c->arena, *n * sizeof *files);
	for (size_t i = 0; i < c->objects.len; i++) {
		const struct object *o = c->objects.items[i];
		files[i].name = arena_printf(&c->arena, "%s.%s", o->file_stem, ext);
		files[i].secret = object_kinds[o->kind].secret;
	}
	files[c->objects.len].name = KUSTOMIZATION_FILE;
	c->files = files;
	return files;
}

static bool
yaml_failed(struct compilation *c, const char *problem)
{
	diag(&c->diags, E0001, NO_LOC, "cannot emit YAML: %s", problem ? problem : "unknown error");
	return false;
}

/* One tree as a YAML document without a "---" marker. */
static bool
render_yaml_document(struct compilation *c, const struct node *doc, struct buf *out)
{
	const char *problem = NULL;
	struct yaml_stream *y = yaml_stream_open(out, false);
	yaml_stream_write(y, doc);
	return yaml_stream_close(y, &problem) || yaml_failed(c, problem);
}

/* (A stack annotation is written on every object: the values' limits do
 * not bound the output.) */
bool
output_within_limit(struct compilation *c, size_t i, size_t total)
{
	const struct object *o = i < c->objects.len ? c->objects.items[i] : NULL;
	if (total <= MAX_OUTPUT_BYTES)
		return true;
	diag(&c->diags, E0011, o && o->comp ? o->comp->name.loc : NO_LOC,
	     "the output grows past %u bytes at %s; todokc writes at most 512 MiB of manifests in "
	     "one run", MAX_OUTPUT_BYTES, o ? arena_printf(&c->arena, "the %s %s",
	     object_kinds[o->kind].kind, diag_quote(&c->arena, o->name)) : "the kustomization");
	return false;
}

bool
render_file(struct compilation *c, size_t i, struct arena *tree, struct buf *out)
{
	bool ok;
	if (i < c->objects.len) {
		const struct node *doc = object_tree(c, c->objects.items[i], tree);
		if (c->opts->format == FORMAT_JSON) {
			json_document(out, doc);
			ok = true;
		} else {
			ok = render_yaml_document(c, doc, out);
		}
	} else {
		size_t n;
		struct output_file *files = output_files(c, &n);
		const char **names = arena_alloc(tree, n * sizeof *names);
		for (size_t k = 0; k + 1 < n; k++)
			names[k] = files[k].name;
		ok = render_yaml_document(c, kustomization_tree(tree, names, n - 1), out);
	}
	arena_reset(tree);
	return ok;
}

/* Where a stream goes as it is rendered: kept whole in its buffer, or
 * written to standard output (or dropped, for --check) a chunk at a time,
 * so that neither the trees nor the text of every object are ever held at
 * once.  Every check has run before the first byte is written (the
 * emitter's one failure, invalid UTF-8, cannot happen: the input, -D
 * values and config files are checked when read, and secret values are
 * written in base64); a write that fails later stops the stream with
 * exit status 3. */
enum sink { SINK_BUFFER, SINK_STDOUT, SINK_DISCARD };
enum { STREAM_CHUNK = 64 * 1024 };

/* Passes what out holds to the sink once it is a chunk (at the end, all
 * of it); false (reported) when standard output cannot be written. */
static bool
drain(struct compilation *c, struct buf *out, enum sink sink, bool end)
{
	if (sink == SINK_BUFFER || (!end && out->len < STREAM_CHUNK))
		return true;
	bool ok = sink == SINK_DISCARD || write_stdout(c, out);
	out->len = 0;
	return ok;
}

/* The stream, each object's tree built just before it is emitted, in a
 * scratch arena reset after each object. */
static bool
stream_objects(struct compilation *c, struct buf *out, enum sink sink)
{
	struct arena tree = {0};
	bool json = c->opts->format == FORMAT_JSON, ok = true;
	struct yaml_stream *y = json ? NULL : yaml_stream_open(out, true);
	if (json)
		json_list_begin(out);
	size_t total = 0;
	for (size_t i = 0; ok && i < c->objects.len; i++) {
		const struct node *doc = object_tree(c, c->objects.items[i], &tree);
		size_t before = out->len;
		if (json)
			json_list_item(out, i, doc);
		else
			ok = yaml_stream_write(y, doc);
		arena_reset(&tree);
		total += out->len - before;
		/* Standard output holds nothing: only what is kept is bounded. */
		ok = ok && (sink == SINK_STDOUT || output_within_limit(c, i, total)) &&
		     drain(c, out, sink, false);
	}
	arena_free(&tree);
	const char *problem = NULL;
	if (json)
		json_list_end(out, c->objects.len);
	else if (!yaml_stream_close(y, &problem))
		return yaml_failed(c, problem);
	return ok && drain(c, out, sink, true);
}

bool
render_stream(struct compilation *c, struct buf *out)
{
	return stream_objects(c, out, SINK_BUFFER);
}

/* The folder, or standard output (written last: nothing reaches it when
 * the folder could not be written). */
static bool
write_manifests(struct compilation *c, struct outdir *od, const struct output_file *files,
                size_t n)
{
	const struct options *o = c->opts;
	struct buf stream = {0};
	bool ok = true;
	if (od)
		ok = outdir_write(c, od, files, n, render_file);
	if (ok && o->emit_dot) {
		emit_dot(c, &stream);
		ok = write_stdout(c, &stream);
	} else if (ok && !od) {
		ok = stream_objects(c, &stream, SINK_STDOUT);
	}
	buf_free(&stream);
	return ok;
}

bool
write_outputs(struct compilation *c)
{
	const struct options *o = c->opts;
	if (o->check_only) {
		/* Everything is rendered, nothing is written. */
		struct buf scratch = {0};
		bool ok = stream_objects(c, &scratch, SINK_DISCARD);
		buf_free(&scratch);
		return ok;
	}
	size_t n = 0;
	/* Standard output has no files (the depfile names it alone). */
	struct output_file *files = o->out_dir ? output_files(c, &n) : NULL;
	const struct vec *targets = NULL, *inputs = NULL;
	if (o->depfile) {
		targets = depfile_targets(c, files, n);
		inputs = depfile_inputs(c);
		if (!depfile_ok(c, o->depfile, targets, inputs))
			return false;
	}
	/* The folder is locked first: the depfile's temporary file may be in
	 * it, where another run's clean-up must not find it. */
	struct outdir *od = NULL;
	if (o->out_dir && !(od = outdir_open(c, o->out_dir)))
		return false;
	const char *depfile_temp = NULL;
	bool from_stdin = strcmp(o->input, "-") == 0;
	if (o->depfile)
		depfile_temp = prepare_depfile(c, o->depfile, targets, inputs, from_stdin ? 0 : 1);
	bool ok = (!o->depfile || depfile_temp) && write_manifests(c, od, files, n);
	if (depfile_temp && ok)
		ok = commit_file(c, depfile_temp, o->depfile);
	else if (depfile_temp)
		unlink(depfile_temp);
	outdir_close(od);
	return ok;
}
