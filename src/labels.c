/*
 * labels.c - the labels and annotations of every object, computed once
 * (docs/language.md, labels and selectors): todokc's own labels and the
 * stack's; each component's selector, the selector and metadata labels
 * of each of its workloads (a variant's with its `version`), the labels
 * of its pod templates, Services, routes and other objects; the labels
 * and annotations of the accounts, merged across the components that
 * share one; and the node selector of every pod.  The object builders
 * write these lists as they are.
 */
#include "resolve.h"

#include <string.h>

/* The labels todokc puts on every object. */
#define PART_OF "app.kubernetes.io/part-of"
#define MANAGED_BY "app.kubernetes.io/managed-by"

void
resolve_entries(struct resolver *r, const struct vec *entries, struct vec *out)
{
	for (size_t i = 0; i < entries->len; i++) {
		const struct ast_entry *e = entries->items[i];
		struct header *h = NEW(r->a, struct header);
		h->name = e->key.text;
		h->value = resolve_text_of(r, e->value->string, "a label or annotation");
		h->loc = e->loc;
		if (h->value)
			vec_push(r->a, out, h);
	}
}

static void
resolve_metadata(struct resolver *r, struct metadata *meta)
{
	resolve_entries(r, &meta->label_entries, &meta->labels);
	resolve_entries(r, &meta->annotation_entries, &meta->annotations);
}

static const struct header *
find_header(const struct vec *headers, const char *name)
{
	for (size_t i = 0; i < headers->len; i++) {
		const struct header *h = headers->items[i];
		if (strcmp(h->name, name) == 0)
			return h;
	}
	return NULL;
}

static void
add_header(struct resolver *r, struct vec *out, const char *name, const char *value,
           struct loc loc)
{
	struct header *h = NEW(r->a, struct header);
	*h = (struct header){name, value, loc};
	vec_push(r->a, out, h);
}

/* A final list that is another's as it is: the same items, not a copy
 * (nothing is added to either afterwards; its capacity is its length, so
 * a push would copy it first). */
static struct vec
same_headers(const struct vec *of)
{
	return (struct vec){of->items, of->len, of->len};
}

static void
append_headers(struct resolver *r, struct vec *out, const struct vec *more)
{
	for (size_t i = 0; i < more->len; i++)
		vec_push(r->a, out, more->items[i]);
}

/* A label key that todokc sets itself, with the value it sets. */
static const char *
own_label_value(struct resolver *r, const char *key)
{
	if (strcmp(key, PART_OF) == 0)
		return r->s->name.text;
	if (strcmp(key, MANAGED_BY) == 0)
		return "todokc";
	return NULL;
}

/* The labels and annotations an object is given: todokc's own labels
 * are kept out of them (and `version`, which the variants set). */
static void
resolve_object_metadata(struct resolver *r, struct metadata *meta, bool variants)
{
	resolve_metadata(r, meta);
	size_t kept = 0;
	for (size_t i = 0; i < meta->labels.len; i++) {
		struct header *h = meta->labels.items[i];
		if (own_label_value(r, h->name))
			diag(&r->c->diags, E0517, h->loc,
			     "label %s is set by todokc on every object; choose another key",
			     rquote(r, h->name));
		else if (variants && strcmp(h->name, "version") == 0)
			diag(&r->c->diags, E0517, h->loc,
			     "label 'version' is set by todokc to the variant's name; choose another key");
		else
			meta->labels.items[kept++] = h;
	}
	meta->labels.len = kept;
}

/* The stack: todokc's labels, then the stack's own. */
static void
resolve_stack_labels(struct resolver *r)
{
	struct stack *s = r->s;
	resolve_metadata(r, &s->meta);
	add_header(r, &s->common_labels, PART_OF, s->name.text, s->loc);
	add_header(r, &s->stack_pods, PART_OF, s->name.text, s->loc); /* see resolve_workload_labels() */
	add_header(r, &s->common_labels, MANAGED_BY, "todokc", s->loc);
	for (size_t i = 0; i < s->meta.labels.len; i++) {
		const struct header *h = s->meta.labels.items[i];
		if (own_label_value(r, h->name))
			diag(&r->c->diags, E0517, h->loc,
			     "label %s is set by todokc on every object; choose another key",
			     rquote(r, h->name));
		else if (s->security != SECURITY_NONE && s->namespace &&
		         strcmp(h->name, "pod-security.kubernetes.io/enforce") == 0)
			diag(&r->c->diags, E0517, h->loc,
			     "label %s is set by todokc on the namespace from 'security'; choose another "
			     "key", rquote(r, h->name));
		else
			vec_push(r->a, &s->common_labels, (void *)h);
	}
}

/* The selector: the component's own, or `app: WORKLOAD`.  A selector
 * label that todokc also sets must have todokc's value, and a component
 * with variants leaves `version` to them. */
static void
resolve_selector(struct resolver *r, struct component *comp)
{
	if (!HAS_LOC(comp->selector_loc)) {
		add_header(r, &comp->selector, "app", comp->base_name, comp->name.loc);
		return;
	}
	struct vec written = {0};
	resolve_entries(r, &comp->selector_entries, &written);
	bool variants = WORKLOAD_OF(comp)->variant.text != NULL;
	for (size_t i = 0; i < written.len; i++) {
		struct header *h = written.items[i];
		const char *own = own_label_value(r, h->name);
		if (own && strcmp(own, h->value) != 0) {
			diag(&r->c->diags, E0517, h->loc,
			     "selector label %s = %s contradicts todokc's own label %s = %s",
			     rquote(r, h->name), rquote(r, h->value), rquote(r, h->name), rquote(r, own));
			continue;
		}
		if (variants && strcmp(h->name, "version") == 0) {
			diag(&r->c->diags, E0517, h->loc,
			     "selector label 'version' contradicts the variants of %s, which each set "
			     "'version' to their name", rquote(r, comp->name.text));
			continue;
		}
		vec_push(r->a, &comp->selector, h);
	}
}

/* A pod label must not change what selects the pod. */
static bool
pod_label_allowed(struct resolver *r, const struct component *comp, const struct workload *w,
                  const struct header *h)
{
	const char *why = NULL;
	if (strcmp(h->name, PART_OF) == 0 ||
	    (!HAS_LOC(comp->selector_loc) && strcmp(h->name, "app") == 0))
		why = "is set by todokc (the selector uses it)";
	else if (find_header(&comp->selector, h->name))
		why = "is a selector label of the component";
	else if (w->variant.text && strcmp(h->name, "version") == 0)
		why = "is set by todokc to the variant's name";
	if (why)
		diag(&r->c->diags, E0517, h->loc, "label %s %s; choose another key", rquote(r, h->name),
		     why);
	return why == NULL;
}

/* A workload's selector, its metadata labels and its pod template's. */
static void
resolve_workload_labels(struct resolver *r, struct component *comp, struct workload *w)
{
	append_headers(r, &w->selector, &comp->selector);
	if (w->meta)
		resolve_object_metadata(r, w->meta, w->variant.text != NULL);
	const struct metadata *own = METADATA_OF(w->meta);
	append_headers(r, &w->labels, HAS_LOC(own->labels_loc) ? &own->labels : &comp->selector);
	if (w->variant.text) {
		add_header(r, &w->selector, "version", w->variant.text, w->variant.loc);
		add_header(r, &w->labels, "version", w->variant.text, w->variant.loc);
	}
	struct pod *pod = &w->pod;
	if (pod->meta)
		resolve_metadata(r, pod->meta);
	const struct metadata *pod_meta = METADATA_OF(pod->meta);
	for (size_t i = 0; i < pod_meta->annotations.len; i++) {
		const struct header *h = pod_meta->annotations.items[i];
		if (strcmp(h->name, CONFIG_HASH_ANNOTATION) == 0)
			diag(&r->c->diags, E0517, h->loc,
			     "annotation %s is set by todokc from the configs and secrets the pod takes; "
			     "choose another key", rquote(r, h->name));
	}
	append_headers(r, &pod->template_labels, &w->selector);
	if (!find_header(&w->selector, PART_OF))
		add_header(r, &pod->template_labels, PART_OF, r->s->name.text, r->s->loc);
	for (size_t i = 0; i < pod_meta->labels.len; i++) {
		struct header *h = pod_meta->labels.items[i];
		if (pod_label_allowed(r, comp, w, h))
			vec_push(r->a, &pod->template_labels, h);
	}
}

/* nodes { }: the stack's, with the pod's over them by key. */
static void
resolve_node_selector(struct resolver *r, const struct vec *stack_nodes, struct pod *pod)
{
	struct vec own = {0};
	resolve_entries(r, &pod->node_entries, &own);
	for (size_t i = 0; i < stack_nodes->len; i++) {
		const struct header *h = stack_nodes->items[i];
		const struct header *mine = find_header(&own, h->name);
		vec_push(r->a, &pod->node_selector, (void *)(mine ? mine : h));
	}
	for (size_t i = 0; i < own.len; i++) {
		const struct header *h = own.items[i];
		if (!find_header(stack_nodes, h->name))
			vec_push(r->a, &pod->node_selector, (void *)h);
	}
}

/* `labels account { }` and `annotations account { }` of a component,
 * merged into its account's: components that share an account must not
 * disagree on a key. */
static void
merge_into_account(struct resolver *r, const struct vec *headers, struct vec *into,
                   const struct account *acc, const char *what)
{
	for (size_t i = 0; i < headers->len; i++) {
		struct header *h = headers->items[i];
		const struct header *old = find_header(into, h->name);
		if (!old)
			vec_push(r->a, into, h);
		else if (strcmp(old->value, h->value) != 0)
			diag_again(&r->c->diags, E0404, h->loc, old->loc, "the other value is set here",
			           "account %s gets two values for %s %s", rquote(r, acc->written.text),
			           what, rquote(r, h->name));
	}
}

static void
resolve_account_metadata(struct resolver *r, struct component *comp)
{
	struct metadata *meta = COMPONENT_META_SLOT(comp, TARGET_ACCOUNT);
	if (!meta)
		return;
	bool labels = HAS_LOC(meta->labels_loc);
	const struct vec *entries = labels ? &meta->label_entries : &meta->annotation_entries;
	struct loc first = entries->len ? ((const struct ast_entry *)entries->items[0])->loc
	                   : labels     ? meta->labels_loc
	                                : meta->annotations_loc;
	const struct account *acc = WORKLOAD_OF(comp)->pod.account;
	if (!comp->account_name.text) {
		diag(&r->c->diags, E0409, first,
		     "'%s account' %s the component's account, and %s has none; add 'account NAME'",
		     labels ? "labels" : "annotations", labels ? "labels" : "annotates",
		     rquote(r, comp->name.text));
		return;
	}
	if (!acc)
		return; /* reported where it is used */
	if (acc->external) {
		diag(&r->c->diags, E0409, first,
		     "account %s is external: todokc writes no ServiceAccount to %s",
		     rquote(r, acc->written.text), labels ? "label" : "annotate");
		return;
	}
	resolve_object_metadata(r, meta, false);
	struct account *shared = (struct account *)acc;
	merge_into_account(r, &meta->labels, &shared->labels, acc, "label");
	merge_into_account(r, &meta->annotations, &shared->annotations, acc, "annotation");
}

/* `labels service` and `labels route` (and their annotations) need the
 * objects they go on. */
static void
targets_exist(struct resolver *r, const struct component *comp)
{
	static const char *const words[] = {[TARGET_SERVICE] = "service", [TARGET_ROUTE] = "route"};
	for (int t = TARGET_SERVICE; t <= TARGET_ROUTE; t++) {
		const struct metadata *meta = COMPONENT_META(comp, t);
		bool has = t == TARGET_SERVICE ? comp->service || comp->extra_services.len
		                               : comp->routes.len > 0;
		bool labels = HAS_LOC(meta->labels_loc);
		if (has || (!labels && !HAS_LOC(meta->annotations_loc)))
			continue;
		diag(&r->c->diags, E0409, labels ? meta->labels_loc : meta->annotations_loc,
		     "'%s %s' is for the component's %s, and %s has none", labels ? "labels" : "annotations",
		     words[t], t == TARGET_SERVICE ? "Services" : "routes", rquote(r, comp->name.text));
	}
}

static void
resolve_component_labels(struct resolver *r, struct component *comp, const struct vec *stack_nodes)
{
	resolve_selector(r, comp);
	for (int t = TARGET_SERVICE; t <= TARGET_ROUTE; t++)
		if (COMPONENT_META_SLOT(comp, t))
			resolve_object_metadata(r, COMPONENT_META_SLOT(comp, t), false);
	targets_exist(r, comp);
	for (size_t i = 0; i < comp->workloads.len; i++) {
		struct workload *w = comp->workloads.items[i];
		resolve_workload_labels(r, comp, w);
		resolve_node_selector(r, stack_nodes, &w->pod);
	}
	const struct metadata *svc = COMPONENT_META(comp, TARGET_SERVICE),
	                      *route = COMPONENT_META(comp, TARGET_ROUTE);
	comp->labels = same_headers(&comp->selector);
	comp->service_labels = same_headers(HAS_LOC(svc->labels_loc) ? &svc->labels
	                                                              : &comp->selector);
	comp->route_labels = same_headers(HAS_LOC(route->labels_loc) ? &route->labels
	                                                             : &comp->selector);
	resolve_account_metadata(r, comp);
}

/* The content of a config or secret, as its object holds it, for the
 * config hash: each key and value with its length. */
static void
hash_input(struct buf *out, const struct keyset *set)
{
	buf_printf(out, "%s %s\n", set->secret ? "secret" : "config", set->name.text);
	for (size_t i = 0; i < set->keys.len; i++) {
		const struct kv *kv = set->keys.items[i];
		const struct rvalue *v = kv->value;
		if (!set->secret && (!v || v->kind != RV_TEXT))
			continue; /* kept out of the ConfigMap */
		size_t len = set->secret ? kv->nbytes : v->len;
		buf_printf(out, "%zu %s %zu ", strlen(kv->key.text), kv->key.text, len);
		buf_append(out, set->secret ? kv->bytes : v->text, len);
		buf_putc(out, '\n');
	}
}

static void
take(struct strmap *taken, struct arena *a, const struct keyset *set)
{
	if (set && !set->external)
		strmap_put(a, taken, set->name.text, (void *)set);
}

/* todokc.dev/config-hash: a truncated SHA-256 over the content of every
 * config and secret the pod takes (by env from, a reference, or a
 * volume; external ones aside), in the stack's order, so that a changed
 * value changes the pod template and Kubernetes rolls the pods. */
static void
resolve_config_hash(struct resolver *r, struct pod *pod)
{
	struct arena *tmp = &r->scratch; /* reset before returning */
	struct strmap taken = {0};
	for (size_t i = 0; i < pod->containers.len; i++) {
		const struct container *ctr = pod->containers.items[i];
		for (size_t k = 0; k < ctr->env_from.len; k++)
			take(&taken, tmp, ((const struct env_source *)ctr->env_from.items[k])->set);
		for (size_t k = 0; k < ctr->env.len; k++)
			take(&taken, tmp, ((const struct env_var *)ctr->env.items[k])->from);
	}
	for (size_t i = 0; i < pod->volumes.len; i++)
		take(&taken, tmp, ((const struct volume *)pod->volumes.items[i])->mounted);
	/* Pods that take the same sets have the same hash: computed once. */
	struct vec sets = {0}; /* in the stack's order */
	struct buf names = {0}, text = {0};
	const struct vec *kinds[] = {&r->s->secrets, &r->s->configs};
	for (int k = 0; k < 2 && taken.len; k++)
		for (size_t i = 0; i < kinds[k]->len; i++) {
			const struct keyset *set = kinds[k]->items[i];
			if (!strmap_get(&taken, set->name.text))
				continue;
			vec_push(tmp, &sets, (void *)set);
			buf_puts(&names, k ? "1 " : "0 "); /* (formatted by hand: once per pod) */
			buf_puts(&names, set->name.text);
			buf_putc(&names, '\n');
		}
	if (sets.len && !(pod->config_hash = strmap_get(&r->config_hashes, names.data))) {
		for (size_t i = 0; i < sets.len; i++)
			hash_input(&text, sets.items[i]);
		char hash[65];
		sha256_hex(text.data, text.len, hash);
		buf_free(&text);
		pod->config_hash = arena_strndup(r->a, hash, 16);
		strmap_put(r->a, &r->config_hashes, arena_buf_take(r->a, &names),
		           (void *)pod->config_hash);
	}
	buf_free(&names);
	arena_reset(tmp);
}

void
resolve_labels(struct resolver *r)
{
	struct stack *s = r->s;
	resolve_stack_labels(r);
	struct vec stack_nodes = {0};
	resolve_entries(r, &s->node_entries, &stack_nodes);
	for (size_t i = 0; i < s->configs.len; i++)
		resolve_object_metadata(r, &((struct keyset *)s->configs.items[i])->meta, false);
	for (size_t i = 0; i < s->secrets.len; i++)
		resolve_object_metadata(r, &((struct keyset *)s->secrets.items[i])->meta, false);
	for (size_t i = 0; i < s->components.len; i++) {
		struct component *comp = s->components.items[i];
		resolve_component_labels(r, comp, &stack_nodes);
		for (size_t k = 0; k < comp->workloads.len; k++)
			resolve_config_hash(r, &((struct workload *)comp->workloads.items[k])->pod);
	}
}
