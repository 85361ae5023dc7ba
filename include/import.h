/*
 * import.h - `todokc import compose`: a Docker Compose file to a .todok
 * stack (docs/import.md has the mapping, key by key).
 *
 *   read      the Compose file as a tree of nodes      src/compose_yaml.c
 *   values    the .env file, ${VAR} interpolation,     src/compose_env.c,
 *             env_file files, shell words; the         src/compose_dotenv.c
 *             syntax of dotenv files
 *   map       the top level, each Compose service      src/import_stack.c,
 *             to a component of the model below:       src/import_service.c,
 *             image, command, environment; depends_on, src/import_settings.c,
 *             labels, security; ports, probes,         src/import_ports.c,
 *             resources; volumes, tmpfs; secrets and   src/import_volumes.c,
 *             configs; names, sizes, secret names;     src/import_files.c,
 *             secret values written in commands        src/import_names.c,
 *                                                      src/import_literals.c
 *   write     the model as a .todok, in the layout     src/import_write.c
 *             of `todokc fmt`
 *   command   options, files, the output file          src/import.c
 *
 * Everything lives in the compilation's arena; diagnostics go through its
 * diags (the Compose file is its source; the .env and env_file files are
 * other sources, diag_in()).  A value read from the Compose file or a
 * .env file for a secret never leaves the importer: the .todok reads it
 * with env("VAR") at compile time, and no message names a value.
 */
#ifndef IMPORT_H_INCLUDED
#define IMPORT_H_INCLUDED

#include "todokc.h"

/* Limits on hostile Compose files (docs/import.md, section 5): the file's size is
 * the compiler's MAX_INPUT_BYTES. */
#define COMPOSE_MAX_DEPTH 64          /* nested mappings and sequences */
#define COMPOSE_MAX_NODES 1000000     /* nodes, with every alias expanded */
#define COMPOSE_MAX_FILE_BYTES (1u << 20) /* a config's file, an env_file */
#define COMPOSE_MAX_PORT_RANGE 100    /* ports taken from one range */
#define COMPOSE_MAX_EXPANDED (16u << 20) /* text that variables put into values, in all */
#define COMPOSE_MAX_SECRET_SEARCH (64u << 20) /* bytes compared to find secret values in
                                              * commands and probes */

/* The Compose file as a tree. */
enum cnode_kind { CNODE_SCALAR, CNODE_MAP, CNODE_SEQ };

struct centry;
struct cnode {
	enum cnode_kind kind;
	struct loc loc;            /* in the Compose file (an alias: its anchor's node) */
	const char *text;          /* a scalar's text, NUL-terminated, no NUL inside */
	size_t len;
	bool plain;                /* a plain scalar: may be null or a boolean */
	struct centry *entries;    /* a mapping's, merge keys (<<) applied */
	struct cnode **items;      /* a sequence's */
	size_t n;                  /* entries or items */
	size_t weight;             /* the nodes it stands for, aliases expanded */
};

struct centry {
	const struct cnode *key, *value;
};

/* Reads c->src as one YAML document; NULL (reported) when it is not
 * YAML or passes a limit. */
const struct cnode *compose_read(struct compilation *c);
/* The value of `key` in a mapping, or NULL. */
const struct cnode *cnode_get(const struct cnode *map, const char *key);
/* Whether n is absent or a YAML null (~, null, an empty plain scalar). */
bool cnode_null(const struct cnode *n);
/* A service that `extends` base: base's keys with local's merged over them
 * as Compose merges them, local's extends left out; the nodes it makes are
 * added to *nodes. */
const struct cnode *cnode_extend(struct arena *a, const struct cnode *base,
                                 const struct cnode *local, size_t *nodes);

/* Options of `todokc import compose`. */
enum import_expose { IMPORT_NODEPORT, IMPORT_LOADBALANCER, IMPORT_CLUSTERIP };

struct import_options {
	const char *input;         /* the Compose file */
	const char *output;        /* -o FILE; NULL: standard output */
	bool force;                /* replace an existing file of any kind */
	enum import_expose expose; /* what published ports become */
	const char *env_file;      /* --env-file; NULL: the .env beside the input */
	const char *name;          /* --name; NULL: the Compose name or the folder's */
	struct vec profiles;       /* const char *: --profile NAME */
	bool werror;
	bool json_diagnostics;
};

/* A variable of ${VAR} interpolation. */
struct ivar {
	const char *name;
	const char *value;         /* from the .env file; NULL: not set there */
	bool secret;               /* a secret by its name or by where it is used */
	unsigned contexts;         /* 1 << enum ictx of each place the .todok writes it */
	bool listed;               /* in the importer's vars_order */
	const char *param;         /* its param's name, once it has one */
	const char *param_value;   /* the param's default: its value at its first use */
	const char *secret_key;    /* its key of `secret secrets`, once it has one */
	struct loc first;          /* its first use */
	const struct ival *own;    /* a line of an env_file, for its later lines: the value
	                            * its config keeps (NULL: a variable of the .env file) */
	const char *reread;        /* how todokc --env-file would read its .env line otherwise
	                            * than Compose (it keeps the quotes); NULL: alike */
	const struct source *line_src; /* that .env file, and the line's key */
	struct loc line_loc;
};

/* A key of `secret secrets`, asked for by a value: the variable env()
 * reads (VAR, its key unless that is taken by another value) and the
 * value the Compose file gives it, to tell two services' apart. */
struct isecret {
	const char *var;
	const char *literal;       /* NULL: none (a variable's or a mixed value) */
	const char *service;       /* the Compose service, for a key of its own */
	const char *key;           /* given when the .todok is written */
	const char *why;           /* what a warning says of it; NULL: no warning */
	const struct source *src;  /* where the value is (NULL: the Compose file) */
	struct loc loc;
	const char *reread;        /* an env_file's line that todokc --env-file reads
	                            * otherwise (struct ivar); NULL: none */
};

/* A value as the .todok writes it: text, params and secret keys. */
enum ipart_kind { IP_TEXT, IP_VAR, IP_SECRET };

struct ipart {
	enum ipart_kind kind;
	const char *text;          /* IP_TEXT */
	size_t len;
	struct ivar *var;          /* IP_VAR */
	const char *resolved;      /* IP_VAR: its value at this place (the .env's, or the default) */
	bool defaulted;            /* IP_VAR: a default is given here (${VAR:-}, empty too) */
	struct isecret *secret;    /* IP_SECRET: a whole value kept as a secret */
	const char *carrier;       /* a secret in a command or probe: the env entry with it */
	struct loc loc;            /* where it is written, in src */
	const struct source *src;  /* the file of loc (an env_file); NULL: the Compose file */
};

struct ival {
	struct ipart *parts;
	size_t n;
};

/* Where a value goes decides how it is written (import_write.c). */
enum ictx {
	CTX_ENV,     /* an env value: Kubernetes expands $(VAR) */
	CTX_CONFIG,  /* a config value */
	CTX_ARGS,    /* command, args: Kubernetes expands $(VAR) */
	CTX_SHELL,   /* a probe's sh -c text: a secret is a shell variable */
	CTX_PLAIN,   /* an image, a path, an exec probe: no secret */
	CTX_LABEL    /* a label or an annotation: a string, no secret */
};

/* KEY = value of an env, config, labels or annotations block; or, in a
 * secret, KEY = env("ENV_VAR"). */
struct ientry {
	const char *key;
	struct ival value;
	const char *env_var;       /* secrets: the variable env() reads */
	const char *text;          /* its value as Compose reads it at import (an env_file's
	                            * line that reads it takes it) */
	enum ictx ctx;             /* how the value is written; 0: as its block says */
	struct loc loc;
};

/* Entries of one block, each key once, with an index of the keys. */
struct ientries {
	struct vec list;           /* struct ientry * */
	struct strmap index;       /* key -> its position (size_t *) */
};

struct iset {                  /* a config or a secret */
	const char *name;
	bool secret;
	struct ientries entries;
};

/* What an env_file's lines read after the .env file (struct ivar * by
 * key): the service's environment, then (after the file's own lines
 * above) the lines of the env_files before it in the service's list, a
 * later line over an earlier one. */
struct env_context {
	const struct strmap *service;
	const struct strmap *earlier;
};

/* A name that an env_file's line looks up in its context, there (the
 * service's environment, else the earlier files), and what it finds
 * (NULL: nothing). */
struct env_read {
	const char *name;
	bool in_service;
	const struct ivar *found;
};

/* What reading an env_file gives: its lines, which the files after it in
 * the service's list read, and what it read of its context; a service
 * whose context gives the same to each such name gets the same values,
 * so it takes the same config. */
struct env_file_reading {
	struct vec lines;          /* struct ivar *, its kept lines, in order */
	struct vec reads;          /* struct env_read * */
};

/* An env_file read after the env_files listed before it: its config (no
 * name: the file is left out) and what it read of them; `next` is a
 * reading of the same file after other files. */
struct ienv_file {
	struct iset *set;
	struct env_file_reading reading;
	struct ienv_file *next;
};

struct iport {
	const char *name;          /* NULL: none */
	long number;
	bool udp;
	bool published;            /* to the outside: a NodePort or LoadBalancer */
	bool local;                /* published on the loopback address only */
	long host;                 /* the published port; 0: any */
	bool reached;              /* not declared: another service reaches it (W0805) */
};

enum ivol_kind { IV_CLAIM, IV_TEMP, IV_CONFIG, IV_SECRET };

struct ivolume {
	const char *name;          /* NULL until name_mounts(): a second mount's */
	const char *base;          /* the name it would have had: its config's, its secret's */
	struct ival path;
	enum ivol_kind kind;
	const char *size;          /* a quantity, or NULL */
	bool memory;               /* temp: a tmpfs */
	const char *subpath;       /* NULL: the whole volume */
	const char *source;        /* config, secret: its name */
	const struct iset *config; /* config: its set, whose text may reach other services */
	bool executable;           /* config: a bind mount's file may be run (mode 0755) */
	struct loc loc;
};

struct iprobe {
	struct vec argv;           /* struct ival * */
	enum ictx ctx;             /* CTX_SHELL for sh -c, CTX_PLAIN for an exec list */
	long delay, every, timeout, failures;  /* seconds, count; -1: not written */
};

enum icomp_kind { IC_SERVICE, IC_STATEFUL, IC_JOB };

/* The key that set a setting two keys may set (scale, deploy.replicas):
 * its name as the messages write it, and its node. */
struct iset_by {
	const char *key;
	const struct cnode *at;
};
enum icomp_expose { IE_CLUSTERIP, IE_NODEPORT, IE_LOADBALANCER };

struct iafter {
	struct icomp *target;
	struct loc loc;
};

struct icomp {
	enum icomp_kind kind;
	const char *name;              /* the component's */
	const char *compose_name;      /* the Compose service's */
	const struct cnode *node;      /* its mapping, merged over those it extends */
	const struct cnode *own;       /* its mapping as written */
	const struct cnode *key;       /* its key in `services` */
	struct loc loc;                /* the key's */
	bool left_out;                 /* not imported (a profile) */
	bool must_complete;            /* others wait for it to complete: a job */
	bool waited_running;           /* others wait for it to run (started, healthy, links) */
	size_t index;                  /* in the importer's comp_list */
	struct ival image;
	const char *image_text;        /* the image, variables at their values */
	const struct cnode *build;     /* its key, when given */
	const char *restart;           /* restart's value, interpolated, when given */
	const struct cnode *restart_at; /* its node */
	long restart_count;            /* on-failure:N; -1: none */
	const struct cnode *restart_policy; /* deploy's, when given */
	const struct cnode *readiness_at; /* the healthcheck key */
	const char *pull;
	bool has_command, has_args;
	struct vec command, args;      /* struct ival * */
	struct vec ports;              /* struct iport * */
	enum icomp_expose expose;
	long node_port;                /* 0: none */
	const char *route_host;        /* from a Traefik rule; NULL: no route */
	const char *route_path;        /* NULL: "/" */
	struct vec aliases;            /* const char *: other host names */
	long replicas;                 /* -1: not given */
	const char *requests[2], *limits[2]; /* cpu, memory */
	struct iset_by replicas_by, requests_by[2], limits_by[2];
	const struct cnode *container_name_at;
	struct vec env_from;           /* struct iset * */
	struct strmap env_lines;       /* struct ivar * by key: its env_files' lines so far */
	struct strmap env_vars;        /* struct ivar * by key: its environment's entries */
	struct ientries env;
	struct iprobe *readiness;
	struct vec volumes;            /* struct ivolume * */
	long user, group;              /* -1: not given */
	const char *user_name;         /* a user: given as a name, left out (W0809) */
	const struct cnode *user_name_at; /* its node */
	bool read_only;
	struct vec cap_add, cap_drop;  /* const char * */
	struct ientries labels, annotations, workload_labels;
	long grace;                    /* seconds; -1: not given */
	long retries;                  /* jobs; -1: not given */
	struct vec after;              /* struct iafter * */
	struct iset *file_secrets;     /* the secrets mounted as files, or NULL */
	bool secrets_mounted;          /* at /run/secrets */
	struct strmap volume_names, volume_suffixes, volume_paths;
	struct strmap port_index;      /* "PORT" or "PORT/udp" -> struct iport * */
	struct strmap port_names;
	const struct icomp *waited_by; /* the last component that waits for it */
	struct vec binds;              /* const char *: targets of the bind mounts left out */
	size_t n_named_volumes;
};

struct importer {
	struct compilation *c;
	const struct import_options *opts;
	struct arena *a;
	const struct cnode *root;
	const char *base_dir;          /* the Compose file's folder */
	const char *input_name;        /* the Compose file's name, for the header */
	const char *stack_name;
	struct vec profiles;           /* const char *: --profile's, else the .env file's
	                                * COMPOSE_PROFILES */
	struct strmap vars;            /* name -> struct ivar * */
	size_t expanded;               /* text variables put into values (a .env's, an env_file's) */
	struct vec vars_order;         /* struct ivar *, in order of first use */
	struct strmap names;           /* the .todok's declared names */
	struct strmap name_suffixes;   /* a name -> the suffix its next copy tries */
	struct strmap comps;           /* Compose service name -> struct icomp * */
	struct vec comp_list;          /* struct icomp *, in Compose order */
	struct vec secret_asks;        /* struct isecret *: values kept in `secret secrets` */
	struct vec secret_keys;        /* const char *: its keys, once settled */
	const char *secrets_name;      /* its name */
	struct strmap secret_origins;  /* variable -> where Compose reads it (a file) */
	struct strmap configs;         /* Compose config name -> struct iset * */
	struct strmap bind_sets;       /* a bind mount's source, its real path -> its config
	                                * (import_files.c), one for every mount of it */
	struct vec redacted;           /* struct loc *: secret values in the Compose file */
	struct vec sets;               /* struct iset *: the other configs and secrets */
	struct strmap env_files;       /* path -> struct ienv_file * */
	struct strmap volume_users;    /* named volume -> struct icomp * (its first) */
	struct strmap declared[3];     /* the top-level volumes, secrets, configs: name -> value */
	struct loc services_span;      /* the services: mapping */
	struct vec literal_uses;       /* secret values found in commands and probes, for their
	                                * warnings (import_literals.c) */
};

/* import.c: the command is import_main() (include/tools.h).  Imports
 * the Compose file that is c->src (im->base_dir, input_name and opts
 * set); false when it has errors.  The .todok goes to out. */
bool import_source(struct importer *im, struct buf *out);

/* import_stack.c: the components of the Compose file's services. */
void import_services(struct importer *im);
/* import_ports.c: the ports of a service that others reach (HOST:PORT in
 * their environment and env_files) and that it does not declare. */
void reached_ports(struct importer *im);
/* For a service that declares no port (W0805): the one its Traefik label
 * names, else its image's well-known one. */
void give_known_port(struct importer *im, struct icomp *ic);

/* What a key of a service becomes: import_service.c, import_settings.c,
 * import_ports.c, import_volumes.c, import_files.c. */
typedef void key_fn(struct importer *im, struct icomp *ic, const struct cnode *value,
                    const struct cnode *key);
key_fn key_annotations, key_build, key_cap_add, key_cap_drop, key_command, key_configs,
	key_container_name, key_cpus, key_depends_on, key_deploy, key_entrypoint, key_env_file,
	key_environment, key_expose, key_grace, key_healthcheck, key_image, key_labels, key_links,
	key_mem_limit, key_mem_reservation, key_network_mode, key_networks, key_ports,
	key_pull_policy,
	key_read_only, key_restart, key_scale, key_secrets, key_shm_size, key_tmpfs, key_user,
	key_volumes;

/* import_service.c: values of the Compose file of a given type; each
 * false or NULL (reported) when the value is not of it. */
bool want_kind(struct importer *im, const struct cnode *n, enum cnode_kind kind,
               const char *key);
const char *compose_text(struct importer *im, const struct cnode *n, const char *what);
bool compose_bool(struct importer *im, const struct cnode *n, const char *what, bool *out);
bool compose_long(struct importer *im, const struct cnode *n, long min, long max,
               const char *what, long *out);
/* A scalar interpolated, written into the .todok at a place of kind ctx. */
struct ival *compose_ival(struct importer *im, const struct cnode *n, enum ictx ctx,
                       const char *what);
bool string_list(struct importer *im, const struct cnode *n, const char *what,
                 struct vec *out);
/* The key of a KEY=VALUE item of a list (environment, labels), its
 * variables at their values (W0807): Compose interpolates the item, then
 * splits it at its first '=' (one inside ${...} is not that one); *value
 * is the text after it (NULL: none).  NULL (reported) when the key cannot
 * be written. */
const char *item_key(struct importer *im, const struct cnode *item, const char *what,
                     const char **value);
/* Where item i of the list string_list() read from n is written: the
 * item, or n itself when it was one string. */
const struct cnode *string_list_item(const struct cnode *n, size_t i);
/* Each item of the list v of a service's key, in its long form (a
 * mapping) or its short form. */
typedef void item_fn(struct importer *im, struct icomp *ic, const struct cnode *item);
void each_item(struct importer *im, struct icomp *ic, const struct cnode *v, const char *key,
               item_fn *long_form, item_fn *short_form);
/* A secret value written in the Compose file at loc: '*' in excerpts. */
void redact(struct importer *im, struct loc loc);
/* Words of a command or a healthcheck test, from `first` on, that are URLs
 * with a password in them: secret keys, or left out in an exec probe. */
void secret_words(struct importer *im, const struct icomp *ic, struct vec *words, size_t first,
                  enum ictx ctx, const char *what, const struct cnode *at);
/* KEY = value of an environment or an env_file: a secret by its name, or
 * a URL with a password, goes to `secret secrets` (read with env()). */
struct ientry *env_entry(struct importer *im, const char *service, const char *key,
                         struct ival *v, enum ictx ctx, const struct source *src,
                         struct loc value_loc);

/* import.c: the definition of the top-level volume, secret or config
 * `name` (a null node when it has none), or NULL when the file does not
 * declare it. */
enum { TOP_VOLUMES, TOP_SECRETS, TOP_CONFIGS };
const struct cnode *declared(const struct importer *im, int section, const char *name);

/* import_files.c: the keys of the top-level secrets and configs that are
 * left out, or that Compose does not have (a warning each). */
void check_files(struct importer *im);
/* import_files.c: a bind mount of a file inside the Compose file's folder,
 * or of a folder of files mounted read-only: a config of the stack with
 * the files' text, mounted at target; false (*hint: why, or NULL) when
 * it is left out (the host's own files, a key or a password, a folder
 * with folders, more than a ConfigMap holds). */
bool bind_config(struct importer *im, struct icomp *ic, const char *source, const char *target,
                 bool read_only, const struct cnode *at, const char **hint);

/* import_names.c: an entry into its block, replacing one of the same key. */
void put_entry(struct importer *im, struct ientries *e, struct ientry *entry);
struct ientry *find_entry(const struct ientries *e, const char *key);

/* import_settings.c: another host name of a component (an extra Service). */
void add_alias(struct importer *im, struct icomp *ic, const char *alias,
               const struct cnode *at);
/* labels or annotations of a service, or a deploy's labels (workload). */
void metadata_into(struct importer *im, const struct cnode *v, const char *what,
                   struct ientries *labels, struct ientries *annotations);

/* import_settings.c: a user: given as a name (W0809), once the volumes
 * that would need its fs-group are known. */
void finish_user(struct importer *im, const struct icomp *ic);

/* import_volumes.c: a volume that Kubernetes mounts owned by root and
 * that a user other than root needs the pod's fs-group for: its first
 * claim (to write), else its first secret files (to read); NULL: none. */
const struct ivolume *root_owned_volume(const struct icomp *ic);
/* import_volumes.c: a volume of the component, named uniquely in it; NULL
 * (reported) when another is mounted at the same path. */
struct ivolume *add_volume(struct importer *im, struct icomp *ic, const char *name,
                           const char *fallback, enum ivol_kind kind, struct ival path,
                           struct loc loc);
/* Names the mounts of a config or secret whose name the component has
 * already given a volume, after their mount paths. */
void name_mounts(struct importer *im);

/* compose_env.c: values. */
/* Reads the .env file (or --env-file); false (reported) when it cannot be read. */
bool load_dotenv(struct importer *im);
/* The scalar n interpolated as Compose does; false (reported) on a bad
 * ${...} or a missing required variable. */
bool interpolate(struct importer *im, const struct cnode *n, struct ival *out);
/* The same for a part of n's text, s (len bytes, inside n->text: the
 * value of a `KEY=VALUE` item). */
bool interpolate_part(struct importer *im, const struct cnode *n, const char *s, size_t len,
                      struct ival *out);
/* The value goes into the .todok at a place of kind ctx: its variables
 * become params (or secrets) there. */
void use_ival(struct importer *im, struct ival *v, enum ictx ctx);
/* W0813 for a secret variable that takes its default at p (not set in the
 * .env file): the .todok reads it with env(), which has no default. */
void secret_default(struct importer *im, const struct ipart *p);
/* import_service.c: the text of a value with every variable at its value
 * (a number, a name), with a warning for each; NULL when a secret is in it
 * (reported as left out).  `what` names the place for the messages. */
const char *ival_text(struct importer *im, const struct ival *v, const char *what);
bool ival_is_text(const struct ival *v);
struct ival ival_of_text(struct arena *a, const char *text, struct loc loc);
/* import_names.c: whether a variable's value must stay secret. */
bool ivar_secret(const struct ivar *v);
/* Where a ://user:password@ URL in s has its password: [*from, *to);
 * false when s has none. */
bool url_password(const char *s, size_t *from, size_t *to);
bool url_has_password(const char *s);
/* Whether an env value is a path that stays literal: a *_FILE variable's,
 * or one under /run/secrets, where Compose mounts the secret files,
 * whatever the variable's name (DATABASE_PASSWORD=/run/secrets/db). */
bool file_variable(const char *name, const struct ival *value);
/* compose_env.c: a variable of the .env file (or of none yet). */
struct ivar *ivar_get(struct importer *im, const char *name, size_t len);
/* Splits a value into words as a POSIX shell does (command: "a b"); a
 * variable is one word, unless its value holds a space: then it is
 * written as its value.  False (reported) for an open quote. */
bool shell_words(struct importer *im, const struct ival *v, struct loc loc, struct vec *out);
/* compose_dotenv.c: one KEY=VALUE line of a dotenv file. */
struct dotenv_line {
	const char *key;
	struct loc key_loc;
	const char *value;         /* unquoted and unescaped; $ still to interpolate */
	size_t len;
	bool literal;              /* single-quoted: no interpolation */
	struct loc loc;            /* the whole line */
	const char *raw;           /* the text after '=' up to the line's end, as todokc
	                            * --env-file reads it */
	size_t raw_len;
};
typedef void dotenv_fn(struct importer *im, const struct source *src, void *ctx,
                       const struct dotenv_line *line);
/* Calls fn for every KEY=VALUE line of src; other lines are W0812. */
void parse_dotenv(struct importer *im, const struct source *src, dotenv_fn *fn, void *ctx);
/* How todokc --env-file, which takes the text after '=' as it is, reads
 * a line whose value Compose reads as `value` otherwise; NULL: alike. */
const char *dotenv_reread(const struct dotenv_line *l, const char *value);
/* Each KEY=VALUE line of an env_file, its value interpolated (with the
 * .env file, then the file's earlier lines and the lines of the files
 * before it in the service's list); returns the value as the
 * .todok keeps it (a secret as its key), which its later lines take, or
 * NULL when it is left out.  `reread`: how todokc --env-file would read
 * the line otherwise than Compose (NULL: alike). */
typedef const struct ival *env_line_fn(struct importer *im, void *ctx, const char *key,
                                       struct ival *value, const struct source *src,
                                       struct loc loc, const char *reread);
/* Reads an env_file beside the Compose file in its context; false when
 * it is left out (missing and required, unreadable: reported at `at`). */
bool read_env_file(struct importer *im, const char *path, bool required, struct loc at,
                   const struct env_context *context, env_line_fn *fn, void *ctx,
                   struct env_file_reading *reading);

/* import_names.c: names, secrets, ports, quantities. */
/* base, or base-2, base-3, ...: the first name `taken` does not hold (at
 * most max bytes), then taken; `next` keeps where each base's suffixes
 * go on. */
const char *unique_name(struct importer *im, struct strmap *taken, struct strmap *next,
                        const char *base, size_t max);
/* A fresh .todok name made from s (a DNS label, unique in the stack). */
const char *claim_name(struct importer *im, const char *s, const char *fallback);
/* s in upper case, '_' for what is not a letter or a digit (an
 * environment variable's name). */
const char *upper_snake(struct arena *a, const char *s);
/* A value that `secret secrets` holds, read with env(VAR) (see struct
 * isecret); its key is given when the .todok is written. */
struct isecret *ask_secret(struct importer *im, const char *var, const char *literal,
                           const char *service);
/* The well-known port of an image's repository, or 0. */
long image_port(const char *image, const char **repo);
/* The route of a component from the Traefik router rules of its labels
 * (W0801 for a rule that cannot be one). */
void traefik_routes(struct importer *im, struct icomp *ic);
/* Its traefik.http.services.S.loadbalancer.server.port label (or
 * annotation), the port Traefik sends its traffic to; NULL: none. */
const struct ientry *traefik_port_label(const struct icomp *ic);
/* The text of a label's or annotation's value, its variables read. */
const char *entry_text(struct importer *im, const struct ientry *e);
/* The uid a well-known image runs as when it is not root, or -1. */
long image_user(const char *image);
/* A Compose duration ("1m30s", "500ms") in whole seconds, rounded up;
 * -1 when malformed. *exact is false when it was rounded. */
long compose_seconds(const char *s, bool *exact);
/* A Compose byte size ("512m", "1g", 1048576) as a quantity ("512Mi"). */
const char *compose_bytes(struct arena *a, const char *s);
/* A Compose cpus value ("0.5") as a quantity ("500m"). */
const char *compose_cpus(struct arena *a, const char *s);
/* A whole number in [min, max]; false when s is not one. */
bool parse_long(const char *s, long min, long max, long *out);

/* import_literals.c: the secret values written again in the commands and
 * probes, replaced by their references (E0809 when the search passes its
 * limit); and their warnings, once the keys are given. */
void hide_secret_literals(struct importer *im);
void literal_warnings(struct importer *im);

/* import_write.c: the .todok text. */
void import_write(struct importer *im, struct buf *out);

/* Diagnostics of the importer, at a node of the Compose file. */
struct diagnostic *import_diag(struct importer *im, enum diag_code code, const struct cnode *at,
                               const char *fmt, ...) PRINTF_LIKE(4, 5);
/* The text of a scalar node for a message, quoted. */
const char *qnode(struct importer *im, const struct cnode *n);

#endif
