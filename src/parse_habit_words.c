/*
 * parse_habit_words.c - the words Kubernetes, Compose and Helm users
 * write in a component for what a keyword says (deployment: service), and
 * for what no keyword says, with what to write instead (restart, build):
 * a hint, or the line to write with the rest of the user's line in it
 * (`envFrom app-config`: `env from app-config`), some only in a job or
 * in a component that has a Service.  src/parse_errors.c and the
 * recovery (src/parse_values.c) give the message.
 */
#include "recover.h"

/* Where a word means what its entry says: in any block, in a service's
 * or a stateful's (which have a Service), in a job's or a cron's. */
enum where { ANYWHERE, IN_SERVED, IN_JOB };

static const char restart[] = "Kubernetes restarts a service's containers whenever they stop, "
	"and `retries N` retries a job: remove the line";
static const char job_restart[] = "a job's pod runs with `restartPolicy: Never`, and a failed "
	"one is replaced by a new pod, up to `retries N` times (6 by default): write `retries N`, "
	"or remove the line";
static const char autoscaler[] = "an autoscaler is one line of the component: write `replicas "
	"MIN..MAX cpu 70%` (the fewest pods, the most, and the average CPU use to keep)";

/* Case and '-' / '_' do not count in `word`; `write` is the line to
 * write, "%s" standing for the rest of the user's line, or `value` when
 * the line has none.  SAYS: a keyword says it; HINT: what to write;
 * LINE: the line to write. */
static const struct other_word {
	const char *word, *keyword, *hint, *write, *value;
	enum where where;
} other_words[] = {
#define SAYS(word, keyword) {word, keyword, NULL, NULL, NULL, ANYWHERE}
#define HINT(word, hint) {word, NULL, hint, NULL, NULL, ANYWHERE}
#define LINE(word, write, value) {word, NULL, NULL, write, value, ANYWHERE}
	SAYS("activedeadlineseconds", "deadline"),
	HINT("autoscaling", autoscaler),
	SAYS("backofflimit", "retries"),
	HINT("build", "todokc does not build images: build and push the image, then write "
	     "`image \"REGISTRY/NAME:TAG\"`"),
	LINE("capadd", "security { add %s }", "NET_ADMIN"),
	LINE("capdrop", "security { drop %s }", "ALL"),
	SAYS("concurrencypolicy", "concurrency"),
	SAYS("configmap", "config"),
	HINT("configs", "a config's keys are taken as variables with `env from NAME`, or "
	     "mounted as files with `volume NAME at \"PATH\" from config NAME`"),
	HINT("containername", "a container is named after its component, `service NAME {`: "
	     "remove the line"),
	{"containerport", NULL, NULL, "port %s", "8080", IN_SERVED},
	{"cpus", "limits", "write `limits cpu 500m` (or `requests cpu 500m`)", NULL, NULL, ANYWHERE},
	SAYS("cronjob", "cron"),
	SAYS("database", "stateful"),
	HINT("deploy", "write `replicas N`, and `requests` and `limits` for its resources, "
	     "each on a line of the component"),
	SAYS("dependson", "after"),
	SAYS("entrypoint", "command"),
	HINT("envfile", "put the variables in a `config NAME { ... }` and write `env from NAME`"),
	LINE("envfrom", "env from %s", "NAME"),
	SAYS("environment", "env"),
	SAYS("healthcheck", "readiness"),
	SAYS("imagepullpolicy", "pull"),
	SAYS("imagepullsecrets", "pull-secret"),
	SAYS("ingress", "route"),
	SAYS("initcontainer", "init"),
	SAYS("initcontainers", "init"),
	SAYS("livenessprobe", "liveness"),
	HINT("maxreplicas", autoscaler),
	{"memlimit", "limits", "write `limits memory 512Mi`", NULL, NULL, ANYWHERE},
	HINT("minreplicas", autoscaler),
	SAYS("networkpolicy", "network"),
	HINT("networks", "the components of a stack reach each other by name, with no network "
	     "to declare: remove the line (`allow from NAME` says which may connect)"),
	LINE("nodeport", "expose nodeport %s", "30080"),
	SAYS("nodeselector", "nodes"),
	HINT("podmanagementpolicy", "a stateful starts its pods one by one, or all at once "
	     "with `start parallel`"),
	SAYS("ports", "port"),
	SAYS("pullpolicy", "pull"),
	HINT("rbac", "a component's access to the Kubernetes API is `api VERBS RESOURCES`, "
	     "as in `api get, list pods`"),
	SAYS("readinessprobe", "readiness"),
	SAYS("replicacount", "replicas"),
	SAYS("resources", "requests"),
	{"restart", NULL, job_restart, NULL, NULL, IN_JOB},
	HINT("restart", restart),
	{"restartpolicy", NULL, job_restart, NULL, NULL, IN_JOB},
	HINT("restartpolicy", restart),
	SAYS("ro", "read-only"),
	HINT("role", "a component's access to the Kubernetes API is `api VERBS RESOURCES`, "
	     "as in `api get, list pods`"),
	SAYS("rollingupdate", "rolling"),
	HINT("secrets", "a secret's keys are taken as variables with `env from NAME`, or "
	     "mounted as files with `volume NAME at \"PATH\" from secret NAME`"),
	SAYS("securitycontext", "security"),
	SAYS("serviceaccount", "account"),
	SAYS("serviceaccountname", "account"),
	LINE("servicetype", "expose %s", "loadbalancer"),
	SAYS("startupprobe", "startup"),
	SAYS("statefulset", "stateful"),
	SAYS("stopgraceperiod", "grace"),
	HINT("tag", "the tag is part of the image: `image \"NAME:TAG\"`"),
	HINT("targetcpuutilizationpercentage", autoscaler),
	{"targetport", NULL, "the container's port follows the Service's, after '->'",
	 "port PORT -> %s", "8080", ANYWHERE},
	SAYS("terminationgraceperiodseconds", "grace"),
	SAYS("ttlsecondsafterfinished", "keep"),
	LINE("type", "expose %s", "loadbalancer"),
	SAYS("volumemounts", "volume"),
	HINT("workingdir", "the .todok sets no working directory: set it in the image (its "
	     "WORKDIR), and remove the line"),
#undef SAYS
#undef HINT
#undef LINE
};

/* Where the block open is: a job's (or cron's), a service's or a
 * stateful's (but in an init container), or another. */
static enum where
where_now(const struct recover *r)
{
	bool init = false;
	for (size_t i = r ? r->nblocks : 0; i-- > 0;) {
		int head = r->blocks[i].head;
		init |= head == KW_INIT;
		if (head == KW_JOB || head == KW_CRON)
			return IN_JOB;
		if (head == KW_SERVICE || head == KW_STATEFUL)
			return init ? ANYWHERE : IN_SERVED;
	}
	return ANYWHERE;
}

static const struct other_word *
other_tool_word(const char *word, enum where where)
{
	char folded[32];
	if (!habit_fold(word, strlen(word), folded, sizeof folded))
		return NULL;
	for (size_t i = 0; i < sizeof other_words / sizeof *other_words; i++)
		if (strcmp(folded, other_words[i].word) == 0 &&
		    (other_words[i].where == ANYWHERE || other_words[i].where == where))
			return &other_words[i];
	return NULL;
}

const char *
recover_other_tool_word(const char *word)
{
	const struct other_word *w = other_tool_word(word, ANYWHERE);
	return w ? w->keyword : NULL;
}

/* The rest of the line after the word that ends at `end` (and its ':' or
 * '='), without brackets around it, a keyword in Kubernetes' case written
 * as todokc's (LoadBalancer: loadbalancer); NULL when there is none, or
 * it holds a secret. */
static const char *
rest_after(struct parse_ctx *p, uint32_t end)
{
	const char *s = text(p);
	uint32_t at = end + (uint32_t)strspn(s + end, " \t");
	if (s[at] == ':' || s[at] == '=')
		at += 1 + (uint32_t)strspn(s + at + 1, " \t");
	const char *rest = s[at] == '[' ? habit_unbracketed(p, at) : habit_statement_rest(p, at, ':');
	if (!rest || recover_is_secret(p, (struct loc){at, at + (uint32_t)strlen(rest)}))
		return NULL;
	int keyword = strpbrk(rest, " \t\"") ? 0 : keyword_folded(rest, strlen(rest));
	return keyword ? keyword_spelling(keyword) : rest;
}

/* A security setting written as a component's line (`runAsUser 1000`,
 * `user: "1000"`, `privileged true`): the end of its message, the line of
 * its security block to write (with the user's number, and Compose's
 * `user: "1000:1000"` as user and group) or, for a flag that is off as
 * written, that the line goes; NULL when `word` is no setting. */
static const char *
security_hint(struct parse_ctx *p, const char *word, uint32_t end)
{
	bool inverted;
	int token = security_word(word, &inverted);
	if (!token)
		return NULL;
	const char *spelling = keyword_spelling(token), *rest = rest_after(p, end);
	size_t len = rest ? strlen(rest) : 0;
	if (len > 1 && rest[0] == '"' && rest[len - 1] == '"')
		rest = arena_strndup(p->arena, rest + 1, len -= 2);
	const char *line;
	if (security_flag(token)) {
		bool on = security_boolean(rest) != 0;
		if (on == inverted)
			return inverted ? ": a container may gain privileges unless `security { "
			                  "no-escalation }` is written: remove the line"
			                : ": a security setting not written is off: remove the line";
		line = arena_printf(p->arena, "security { %s }", spelling);
	} else if (token == KW_ADD || token == KW_DROP) {
		line = arena_printf(p->arena, "security { %s %s }", spelling,
		                    rest ? rest : token == KW_ADD ? "NET_ADMIN" : "ALL");
	} else {
		size_t digits = rest ? strspn(rest, "0123456789") : 0;
		bool ids = token == KW_USER && digits && rest[digits] == ':' &&
		           strspn(rest + digits + 1, "0123456789") == len - digits - 1 &&
		           len > digits + 1;
		if (ids)
			line = arena_printf(p->arena, "security { user %.*s group %s }", (int)digits,
			                    rest, rest + digits + 1);
		else if (rest && digits != len) /* (Compose's `user: app`) */
			return arena_printf(p->arena, ": todokc's '%s' is a number: write "
			                    "`security { %s 1000 }`", spelling, spelling);
		else
			line = arena_printf(p->arena, "security { %s %s }", spelling,
			                    rest ? rest : "1000");
	}
	return arena_printf(p->arena, "; did you mean `%s`?", line);
}

const char *
habit_other_tool_hint(struct parse_ctx *p, const char *word, uint32_t end)
{
	const struct other_word *w = other_tool_word(word, where_now(p->r));
	if (!w)
		return security_hint(p, word, end);
	if (!w->write)
		return w->hint ? arena_printf(p->arena, ": %s", w->hint) : NULL;
	const char *value = rest_after(p, end), *slot = strstr(w->write, "%s");
	const char *line = slot ? arena_printf(p->arena, "%.*s%s%s", (int)(slot - w->write),
	                                       w->write, value ? value : w->value, slot + 2)
	                        : w->write;
	if (w->hint)
		return arena_printf(p->arena, ": %s: write `%s`", w->hint, line);
	return arena_printf(p->arena, "; did you mean `%s`?", line);
}
