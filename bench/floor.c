/*
 * bench/floor.c - the libyaml floor of the benchmark (docs/benchmarks.md).
 *
 *   floor N             the benchmark stack of N components as one YAML
 *                       stream on standard output
 *   floor N -o DIR      one file per object, and the Kustomization, in DIR
 *
 * Writes exactly what `todokc` writes for bench/gen.py's stack of N
 * components (`make bench-verify` checks it with cmp and diff), but from
 * data built in memory from N alone: no source text, no parsing, no
 * lowering, no checks, no object tree.  The same libyaml events, in the
 * same order, with the same emitter settings, go straight to libyaml's
 * emitter.  What todokc spends beyond this program is the cost of
 * everything that is not emitting YAML.
 *
 * The stack (keep it in step with bench/gen.py), under `network
 * isolated` and `security restricted`: component i = 1..N is `stateful
 * db-i` when i % 10 == 1,
 * `job job-i` after db-(i-1) when i % 10 == 2, else `service svc-i` after
 * the nearest earlier stateful, and after svc-(i-1) too when i % 3 == 0
 * and that one is a service; every service allows the monitoring
 * namespace; i % 20 == 5 is autoscaled, i % 50 == 7 a NodePort, i % 10
 * == 3 has a sidecar, i % 10 == 4 an account.
 *
 * Links libyaml only.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "job_name.h"

#define STACK "bench"
#define DB_PASSWORD "bench-db-password"
#define API_KEY "sk-bench-api-key"
#define DB_CONFIG_HASH "c76cac6674c1ccbf"  /* the secret: statefuls and jobs */
#define SVC_CONFIG_HASH "65dc34c372512377" /* the config and the secret: services */

/* Data */

struct comp {
	int i;
	bool stateful, job, autoscaled, nodeport, sidecar, account;
	const char *name, *workload, *service, *image;
	int port;
	int nafter;
	const struct comp *after[2];
	const char *wait_name[2], *wait_command[2];
	const char *shard;
	const char *job_name; /* a job's: NAME-HASH (job_name.h) */
	/* `network isolated`: the components that refer to it, in source
	 * order (its NetworkPolicy's podSelectors) */
	const struct comp **clients;
	size_t nclients, clients_cap;
};

static void
die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("floor: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static char *
fmt(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	int n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	char *s = malloc((size_t)n + 1);
	if (!s)
		die("out of memory");
	va_start(ap, f);
	vsnprintf(s, (size_t)n + 1, f, ap);
	va_end(ap);
	return s;
}

static char *
base64(const char *s)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t len = strlen(s), o = 0;
	char *out = malloc(4 * ((len + 2) / 3) + 1);
	if (!out)
		die("out of memory");
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned char)s[i] << 16;
		if (i + 1 < len)
			v |= (unsigned char)s[i + 1] << 8;
		if (i + 2 < len)
			v |= (unsigned char)s[i + 2];
		out[o++] = tab[v >> 18 & 63];
		out[o++] = tab[v >> 12 & 63];
		out[o++] = i + 1 < len ? tab[v >> 6 & 63] : '=';
		out[o++] = i + 2 < len ? tab[v & 63] : '=';
	}
	out[o] = '\0';
	return out;
}

/* referrer refers to target (a reference, an `after`): referrers come in
 * source order, so a repeat is the last one added. */
static void
add_client(struct comp *target, const struct comp *referrer)
{
	if (target->nclients && target->clients[target->nclients - 1] == referrer)
		return;
	if (target->nclients == target->clients_cap) {
		target->clients_cap = target->clients_cap ? target->clients_cap * 2 : 4;
		target->clients = realloc(target->clients,
		                          target->clients_cap * sizeof *target->clients);
		if (!target->clients)
			die("out of memory");
	}
	target->clients[target->nclients++] = referrer;
}

static struct comp *
build_stack(int n)
{
	struct comp *comps = calloc((size_t)n + 1, sizeof *comps); /* 1-based */
	if (!comps)
		die("out of memory");
	for (int i = 1; i <= n; i++) {
		struct comp *c = &comps[i];
		c->i = i;
		c->stateful = i % 10 == 1;
		c->job = i % 10 == 2;
		c->name = fmt(c->stateful ? "db-%d" : c->job ? "job-%d" : "svc-%d", i);
		c->workload = fmt(STACK "-%s", c->name);
		c->service = fmt(STACK "-%s-service", c->name);
		if (c->stateful) {
			c->image = "postgres:13";
			c->port = 5432;
			continue;
		}
		c->image = c->job ? "registry.example.com/bench/migrate:1.0.0"
		                  : fmt("registry.example.com/bench/%s:1.0.0", c->name);
		c->port = 8000;
		c->autoscaled = i % 20 == 5;
		c->nodeport = i % 50 == 7;
		c->sidecar = i % 10 == 3;
		c->account = i % 10 == 4;
		c->shard = fmt("%d", i % 16);
		c->after[c->nafter++] = &comps[(i - 1) / 10 * 10 + 1];
		if (i % 3 == 0 && (i - 1) % 10 != 1 && (i - 1) % 10 != 2)
			c->after[c->nafter++] = &comps[i - 1];
		if (!c->job) {
			/* app-config, taken whole: DB_HOST and DATABASE_URL name
			 * db-1, API_URL svc-3 */
			add_client(&comps[1], c);
			add_client(&comps[3], c);
		}
		for (int k = 0; k < c->nafter; k++)
			add_client(&comps[c->after[k]->i], c);
		for (int k = 0; k < c->nafter; k++) {
			const struct comp *t = c->after[k];
			c->wait_name[k] = fmt("wait-for-%s", t->name);
			/* A stateful has a tcp readiness probe: nc; a service an http
			 * one: wget its path through the Service. */
			if (t->stateful)
				c->wait_command[k] = fmt("until nc -z -w 2 %s %d; do echo waiting for '%s:%d'; "
				                         "sleep 2; done",
				                         t->service, t->port, t->service, t->port);
			else
				c->wait_command[k] = fmt("until wget -q -T 2 -O /dev/null "
				                         "'http://%s:%d/ready'; do echo waiting for "
				                         "'http://%s:%d/ready'; sleep 2; done",
				                         t->service, t->port, t->service, t->port);
		}
		if (c->job) {
			char hash[9];
			job_hash(c->workload, c->name, c->wait_name[0], c->wait_command[0], hash);
			c->job_name = fmt("%s-%s", c->workload, hash);
		}
	}
	return comps;
}

/* Events */

static yaml_emitter_t E;

static void
emit(yaml_event_t *ev)
{
	if (!yaml_emitter_emit(&E, ev))
		die("libyaml: %s", E.problem ? E.problem : "emitter error");
}

static void
scalar(const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
	                                  style))
		die("libyaml: scalar");
	emit(&ev);
}

/* A string libyaml may write plain, and one YAML 1.1 would read as a
 * number: todokc quotes those. */
#define S(s) scalar((s), YAML_ANY_SCALAR_STYLE)
#define Q(s) scalar((s), YAML_DOUBLE_QUOTED_SCALAR_STYLE)

static void
I(long v)
{
	char num[32];
	yaml_event_t ev;
	snprintf(num, sizeof num, "%ld", v);
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)num, (int)strlen(num), 1, 0,
	                             YAML_PLAIN_SCALAR_STYLE);
	emit(&ev);
}

/* A boolean: plain, not a string (todokc's NODE_BOOL). */
static void
B(bool v)
{
	yaml_event_t ev;
	yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(v ? "true" : "false"),
	                             v ? 4 : 5, 1, 0, YAML_PLAIN_SCALAR_STYLE);
	emit(&ev);
}

static void
M(void)
{
	yaml_event_t ev;
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	emit(&ev);
}

static void
ME(void)
{
	yaml_event_t ev;
	yaml_mapping_end_event_initialize(&ev);
	emit(&ev);
}

static void
L(void)
{
	yaml_event_t ev;
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
	emit(&ev);
}

static void
LE(void)
{
	yaml_event_t ev;
	yaml_sequence_end_event_initialize(&ev);
	emit(&ev);
}

static void
KV(const char *k, const char *v)
{
	S(k);
	S(v);
}

static void
KI(const char *k, long v)
{
	S(k);
	I(v);
}

/* Objects */

static void
head(const char *api_version, const char *kind, const char *name, const char *app)
{
	M();
	KV("apiVersion", api_version);
	KV("kind", kind);
	S("metadata");
	M();
	KV("name", name);
	S("labels");
	M();
	if (app)
		KV("app", app);
	KV("app.kubernetes.io/part-of", STACK);
	KV("app.kubernetes.io/managed-by", "todokc");
	ME();
	ME();
}

static void
secret_object(void)
{
	static char *pw, *key;
	if (!pw) {
		pw = base64(DB_PASSWORD);
		key = base64(API_KEY);
	}
	head("v1", "Secret", STACK "-app-secrets", NULL);
	S("data");
	M();
	KV("DB_PASSWORD", pw);
	KV("API_KEY", key);
	ME();
	KV("type", "Opaque");
	ME();
}

static void
config_object(void)
{
	head("v1", "ConfigMap", STACK "-app-config", NULL);
	S("data");
	M();
	KV("LOG_LEVEL", "info");
	S("LISTEN_PORT");
	Q("8080");
	KV("API_URL", "http://" STACK "-svc-3-service:8000");
	KV("DB_HOST", STACK "-db-1-service");
	ME();
	ME();
}

static void
service_object(const struct comp *c)
{
	head("v1", "Service", c->service, c->workload);
	S("spec");
	M();
	KV("type", c->nodeport ? "NodePort" : "ClusterIP");
	S("selector");
	M();
	KV("app", c->workload);
	ME();
	S("ports");
	L();
	M();
	KI("port", c->port);
	KI("targetPort", c->port);
	ME();
	LE();
	ME();
	ME();
}

static void
resources(const char *rcpu, const char *rmem, const char *lcpu, const char *lmem)
{
	S("resources");
	M();
	S("requests");
	M();
	KV("cpu", rcpu);
	KV("memory", rmem);
	ME();
	S("limits");
	M();
	S("cpu");
	if (strcmp(lcpu, "1") == 0)
		Q(lcpu);
	else
		S(lcpu);
	KV("memory", lmem);
	ME();
	ME();
}

/* Requests without limits. */
static void
requests(const char *cpu, const char *memory)
{
	S("resources");
	M();
	S("requests");
	M();
	KV("cpu", cpu);
	KV("memory", memory);
	ME();
	ME();
}

static void
secret_env(const char *name, const char *key)
{
	M();
	KV("name", name);
	S("valueFrom");
	M();
	S("secretKeyRef");
	M();
	KV("name", STACK "-app-secrets");
	KV("key", key);
	ME();
	ME();
	ME();
}

static void
http_probe(const char *key, const char *path, int port)
{
	S(key);
	M();
	S("httpGet");
	M();
	KV("path", path);
	KI("port", port);
	ME();
	ME();
}

/* security restricted: every container's, then the pod's. */
static void
container_security(long user)
{
	S("securityContext");
	M();
	if (user)
		KI("runAsUser", user);
	S("allowPrivilegeEscalation");
	B(false);
	S("capabilities");
	M();
	S("drop");
	L();
	S("ALL");
	LE();
	ME();
	ME();
}

static void
pod_security(void)
{
	S("securityContext");
	M();
	S("runAsNonRoot");
	B(true);
	S("seccompProfile");
	M();
	KV("type", "RuntimeDefault");
	ME();
	ME();
}

/* A job's container: a command and a secret in its env. */
static void
job_container(const struct comp *c)
{
	M();
	KV("name", c->name);
	KV("image", c->image);
	S("command");
	L();
	S("migrate");
	S("--to");
	S("latest");
	LE();
	S("env");
	L();
	secret_env("DB_PASSWORD", "DB_PASSWORD");
	LE();
	requests("100m", "128Mi");
	container_security(0);
	ME();
}

/* A service's sidecar (a native sidecar: an init container that runs
 * always). */
static void
sidecar_container(void)
{
	M();
	KV("name", "proxy");
	KV("image", "envoyproxy/envoy:v1.31.0");
	KV("restartPolicy", "Always");
	requests("50m", "64Mi");
	container_security(0);
	ME();
}

static void
container(const struct comp *c)
{
	M();
	KV("name", c->name);
	KV("image", c->image);
	S("ports");
	L();
	M();
	KI("containerPort", c->port);
	ME();
	LE();
	if (c->stateful) {
		S("env");
		L();
		M();
		KV("name", "POSTGRES_DB");
		KV("value", "app");
		ME();
		secret_env("POSTGRES_PASSWORD", "DB_PASSWORD");
		LE();
		resources("250m", "512Mi", "1", "1Gi");
		S("volumeMounts");
		L();
		M();
		KV("name", "data");
		KV("mountPath", "/var/lib/postgresql/data");
		ME();
		LE();
		S("readinessProbe");
		M();
		S("tcpSocket");
		M();
		KI("port", c->port);
		ME();
		ME();
		container_security(0);
		ME();
		return;
	}
	S("envFrom");
	L();
	M();
	S("configMapRef");
	M();
	KV("name", STACK "-app-config");
	ME();
	ME();
	M();
	S("secretRef");
	M();
	KV("name", STACK "-app-secrets");
	ME();
	ME();
	LE();
	S("env");
	L();
	secret_env("DB_PASSWORD", "DB_PASSWORD");
	M();
	KV("name", "DATABASE_URL");
	KV("value", "postgresql://app:$(DB_PASSWORD)@" STACK "-db-1-service:5432/app");
	ME();
	secret_env("API_KEY", "API_KEY");
	M();
	KV("name", "SERVICE_NAME");
	KV("value", c->name);
	ME();
	M();
	KV("name", "SHARD");
	S("value");
	Q(c->shard);
	ME();
	LE();
	resources("100m", "128Mi", "500m", "256Mi");
	http_probe("livenessProbe", "/health", c->port);
	http_probe("readinessProbe", "/ready", c->port);
	container_security(0);
	ME();
}

static void
wait_container(const struct comp *c, int k)
{
	M();
	KV("name", c->wait_name[k]);
	KV("image", "busybox:1.36.1");
	S("command");
	L();
	S("sh");
	S("-c");
	S(c->wait_command[k]);
	LE();
	resources("10m", "16Mi", "50m", "32Mi");
	container_security(65532);
	ME();
}

static void pod_template(const struct comp *c);

static void
workload_object(const struct comp *c)
{
	if (c->job)
		head("batch/v1", "Job", c->job_name, c->workload);
	else
		head("apps/v1", c->stateful ? "StatefulSet" : "Deployment", c->workload, c->workload);
	S("spec");
	M();
	if (c->stateful)
		KV("serviceName", c->service);
	if (c->job) {
		KI("ttlSecondsAfterFinished", 86400);
	} else {
		if (!c->autoscaled)
			KI("replicas", c->stateful ? 1 : 2);
		S("selector");
		M();
		S("matchLabels");
		M();
		KV("app", c->workload);
		ME();
		ME();
	}
	pod_template(c);
	if (c->stateful) {
		S("volumeClaimTemplates");
		L();
		M();
		S("metadata");
		M();
		KV("name", "data");
		ME();
		S("spec");
		M();
		S("accessModes");
		L();
		S("ReadWriteOnce");
		LE();
		S("resources");
		M();
		S("requests");
		M();
		KV("storage", "10Gi");
		ME();
		ME();
		ME();
		ME();
		LE();
	}
	ME();
	ME();
}

/* A workload's pod template: labels, the config hash, the pod. */
static void
pod_template(const struct comp *c)
{
	S("template");
	M();
	S("metadata");
	M();
	S("labels");
	M();
	KV("app", c->workload);
	KV("app.kubernetes.io/part-of", STACK);
	ME();
	/* todokc.dev/config-hash: a SHA-256 of the configs and secrets the
	 * pod takes, the same for every stack of gen.py (a stateful takes the
	 * secret, a service the config and the secret); todokc computes it
	 * once per pod, the floor has it as a constant. */
	S("annotations");
	M();
	S("todokc.dev/config-hash");
	if (c->stateful || c->job)
		S(DB_CONFIG_HASH);
	else
		Q(SVC_CONFIG_HASH); /* digits first: a YAML 1.1 number to a reader */
	ME();
	ME();
	S("spec");
	M();
	if (c->job)
		KV("restartPolicy", "Never");
	if (c->account)
		KV("serviceAccountName", c->workload);
	pod_security();
	if (c->nafter || c->sidecar) {
		S("initContainers");
		L();
		if (c->sidecar)
			sidecar_container();
		for (int k = 0; k < c->nafter; k++)
			wait_container(c, k);
		LE();
	}
	S("containers");
	L();
	if (c->job)
		job_container(c);
	else
		container(c);
	LE();
	ME();
	ME();
}

static void
account_object(const struct comp *c)
{
	head("v1", "ServiceAccount", c->workload, NULL);
	S("automountServiceAccountToken");
	B(false);
	ME();
}

static void
autoscaler_object(const struct comp *c)
{
	head("autoscaling/v2", "HorizontalPodAutoscaler", c->workload, c->workload);
	S("spec");
	M();
	S("scaleTargetRef");
	M();
	KV("apiVersion", "apps/v1");
	KV("kind", "Deployment");
	KV("name", c->workload);
	ME();
	KI("minReplicas", 2);
	KI("maxReplicas", 10);
	S("metrics");
	L();
	M();
	KV("type", "Resource");
	S("resource");
	M();
	KV("name", "cpu");
	S("target");
	M();
	KV("type", "Utilization");
	KI("averageUtilization", 70);
	ME();
	ME();
	ME();
	LE();
	ME();
	ME();
}

/* SELECTOR: {matchLabels: {KEY: VALUE}} */
static void
match_label(const char *selector, const char *key, const char *value)
{
	S(selector);
	M();
	S("matchLabels");
	M();
	KV(key, value);
	ME();
	ME();
}

/* A NetworkPolicy's head and the start of its spec: the pods it selects
 * (by one label), for their ingress. */
static void
policy_head(const char *name, const char *app, const char *key, const char *value)
{
	head("networking.k8s.io/v1", "NetworkPolicy", name, app);
	S("spec");
	M();
	match_label("podSelector", key, value);
	S("policyTypes");
	L();
	S("Ingress");
	LE();
}

/* `network isolated`: the policy that denies what no other allows. */
static void
default_deny_object(void)
{
	policy_head(STACK "-default-deny", NULL, "app.kubernetes.io/part-of", STACK);
	ME();
	ME();
}

static void
selector_source(const char *selector, const char *key, const char *value)
{
	M();
	match_label(selector, key, value);
	ME();
}

static void
port_list(int port)
{
	S("ports");
	L();
	M();
	KI("port", port);
	ME();
	LE();
}

/* Who may reach a component's pods: its clients (all sources when it is
 * a NodePort), and for a service the monitoring namespace. */
static void
network_policy_object(const struct comp *c)
{
	policy_head(c->workload, c->workload, "app", c->workload);
	S("ingress");
	L();
	if (!c->nodeport && c->nclients) {
		M();
		S("from");
		L();
		for (size_t k = 0; k < c->nclients; k++)
			selector_source("podSelector", "app", c->clients[k]->workload);
		LE();
		port_list(c->port);
		ME();
	}
	if (!c->stateful) {
		M();
		S("from");
		L();
		selector_source("namespaceSelector", "kubernetes.io/metadata.name", "monitoring");
		LE();
		port_list(c->port);
		ME();
	}
	if (c->nodeport) {
		M();
		port_list(c->port);
		ME();
	}
	LE();
	ME();
	ME();
}

/* Whether a component gets a NetworkPolicy: something may reach it. */
static bool
reachable(const struct comp *c)
{
	return !c->job && (c->nclients || c->nodeport || !c->stateful);
}

/* The objects in apply order: the default-deny NetworkPolicy, the
 * ServiceAccounts, the Secret, the ConfigMap, then for each component (the
 * source order is the dependency order: every `after` names an earlier
 * one) its Service (not a job's), its workload, its HPA and its
 * NetworkPolicy. */
enum what { DEFAULT_DENY, ACCOUNT, SECRET, CONFIG, SERVICE, WORKLOAD, AUTOSCALER, NETWORK_POLICY };
struct object {
	enum what what;
	const struct comp *c;
};

static struct object *
plan_objects(const struct comp *comps, int n, size_t *count)
{
	if (n < 3 || n > 100000000)
		die("N out of range: %d", n);
	struct object *objs = malloc(((size_t)n * 5 + 3) * sizeof *objs);
	if (!objs)
		die("out of memory");
	size_t k = 0;
	objs[k++] = (struct object){DEFAULT_DENY, NULL};
	for (int i = 1; i <= n; i++)
		if (comps[i].account)
			objs[k++] = (struct object){ACCOUNT, &comps[i]};
	objs[k++] = (struct object){SECRET, NULL};
	objs[k++] = (struct object){CONFIG, NULL};
	for (int i = 1; i <= n; i++) {
		if (!comps[i].job)
			objs[k++] = (struct object){SERVICE, &comps[i]};
		objs[k++] = (struct object){WORKLOAD, &comps[i]};
		if (comps[i].autoscaled)
			objs[k++] = (struct object){AUTOSCALER, &comps[i]};
		if (reachable(&comps[i]))
			objs[k++] = (struct object){NETWORK_POLICY, &comps[i]};
	}
	*count = k;
	return objs;
}

static void
object(const struct object *o)
{
	switch (o->what) {
	case ACCOUNT: account_object(o->c); break;
	case SECRET: secret_object(); break;
	case CONFIG: config_object(); break;
	case SERVICE: service_object(o->c); break;
	case WORKLOAD: workload_object(o->c); break;
	case AUTOSCALER: autoscaler_object(o->c); break;
	case DEFAULT_DENY: default_deny_object(); break;
	case NETWORK_POLICY: network_policy_object(o->c); break;
	}
}

/* A new emitter, set up as todokc sets up its own, writing through
 * `handler` (or to standard output when NULL). */
static void
begin(yaml_write_handler_t *handler, void *data)
{
	yaml_event_t ev;
	if (!yaml_emitter_initialize(&E))
		die("libyaml: cannot initialise the emitter");
	if (handler)
		yaml_emitter_set_output(&E, handler, data);
	else
		yaml_emitter_set_output_file(&E, stdout);
	yaml_emitter_set_unicode(&E, 1);
	yaml_emitter_set_width(&E, -1);
	yaml_emitter_set_indent(&E, 2);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(&ev);
}

static void
end(void)
{
	yaml_event_t ev;
	yaml_stream_end_event_initialize(&ev);
	emit(&ev);
	if (!yaml_emitter_flush(&E))
		die("libyaml: flush");
	yaml_emitter_delete(&E);
}

static void
document(const struct object *o, bool explicit_start)
{
	yaml_event_t ev;
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, !explicit_start);
	emit(&ev);
	object(o);
	yaml_document_end_event_initialize(&ev, 1);
	emit(&ev);
}

/* -o DIR: each document into a buffer, then one file. */

struct buf {
	char *data;
	size_t len, cap;
};

static int
to_buf(void *data, unsigned char *bytes, size_t size)
{
	struct buf *b = data;
	if (b->len + size > b->cap) {
		b->cap = (b->len + size) * 2;
		if (!(b->data = realloc(b->data, b->cap)))
			die("out of memory");
	}
	memcpy(b->data + b->len, bytes, size);
	b->len += size;
	return 1;
}

static void
write_file(const char *dir, const char *name, const struct buf *b, mode_t mode)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0)
		die("cannot write %s: %s", path, strerror(errno));
	for (size_t done = 0; done < b->len;) {
		ssize_t w = write(fd, b->data + done, b->len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			die("cannot write %s: %s", path, strerror(errno));
		done += (size_t)w;
	}
	if (close(fd) != 0)
		die("cannot write %s: %s", path, strerror(errno));
}

static const char *
lower_kind(enum what w)
{
	switch (w) {
	case ACCOUNT: return "serviceaccount";
	case SECRET: return "secret";
	case CONFIG: return "configmap";
	case SERVICE: return "service";
	case WORKLOAD: return NULL;
	case AUTOSCALER: return "horizontalpodautoscaler";
	case DEFAULT_DENY:
	case NETWORK_POLICY: return "networkpolicy";
	}
	return NULL;
}

static void
write_dir(const char *dir, const struct object *objs, size_t count)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		die("cannot create %s: %s", dir, strerror(errno));
	int width = 2;
	for (size_t k = 100; k <= count; k *= 10)
		width++;
	char **names = malloc(count * sizeof *names);
	struct buf b = {0};
	for (size_t i = 0; i < count; i++) {
		const struct object *o = &objs[i];
		const char *kind = lower_kind(o->what);
		if (!kind)
			kind = o->c->stateful ? "statefulset" : o->c->job ? "job" : "deployment";
		const char *name = o->what == DEFAULT_DENY ? STACK "-default-deny"
		                   : o->what == SECRET   ? STACK "-app-secrets"
		                   : o->what == CONFIG  ? STACK "-app-config"
		                   : o->what == SERVICE ? o->c->service
		                   : o->what == NETWORK_POLICY ? o->c->workload
		                   : o->c->job          ? o->c->job_name
		                                        : o->c->workload;
		names[i] = fmt("%0*zu-%s-%s.yaml", width, i + 1, kind, name);
		b.len = 0;
		begin(to_buf, &b);
		document(o, false);
		end();
		write_file(dir, names[i], &b, o->what == SECRET ? 0600 : 0644);
	}
	/* The Kustomization */
	b.len = 0;
	begin(to_buf, &b);
	yaml_event_t ev;
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(&ev);
	M();
	KV("apiVersion", "kustomize.config.k8s.io/v1beta1");
	KV("kind", "Kustomization");
	S("resources");
	L();
	/* Four digits and a dash could start a YAML 1.1 timestamp: todokc
	 * quotes "0001-secret-...". */
	for (size_t i = 0; i < count; i++)
		scalar(names[i], width == 4 ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE);
	LE();
	S("sortOptions");
	M();
	KV("order", "fifo");
	ME();
	ME();
	yaml_document_end_event_initialize(&ev, 1);
	emit(&ev);
	end();
	write_file(dir, "Kustomization", &b, 0644);
	free(b.data);
}

int
main(int argc, char **argv)
{
	const char *dir = NULL;
	int n = 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (!n && atoi(argv[i]) >= 3)
			n = atoi(argv[i]);
		else
			die("usage: floor N [-o DIR]  (N >= 3)");
	}
	if (!n)
		die("usage: floor N [-o DIR]  (N >= 3)");
	struct comp *comps = build_stack(n);
	size_t count;
	struct object *objs = plan_objects(comps, n, &count);
	if (dir) {
		write_dir(dir, objs, count);
		return 0;
	}
	begin(NULL, NULL);
	for (size_t i = 0; i < count; i++)
		document(&objs[i], true);
	end();
	if (fflush(stdout) != 0)
		die("cannot write to standard output: %s", strerror(errno));
	return 0;
}
