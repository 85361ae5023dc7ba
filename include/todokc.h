/*
 * todokc.h - the compiler's stages and what flows between them.
 *
 *   parse    text -> struct ast_stack                (grammar/, src/parse.c)
 *   lower    ast -> struct stack, as written         (src/lower.c)
 *   resolve  names, references, values, Kubernetes facts
 *            (src/resolve.c, env.c, component.c)
 *   order    dependency order                        (src/order.c)
 *   check    Kubernetes' and the stack's rules       (src/check.c)
 *   plan     the objects in apply order              (src/objects.c)
 *   output   trees -> YAML or JSON -> files or stdout
 *            (src/output.c, workloads.c, emit_yaml.c, emit_json.c, io.c)
 *
 * Each stage reports problems through the compilation's diagnostics; the
 * pipeline (src/pipeline.c) stops after parsing when there are syntax
 * errors and before planning when there are any.  docs/internals.md says
 * what each stage may read and write.
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
#define MAX_OBJECT_BYTES 1048576      /* a ConfigMap's or Secret's data, a file() */

enum format { FORMAT_YAML, FORMAT_JSON };

struct define {
	const char *name, *value;
};

/* The command line, resolved once: every default is filled in. */
struct options {
	const char *input;          /* the .todok file ("-": standard input) */
	const char *out_dir;        /* NULL: standard output */
	enum format format;
	struct define *defines;     /* -D NAME=VALUE, in order */
	size_t ndefines;
	const char *env_file;
	bool check_only;
	const char *depfile;
	bool emit_dot;
	const char *capacity_cpu;   /* --capacity cpu=Q,memory=Q (NULL: not given) */
	const char *capacity_memory;
	bool has_capacity;
	bool no_wait;
	const char *wait_image;
	bool werror;
	bool json_diagnostics;
	bool fail_if_locked;        /* -o DIR locked by another run: fail, not wait */
};

void options_init(struct options *o);
/* Parses --capacity's "cpu=Q,memory=Q" into o; false when malformed. */
bool options_set_capacity(struct options *o, struct arena *a, const char *spec);

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
	struct vec objects;         /* struct object *, in apply order (objects.h) */
};

void compilation_init(struct compilation *c, const struct options *opts);
void compilation_free(struct compilation *c);

/* Runs every stage up to the object plan; false when there are errors.
 * text must stay alive, NUL-terminated, as long as c. */
bool compile_source(struct compilation *c, const char *path, const char *text,
                    size_t len);

/* Stages */
bool parse_source(struct compilation *c);
void lower_stack(struct compilation *c);
void resolve_stack(struct compilation *c);
void order_stack(struct compilation *c);
void check_stack(struct compilation *c);

/* The Graphviz view of the dependency graph (emit_dot.c). */
void emit_dot(const struct compilation *c, struct buf *out);

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
/* Whether s (len bytes) is one of the suffixes of Kubernetes quantities. */
bool quantity_suffix_known(const char *s, size_t len);
/* The suffixes, with what each multiplies by; the last has suffix NULL. */
struct quantity_suffix {
	const char *suffix;
	long double factor;
};
extern const struct quantity_suffix quantity_suffixes[];

#endif
