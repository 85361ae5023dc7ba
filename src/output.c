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
	const char *ext = c->opts->format == FORMAT_JSON ? "json" : "yaml";
	*n = c->objects.len + 1;
	struct output_file *files = arena_alloc(&c->arena, *n * sizeof *files);
	for (size_t i = 0; i < c->objects.len; i++) {
		const struct object *o = c->objects.items[i];
		files[i].name = arena_printf(&c->arena, "%s.%s", o->file_stem, ext);
		files[i].secret = object_kinds[o->kind].secret;
	}
	files[c->objects.len].name = KUSTOMIZATION_FILE;
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
render_file(struct compilation *c, size_t i, struct buf *out)
{
	struct arena tree = {0};
	bool ok;
	if (i < c->objects.len) {
		const struct node *doc = object_tree(c, c->objects.items[i], &tree);
		if (c->opts->format == FORMAT_JSON) {
			json_document(out, doc);
			ok = true;
		} else {
			ok = render_yaml_document(c, doc, out);
		}
	} else {
		size_t n;
		struct output_file *files = output_files(c, &n);
		const char **names = arena_alloc(&tree, n * sizeof *names);
		for (size_t k = 0; k + 1 < n; k++)
			names[k] = files[k].name;
		ok = render_yaml_document(c, kustomization_tree(&tree, names, n - 1), out);
	}
	arena_free(&tree);
	return ok;
}

bool
render_stream(struct compilation *c, struct buf *out)
{
	struct arena tree = {0};
	bool fits = true;
	if (c->opts->format == FORMAT_JSON) {
		json_list_begin(out);
		for (size_t i = 0; i < c->objects.len && fits; i++) {
			json_list_item(out, i, object_tree(c, c->objects.items[i], &tree));
			arena_free(&tree);
			fits = output_within_limit(c, i, out->len);
		}
		json_list_end(out, c->objects.len);
		return fits;
	}
	const char *problem = NULL;
	struct yaml_stream *y = yaml_stream_open(out, true);
	for (size_t i = 0; i < c->objects.len && fits; i++) {
		bool ok = yaml_stream_write(y, object_tree(c, c->objects.items[i], &tree));
		arena_free(&tree);
		if (!ok)
			break;
		fits = output_within_limit(c, i, out->len);
	}
	return (yaml_stream_close(y, &problem) || yaml_failed(c, problem)) && fits;
}

/* The depfile's targets: the output folder's files, the kustomization
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
		size_t i = (k + n - 1) % n; /* the last file, the kustomization, first */
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
	if (ok && o->emit_dot)
		emit_dot(c, &stream);
	else if (ok && !od)
		ok = render_stream(c, &stream);
	if (ok && stream.len)
		ok = write_stdout(c, &stream);
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
		bool ok = render_stream(c, &scratch);
		buf_free(&scratch);
		return ok;
	}
	size_t n;
	struct output_file *files = output_files(c, &n);
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
