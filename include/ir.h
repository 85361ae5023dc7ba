/*
 * ir.h - the intermediate representation of a stack.
 *
 * The lowering (src/lower.c) builds it from the syntax tree; after that no
 * stage reads the syntax tree.  What the IR keeps as written are values
 * still to be evaluated: a string with its ${...} references (struct
 * ast_string), a value of a config, secret or env block (struct
 * ast_value), and the names that references and `after` give (struct
 * ident).  Resolution (src/resolve.c, env.c, component.c) evaluates them
 * and computes every Kubernetes fact once: the derived names, each
 * component's Services, ports and URL, its pod with its containers,
 * volumes and claims, its waits.  The passes after it (order, check) and
 * the object builders read those facts and never derive them again;
 * docs/internals.md lists each fact with the function that owns it.
 *
 * A component is a workload: the Deployment or StatefulSet that runs its
 * pod, its Services and the objects that go with them.  A pod template
 * holds an ordered list of containers of several roles (the wait init
 * containers, the main container), the volumes and the pod-level
 * settings.
 */
#ifndef IR_H_INCLUDED
#define IR_H_INCLUDED

#include "ast.h"

struct keyset;
struct component;
struct container_port;

/* A string as written and, after resolution, its text (NULL until then,
 * or when it could not be resolved: reported). */
struct text {
	const struct ast_string *written; /* NULL when not given */
	const char *value;
};

/* A config or secret entry: KEY = value. */
struct kv {
	struct ident key;
	const struct ast_value *source; /* as written; NULL once it failed (reported once) */
	struct loc loc;
	struct rvalue *value;           /* config keys: resolved (NULL until resolved) */
	struct vec refs;                /* `network isolated`: struct component *, every
	                                 * workload its value refers to, through other keys
	                                 * too (repeats allowed) */
	bool resolving;                 /* on the resolver's path (loop check) */
	/* secrets only: the bytes of the value, read at compile time */
	const char *bytes;
	size_t nbytes;
};

/* A resolved value.  TEXT is plain text.  SECRET_REF is a whole reference
 * to a secret key, CONFIG_REF to a config key that holds no secret.
 * TEMPLATE is text with secret keys in it: in a container it becomes an env
 * entry per secret key and the text with Kubernetes' $(VAR) expansion.
 * FIELD is a field of the pod (field("PATH") in env; its path in text). */
enum rvalue_kind { RV_TEXT, RV_SECRET_REF, RV_CONFIG_REF, RV_TEMPLATE, RV_FIELD };

struct segment {
	const char *text;          /* NULL for a secret key */
	size_t len;
	struct keyset *secret;
	struct kv *key;
};

struct rvalue {
	enum rvalue_kind kind;
	bool binary;               /* TEXT: a config's file(...) that is not UTF-8 text (beside
	                            * kind: 56 bytes, not 64) */
	const char *text;          /* TEXT, FIELD */
	size_t len;
	struct keyset *set;        /* SECRET_REF, CONFIG_REF: the secret or the config */
	struct kv *key;            /* SECRET_REF, CONFIG_REF */
	struct vec segments;       /* TEMPLATE: struct segment * */
};

struct param {
	struct ident name;
	const struct ast_string *source;
	const char *value;         /* the default, or -D's */
	struct loc loc;
};

/* The labels and annotations written for one object (or the pod
 * template, or the whole stack): KEY = "VALUE" entries as written, then
 * resolved. */
struct metadata {
	struct vec label_entries, annotation_entries; /* struct ast_entry *, as written */
	struct loc labels_loc, annotations_loc;       /* NO_LOC: no block given */
	struct vec labels, annotations;               /* struct header *, resolved */
};

/* A config or a secret: a named set of keys that becomes one ConfigMap or
 * one Secret.  The two share everything but what their values may be. */
struct keyset {
	bool secret;               /* a secret: values are read at compile time, into bytes */
	struct ident name;
	bool bad_name;             /* reported: derived names are not checked */
	struct loc loc;
	const char *k8s_name;      /* the ConfigMap's or Secret's name */
	struct loc tls_use;        /* secrets: a route's "tls NAME": type kubernetes.io/tls */
	struct loc pull_use;       /* secrets: a "pull-secret NAME": kubernetes.io/dockerconfigjson */
	struct vec keys;           /* struct kv *: its keys (an external one's, as listed) */
	struct strmap by_key;
	struct metadata meta;
	/* `external`: an object of the cluster that the stack reads and does
	 * not write; its values are not known at compile time. */
	bool external;
	struct loc external_loc;
	const struct ast_string *object; /* its name, when given */
	bool optional;             /* every reference to it is optional: true */
	bool keys_listed;          /* references are checked against its listed keys */
};

struct quantity {
	const char *text;          /* NULL when not given */
	struct loc loc;
	long double value;         /* in base units (cores, bytes), once checked */
};

struct resources {
	struct quantity cpu, memory, storage; /* storage: ephemeral-storage */
};

/* A container's `requests` and `limits`, allocated when either is given
 * (192 bytes that most sidecars and classic containers do not have); the
 * wait containers share one. */
struct container_resources {
	struct resources requests, limits;
};

/* The resources of a container, the empty ones when it has none. */
extern const struct container_resources no_container_resources;
#define RESOURCES_OF(ctr) ((ctr)->resources ? (ctr)->resources : &no_container_resources)

/* A port of a component's Service: "port [NAME] P [-> C]". */
struct service_port {
	const char *name;          /* as written; NULL when unnamed */
	struct loc name_loc;
	const char *k8s_name;      /* on the Service: the name, or PROTOCOL-P when the
	                            * Service has several ports; NULL: none */
	long long number;          /* P */
	bool udp;
	struct container_port *target; /* the container port it targets (of the first pod) */
	const char *target_name;   /* `-> CNAME`: targetPort is that container port's name */
	struct loc target_loc;
	struct loc loc;
};

/* A port a container declares. */
struct container_port {
	const char *name;          /* NULL when unnamed */
	struct loc name_loc;
	long long number;
	bool udp;
	struct loc loc;
	struct service_port *published; /* the Service port that targets it */
	bool by_service_name;      /* `port NAME P -> C`: NAME names the Service port only */
};

/* A Service of a component: the main one (S-C-service) or one of
 * `expose ... as NAME`.  All of a component's Services have its ports. */
struct service {
	const char *name;
	enum expose_kind type;     /* CLUSTERIP, NODEPORT or LOADBALANCER */
	long long node_port;       /* 0: left to the cluster */
	struct loc loc;            /* the expose line, or the component's name */
	const struct vec *ports;   /* the component's struct service_port * */
	struct service_port *port; /* the first: W.port, and what waits and routes use */
	const char *url;           /* W.url (the main Service's) */
	bool headless;             /* clusterIP None: a replicated stateful's pods' names */
};

/* `expose ...` as written. */
struct expose {
	enum expose_kind kind;     /* CLUSTERIP when not given */
	bool given;                /* beside kind: 24 bytes, not 32 */
	long long node_port;
	struct loc loc;
};

struct header {
	const char *name, *value;
	struct loc loc;
};

/* A probe as written, until resolution fills in struct probe. */
struct probe_source {
	const struct ast_string *path;  /* HTTP; GRPC: the service (NULL: none) */
	struct vec command;             /* EXEC: struct ast_string * */
	struct vec options;             /* struct ast_probe_option * */
};

/* A probe's timings, allocated when one of them is given: -1 when not. */
struct probe_timing {
	long long delay, every, timeout, failures;
};

/* The timings of a probe, all -1 when none is given. */
extern const struct probe_timing no_probe_timing;
#define TIMING_OF(probe) ((probe)->timing ? (probe)->timing : &no_probe_timing)

struct probe {
	enum probe_kind kind;
	struct loc loc;
	bool by_name;              /* "on NAME": probe the port by its name (in loc's padding) */
	struct probe_source written;
	const char *path;          /* HTTP; GRPC: the service (NULL: none) */
	struct vec command;        /* EXEC: const char * */
	struct container_port *port; /* the port probed (HTTP, TCP) */
	struct probe_timing *timing; /* NULL: none given (most probes); read with TIMING_OF */
	struct vec headers;        /* struct header * */
};

/* `allow` as written: one per source. */
struct allow {
	struct ident name;          /* allow from NAME; text NULL otherwise */
	struct text namespace;      /* allow from namespace "NS"; written NULL otherwise */
	bool public;                /* allow public */
	struct loc loc;
	struct component *source;   /* NAME, resolved */
};

/* Under `network isolated`: who may open connections to a component's
 * pods (docs/language.md, network isolation).  Computed once by
 * resolve_network() (src/network.c); the object builder only reads it. */
struct ingress {
	const char *policy_name;    /* its NetworkPolicy; NULL: it gets none */
	struct vec service_ports;   /* struct container_port *: what its Service ports target */
	struct vec pod_ports;       /* struct container_port *: every port its pods declare */
	struct vec clients;         /* struct component *: those that refer to it, in source
	                             * order, to service_ports */
	struct vec allowed;         /* struct component *: `allow from NAME`, to pod_ports */
	struct vec namespaces;      /* const char *: `allow from namespace`, to pod_ports */
	bool open;                  /* exposed or routed: any source, to service_ports */
	bool public;                /* `allow public`: any source, to pod_ports */
};

/* Where a claim volume's PersistentVolumeClaim comes from. */
enum claim_kind {
	CLAIM_NONE,      /* not a claim */
	CLAIM_OBJECT,    /* a PersistentVolumeClaim of its own (in a Deployment) */
	CLAIM_TEMPLATE,  /* a volumeClaimTemplates entry (in a StatefulSet) */
};

struct volume {
	enum volume_kind kind;
	struct ident name;
	struct loc loc;
	struct quantity size;
	struct text class;
	struct ident source;       /* CONFIG, SECRET: the name as written */
	struct keyset *mounted;    /* VOLUME_CONFIG, VOLUME_SECRET: the config or secret */
	bool memory;               /* VOLUME_TEMP: "temp memory", a tmpfs */
	bool has_items;
	struct vec item_entries;   /* struct ast_entry *, as written: items { KEY = "path" } */
	struct vec items;          /* struct header *: key (name) and path (value) */
	long long mode;            /* -1: not given (a secret's files: 0400) */
	struct loc mode_loc;
	enum claim_kind claim;
	const char *claim_name;    /* CLAIM_OBJECT: the PVC's name */
};

/* A volume mounted into a container. */
struct mount {
	struct ident volume_name;  /* as written */
	struct volume *volume;
	struct text subpath;       /* written: NULL when not given */
	struct text path;
	struct loc path_loc;
	bool read_only;
};

/* One env entry of the container, in order, after lowering. */
enum env_kind { ENV_VALUE, ENV_SECRET_KEY, ENV_CONFIG_KEY, ENV_FIELD };
struct env_var {
	enum env_kind kind;
	bool removed;               /* replaced while the environment was built (beside kind) */
	const char *name;
	const char *value;          /* VALUE (may hold $(VAR) expansions); FIELD: its path */
	struct keyset *from;        /* SECRET_KEY, CONFIG_KEY: the secret or config */
	const char *key;            /* SECRET_KEY, CONFIG_KEY */
	const char *expanded_by;    /* a secret key's entry for $(VAR): the variable using it */
	struct loc loc;             /* where it comes from */
};

struct env_source {
	struct ident name;
	struct keyset *set;         /* the config or secret taken whole */
};

/* An `after X` edge and what its wait init container checks. */
struct wait {
	struct ident target_name;   /* as written */
	struct component *target;
	struct loc loc;             /* the name after "after" */
	bool at_run_time;           /* a wait init container checks it (not under --no-wait,
	                             * and only for a target it can check) */
	bool for_job;               /* the target is a job: its status is asked of the API */
	const char *host;           /* a workload: its Service ... */
	long long port;             /* ... on this port */
	const char *url;            /* an HTTP check's URL; NULL: a TCP check */
	const struct vec *headers;  /* an HTTP check's headers (struct header *): the
	                             * readiness probe's; NULL: none */
};

/* security { ... } as written: which words are given, and where. */
struct security_settings {
	bool given;
	struct loc loc;
	bool has[SEC_WORDS];
	struct loc word_loc[SEC_WORDS];
	long long user, group, fs_group; /* USER, GROUP, FS_GROUP */
	struct vec add, drop;            /* ADD, DROP: struct ident * (capabilities) */
};

/* The settings of a pod's or a container's security block, the empty ones
 * when it has none. */
extern const struct security_settings no_security_settings;
#define SECURITY_OF(settings) ((settings) ? (settings) : &no_security_settings)

/* A securityContext to write: of a pod or of a container.  Tristates are
 * -1 (not written), 0 (false), 1 (true). */
struct security_context {
	long long user, group, fs_group; /* -1: not written; fs_group: pods only */
	int8_t non_root;                 /* a byte each, beside the bools: 64 bytes, not 72 */
	int8_t read_only;                /* containers only */
	int8_t allow_escalation;         /* containers only */
	bool privileged;                 /* containers only */
	bool seccomp_default;            /* seccompProfile: RuntimeDefault (pods) */
	struct vec add, drop;            /* const char *; containers only */
};

enum container_role {
	ROLE_SIDECAR, /* a native sidecar: an init container that runs beside the main one */
	ROLE_WAIT,    /* an init container of todokc's that waits for an `after` */
	ROLE_INIT,    /* an init container of the component's */
	ROLE_MAIN,    /* the component's own container */
	ROLE_CLASSIC, /* a second container beside the main one (container NAME { }) */
};

/* What the source gives a container for its command, args and
 * environment, as written: the lowering allocates it for every container
 * of the source; a wait container, todokc's own, has none. */
struct container_source {
	struct vec command, args;   /* struct ast_string * */
	struct vec env_blocks;      /* struct ast_entry *: env { } */
	struct vec env_from_names;  /* struct ident *: env from */
};

/* The source of a container, the empty one for a wait container. */
extern const struct container_source no_container_source;
#define SOURCE_OF(ctr) ((ctr)->source ? (ctr)->source : &no_container_source)

struct container {
	enum container_role role;
	enum pull_policy pull;
	const char *name;
	struct loc name_loc;        /* where the name is given or comes from */
	struct loc image_loc;
	bool named;                 /* `container NAME` gave it */
	bool has_command, has_args; /* given (an empty list included); the bools and locs
	                             * side by side: 32 bytes, not 40 */
	struct text image;
	struct container_source *source; /* as written (64 bytes out of line): NULL for a wait
	                             * container; read with SOURCE_OF */
	struct vec command, args;   /* const char * */
	struct vec ports;           /* struct container_port * */
	struct vec env_from;        /* struct env_source * */
	struct vec env;             /* struct env_var *, after lowering */
	struct container_resources *resources; /* NULL: none given; read with RESOURCES_OF */
	struct probe *probes[PROBE_SLOTS]; /* NULL: not given */
	struct vec mounts;          /* struct mount * */
	const struct security_settings *security_written; /* NULL: none; read with SECURITY_OF */
	struct security_context security;
	struct wait *wait;          /* ROLE_WAIT: what it waits for */
};

/* A ServiceAccount the stack's pods run as. */
struct account {
	const char *name;           /* the object's name */
	struct ident written;       /* the account as first named (or the component it is made for) */
	bool external;              /* `account NAME external`: no object is written */
	bool made;                  /* made by todokc for a component that waits for jobs */
	struct vec labels, annotations; /* struct header *: every component's `labels account`
	                             * and `annotations account`, merged */
};

/* One rule of a Role: the verbs on resources of one API group. */
struct api_rule {
	const char *group;          /* "" for the core group */
	struct vec resources;       /* const char * */
	struct vec verbs;           /* const char * */
};

/* A Role and its RoleBinding to a pod's account: the one that lets a
 * pod's wait containers get the jobs it waits for (`jobs`), or the one
 * of a component's `api` lines (`rules`). */
struct role {
	const char *name;           /* of the Role and of the RoleBinding */
	struct account *account;    /* the pod's */
	struct vec jobs;            /* struct component *: the jobs it may get */
	struct vec rules;           /* struct api_rule * */
};

/* `api VERB, ... RESOURCE, ...` as written. */
struct api_grant {
	struct vec verbs, resources; /* struct ident * */
	struct loc loc;
};

struct pod {
	/* The init containers in the order they run, then the others. */
	struct vec containers;      /* struct container * */
	struct vec volumes;         /* struct volume * */
	long long grace;            /* -1 when not given */
	struct loc grace_loc;
	struct metadata *meta;      /* `labels { }`, `annotations { }` of the pod, as written;
	                             * NULL when none: read with METADATA_OF */
	struct vec template_labels; /* struct header *: every label of the pod template */
	const char *config_hash;    /* of the configs and secrets it takes; NULL: none */
	struct vec node_entries;    /* struct ast_entry *, as written: nodes { } */
	struct vec node_selector;   /* struct header *: the stack's nodes, the component's over them */
	struct account *account;    /* NULL: the namespace's default account */
	struct vec pull_secret_names; /* struct ident *, as written */
	struct vec pull_secrets;    /* struct keyset *: imagePullSecrets */
	const struct security_settings *security_written; /* NULL: none; read with SECURITY_OF */
	struct security_context security;
	struct role *waits_role;    /* the pod waits for jobs: its token goes to the waits */
	struct role *api_role;      /* the component's `api`: the pod mounts its token */
	bool restart_never;         /* a job's pod: restartPolicy Never */
};

struct route {
	struct text host, path;     /* path: "/" when not given */
	struct ident tls_name;      /* text NULL when not given */
	struct keyset *tls_secret;
	struct text class;          /* an Ingress's ingressClassName */
	struct text gateway;        /* an HTTPRoute's Gateway, "NAME" or "NAMESPACE/NAME" */
	const char *gateway_namespace, *gateway_name; /* gateway, split */
	struct loc loc, host_loc, path_loc, class_loc, gateway_loc;
};

/* The Kubernetes objects todokc writes: their apiVersion and kind, and
 * whether their files hold secret values (written with mode 0600). */
enum object_kind {
	OBJ_NAMESPACE, OBJ_SERVICE_ACCOUNT, OBJ_ROLE, OBJ_ROLE_BINDING, OBJ_SECRET,
	OBJ_CONFIGMAP, OBJ_CLAIM, OBJ_SERVICE, OBJ_DEPLOYMENT, OBJ_STATEFULSET, OBJ_JOB,
	OBJ_CRONJOB, OBJ_AUTOSCALER, OBJ_BUDGET, OBJ_NETWORK_POLICY, OBJ_INGRESS, OBJ_HTTPROUTE, OBJ_KINDS
};
struct object_kind_info {
	const char *api_version, *kind;
	bool secret;
};
extern const struct object_kind_info object_kinds[OBJ_KINDS];

enum workload_kind {
	WORKLOAD_DEPLOYMENT, WORKLOAD_STATEFULSET, WORKLOAD_JOB, WORKLOAD_CRONJOB, WORKLOAD_KINDS
};

/* Each workload kind: its word in the language and its object. */
struct workload_kind_info {
	const char *word;           /* "service", "stateful", "job", "cron" */
	const char *article;        /* "a", "an": "a service" */
	enum object_kind object;
};
extern const struct workload_kind_info workload_kinds[WORKLOAD_KINDS];

/* "Deployment", "StatefulSet", "Job", "CronJob" */
#define WORKLOAD_KIND_NAME(comp) (object_kinds[workload_kinds[(comp)->kind].object].kind)

/* A count or a share of a workload's pods: "surge 1", "unavailable 25%". */
struct amount {
	bool given;
	bool percent;
	long long value;
	struct loc loc;
};

/* How a Deployment replaces its pods: `strategy recreate`, or rolling;
 * allocated when given. */
struct strategy {
	bool recreate;
	struct amount surge, unavailable;
	struct loc loc;
};

/* `budget min-available N|P%` or `budget max-unavailable N|P%`: the
 * component's PodDisruptionBudget, over the pods of all its workloads;
 * allocated when given. */
struct budget {
	bool max_unavailable;       /* false: min-available */
	struct amount amount;
	struct loc loc;
};

/* A workload object and its pod: a component's one, or one per variant. */
struct workload {
	struct component *comp;
	struct ident variant;       /* `variant V { }`: V; text NULL for a component's one */
	const char *name;           /* the object's name (a job's with its template's hash;
	                             * a variant's WORKLOAD-V) */
	struct vec selector;        /* struct header *: its selector (the component's, and
	                             * a variant's version) */
	struct vec labels;          /* struct header *: its own metadata labels */
	struct metadata *meta;      /* `labels workload`, `annotations workload`, as written;
	                             * NULL when none: read with METADATA_OF */
	bool bad_variant;           /* the variant's name is not valid (reported) */
	bool has_replicas;          /* `replicas` given (the four bools side by side) */
	bool autoscaled;            /* `replicas MIN..MAX cpu P%` given */
	bool parallel;              /* statefuls: `start parallel`, pods started and stopped
	                             * all at once */
	struct pod pod;
	struct container *main;
	long long replicas;         /* the count; 1 by default */
	struct loc replicas_loc;
	long long min_replicas, autoscale_max, cpu_percent;
	struct loc autoscale_loc;
	long long max_replicas;     /* the most it may run: the count or autoscale_max */
	struct strategy *strategy;  /* Deployments: NULL when not given */
};

/* A job's or a cron's settings. */
struct job_settings {
	long long retries, deadline, keep; /* -1: not given */
	long long ttl;              /* resolved: the Jobs' ttlSecondsAfterFinished, -1 none */
	struct loc retries_loc, deadline_loc, keep_loc;
	struct text schedule;       /* cron */
	struct text time_zone;      /* cron: `timezone "ZONE"` (written NULL: not given) */
	bool has_concurrency;
	enum concurrency_policy concurrency;
};

struct component {
	struct ident name;
	enum workload_kind kind;
	bool bad_name;              /* reported: derived names are not checked */
	bool account_external;      /* `account NAME external` (beside bad_name: no padding) */
	struct loc loc;
	uint32_t index;             /* position in the source (a stack's count is 32 bits) */

	const char *base_name;      /* the naming template's workload name */
	struct expose expose;
	/* The main Service: NULL when there is none (a component has one
	 * exactly when it has ports and is not `expose none`). */
	struct service *service;
	struct service *headless;   /* a replicated stateful's: its pods' DNS names */
	struct vec extra_services;  /* struct service *: `expose ... as NAME` */
	struct vec ports;           /* struct service_port *, of every Service */

	struct vec workloads;       /* struct workload *: the component's one, or one per
	                             * variant */
	struct vec selector_entries; /* struct ast_entry *, as written: selector { } */
	struct loc selector_loc;    /* NO_LOC: the default selector */
	struct vec selector;        /* struct header *: what its Services select */
	struct metadata *meta[TARGET_KINDS - TARGET_SERVICE]; /* labels and annotations
	                             * SERVICE, ROUTE, ACCOUNT as written, from
	                             * TARGET_SERVICE on (POD is the pod's, WORKLOAD the
	                             * workload's: no slot); NULL when not given: reach
	                             * with COMPONENT_META_SLOT, read with COMPONENT_META */
	struct vec labels;          /* struct header *: the metadata labels of its objects
	                             * other than workloads, Services and routes */
	struct vec service_labels, route_labels; /* struct header * */
	struct ident account_name;  /* `account NAME` as written; text NULL: none */
	struct job_settings *job;   /* a job's or a cron's settings; NULL for the others */
	struct budget *budget;      /* NULL: no budget given */

	struct vec waits;           /* struct wait * */
	struct vec routes;          /* struct route * */
	struct vec allows;          /* struct allow *, as written */
	struct vec api;             /* struct api_grant *, as written */
	struct vec refs;            /* `network isolated`: struct component *, every workload
	                             * its properties refer to (repeats allowed) */
	struct ingress ingress;     /* `network isolated`: who may reach its pods */
	uint32_t net_mark;          /* resolve_network()'s scratch */

	uint32_t rank;              /* set by the order pass: position in dependency order */
	uint32_t depth;             /* set by the order pass: the longest chain of `after` to it */
};

/* The labels and annotations of a pod, a workload or a component's target
 * (SERVICE, ROUTE, ACCOUNT), allocated when given: the empty ones when
 * none are. */
extern const struct metadata no_metadata;
#define METADATA_OF(meta) ((meta) ? (meta) : &no_metadata)
#define COMPONENT_META_SLOT(comp, t) ((comp)->meta[(t) - TARGET_SERVICE])
#define COMPONENT_META(comp, t) METADATA_OF(COMPONENT_META_SLOT(comp, t))

/* The component's (first) workload. */
#define WORKLOAD_OF(comp) ((struct workload *)(comp)->workloads.items[0])

enum decl_kind { DECL_PARAM, DECL_CONFIG, DECL_SECRET, DECL_COMPONENT, DECL_KINDS };
struct decl {
	enum decl_kind kind;
	const char *name;
	void *what;
	struct loc loc;
};

struct stack {
	struct ident name;
	bool bad_name;             /* reported: derived names are not checked */
	struct loc loc;
	const char *namespace;
	struct loc namespace_loc;
	struct vec params;          /* struct param * */
	struct vec configs;         /* struct keyset * */
	struct vec secrets;         /* struct keyset * */
	struct vec components;      /* struct component *, source order */
	struct vec accounts;        /* struct account *, in the order of first use */
	struct vec roles;           /* struct role * */
	struct metadata meta;       /* the stack's labels and annotations, for every object */
	struct vec common_labels;   /* struct header *: todokc's own labels, then the stack's */
	struct vec node_entries;    /* struct ast_entry *, as written: nodes { } */
	enum security_level security; /* `security restricted` or `baseline` */
	struct loc security_loc;
	bool isolated;              /* `network isolated` */
	struct loc isolated_loc;
	const char *deny_policy;    /* the default-deny NetworkPolicy's name (isolated) */
	struct vec stack_pods;      /* struct header *: the label every pod of the stack has */
	struct vec ordered;         /* struct component *, dependency order */
	struct resources capacity;  /* from "cluster" or --capacity; text NULL: none */
	struct loc capacity_loc;
	const struct ast_string *naming[NAMING_SLOTS]; /* NULL: the default */
	struct loc naming_loc[NAMING_SLOTS];
	struct strmap names;        /* every declared name -> struct decl * */
	struct vec decls[DECL_KINDS]; /* struct decl * of each kind, in source order */
};


#endif
