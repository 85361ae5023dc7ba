/*
 * check_pod.c - the validation of each workload and its pod
 * (docs/language.md section 12): its containers' names (unique in the
 * pod, wait containers included), images, resources, environment, probes
 * and mounts; its volumes and claims; its labels and annotations; the Pod
 * Security Standard the stack asks for; a job's and a cron's settings,
 * the schedule field by field.
 */
#include "check.h"

#include <string.h>

/* Containers */

/* The resources of a container, with the words of their messages. */
struct resource_words {
	const char *name, *request, *limit;
	bool bytes;
};

/* One resource's request and limit: each a quantity, the request within
 * the limit. */
static void
check_resource(struct checker *k, struct quantity *request, struct quantity *limit,
               const struct resource_words *w)
{
	const char *name = w->name;
	bool r = check_quantity(k, request, w->request, w->bytes);
	bool l = check_quantity(k, limit, w->limit, false);
	const char *fix, *slip = w->bytes && l ? memory_slip(k, limit, &fix) : NULL;
	if (r && l && request->value > limit->value && slip) {
		/* The limit's unit is the mistake, not the request. */
		struct diagnostic *g = diag(&k->c->diags, E0506, limit->loc,
		                            "%s limit %s means %s, below the %s request %s; %s", name,
		                            cquote(k, limit->text), slip, name, cquote(k, request->text),
		                            fix);
		diag_note(&k->c->diags, g, request->loc, "the request is set here");
		return;
	}
	if (r && l && request->value > limit->value) {
		struct diagnostic *g = diag(&k->c->diags, E0506, request->loc,
		                            "%s request %s is above the %s limit %s", name,
		                            cquote(k, request->text), name, cquote(k, limit->text));
		diag_note(&k->c->diags, g, limit->loc, "the limit is set here");
	}
	if (w->bytes && l)
		warn_milli_memory(k, limit);
}

static void
check_resources(struct checker *k, struct container *ctr)
{
	static const struct resource_words cpu = {"cpu", "cpu request", "cpu limit", false},
	                                   memory = {"memory", "memory request", "memory limit", true},
	                                   storage = {"ephemeral-storage", "ephemeral-storage request",
	                                              "ephemeral-storage limit", true};
	struct container_resources *res = ctr->resources;
	if (!res)
		return;
	check_resource(k, &res->requests.cpu, &res->limits.cpu, &cpu);
	check_resource(k, &res->requests.memory, &res->limits.memory, &memory);
	check_resource(k, &res->requests.storage, &res->limits.storage, &storage);
}

/* A name every cluster takes, with '-' or '.': a program reads it from
 * its environment, a shell script cannot. */
static void
check_env_shell_name(struct checker *k, const struct env_var *e)
{
	char *fixed = arena_strdup(k->a, e->name);
	for (char *p = fixed; *p; p++)
		if (*p == '-' || *p == '.')
			*p = '_';
	diag(&k->c->diags, W0507, e->loc,
	     "environment variable name %s holds '%c': a shell cannot read it as $VAR (a program "
	     "that reads its environment can); if a script reads it, use letters, digits and '_', "
	     "as in %s", cquote(k, e->name), e->name[strcspn(e->name, "-.")], cquote(k, fixed));
}

static void
check_env(struct checker *k, const struct container *ctr)
{
	for (size_t i = 0; i < ctr->env.len; i++) {
		const struct env_var *e = ctr->env.items[i];
		bool relaxed_only;
		const char *problem = env_name_problem(e->name, &relaxed_only);
		if (problem)
			diag(&k->c->diags, E0508, e->loc, "environment variable name %s is not valid: %s",
			     cquote(k, e->name), problem);
		else if (relaxed_only)
			diag(&k->c->diags, W0501, e->loc,
			     "environment variable name %s is accepted only by Kubernetes 1.32 and newer "
			     "(older clusters take letters, digits, '_', '-' and '.', not starting with a "
			     "digit), and a shell cannot read it: use letters, digits and '_'",
			     cquote(k, e->name));
		else if (c_identifier_problem(e->name))
			check_env_shell_name(k, e);
	}
}

/* A text written in the source that may be a secret: a string without
 * references; not a number (TOKEN_EXPIRY_SECONDS = "3600"), a path
 * (PRIVATE_KEY_FILE = "/run/secrets/key"), env(), file() or a reference. */
static bool
literal_value(const struct ast_value *v)
{
	if (!v || v->kind != VALUE_STRING || !value_written_in_source(v))
		return false;
	const struct ast_part *first = v->string->parts.items[0];
	if (first->len && first->text[0] == '/')
		return false;
	for (size_t i = 0; i < v->string->parts.len; i++) {
		const struct ast_part *part = v->string->parts.items[i];
		if (strspn(part->text, "0123456789") != part->len)
			return true;
	}
	return false;
}

/* A config's key with a secret's name and a value written in the source,
 * which the container takes (whole, or by reference), so it is found
 * (and can be quieted) in the component. */
static void
check_config_secret(struct checker *k, struct loc use, const struct keyset *set,
                    const struct kv *kv, const char *how)
{
	if (!set || set->secret || set->external || !kv || !secret_like_name(kv->key.text) ||
	    !literal_value(kv->source))
		return;
	const char *key = kv->key.text;
	struct diagnostic *g = diag(&k->c->diags, W0703, use,
	                            "%s looks like a secret but its value is written in config %s%s, "
	                            "so it is in clear in a ConfigMap: declare it in a `secret` "
	                            "block with env(\"%s\") and take it from there", cquote(k, key),
	                            cquote(k, set->name.text), how, key);
	diag_note(&k->c->diags, g, kv->loc, "the value is written here");
}

/* Values with a secret's name written in the source: in an env block,
 * or in a config the container takes. */
static void
check_secret_values(struct checker *k, const struct container *ctr)
{
	for (size_t i = 0; i < SOURCE_OF(ctr)->env_blocks.len; i++) {
		const struct ast_entry *e = SOURCE_OF(ctr)->env_blocks.items[i];
		if (e->kind == ENTRY_VALUE && secret_like_name(e->key.text) && literal_value(e->value))
			diag(&k->c->diags, W0703, e->key.loc,
			     "%s looks like a secret but its value is written in the env of container %s, "
			     "so it is in clear in the workload's 'value:': declare it in a `secret` block "
			     "with env(\"%s\") and write '%s = SECRET.%s' (SECRET: its name)",
			     cquote(k, e->key.text), cquote(k, ctr->name), e->key.text, e->key.text,
			     e->key.text);
	}
	for (size_t i = 0; i < ctr->env_from.len; i++) {
		const struct env_source *from = ctr->env_from.items[i];
		for (size_t j = 0; from->set && j < from->set->keys.len; j++)
			check_config_secret(k, from->name.loc, from->set, from->set->keys.items[j],
			                    ", which the container takes whole");
	}
	for (size_t i = 0; i < ctr->env.len; i++) {
		const struct env_var *e = ctr->env.items[i];
		if (e->kind == ENV_CONFIG_KEY && e->from && !e->removed)
			check_config_secret(k, e->loc, e->from, strmap_get(&e->from->by_key, e->key), "");
	}
}

static void
check_probe_headers(struct checker *k, const struct probe *p)
{
	for (size_t i = 0; i < p->headers.len; i++) {
		const struct header *h = p->headers.items[i];
		bool ok = h->name[0] != '\0';
		for (const char *c = h->name; *c; c++)
			ok &= (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') ||
			      (*c >= '0' && *c <= '9') || *c == '-';
		if (!ok)
			diag(&k->c->diags, E0515, h->loc,
			     "HTTP header name %s must consist of letters, digits and '-'",
			     cquote(k, h->name));
		bool control = false; /* Go's HTTP client refuses such a value: the probe always fails */
		for (const char *c = h->value; *c; c++)
			control |= ((unsigned char)*c < 0x20 && *c != '\t') || *c == 0x7f;
		if (control)
			diag(&k->c->diags, E0515, h->loc,
			     "the value of HTTP header %s holds a control character (a newline?): the "
			     "kubelet could not send it, and the probe would always fail",
			     cquote(k, h->name));
	}
}

/* 'every 0s', 'timeout 0s', 'failures 0': Kubernetes reads a 0 as not
 * given and applies its default (10s, 1s, 3), not what the 0 says.  Each
 * is told at its option. */
static void
check_probe_zeros(struct checker *k, const struct probe *p)
{
	for (size_t i = 0; i < p->written.options.len; i++) {
		const struct ast_probe_option *o = p->written.options.items[i];
		bool seconds = o->kind == OPT_EVERY || o->kind == OPT_TIMEOUT;
		if ((!seconds && o->kind != OPT_FAILURES) || o->number.value != 0)
			continue;
		const char *word = o->kind == OPT_EVERY     ? "every"
		                   : o->kind == OPT_TIMEOUT ? "timeout"
		                                            : "failures";
		diag(&k->c->diags, E0515, o->loc, "a probe's '%s' must be at least %s, not %s; write "
		     "'%s %s'", word, seconds ? "1s" : "1", o->number.text, word, seconds ? "1s" : "1");
	}
}

static void
check_probes(struct checker *k, const struct container *ctr)
{
	for (int slot = 0; slot < PROBE_SLOTS; slot++) {
		const struct probe *p = ctr->probes[slot];
		if (!p)
			continue;
		if (p->kind == PROBE_HTTP && p->path && p->path[0] != '/')
			check_slash_path(k, p->path, p->written.path->loc, "a probe's path");
		if (p->kind == PROBE_EXEC && p->command.len == 0)
			diag(&k->c->diags, E0515, p->loc, "an exec probe needs a command");
		const struct probe_timing *t = TIMING_OF(p);
		if (!check_int32(k, t->delay < 0 ? 0 : t->delay, p->loc, "delay") ||
		    !check_int32(k, t->every < 0 ? 1 : t->every, p->loc, "every") ||
		    !check_int32(k, t->timeout < 0 ? 1 : t->timeout, p->loc, "timeout") ||
		    !check_int32(k, t->failures < 0 ? 1 : t->failures, p->loc, "failures"))
			continue;
		if (t->every == 0 || t->timeout == 0 || t->failures == 0)
			check_probe_zeros(k, p);
		check_probe_headers(k, p);
	}
}

/* A path with its repeated and trailing '/' folded: "/d/", "//d" and
 * "/d" name one folder (a second mount there would hide the first), "x/y"
 * and "x//y" one file. */
static const char *
folded_path(struct arena *a, const char *path)
{
	struct buf b = {0};
	for (const char *p = path; *p; p++)
		if (*p != '/' || (b.len && b.data[b.len - 1] != '/') || !b.len)
			buf_putc(&b, *p);
	while (b.len > 1 && b.data[b.len - 1] == '/')
		b.len--;
	const char *out = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

static void
check_mounts(struct checker *k, const struct container *ctr)
{
	struct strmap paths = {0};
	for (size_t i = 0; i < ctr->mounts.len; i++) {
		const struct mount *m = ctr->mounts.items[i];
		const char *path = m->path.value;
		if (!path)
			continue;
		if (path[0] != '/') {
			/* A container has no working folder a mount could be relative to. */
			const char *rest = path;
			while (rest[0] == '.' && rest[1] == '/')
				rest += 2;
			diag(&k->c->diags, E0518, m->path_loc, "mount path %s is not absolute; write %s",
			     cquote(k, path), cquote(k, arena_printf(k->a, "/%s", rest)));
		}
		const char *problem = m->subpath.value ? relative_path_problem(m->subpath.value) : NULL;
		if (problem)
			diag(&k->c->diags, E0518, m->subpath.written->loc, "subpath %s is not valid: %s",
			     cquote(k, m->subpath.value), problem);
		const char *same = folded_path(&k->scratch, path);
		if (path[0] == '/' && !same[1])
			diag(&k->c->diags, E0518, m->path_loc,
			     "a volume cannot be mounted at '/', the container's own root (the runtime "
			     "refuses it); mount it at a folder such as '/data'");
		const struct mount *old = strmap_claim(&k->scratch, &paths, same, (void *)m);
		if (old)
			diag_again(&k->c->diags, E0518, m->path_loc, old->path_loc, "first used here",
			           "mount path %s is used twice", cquote(k, path));
	}
	arena_reset(&k->scratch);
}

/* The ports a container declares by itself (container-port, a sidecar's
 * or a container block's port): those of the component's port lines are
 * checked with its Services. */
bool
port_twice(struct checker *k, struct port_side p, struct port_side q, long long number, bool udp,
           bool same_number)
{
	struct diagnostic *g = NULL;
	if (same_number)
		g = diag(&k->c->diags, E0514, p.loc, "container port %lld%s is declared twice", number,
		         udp ? "/udp" : "");
	else if (p.name && q.name && strcmp(p.name, q.name) == 0)
		g = diag(&k->c->diags, E0514, p.name_loc, "port name %s is used twice", cquote(k, p.name));
	if (g)
		diag_note(&k->c->diags, g, q.loc, "the other port is here");
	return g != NULL;
}

static void
check_container_ports(struct checker *k, const struct container *ctr)
{
	for (size_t i = 0; i < ctr->ports.len; i++) {
		const struct container_port *p = ctr->ports.items[i];
		if (p->published && !p->published->target_name)
			continue;
		if (p->number < 1 || p->number > 65535)
			diag(&k->c->diags, E0502, p->loc,
			     "port %lld is out of range: it must be between 1 and 65535", p->number);
		const char *problem = p->name ? iana_port_name_problem(p->name) : NULL;
		if (problem)
			diag(&k->c->diags, E0503, p->name_loc, "port name %s is not valid: %s",
			     cquote(k, p->name),
			     name_problem_text(k->a, iana_port_name_problem, p->name, problem));
		for (size_t j = 0; j < ctr->ports.len; j++) {
			const struct container_port *q = ctr->ports.items[j];
			bool from_line = q->published && !q->published->target_name;
			if (q == p || (j > i && !from_line))
				continue; /* each pair once */
			if (port_twice(k, (struct port_side){p->loc, p->name_loc, p->name},
			               (struct port_side){q->loc, q->name_loc, q->name}, p->number, p->udp,
			               q->number == p->number && q->udp == p->udp))
				break;
		}
	}
}

/* A note on an invalid value at each param it interpolates that a -D of
 * the command line sets: the value did not come from the file. */
static void
note_defines(struct checker *k, struct diagnostic *g, const struct ast_string *written)
{
	const struct options *opts = k->c->opts;
	for (size_t i = 0; written && i < written->parts.len; i++) {
		const struct ast_part *part = written->parts.items[i];
		if (!part->is_ref || part->ref->member.text)
			continue;
		const struct define *set = NULL;
		for (size_t d = 0; d < opts->ndefines; d++)
			if (strcmp(opts->defines[d].name, part->ref->name.text) == 0)
				set = &opts->defines[d];
		if (!set)
			continue;
		const char *is = *set->value ? cquote(k, set->value) : "empty";
		const char *option = arena_printf(k->a, "-D %s=%s", set->name, set->value);
		diag_note(&k->c->diags, g, part->ref->loc,
		          "%s is %s here: %s on the command line sets it, in place of the stack's "
		          "default", cquote(k, set->name), is, cquote(k, option));
	}
}

static void
check_container(struct checker *k, struct container *ctr)
{
	if (ctr->role == ROLE_WAIT)
		return; /* todokc's own: its name is checked with the others, its image on the
		         * command line */
	const char *problem = dns1123_label_problem(ctr->name);
	if (problem && (ctr->named || !k->skip_names))
		diag(&k->c->diags, E0501, ctr->name_loc, "container name %s is not valid: %s",
		     cquote(k, ctr->name),
		     name_problem_text(k->a, dns1123_label_problem, ctr->name, problem));
	if (ctr->image.value) {
		problem = image_problem(ctr->image.value);
		if (problem)
			note_defines(k, diag(&k->c->diags, E0512, ctr->image_loc,
			                     "image %s is not a valid reference: %s",
			                     cquote(k, ctr->image.value), problem),
			             ctr->image.written);
	}
	check_resources(k, ctr);
	check_env(k, ctr);
	check_secret_values(k, ctr);
	check_probes(k, ctr);
	check_mounts(k, ctr);
	check_container_ports(k, ctr);
}

/* The word that declares a container of the component's own. */
static const char *
container_word(const struct container *ctr)
{
	switch (ctr->role) {
	case ROLE_SIDECAR: return "sidecar";
	case ROLE_INIT: return "init container";
	case ROLE_CLASSIC: return "container block";
	case ROLE_WAIT:
	case ROLE_MAIN: break;
	}
	return "container";
}

/* Two containers of the component's with one name, blamed on the one
 * written later; when one is the main container named after the
 * component, how to name either. */
static void
report_container_twice(struct checker *k, const struct component *comp,
                       const struct container *ctr, const struct container *old)
{
	bool later = ctr->name_loc.begin > old->name_loc.begin;
	const struct container *other = ctr->role == ROLE_MAIN ? old : ctr;
	const struct container *main = ctr->role == ROLE_MAIN ? ctr : old->role == ROLE_MAIN ? old
	                                                                                      : NULL;
	const char *fix = "";
	if (main && main->name_loc.begin == comp->name.loc.begin)
		fix = arena_printf(k->a, ": the main container takes the component's name; give the %s "
		                   "another name, or name the main container with 'container NAME'",
		                   container_word(other));
	diag_again(&k->c->diags, E0401, later ? ctr->name_loc : old->name_loc,
	           later ? old->name_loc : ctr->name_loc, "the other one is here",
	           "two containers of the pod are named %s%s", cquote(k, ctr->name), fix);
}

/* Container names are unique within the pod, wait containers included. */
static void
check_container_names(struct checker *k, const struct component *comp, const struct pod *pod)
{
	struct strmap names = {0};
	for (size_t i = 0; i < pod->containers.len; i++) {
		const struct container *ctr = pod->containers.items[i];
		if (ctr->role == ROLE_WAIT && strlen(ctr->name) > 63) {
			diag(&k->c->diags, E0501, ctr->wait->loc,
			     "the init container that waits for %s would be named %s, of %zu "
			     "characters, %zu more than 63; give it a shorter name, or use "
			     "--no-wait",
			     cquote(k, ctr->wait->target->name.text), cquote(k, ctr->name),
			     strlen(ctr->name), strlen(ctr->name) - 63);
			continue;
		}
		const struct container *old = strmap_claim(&k->scratch, &names, ctr->name, (void *)ctr);
		if (old && old->role == ROLE_WAIT)
			diag(&k->c->diags, E0501, ctr->name_loc,
			     "container name %s is also the name of the init container that waits "
			     "for %s", cquote(k, ctr->name), cquote(k, old->wait->target->name.text));
		else if (old && ctr->role == ROLE_WAIT)
			diag(&k->c->diags, E0501, old->name_loc,
			     "container name %s is also the name of the init container that waits "
			     "for %s", cquote(k, ctr->name), cquote(k, ctr->wait->target->name.text));
		else if (old)
			report_container_twice(k, comp, ctr, old);
	}
	arena_reset(&k->scratch);
}

/* The containers that run side by side (the main one, the classic
 * containers, the native sidecars; not the init containers, which have
 * ended before) share the pod's network: two of them cannot listen on one
 * port, and the second crashes (the API server only warns). */
static void
check_pod_ports(struct checker *k, const struct pod *pod)
{
	for (size_t i = 0; i < pod->containers.len; i++) {
		const struct container *a = pod->containers.items[i];
		if (a->role == ROLE_WAIT || a->role == ROLE_INIT)
			continue;
		for (size_t j = i + 1; j < pod->containers.len; j++) {
			const struct container *b = pod->containers.items[j];
			if (b->role == ROLE_WAIT || b->role == ROLE_INIT)
				continue;
			for (size_t x = 0; x < a->ports.len; x++)
				for (size_t y = 0; y < b->ports.len; y++) {
					const struct container_port *p = a->ports.items[x], *q = b->ports.items[y];
					if (p->number != q->number || p->udp != q->udp)
						continue;
					bool later = q->loc.begin > p->loc.begin;
					struct diagnostic *g = diag(
						&k->c->diags, E0514, later ? q->loc : p->loc,
						"container port %lld%s is declared by both %s and %s: the containers "
						"of a pod share its network, and only one can listen on a port",
						p->number, p->udp ? "/udp" : "", cquote(k, a->name), cquote(k, b->name));
					diag_note(&k->c->diags, g, later ? p->loc : q->loc, "the other port is here");
				}
		}
	}
}

/* The volume todokc adds to a pod that waits for jobs (its token) takes
 * a name no volume of the component may have. */
static void
check_token_volume_name(struct checker *k, const struct pod *pod)
{
	const struct volume *token = NULL;
	for (size_t i = 0; i < pod->volumes.len && !token; i++)
		if (((const struct volume *)pod->volumes.items[i])->kind == VOLUME_TOKEN)
			token = pod->volumes.items[i];
	for (size_t i = 0; token && i < pod->volumes.len; i++) {
		const struct volume *vol = pod->volumes.items[i];
		if (vol != token && strcmp(vol->name.text, token->name.text) == 0)
			diag(&k->c->diags, E0501, vol->name.loc,
			     "volume name %s is also the name of the volume that holds the token of the "
			     "init containers that wait for jobs", cquote(k, vol->name.text));
	}
}

/* The files a volume's items become: each path valid, and no two the
 * same file, nor one file a folder of another ("x" and "x/y"): the kubelet
 * would keep one of them. */
static void
check_item_paths(struct checker *k, const struct volume *vol)
{
	const char **paths = arena_alloc(&k->scratch, (vol->items.len + 1) * sizeof *paths);
	for (size_t j = 0; j < vol->items.len; j++) {
		const struct header *item = vol->items.items[j];
		const char *problem = item_path_problem(item->value);
		paths[j] = problem ? NULL : folded_path(&k->scratch, item->value);
		if (problem)
			diag(&k->c->diags, E0518, item->loc, "the path of item %s is not valid: %s",
			     cquote(k, item->name), problem);
		for (size_t i = 0; paths[j] && i < j; i++) {
			if (!paths[i])
				continue; /* reported */
			const struct header *other = vol->items.items[i];
			size_t a = strlen(paths[i]), b = strlen(paths[j]), shorter = a < b ? a : b;
			bool same = a == b && strcmp(paths[i], paths[j]) == 0;
			bool nested = a != b && strncmp(paths[i], paths[j], shorter) == 0 &&
			              (a < b ? paths[j] : paths[i])[shorter] == '/';
			if (same || nested) {
				diag_again(&k->c->diags, E0518, item->loc, other->loc, "the other item is here",
				           same ? "items %s and %s are both written to %s: the kubelet keeps only "
				                  "one of them"
				                : "items %s and %s cannot both be written: %s is a file and a "
				                  "folder at once", cquote(k, other->name),
				           cquote(k, item->name),
				           cquote(k, a < b ? other->value : item->value));
				break;
			}
		}
	}
	arena_reset(&k->scratch);
}

static void
check_volumes(struct checker *k, struct component *comp, struct workload *w)
{
	check_token_volume_name(k, &w->pod);
	for (size_t i = 0; i < w->pod.volumes.len; i++) {
		struct volume *vol = w->pod.volumes.items[i];
		if (check_quantity(k, &vol->size, "size", true) && vol->claim != CLAIM_NONE &&
		    vol->size.value <= 0)
			diag(&k->c->diags, E0505, vol->size.loc,
			     "a volume claim's size must be more than 0 (Kubernetes refuses the claim)");
		/* class "": no class, a volume bound by hand (the API takes it) */
		const char *problem = vol->class.value && *vol->class.value
		                      ? dns1123_subdomain_problem(vol->class.value) : NULL;
		if (problem)
			diag(&k->c->diags, E0501, vol->class.written->loc, "storage class %s is not valid: %s",
			     cquote(k, vol->class.value), problem);
		check_item_paths(k, vol);
		if (vol->claim != CLAIM_OBJECT)
			continue;
		check_object_name(k, vol->claim_name, "PersistentVolumeClaim",
		                  dns1123_subdomain_problem, vol->name.loc, NAMING_WORKLOAD);
		long long replicas = 0; /* every variant's pods mount the one claim */
		for (size_t v = 0; v < comp->workloads.len; v++)
			replicas += ((const struct workload *)comp->workloads.items[v])->max_replicas;
		const struct strategy *st = w->strategy;
		bool stops_first = st && (st->recreate || (st->surge.given && !st->surge.value));
		if (replicas > 1)
			diag(&k->c->diags, W0503, vol->loc,
			     "the claim of volume %s is ReadWriteOnce, but %s may run several "
			     "replicas on different nodes; use a stateful for per-replica volumes",
			     cquote(k, vol->name.text), cquote(k, comp->name.text));
		else if (comp->kind == WORKLOAD_DEPLOYMENT && !stops_first)
			diag(&k->c->diags, W0504, vol->loc,
			     "the claim of volume %s is ReadWriteOnce: a rolling update starts the new "
			     "pod before the old one stops, perhaps on another node, where it cannot "
			     "mount the claim; add 'strategy recreate' to %s", cquote(k, vol->name.text),
			     cquote(k, comp->name.text));
	}
}

bool
check_amount(struct checker *k, const struct amount *n, const char *what)
{
	if (!n->given)
		return true;
	if (n->percent && n->value > 100) {
		diag(&k->c->diags, E0408, n->loc, "%s %lld%% is more than all the pods", what, n->value);
		return false;
	}
	return check_int32(k, n->value, n->loc, what);
}

/* A rolling update must be able to make progress. */
static void
check_strategy(struct checker *k, const struct strategy *st)
{
	if (!check_amount(k, &st->surge, "surge") || !check_amount(k, &st->unavailable, "unavailable"))
		return;
	bool no_surge = !st->surge.given || st->surge.value == 0;
	if (st->surge.given && st->unavailable.given && no_surge && st->unavailable.value == 0)
		diag(&k->c->diags, E0404, st->loc,
		     "a rolling update with 'surge 0' and 'unavailable 0' can neither start a new pod "
		     "nor stop an old one");
}

/* Pod security */

static const char *const level_names[] = {"", "baseline", "restricted"};

/* The capabilities a container may add under "baseline" (Kubernetes'
 * default set); under "restricted", NET_BIND_SERVICE only. */
static bool
capability_allowed(const char *cap, enum security_level level)
{
	static const char *const baseline[] = {
		"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
		"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
	};
	if (level == SECURITY_RESTRICTED)
		return strcmp(cap, "NET_BIND_SERVICE") == 0;
	for (size_t i = 0; i < sizeof baseline / sizeof *baseline; i++)
		if (strcmp(cap, baseline[i]) == 0)
			return true;
	return false;
}

static void
breaks_standard(struct checker *k, struct loc loc, const char *setting, const char *rule)
{
	struct diagnostic *g = diag(&k->c->diags, E0522, loc,
	                            "%s breaks the Pod Security Standard %s of the stack: %s",
	                            setting, cquote(k, level_names[k->s->security]), rule);
	diag_note(&k->c->diags, g, k->s->security_loc, "the standard is chosen here");
}

/* The words of one security block that the stack's standard forbids. */
static void
check_security_settings(struct checker *k, const struct security_settings *s)
{
	enum security_level level = k->s->security;
	if (level == SECURITY_NONE || !s->given)
		return;
	if (s->has[SEC_PRIVILEGED])
		breaks_standard(k, s->word_loc[SEC_PRIVILEGED], "'privileged'",
		                "privileged containers are not allowed");
	if (level == SECURITY_RESTRICTED && s->has[SEC_USER] && s->user == 0)
		breaks_standard(k, s->word_loc[SEC_USER], "'user 0'",
		                "containers must not run as root (runAsUser 0)");
	for (size_t i = 0; i < s->add.len; i++) {
		const struct ident *cap = s->add.items[i];
		if (!capability_allowed(cap->text, level))
			breaks_standard(k, cap->loc, arena_printf(k->a, "adding %s", cquote(k, cap->text)),
			                level == SECURITY_RESTRICTED
			                    ? "a container may add only NET_BIND_SERVICE"
			                    : "a container may add only the default capabilities");
	}
}

/* A privileged container may always gain privileges: Kubernetes refuses
 * allowPrivilegeEscalation false beside privileged true.  (Under a
 * standard, privileged is refused already.) */
static void
check_escalation(struct checker *k, const struct pod *pod, const struct container *ctr)
{
	if (!ctr->security.privileged || ctr->security.allow_escalation != 0 ||
	    k->s->security != SECURITY_NONE)
		return;
	const struct security_settings *pod_own = SECURITY_OF(pod->security_written);
	const struct security_settings *own = ctr->role == ROLE_MAIN ? pod_own
	                                                             : SECURITY_OF(ctr->security_written);
	const struct security_settings *from = own->has[SEC_NO_ESCALATION] ? own : pod_own;
	struct diagnostic *g = diag(&k->c->diags, E0404, own->word_loc[SEC_PRIVILEGED],
	                            "container %s is 'privileged', which always allows privilege "
	                            "escalation, and 'no-escalation' forbids it", cquote(k, ctr->name));
	diag_note(&k->c->diags, g, from->word_loc[SEC_NO_ESCALATION], "'no-escalation' is given here");
}

/* runAsNonRoot beside runAsUser 0, each the container's own or else the
 * pod's: the kubelet refuses to start the container.  Reported once for
 * the pod when both are the pod's, else for the container that sets one.
 * (Under `security restricted` user 0 is refused already.) */
static void
check_root_user(struct checker *k, const struct pod *pod, const struct container *ctr)
{
	const struct security_context *own = &ctr->security, *shared = &pod->security;
	long long user = own->user >= 0 ? own->user : shared->user;
	int non_root = own->non_root >= 0 ? own->non_root : shared->non_root;
	bool pods = own->user < 0 && own->non_root < 0;
	if (user != 0 || non_root != 1 || k->s->security == SECURITY_RESTRICTED ||
	    ctr->role == ROLE_WAIT || (pods && ctr->role != ROLE_MAIN))
		return;
	const struct security_settings *pod_words = SECURITY_OF(pod->security_written);
	const struct security_settings *ctr_words = SECURITY_OF(ctr->security_written);
	const struct security_settings *user_at = own->user >= 0 ? ctr_words : pod_words;
	const struct security_settings *non_root_at = own->non_root >= 0 ? ctr_words : pod_words;
	const char *whose = pods ? "its pod" : arena_printf(k->a, "container %s",
	                                                   cquote(k, ctr->name));
	struct diagnostic *g = diag(&k->c->diags, E0404, user_at->word_loc[SEC_USER],
	                            "'user 0' runs %s as root, and 'non-root' forbids it: the "
	                            "kubelet refuses to start it; give a user other than 0, or "
	                            "remove 'non-root'", whose);
	diag_note(&k->c->diags, g, non_root_at->word_loc[SEC_NON_ROOT], "'non-root' is given here");
}

/* Jobs and crons */

static void
check_schedule(struct checker *k, const struct text *schedule)
{
	size_t bad_begin, bad_end;
	const char *problem = cron_schedule_problem(schedule->value, &bad_begin, &bad_end);
	if (!problem)
		return;
	const struct ast_string *w = schedule->written;
	struct loc loc = w->loc;
	/* A literal without escapes: the caret goes under the bad field. */
	const struct ast_part *part = w->parts.len == 1 ? w->parts.items[0] : NULL;
	if (part && !part->is_ref && part->len + 2 == loc.end - loc.begin)
		loc = (struct loc){loc.begin + 1 + (uint32_t)bad_begin, loc.begin + 1 + (uint32_t)bad_end};
	diag(&k->c->diags, E0520, loc, "the schedule %s is not valid: %s", cquote(k, schedule->value),
	     problem);
}

static void
check_time_zone(struct checker *k, const struct text *zone)
{
	const char *suggestion;
	const char *problem = time_zone_problem(zone->value, &k->c->diags.suggestion_budget,
	                                        &suggestion);
	if (problem && suggestion)
		diag(&k->c->diags, E0523, zone->written->loc, "the time zone %s is not valid: %s; did "
		     "you mean %s?", cquote(k, zone->value), problem, cquote(k, suggestion));
	else if (problem)
		diag(&k->c->diags, E0523, zone->written->loc, "the time zone %s is not valid: %s",
		     cquote(k, zone->value), problem);
}

void
check_job_settings(struct checker *k, struct component *comp)
{
	const struct job_settings *job = comp->job;
	if (!job)
		return;
	if (job->retries >= 0)
		check_int32(k, job->retries, job->retries_loc, "retries");
	if (job->deadline == 0) /* the API takes it, and fails the Job as it starts */
		diag(&k->c->diags, E0408, job->deadline_loc, "a job's deadline is at least 1s: with "
		     "'deadline 0s' Kubernetes fails the job as soon as it starts (leave 'deadline' out "
		     "for none)");
	else if (job->deadline > 0)
		check_int32(k, job->deadline, job->deadline_loc, "deadline");
	if (job->keep >= 0)
		check_int32(k, job->keep, job->keep_loc, "keep");
	if (comp->kind == WORKLOAD_CRONJOB && job->schedule.value)
		check_schedule(k, &job->schedule);
	if (job->time_zone.value)
		check_time_zone(k, &job->time_zone);
}

/* The workload */

void
check_workload(struct checker *k, struct component *comp, struct workload *w)
{
	for (size_t i = 0; i < w->pod.containers.len; i++) {
		struct container *ctr = w->pod.containers.items[i];
		check_container(k, ctr);
		check_security_settings(k, SECURITY_OF(ctr->security_written));
		check_escalation(k, &w->pod, ctr);
		check_root_user(k, &w->pod, ctr);
	}
	check_security_settings(k, SECURITY_OF(w->pod.security_written));
	check_container_names(k, comp, &w->pod);
	check_pod_ports(k, &w->pod);
	if (w->pod.grace >= 0)
		check_int32(k, w->pod.grace, w->pod.grace_loc, "grace");
	check_volumes(k, comp, w);
	if (w->strategy)
		check_strategy(k, w->strategy);
}
