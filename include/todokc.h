/*
 * todokc.h - the compiler's stages and what flows between them.
 *
 *   parse    text -> struct ast_stack           (grammar/, src/parse.c)
 *   lower    ast -> struct stack                (src/lower.c)
 *   resolve  references, params, secret values  (src/resolve.c)
 *   order    dependency order, wait containers  (src/order.c)
 *   check    Kubernetes' and the stack's rules  (src/check.c)
 *   objects  struct stack -> struct object list (src/objects.c)
 *   emit     objects -> YAML or JSON bytes      (src/emit_yaml.c, emit_json.c)
 *   output   bytes -> files or stdout           (src/output.c)
 *
 * Each stage reports problems through the compilation's diagnostics; the
 * driver stops between stages once there are errors.
 */
#ifndef COMPILER_H_INCLUDED
#define COMPILER_H_INCLUDED

#include "ir.h"

#define COMPILER_VERSION "0.1.0"

/* The default image of the wait init containers: small, pinned. */
#define DEFAULT_WAIT_IMAGE "busybox:1.36.1"

/* Limits on hostile input (docs/limits.md). */
#define MAX_INPUT_BYTES (64u << 20)   /* 64 MiB of source */
#define MAX_STRING_BYTES (16u << 20)  /* one string literal */
#define MAX_COMPONENTS 1000000

enum format { FORMAT_YAML, FORMAT_JSON };

struct define {
	const char *name, *value;
};

struct options {
	const char *input;          /* the .todok file */
	const char *out_dir;        /* NULL: standard output */
	enum format format;
	struct define *defines;     /* -D NAME=VALUE, in order */
	size_t ndefines;
	const char *env_file;
	bool check_only;
	const char *depfile;
	bool emit_dot;
	const char *capacity;       /* --capacity cpu=Q,memory=Q */
	bool no_wait;
	const char *wait_image;
	bool werror;
	bool json_diagnostics;
};

/* What env("VAR") reads: the --env-file's lines, then the environment. */
struct env_lookup {
	struct strmap file_vars;
	bool use_environ;
};

struct compilation {
	struct arena arena;
	struct diags diags;
	const struct options *opts;
	struct source src;
	const char *base_dir;       /* the .todok file's folder, for file("...") */
	struct env_lookup env;
	struct vec files_read;      /* const char *, for --depfile */
	struct ast_stack *ast;
	struct stack *stack;
	struct vec objects;         /* struct object *, in apply order */
};

void compilation_init(struct compilation *c, const struct options *opts);
void compilation_free(struct compilation *c);

/* Runs every stage up to the object list; false when there are errors.
 * text must stay alive, NUL-terminated, as long as c. */
bool compile_source(struct compilation *c, const char *path, const char *text,
                    size_t len);

/* Stages */
bool parse_source(struct compilation *c);
void lower_stack(struct compilation *c);
void resolve_stack(struct compilation *c);
void order_stack(struct compilation *c);
void check_stack(struct compilation *c);
void build_objects(struct compilation *c);

/* Backends: append the object (or the list) to out. */
bool emit_yaml_stream(struct vec *objects, struct buf *out, const char **error);
bool emit_yaml_object(struct object *o, struct buf *out, const char **error);
void emit_json_list(struct vec *objects, struct buf *out);
void emit_json_object(struct object *o, struct buf *out);
void emit_dot(struct compilation *c, struct buf *out);

/* Object trees (objects.c) */
struct node *node_map(struct arena *a);
struct node *node_seq(struct arena *a);
struct node *node_str(struct arena *a, const char *s);
struct node *node_strn(struct arena *a, const char *s, size_t len);
struct node *node_int(struct arena *a, long long i);
struct node *node_bool(struct arena *a, bool b);
void map_put(struct arena *a, struct node *map, const char *key, struct node *value);
void seq_push(struct arena *a, struct node *seq, struct node *item);
/* The kustomization.yaml of an output folder, listing the files. */
struct object *kustomization_object(struct compilation *c, struct vec *file_names);

/* Names (names.c): the Kubernetes and language rules on names, shared by
 * the lowering and the checks.  Each returns NULL when s is valid, else
 * the reason. */
const char *dns1123_label_problem(const char *s);
const char *dns1035_label_problem(const char *s);
const char *dns1123_subdomain_problem(const char *s);
const char *iana_port_name_problem(const char *s);
const char *config_key_problem(const char *s);
const char *c_identifier_problem(const char *s);
const char *env_name_problem(const char *s, bool *relaxed_only);
const char *label_key_problem(const char *s);
const char *label_value_problem(const char *s);
const char *image_problem(const char *s);
/* Quantities: parses a Kubernetes quantity; false when malformed. */
bool quantity_parse(const char *s, long double *value);

/* YAML 1.1 typing (emit_yaml.c): whether a plain scalar would be read as
 * something other than a string. */
bool yaml_plain_is_ambiguous(const char *s, size_t len);

#endif
