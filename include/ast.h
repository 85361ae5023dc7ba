/*
 * ast.h - the syntax tree the parser builds, one node per construct of
 * docs/language.md section 3, each with its source location.  Lists keep the
 * source order.  Nothing here is resolved: names are text.
 */
#ifndef AST_H_INCLUDED
#define AST_H_INCLUDED

#include "diag.h"

/* A word as written: a name, a key, a member. */
struct ident {
	const char *text;
	struct loc loc;
};

/* NAME or NAME.KEY, standalone or inside ${...}. */
struct ast_ref {
	struct ident name;
	struct ident member; /* text NULL when there is no member */
	struct loc loc;
};

/* A piece of a string literal: text, or an interpolated reference. */
struct ast_part {
	union {
		const char *text;     /* decoded bytes, when !is_ref */
		struct ast_ref *ref;  /* is_ref (out of line: most parts are text, 16 bytes) */
	};
	uint32_t len;             /* the text's (a source's offsets are 32 bits too) */
	bool is_ref;
};

struct ast_string {
	struct vec parts; /* struct ast_part *; empty for "" */
	struct loc loc;
};

/* INT, QUANTITY, DURATION or PERCENT, as written. */
enum number_kind { NUM_INT, NUM_QUANTITY, NUM_DURATION, NUM_PERCENT };
struct ast_number {
	enum number_kind kind;
	const char *text;
	long long value; /* INT, DURATION (seconds) and PERCENT only */
	struct loc loc;
};

enum value_kind { VALUE_STRING, VALUE_NUMBER, VALUE_REF, VALUE_ENV, VALUE_FILE, VALUE_FIELD };
struct ast_value {
	enum value_kind kind;
	struct loc loc;
	union { /* by kind */
		struct ast_string *string; /* STRING; the argument of ENV, FILE and FIELD */
		struct ast_number number;  /* NUMBER */
		struct ast_ref ref;        /* REF */
	};
};

/* KEY = value in config, secret and env blocks (KEY = STRING in labels);
 * in a config or secret block also labels { } and annotations { }. */
enum entry_kind { ENTRY_VALUE, ENTRY_LABELS, ENTRY_ANNOTATIONS };
struct ast_entry {
	enum entry_kind kind;
	struct ident key;
	struct ast_value *value;   /* VALUE */
	struct vec entries;        /* LABELS, ANNOTATIONS: struct ast_entry * */
	struct loc loc;
};

struct ast_resources {
	struct ast_number *cpu, *memory, *storage; /* NULL when not given */
	struct loc cpu_loc, memory_loc, storage_loc; /* of the whole "cpu Q" */
};

enum probe_kind { PROBE_HTTP, PROBE_TCP, PROBE_EXEC, PROBE_GRPC };
enum probe_slot { PROBE_LIVENESS, PROBE_READINESS, PROBE_STARTUP, PROBE_SLOTS };

/* One option word of a probe: "on admin", "delay 5s", "header X v". */
enum probe_option_kind { OPT_ON, OPT_DELAY, OPT_EVERY, OPT_TIMEOUT, OPT_FAILURES, OPT_HEADER };
struct ast_probe_option {
	enum probe_option_kind kind;
	struct loc loc;
	struct ast_number number;  /* ON (a port number), DELAY ... FAILURES */
	struct ident port_name;    /* ON a port name (text NULL otherwise) */
	struct ast_string *header_name, *header_value;
};

enum expose_kind { EXPOSE_CLUSTERIP, EXPOSE_NODEPORT, EXPOSE_LOADBALANCER, EXPOSE_NONE };
/* TOKEN is no syntax: the projected API token of a pod that waits for jobs. */
enum volume_kind { VOLUME_CLAIM, VOLUME_TEMP, VOLUME_CONFIG, VOLUME_SECRET, VOLUME_TOKEN };

/* The words of a security block: "security { user 1000 non-root }". */
enum security_word {
	SEC_USER, SEC_GROUP, SEC_FS_GROUP, SEC_NON_ROOT, SEC_READ_ONLY, SEC_NO_ESCALATION,
	SEC_PRIVILEGED, SEC_ADD, SEC_DROP, SEC_WORDS
};
struct ast_security_setting {
	enum security_word word;
	struct loc loc;
	struct ast_number number;  /* USER, GROUP, FS_GROUP */
	struct vec names;          /* ADD, DROP: struct ident * (capabilities) */
};

/* Where labels and annotations of a component go. */
enum metadata_target {
	TARGET_POD, TARGET_WORKLOAD, TARGET_SERVICE, TARGET_ROUTE, TARGET_ACCOUNT, TARGET_KINDS
};

/* PULL_DEFAULT: not given, Kubernetes' default. */
enum pull_policy { PULL_DEFAULT, PULL_ALWAYS, PULL_NEVER, PULL_IF_NOT_PRESENT };
enum concurrency_policy { CONCURRENCY_ALLOW, CONCURRENCY_FORBID, CONCURRENCY_REPLACE };

/* "surge N" or "unavailable P%" of a rolling strategy, "min-available N" of
 * a budget. */
enum amount_kind { AMOUNT_SURGE, AMOUNT_UNAVAILABLE, AMOUNT_MIN_AVAILABLE, AMOUNT_MAX_UNAVAILABLE };
struct ast_amount {
	enum amount_kind kind;
	struct ast_number number;  /* INT or PERCENT */
	struct loc loc;
};

enum prop_kind {
	PROP_IMAGE, PROP_PORT, PROP_REPLICAS, PROP_AUTOSCALE, PROP_REQUESTS,
	PROP_LIMITS, PROP_ENV, PROP_ENV_FROM, PROP_PROBE, PROP_EXPOSE,
	PROP_EXPOSE_AS, PROP_VOLUME, PROP_AFTER, PROP_COMMAND, PROP_ARGS,
	PROP_CONTAINER, PROP_ROUTE, PROP_GRACE, PROP_LABELS, PROP_ANNOTATIONS,
	PROP_SIDECAR, PROP_INIT, PROP_VARIANT, PROP_CONTAINER_BLOCK, PROP_MOUNT,
	PROP_ACCOUNT, PROP_SECURITY, PROP_SELECTOR, PROP_CONTAINER_PORT, PROP_NODES,
	PROP_PULL, PROP_PULL_SECRET, PROP_STRATEGY, PROP_START, PROP_BUDGET, PROP_ALLOW, PROP_API,
	PROP_RETRIES, PROP_DEADLINE, PROP_KEEP, PROP_CONCURRENCY, PROP_TIMEZONE, PROP_QUIET,
	PROP_KINDS
};

/* The bigger properties, kept out of line so that every property is small. */
struct ast_port {
	struct ident name;          /* text NULL when unnamed */
	struct ast_number number;   /* the Service port (CONTAINER_PORT: the port) */
	struct ast_number target;   /* after "->"; loc NO_LOC when absent */
	struct ident target_name;   /* after "->": the container port's name */
	bool udp;
};

struct ast_autoscale {
	struct ast_number min, max, percent;
};

struct ast_expose {
	enum expose_kind kind;
	struct ast_number node_port; /* loc NO_LOC when absent */
	struct ident as;             /* EXPOSE_AS */
};

struct ast_volume {
	enum volume_kind kind;
	struct ident name;
	struct ast_string *path;
	struct ast_string *subpath;  /* NULL when absent */
	struct ast_number *size;     /* NULL when absent */
	struct ast_string *class;    /* NULL when absent */
	bool memory;                 /* TEMP: "temp memory" */
	struct ident source;         /* CONFIG, SECRET */
	bool has_items;
	struct vec items;            /* CONFIG, SECRET: struct ast_entry * (KEY = "path") */
	struct ast_number *mode;     /* CONFIG, SECRET: NULL when absent */
};

struct ast_route {
	struct ast_string *host, *path; /* path NULL when absent */
	struct ident tls;              /* text NULL when absent */
	struct ast_string *class, *gateway; /* NULL when absent */
};

struct ast_prop {
	enum prop_kind kind;
	struct loc loc;     /* the whole property */
	struct loc kw_loc;  /* its first word */
	union {
		struct ast_string *image;
		struct ast_string *time_zone;     /* TIMEZONE */
		struct ast_port *port;            /* PORT, CONTAINER_PORT */
		struct ast_number replicas;
		struct ast_autoscale *autoscale;
		struct ast_resources resources;   /* REQUESTS, LIMITS */
		struct {
			enum metadata_target target;  /* LABELS, ANNOTATIONS */
			struct loc target_loc;        /* NO_LOC when not written */
			struct vec entries;           /* ENV, LABELS, ANNOTATIONS, SELECTOR, NODES:
			                               * struct ast_entry * */
		} block;
		struct vec names;                 /* ENV_FROM, AFTER, PULL_SECRET: struct ident * */
		struct {
			enum probe_slot slot;
			enum probe_kind kind;
			struct ast_string *path;   /* HTTP; GRPC: the service, NULL when absent */
			struct vec command;        /* EXEC: struct ast_string * */
			struct vec options;        /* struct ast_probe_option * */
		} probe;
		struct ast_expose *expose;        /* EXPOSE, EXPOSE_AS */
		struct ast_volume *volume;
		struct vec strings;               /* COMMAND, ARGS: struct ast_string * */
		struct ident container;           /* CONTAINER */
		struct ast_route *route;
		struct ast_number number;         /* GRACE, RETRIES, DEADLINE, KEEP */
		struct {
			struct ident name;             /* SIDECAR, INIT, VARIANT, CONTAINER_BLOCK */
			struct vec props;              /* struct ast_prop * */
		} nested;
		struct {
			struct ident volume;
			struct ast_string *path;
			bool read_only;
		} mount;
		struct {
			struct ident name;
			bool external;
		} account;
		struct vec settings;              /* SECURITY: struct ast_security_setting * */
		enum pull_policy pull;
		struct {
			bool recreate;
			struct vec amounts;            /* struct ast_amount *: surge, unavailable */
		} strategy;
		struct ast_amount budget;
		bool parallel;                    /* START */
		struct {
			struct vec verbs, resources;   /* struct ident * */
		} api;
		struct {
			bool public;                   /* "allow public" */
			struct ast_string *namespace;  /* "allow from namespace NS" */
			struct vec names;              /* "allow from A, B": struct ident * */
		} allow;
		enum concurrency_policy concurrency;
		struct {
			struct ident code;             /* "W0543" */
			struct ast_string *reason;
		} quiet;
	} u;
};

enum item_kind {
	ITEM_NAMESPACE, ITEM_PARAM, ITEM_CLUSTER, ITEM_CONFIG, ITEM_SECRET,
	ITEM_SERVICE, ITEM_STATEFUL, ITEM_JOB, ITEM_CRON, ITEM_NAMING, ITEM_SECURITY,
	ITEM_NETWORK, ITEM_LABELS, ITEM_ANNOTATIONS, ITEM_NODES, ITEM_PROFILE, ITEM_KINDS
};

/* One naming template line: workload "{stack}-{component}". */
enum naming_slot {
	NAMING_WORKLOAD, NAMING_SERVICE, NAMING_CONFIG, NAMING_SECRET, NAMING_ACCOUNT, NAMING_SLOTS
};
struct ast_naming {
	enum naming_slot slot;
	struct ast_string *template;
	struct loc loc;
};

enum security_level { SECURITY_NONE, SECURITY_BASELINE, SECURITY_RESTRICTED };

/* config NAME external ["OBJECT"] [optional] [{ KEY ... }] */
struct ast_external {
	bool present;
	struct ast_string *object;  /* NULL when absent */
	bool optional;
	bool has_keys;
	struct vec keys;            /* struct ident * */
	struct loc loc;             /* the word "external" */
};

struct ast_item {
	enum item_kind kind;
	struct loc loc;
	struct loc kw_loc;
	struct ident name;          /* text NULL for CLUSTER, NAMING, SECURITY, NETWORK, LABELS,
	                             * ANNOTATIONS, NODES */
	struct ast_string *param;   /* PARAM; CRON: the schedule */
	struct ast_resources cluster;
	struct vec entries;         /* CONFIG, SECRET, LABELS, ANNOTATIONS, NODES:
	                             * struct ast_entry * */
	struct ast_external external; /* CONFIG, SECRET */
	struct vec props;           /* SERVICE, STATEFUL, JOB, CRON: struct ast_prop * */
	struct vec naming;          /* NAMING: struct ast_naming * */
	enum security_level security; /* SECURITY */
	struct vec items;           /* PROFILE: struct ast_item * */
};

struct ast_stack {
	struct ident name;
	struct loc loc;
	struct vec items; /* struct ast_item * */
};

#endif
