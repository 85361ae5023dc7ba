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

#include <sys/types.h>

#include "ir.h"

#define COMPILER_VERSION "0.1.0"

/* The default images of the wait init containers: small, pinned.  A wait
 * for a workload needs nc and wget (busybox); a wait for a job asks the
 * Kubernetes API over HTTPS (curl). */
#define DEFAULT_WAIT_IMAGE "busybox:1.36.1"
#define DEFAULT_JOB_WAIT_IMAGE "curlimages/curl:8.10.1"
/* How long a finished Job is kept when `keep` does not say: a day. */
#define DEFAULT_JOB_KEEP 86400
/* The pod annotation whose value follows the configs and secrets a pod
 * takes, so that a changed value rolls the pods. */
#define CONFIG_HASH_ANNOTATION "todokc.dev/config-hash"
/* The user todokc's wait containers run as under `security restricted`. */
#define WAIT_USER 65532

/* Limits on hostile input (docs/limits.md). */
#define MAX_INPUT_BYTES (64u << 20)   /* 64 MiB of source */
#define MAX_STRING_BYTES (16u << 20)  /* one string literal */
#define MAX_COMPONENTS 1000000
#define MAX_OBJECT_BYTES 1048576      /* a ConfigMap's or Secret's data, a file() */
#define MAX_VALUE_BYTES 1048576       /* a value, as its references expand */
#define MAX_RESOLVED_BYTES (256u << 20) /* every value of a stack, together */
#define MAX_OUTPUT_BYTES (512u << 20) /* all the manifests of one run, as rendered */
#define MAX_ANNOTATION_BYTES (256u << 10) /* the annotations of one object (Kubernetes) */
#define MAX_NAME_BYTES 1024           /* a derived name, as its template expands */
#define MAX_SUGGESTION_STEPS (64u << 20) /* edit-distance steps for "did you mean" */

enum format { FORMAT_YAML, FORMAT_JSON };
/* --order-annotations: the dependency order also as GitOps tools read it. */
enum order_annotations { ORDER_NONE, ORDER_ARGOCD, ORDER_KPT };

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
	struct vec env_files;       /* const char *: --env-file, in order (a later
	                             * file's VAR over an earlier one's) */
	bool check_only;
	const char *depfile;
	bool emit_dot;
	const char *capacity_cpu;   /* --capacity cpu=Q,memory=Q (NULL: not given) */
	const char *capacity_memory;
	bool has_capacity;
	bool no_wait;
	const char *wait_image;
	const char *job_wait_image;
	bool werror;
	bool json_diagnostics;
	enum diag_color color;      /* --color */
	bool fail_if_locked;        /* -o DIR locked by another run: fail, not wait */
	const char *profile;        /* --profile NAME (NULL: none) */
	enum order_annotations order_annotations;
};

void options_init(struct options *o);
/* Parses --capacity's "cpu=Q,memory=Q" into o; false when malformed (an
 * unknown or repeated resource, an empty item, a trailing ','). */
bool options_set_capacity(struct options *o, struct arena *a, const char *spec);

/* What env("VAR") reads: the --env-file's lines, then the environment. */
struct env_lookup {
	struct strmap file_vars;
	bool use_environ;
};

/* What the formatter and the language server need of a file beside its
 * syntax tree, recorded by the parser when compilation->syntax is set:
 * every token as scanned (comments too, as TOKEN_COMMENT), and where every
 * statement (an item, a property, an entry, a rule, a setting) begins and
 * ends, both in source order of their ends. */
enum { TOKEN_COMMENT = -1 };
struct token {
	int kind;          /* a token of grammar/todok.y, or TOKEN_COMMENT */
	struct loc loc;
};
struct syntax {
	struct token *tokens;
	size_t ntokens, tokens_cap;
	struct loc *statements;
	size_t nstatements, statements_cap;
	struct vec references; /* struct reference *: every reference resolved */
};

/* A reference the resolver resolved: where it is written, what it names,
 * and its value when that may be shown (NULL for a secret's). */
struct reference {
	struct loc loc;           /* NAME or NAME.MEMBER as written */
	const struct decl *decl;
	const char *member;       /* NULL when none */
	const char *value;        /* the text it resolves to; NULL: secret or no text */
};

struct compilation {
	struct arena arena;
	/* The syntax tree's items and properties and their lists, which no
	 * stage reads after the lowering: freed once the last configuration
	 * is lowered (what the IR keeps of the tree, its strings, values,
	 * names and entries, is in `arena`). */
	struct arena tree_arena;
	struct diags diags;
	const struct options *opts;
	struct source src;
	const char *base_dir;       /* the .todok file's folder, for file("...") */
	struct env_lookup env;
	struct vec files_read;      /* const char *, for --depfile */
	struct ast_stack *ast;
	struct stack *stack;
	struct vec objects;         /* struct object *, in apply order (objects.h) */
	struct output_file *files;  /* a folder's files (one per object, then the
	                             * kustomization) once output_files() made them */
	struct syntax *syntax;      /* NULL, or what the parser and resolver record */
	/* A profile other than the one compiled is being checked: its secret
	 * values are not read, and it writes nothing. */
	bool checking_other;
	/* What the file stage (src/io.c) learns as it goes: the state of
	 * its temporary names, and that the kernel has no openat2(). */
	unsigned long long temp_name_state;
	bool no_openat2;
	bool umask_known;           /* umask_bits was read (current_umask()) */
	mode_t umask_bits;
};

/* Whether the configuration being resolved reads its secrets' values (the
 * environment, the files): not one only checked (another profile), nor a
 * run whose one output is the dependency graph (`--emit dot` without -o),
 * which shows no value. */
static inline bool
reads_secret_values(const struct compilation *c)
{
	return !c->checking_other && !(c->opts->emit_dot && !c->opts->out_dir);
}

void compilation_init(struct compilation *c, const struct options *opts);
void compilation_free(struct compilation *c);

/* Runs every stage up to the object plan; false when there are errors.
 * text must stay alive, NUL-terminated, as long as c. */
bool compile_source(struct compilation *c, const char *path, const char *text,
                    size_t len);
/* The same without the object plan: every diagnostic, the resolved stack
 * (the language server's re-check after each edit). */
bool check_source(struct compilation *c, const char *path, const char *text, size_t len);

/* Stages */
bool parse_source(struct compilation *c);
/* The lowering of a syntax tree: the stack's, or as a profile changes it
 * (src/profile.c, part of the lowering). */
void lower_stack(struct compilation *c, const struct ast_stack *ast);
void list_profiles(struct compilation *c, const struct ast_stack *ast, struct vec *out);
const struct ast_stack *apply_profile(struct compilation *c, const struct ast_stack *ast,
                                      const struct ast_item *profile);
void resolve_stack(struct compilation *c);
void order_stack(struct compilation *c);
void check_stack(struct compilation *c);
/* The review warnings of c->stack (W05xx that are advice, not the API
 * server's rules: src/check_review.c); run only for a stack without
 * errors, whose every configuration is without errors too. */
void review_stack(struct compilation *c);

/* The SHA-256 of data, in hex (hash.c, through nettle). */
void sha256_hex(const void *data, size_t len, char out[65]);

/* Fills in the command of a wait container for a job, whose name is final
 * only when the objects are planned (waits.c); its parts are made in tmp,
 * which the caller resets. */
void complete_job_wait(struct arena *a, struct arena *tmp, struct container *ctr,
                       const char *job_name);

/* The Graphviz view of the dependency graph (emit_dot.c). */
void emit_dot(const struct compilation *c, struct buf *out);

/* Names (names.c): the Kubernetes and language rules on names, shared by
 * the lowering and the checks.  Each returns NULL when s is valid, else
 * the reason. */
const char *dns1123_label_problem(const char *s);
const char *dns1035_label_problem(const char *s);
const char *dns1123_subdomain_problem(const char *s);
const char *iana_port_name_problem(const char *s);
/* The most characters rule accepts, when problem (its reason for name) is
 * one of length; else 0, and 0 for a name longer than MAX_NAME_BYTES (a
 * derived name cut there, whose length is not known). */
size_t length_limit(const char *(*rule)(const char *), const char *name, const char *problem);
/* problem, and for one of length how long name is and how many characters
 * it has too many: "...; it has 75, 12 too many". */
const char *name_problem_text(struct arena *a, const char *(*rule)(const char *),
                              const char *name, const char *problem);
const char *config_key_problem(const char *s);
const char *c_identifier_problem(const char *s);
/* How long the C identifier that s starts with is (0: none). */
size_t c_identifier_length(const char *s);
/* A shell's variable name as the language would name it: lower case,
 * '_' as '-' (DB_HOST: db-host), in a. */
const char *shell_name_folded(struct arena *a, const char *name);
/* relaxed_only: a name that only Kubernetes 1.32 and newer accept (a
 * leading digit, a blank, other printable ASCII); a name every version
 * accepts may still not be a C identifier (c_identifier_problem()). */
const char *env_name_problem(const char *s, bool *relaxed_only);
/* The secret-name rule, of the compiler's W0703 and of the importer:
 * PASSWORD, PASSWD, PASSPHRASE, SECRET, TOKEN, CREDENTIAL, PRIVATE
 * anywhere, a part of the name (between '_', '-' or '.') ending in PASS
 * (DB_PASS, PGPASS; BYPASS_CACHE too: a value taken for a secret costs a
 * variable to set, a secret taken for a value leaks), or KEY at the end
 * (any case): a name whose value is a secret. */
bool secret_like_name(const char *name);
/* The host-name rule of W0533: HOST, ADDR, SERVER or ENDPOINT anywhere,
 * or a part of the name ending in URL or URI (any case): a variable whose
 * value is a host name or an address. */
bool host_like_name(const char *name);
/* Whether a value is written in the source itself: a number, or a string
 * without references (src/resolve.c); not env(), file() or a reference. */
bool value_written_in_source(const struct ast_value *v);
const char *label_key_problem(const char *s);
/* An annotation's key: a label key once lower-cased (Kubernetes checks
 * annotation keys so: `Example.COM/x` is one). */
const char *annotation_key_problem(const char *s);
const char *label_value_problem(const char *s);
const char *image_problem(const char *s);
/* Why a valid image reference may name another image tomorrow ("has no
 * tag", "has the tag 'latest'"); NULL when a tag or a digest pins it. */
const char *image_unpinned(const char *s);
/* A cron schedule: five fields or a macro; the bad field's byte range in
 * [*bad_begin, *bad_end) when there is a problem. */
const char *cron_schedule_problem(const char *s, size_t *bad_begin, size_t *bad_end);
/* NULL for a time zone Kubernetes takes, else the reason, and the nearest
 * zone's name in *suggestion (NULL: none; looked for within *budget). */
const char *time_zone_problem(const char *zone, size_t *budget, const char **suggestion);
/* The names of the time zone database, sorted; *n of them. */
const char *const *time_zone_names(size_t *n);
/* A path inside a volume (subPath, an item's path): relative, no '..'. */
const char *relative_path_problem(const char *s);
/* An item's path of a config or secret volume: a relative path that
 * does not start with '..' either (the kubelet's own files are '..data'
 * and the like: ValidateLocalNonReservedPath). */
const char *item_path_problem(const char *s);
/* A route's path that starts with '/': what an Ingress (and, when
 * `gateway`, an HTTPRoute) refuses in it. */
const char *route_path_problem(const char *s, bool gateway);
/* Whether s is an IPv4 address as Kubernetes reads one (leading zeros
 * allowed), which a route's host may not be. */
bool is_ipv4_address(const char *s);
/* A field("PATH") of the downward API for env. */
const char *field_path_problem(const char *s);
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
