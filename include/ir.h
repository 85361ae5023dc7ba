/*
 * ir.h - the intermediate representation.
 *
 * Two layers.  The stack IR (struct stack) is the program after lowering:
 * components, configs, secrets and params, every name resolved to what it
 * names, every value resolved to text or to a reference into a config or a
 * secret.  The passes (order, check) read and annotate it.
 *
 * The object IR (struct object) is the list of Kubernetes objects in apply
 * order, each a tree of maps, sequences and typed scalars.  Both backends
 * serialise exactly that tree, so they cannot disagree on a key, an order
 * or a type.
 */
#ifndef IR_H_INCLUDED
#define IR_H_INCLUDED

#include "ast.h"

struct config;
struct secret;
struct component;

/* A config or secret entry: KEY = value. */
struct kv {
	struct ident key;
	const struct ast_value *source; /* as written */
	struct loc loc;
	struct rvalue *value;           /* resolved (NULL until resolve) */
	bool resolving;                 /* on the resolver's path (loop check) */
	/* secrets only: the bytes of the value, read at compile time */
	const char *bytes;
	size_t nbytes;
};

/* A resolved value.  TEXT is plain text.  SECRET_REF is a whole reference
 * to a secret key, CONFIG_REF to a config key that holds no secret.
 * TEMPLATE is text with secret keys in it: in a container it becomes an env
 * entry per secret key and the text with Kubernetes' $(VAR) expansion. */
enum rvalue_kind { RV_TEXT, RV_SECRET_REF, RV_CONFIG_REF, RV_TEMPLATE };

struct segment {
	const char *text;          /* NULL for a secret key */
	size_t len;
	struct secret *secret;
	struct kv *key;
};

struct rvalue {
	enum rvalue_kind kind;
	const char *text;          /* TEXT */
	size_t len;
	struct secret *secret;     /* SECRET_REF */
	struct config *config;     /* CONFIG_REF */
	struct kv *key;            /* SECRET_REF, CONFIG_REF */
	struct vec segments;       /* TEMPLATE: struct segment * */
};

struct param {
	struct ident name;
	const struct ast_string *source;
	const char *value;         /* after -D */
	struct loc loc;
};

struct config {
	struct ident name;
	bool bad_name;             /* reported: derived names are not checked */
	struct loc loc;
	const char *k8s_name;      /* the ConfigMap's name */
	struct vec keys;           /* struct kv * */
	struct strmap by_key;
};

struct secret {
	struct ident name;
	bool bad_name;             /* reported: derived names are not checked */
	struct loc loc;
	const char *k8s_name;
	struct loc tls_use;        /* a route's "tls NAME": type kubernetes.io/tls */
	struct vec keys;           /* struct kv * */
	struct strmap by_key;
};

struct quantity {
	const char *text;          /* NULL when not given */
	struct loc loc;
	long double value;         /* in base units (cores, bytes) */
};

struct resources {
	struct quantity cpu, memory;
};

struct port {
	const char *name;          /* NULL when unnamed */
	struct loc name_loc;
	long long number;          /* the Service port */
	long long target;          /* the container port */
	bool udp;
	struct loc loc;
};

struct probe {
	bool present;
	enum probe_kind kind;
	struct loc loc;
	const char *path;          /* HTTP */
	struct vec command;        /* EXEC: const char * */
	struct port *port;         /* the port probed (HTTP, TCP) */
	bool by_name;              /* "on NAME": probe the port by its name */
	long long delay, every, timeout, failures; /* -1 when not given */
	struct vec headers;        /* struct header * */
};

struct header {
	const char *name, *value;
	struct loc loc;
};

struct volume {
	enum volume_kind kind;
	struct ident name;
	const char *path;
	struct loc path_loc;
	struct quantity size;
	const char *class;
	struct config *config;     /* VOLUME_CONFIG */
	struct secret *secret;     /* VOLUME_SECRET */
	const char *claim_name;    /* VOLUME_CLAIM on a service: the PVC's name */
	struct loc loc;
};

/* One env entry of the container, in order, after lowering. */
enum env_kind { ENV_VALUE, ENV_SECRET_KEY, ENV_CONFIG_KEY };
struct env_var {
	enum env_kind kind;
	const char *name;
	const char *value;          /* VALUE (may hold $(VAR) expansions) */
	struct secret *secret;      /* SECRET_KEY */
	struct config *config;      /* CONFIG_KEY */
	const char *key;            /* SECRET_KEY, CONFIG_KEY */
	const char *expanded_by;    /* a secret key's entry for $(VAR): the variable using it */
	bool removed;               /* replaced while the environment was built */
	struct loc loc;             /* where it comes from */
};

/* An `after X` edge and what the wait init container checks. */
struct wait {
	struct component *target;
	struct loc loc;             /* the name after "after" */
	bool enabled;               /* an init container is emitted */
	const char *host;
	long long port;
	const char *http_path;      /* NULL: a TCP check */
};

struct extra_service {
	enum expose_kind kind;
	const char *name;
	long long node_port;        /* 0: left to the cluster */
	struct loc loc;
};

struct route {
	const char *host, *path, *tls;
	struct secret *tls_secret;  /* when the TLS secret is declared here */
	struct loc loc, host_loc, path_loc, tls_loc;
};

struct component {
	struct ident name;
	bool bad_name;             /* reported: derived names are not checked */
	bool stateful;
	struct loc loc;
	size_t index;               /* position in the source */
	const struct ast_item *ast;
	const struct ast_prop *prop[PROP_KINDS]; /* each single property, as written */
	struct vec env_blocks;      /* struct ast_prop * of kind PROP_ENV */
	struct vec env_from_props;  /* PROP_ENV_FROM */
	struct vec after_props;     /* PROP_AFTER */
	struct vec port_props;      /* PROP_PORT */
	struct vec volume_props;    /* PROP_VOLUME */
	struct vec expose_as_props; /* PROP_EXPOSE_AS */
	const struct ast_prop *probe_props[PROBE_SLOTS];

	const char *workload_name;  /* Deployment or StatefulSet */
	const char *service_name;
	const char *container_name;
	struct loc container_loc;

	const char *image;
	struct loc image_loc;
	struct vec ports;           /* struct port * */
	long long replicas;         /* -1 when autoscaled */
	bool has_replicas;
	struct loc replicas_loc;
	bool autoscaled;
	long long min_replicas, max_replicas, cpu_percent;
	struct loc autoscale_loc;
	struct resources requests, limits;
	struct loc requests_loc, limits_loc;
	struct vec env_from;        /* struct env_source * */
	struct vec env;             /* struct env_var *, after lowering */
	struct probe probes[PROBE_SLOTS];
	enum expose_kind expose;
	long long node_port;        /* 0: left to the cluster */
	struct loc expose_loc;
	bool has_expose;
	struct vec extra_services;  /* struct extra_service * */
	struct vec volumes;         /* struct volume * */
	struct vec waits;           /* struct wait * */
	struct vec command, args;   /* const char * */
	bool has_command, has_args;
	struct vec routes;          /* struct route * */
	long long grace;            /* -1 when not given */
	struct vec pod_labels, pod_annotations; /* struct header * (name, value) */

	/* set by the order pass */
	size_t rank;                /* position in dependency order */
	int mark;                   /* pass-local state */
};

struct env_source {
	struct ident name;
	struct config *config;      /* exactly one of the two */
	struct secret *secret;
};

struct stack {
	struct ident name;
	bool bad_name;             /* reported: derived names are not checked */
	struct loc loc;
	const char *namespace;
	struct loc namespace_loc;
	struct vec params;          /* struct param * */
	struct vec configs;         /* struct config * */
	struct vec secrets;         /* struct secret * */
	struct vec components;      /* struct component *, source order */
	struct vec ordered;         /* struct component *, dependency order */
	struct resources capacity;  /* from "cluster" or --capacity */
	struct loc capacity_loc;
	bool has_capacity;
	const struct ast_string *naming[NAMING_SLOTS]; /* NULL: the default */
	struct loc naming_loc[NAMING_SLOTS];
	struct strmap names;        /* every declared name -> struct decl * */
};

enum decl_kind { DECL_PARAM, DECL_CONFIG, DECL_SECRET, DECL_COMPONENT };
struct decl {
	enum decl_kind kind;
	void *what;
	struct loc loc;
};

/* Object trees */

enum node_kind { NODE_MAP, NODE_SEQ, NODE_STR, NODE_INT, NODE_BOOL };

struct node;
struct pair {
	const char *key;
	struct node *value;
};

struct node {
	enum node_kind kind;
	union {
		struct {
			struct pair *items;
			size_t len, cap;
		} map;
		struct vec seq;   /* struct node * */
		struct {
			const char *s;
			size_t len;
		} str;
		long long i;
		bool b;
	} u;
};

struct object {
	const char *api_version, *kind, *name;
	bool is_secret;            /* written with mode 0600 */
	const char *file_stem;     /* "03-deployment-todo-backend" */
	struct node *doc;
};

#endif
