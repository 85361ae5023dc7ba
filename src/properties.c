/*
 * properties.c - the one table of a component's properties: in which
 * blocks (a service, a job, a sidecar, ...) each belongs, whether it may
 * be given more than once, and the words used to say so.  The lowering
 * (src/lower_component.c) checks each property written against it, and
 * the language server's completion (src/lsp_complete.c) offers only the
 * properties of the block at the cursor.
 */
#include "lower.h"

#include <string.h>

#include "tools.h"

const char *const block_names[BLOCK_KINDS] = {
	"a service", "a stateful", "a job", "a cron", "a variant", "a sidecar",
	"an init container", "a container block",
};

const char *const block_words[BLOCK_KINDS] = {
	"service", "stateful", "job", "cron", "variant", "sidecar", "init", "container",
};

#define B(k) (1u << BLOCK_##k)
#define WORKLOADS (B(SERVICE) | B(STATEFUL) | B(JOB) | B(CRON))
#define REPLICATED (B(SERVICE) | B(STATEFUL))
#define CONTAINERS (B(SIDECAR) | B(INIT) | B(CONTAINER))
#define EVERYWHERE (WORKLOADS | B(VARIANT) | CONTAINERS)

const struct prop_rule prop_rules[PROP_KINDS] = {
	[PROP_IMAGE] = {"image", EVERYWHERE, false, NULL},
	[PROP_PORT] = {"port", REPLICATED | B(SIDECAR) | B(CONTAINER), true,
	               "; 'container-port' declares a port that no Service publishes"},
	[PROP_REPLICAS] = {"replicas", REPLICATED | B(VARIANT), false, NULL},
	[PROP_AUTOSCALE] = {"replicas", REPLICATED | B(VARIANT), false, NULL},
	[PROP_REQUESTS] = {"requests", EVERYWHERE, false, NULL},
	[PROP_LIMITS] = {"limits", EVERYWHERE, false, NULL},
	[PROP_ENV] = {"env", EVERYWHERE, true, NULL},
	[PROP_ENV_FROM] = {"env from", EVERYWHERE, true, NULL},
	[PROP_PROBE] = {"probe", REPLICATED | B(VARIANT) | B(SIDECAR) | B(CONTAINER), true, NULL},
	[PROP_EXPOSE] = {"expose", REPLICATED, false, NULL},
	[PROP_EXPOSE_AS] = {"expose as", REPLICATED, true, NULL},
	[PROP_VOLUME] = {"volume", WORKLOADS, true, NULL},
	[PROP_AFTER] = {"after", WORKLOADS, true, NULL},
	[PROP_COMMAND] = {"command", EVERYWHERE, false, NULL},
	[PROP_ARGS] = {"args", EVERYWHERE, false, NULL},
	[PROP_CONTAINER] = {"container", WORKLOADS, false, NULL},
	[PROP_ROUTE] = {"route", REPLICATED, false, NULL},
	[PROP_GRACE] = {"grace", WORKLOADS | B(VARIANT), false, NULL},
	[PROP_LABELS] = {"labels", WORKLOADS | B(VARIANT), true, NULL},
	[PROP_ANNOTATIONS] = {"annotations", WORKLOADS | B(VARIANT), true, NULL},
	[PROP_SIDECAR] = {"sidecar", WORKLOADS, true, NULL},
	[PROP_INIT] = {"init", WORKLOADS, true, NULL},
	[PROP_VARIANT] = {"variant", B(SERVICE), true, NULL},
	[PROP_CONTAINER_BLOCK] = {"container", WORKLOADS, true, NULL},
	[PROP_MOUNT] = {"mount", CONTAINERS, true, NULL},
	[PROP_ACCOUNT] = {"account", WORKLOADS, false, NULL},
	[PROP_SECURITY] = {"security", EVERYWHERE, false, NULL},
	[PROP_SELECTOR] = {"selector", REPLICATED, false, NULL},
	[PROP_CONTAINER_PORT] = {"container-port", EVERYWHERE, true, NULL},
	[PROP_NODES] = {"nodes", WORKLOADS | B(VARIANT), false, NULL},
	[PROP_PULL] = {"pull", EVERYWHERE, false, NULL},
	[PROP_PULL_SECRET] = {"pull-secret", WORKLOADS, false, NULL},
	[PROP_STRATEGY] = {"strategy", B(SERVICE) | B(VARIANT), false, NULL},
	[PROP_START] = {"start", B(STATEFUL), false, NULL},
	[PROP_BUDGET] = {"budget", REPLICATED, false, NULL},
	[PROP_ALLOW] = {"allow", WORKLOADS, true, NULL},
	[PROP_API] = {"api", WORKLOADS, true, NULL},
	[PROP_RETRIES] = {"retries", B(JOB) | B(CRON), false, NULL},
	[PROP_DEADLINE] = {"deadline", B(JOB) | B(CRON), false, NULL},
	[PROP_KEEP] = {"keep", B(JOB) | B(CRON), false, NULL},
	[PROP_CONCURRENCY] = {"concurrency", B(CRON), false, NULL},
	[PROP_TIMEZONE] = {"timezone", B(CRON), false, NULL},
	[PROP_QUIET] = {"quiet", WORKLOADS, true, NULL},
};

const char *const probe_words[PROBE_SLOTS] = {"liveness", "readiness", "startup"};

bool
property_belongs(const char *word, const char *block_word)
{
	unsigned blocks = 0;
	bool known = false;
	for (int k = 0; k < PROBE_SLOTS; k++)
		if (strcmp(word, probe_words[k]) == 0)
			word = prop_rules[PROP_PROBE].word;
	size_t len = strlen(word);
	for (int k = 0; k < PROP_KINDS; k++) {
		const char *rule = prop_rules[k].word;
		if (rule && strncmp(rule, word, len) == 0 && (rule[len] == '\0' || rule[len] == ' ')) {
			blocks |= prop_rules[k].blocks;
			known = true;
		}
	}
	for (int b = 0; known && b < BLOCK_KINDS; b++)
		if (strcmp(block_word, block_words[b]) == 0)
			return blocks & 1u << b;
	return true;
}
/* "a job or a cron", "a service, a stateful or a variant" */
const char *
where_it_belongs(struct lowering *l, unsigned blocks)
{
	struct buf out = {0};
	int n = 0, total = 0;
	for (int k = 0; k < BLOCK_KINDS; k++)
		total += (blocks >> k) & 1;
	for (int k = 0; k < BLOCK_KINDS; k++) {
		if (!(blocks & 1u << k))
			continue;
		if (n++)
			buf_puts(&out, n == total ? " or " : ", ");
		buf_puts(&out, block_names[k]);
	}
	return arena_buf_take(l->a, &out);
}

