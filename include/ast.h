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
	bool is_ref;
	const char *text; /* decoded bytes, when !is_ref */
	size_t len;
	struct ast_ref ref;
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

enum value_kind { VALUE_STRING, VALUE_NUMBER, VALUE_REF, VALUE_ENV, VALUE_FILE };
struct ast_value {
	enum value_kind kind;
	struct loc loc;
	struct ast_string *string; /* STRING; the argument of ENV and FILE */
	struct ast_number number;  /* NUMBER */
	struct ast_ref ref;        /* REF */
};

/* KEY = value in config, secret and env blocks (KEY = STRING in labels). */
struct ast_entry {
	struct ident key;
	struct ast_value *value;
	struct loc loc;
};

struct ast_resources {
	struct ast_number *cpu, *memory; /* NULL when not given */
	struct loc cpu_loc, memory_loc;  /* of the whole "cpu Q" */
};

enum probe_kind { PROBE_HTTP, PROBE_TCP, PROBE_EXEC };
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
enum volume_kind { VOLUME_CLAIM, VOLUME_TEMP, VOLUME_CONFIG, VOLUME_SECRET };

enum prop_kind {
	PROP_IMAGE, PROP_PORT, PROP_REPLICAS, PROP_AUTOSCALE, PROP_REQUESTS,
	PROP_LIMITS, PROP_ENV, PROP_ENV_FROM, PROP_PROBE, PROP_EXPOSE,
	PROP_EXPOSE_AS, PROP_VOLUME, PROP_AFTER, PROP_COMMAND, PROP_ARGS,
	PROP_CONTAINER, PROP_ROUTE, PROP_GRACE, PROP_LABELS, PROP_ANNOTATIONS,
	PROP_KINDS
};

struct ast_prop {
	enum prop_kind kind;
	struct loc loc;     /* the whole property */
	struct loc kw_loc;  /* its first word */
	union {
		struct ast_string *image;
		struct {
			struct ident name;          /* text NULL when unnamed */
			struct ast_number number;   /* the Service port */
			struct ast_number target;   /* after "->"; kind NUM_INT, loc NO_LOC when absent */
			bool udp;
		} port;
		struct ast_number replicas;
		struct {
			struct ast_number min, max, percent;
		} autoscale;
		struct ast_resources resources;   /* REQUESTS, LIMITS */
		struct vec entries;               /* ENV, LABELS, ANNOTATIONS: struct ast_entry * */
		struct vec names;                 /* ENV_FROM, AFTER: struct ident * */
		struct {
			enum probe_slot slot;
			enum probe_kind kind;
			struct ast_string *path;   /* HTTP */
			struct vec command;        /* EXEC: struct ast_string * */
			struct vec options;        /* struct ast_probe_option * */
		} probe;
		struct {
			enum expose_kind kind;
			struct ast_number node_port; /* loc NO_LOC when absent */
			struct ident as;             /* EXPOSE_AS */
		} expose;
		struct {
			enum volume_kind kind;
			struct ident name;
			struct ast_string *path;
			struct ast_number *size;     /* NULL when absent */
			struct ast_string *class;    /* NULL when absent */
			struct ident source;         /* CONFIG, SECRET */
		} volume;
		struct vec strings;               /* COMMAND, ARGS: struct ast_string * */
		struct ident container;
		struct {
			struct ast_string *host, *path; /* path NULL when absent */
			struct ident tls;              /* text NULL when absent */
		} route;
		struct ast_number grace;
	} u;
};

enum item_kind {
	ITEM_NAMESPACE, ITEM_PARAM, ITEM_CLUSTER, ITEM_CONFIG, ITEM_SECRET,
	ITEM_SERVICE, ITEM_STATEFUL, ITEM_NAMING
};

/* One naming template line: workload "{stack}-{component}". */
enum naming_slot { NAMING_WORKLOAD, NAMING_SERVICE, NAMING_CONFIG, NAMING_SECRET, NAMING_SLOTS };
struct ast_naming {
	enum naming_slot slot;
	struct ast_string *template;
	struct loc loc;
};

struct ast_item {
	enum item_kind kind;
	struct loc loc;
	struct loc kw_loc;
	struct ident name;          /* text NULL for CLUSTER and NAMING */
	struct ast_string *param;   /* PARAM */
	struct ast_resources cluster;
	struct vec entries;         /* CONFIG, SECRET: struct ast_entry * */
	struct vec props;           /* SERVICE, STATEFUL: struct ast_prop * */
	struct vec naming;          /* NAMING: struct ast_naming * */
};

struct ast_stack {
	struct ident name;
	struct loc loc;
	struct vec items; /* struct ast_item * */
};

#endif
