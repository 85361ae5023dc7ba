/*
 * import_files.c - the secrets and configs of a Compose file.  A
 * service's secrets become a Secret of its own, each key read at compile
 * time with env("VAR") (the secret's `environment:`, or its name in upper
 * case), mounted at /run/secrets as Compose does (elsewhere with a
 * subpath).  A config becomes a config of the stack holding its file's
 * content (a file inside the Compose file's folder), its `content:` or
 * its variable, mounted at its target with a subpath.  The keys of the
 * top-level secrets and configs are one table: those left out, and those
 * Compose does not have, are a warning each.
 */
#include "import.h"
#include "io.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SECRETS_DIR "/run/secrets"

/* The top-level definition of a secret or a config; NULL (reported) when
 * there is none. */
static const struct cnode *
definition(struct importer *im, const char *section, const struct cnode *name)
{
	bool secret = strcmp(section, "secrets") == 0;
	const struct cnode *def = declared(im, secret ? TOP_SECRETS : TOP_CONFIGS, name->text);
	if (def)
		return def;
	import_diag(im, E0805, name, "the %s %s is not declared in the top-level %s",
	            secret ? "secret" : "config", qnode(im, name), section);
	return NULL;
}

/* The variable of a secret without `environment:`: its name in upper case. */
static const char *
secret_name_var(struct importer *im, const char *name)
{
	const char *var = upper_snake(im->a, name);
	return c_identifier_problem(var) ? arena_printf(im->a, "SECRET_%s", var) /* 2fa */ : var;
}

/* The variable a secret's value is read from at compile time. */
static const char *
secret_var(struct importer *im, const struct cnode *name, const struct cnode *def)
{
	const struct cnode *env = cnode_get(def, "environment"), *file = cnode_get(def, "file");
	const struct cnode *external = cnode_get(def, "external");
	const char *var = env ? compose_text(im, env, "environment") : secret_name_var(im, name->text);
	if (!var)
		return NULL;
	if (c_identifier_problem(var)) {
		import_diag(im, E0804, env, "environment takes the name of a variable, not %s",
		            diag_quote(im->a, var));
		return NULL;
	}
	const char *origin = file && file->kind == CNODE_SCALAR
	                         ? arena_printf(im->a, "the content of %s", file->text) : NULL;
	if (external && !cnode_null(external))
		import_diag(im, W0801, external, "external: is left out: the secret %s is read with "
		            "env(\"%s\") when the .todok is compiled", qnode(im, name), var);
	if (origin && !strmap_get(&im->secret_origins, var))
		strmap_put(im->a, &im->secret_origins, var, (void *)origin);
	return var;
}

/* A mount of a secret or config: SOURCE, or {source, target, uid, gid, mode}. */
struct file_mount {
	const struct cnode *source;
	const char *target;        /* NULL: the default */
	const struct cnode *at;
};

static bool
read_mount(struct importer *im, const struct cnode *item, struct file_mount *m)
{
	m->at = item;
	m->target = NULL;
	if (item->kind == CNODE_SCALAR) {
		m->source = item;
		return true;
	}
	if (!want_kind(im, item, CNODE_MAP, "a secret or config of a service"))
		return false;
	m->source = cnode_get(item, "source");
	if (!m->source || !want_kind(im, m->source, CNODE_SCALAR, "source")) {
		if (!m->source)
			import_diag(im, E0804, item, "a secret or config in the long syntax needs its source");
		return false;
	}
	for (size_t i = 0; i < item->n; i++) {
		const struct cnode *k = item->entries[i].key;
		if (strcmp(k->text, "target") == 0) {
			if (!(m->target = compose_text(im, item->entries[i].value, "target")))
				return false;
		} else if (strcmp(k->text, "uid") == 0 || strcmp(k->text, "gid") == 0 ||
		           strcmp(k->text, "mode") == 0) {
			import_diag(im, W0801, k, "%s is left out: the .todok mounts secrets with mode 0444 "
			            "(0400 when it knows the user) and configs with mode 0644, owned by "
			            "the pod", qnode(im, k));
		} else if (strcmp(k->text, "source") != 0 && strncmp(k->text, "x-", 2) != 0) {
			import_diag(im, W0802, k, "a mount has no key %s; it is left out", qnode(im, k));
		}
	}
	return true;
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* A volume of a secret or a config at path, with a subpath when given;
 * NULL when it is left out. */
static struct ivolume *
file_volume(struct importer *im, struct icomp *ic, const char *name, const char *path,
            enum ivol_kind kind, const char *source, const char *subpath, const struct cnode *at)
{
	struct ivolume *v = add_volume(im, ic, name, kind == IV_SECRET ? "secret" : "config", kind,
	                               ival_of_text(im->a, path, at->loc), at->loc);
	if (v) {
		v->source = source;
		v->subpath = subpath;
	}
	return v;
}

static void
service_secret(struct importer *im, struct icomp *ic, const struct file_mount *m)
{
	const struct cnode *def = definition(im, "secrets", m->source);
	const char *var = def ? secret_var(im, m->source, def) : NULL;
	if (!var)
		return;
	const char *target = !m->target ? arena_printf(im->a, SECRETS_DIR "/%s", m->source->text)
	                     : m->target[0] == '/' ? m->target
	                     : arena_printf(im->a, SECRETS_DIR "/%s", m->target);
	const char *key = base_name(target);
	if (!*key || config_key_problem(key)) {
		import_diag(im, W0801, m->at, "the secret %s is left out: a Secret cannot hold the file "
		            "name %s", qnode(im, m->source), diag_quote(im->a, key));
		return;
	}
	if (!ic->file_secrets) {
		ic->file_secrets = NEW(im->a, struct iset);
		ic->file_secrets->secret = true;
		ic->file_secrets->name = claim_name(im, arena_printf(im->a, "%s-secrets", ic->name), "secrets");
		vec_push(im->a, &im->sets, ic->file_secrets);
	}
	struct ientries *entries = &ic->file_secrets->entries;
	if (find_entry(entries, key)) {
		import_diag(im, W0801, m->at, "the secret %s is left out: another one is mounted as %s",
		            qnode(im, m->source), diag_quote(im->a, key));
		return;
	}
	struct ientry *e = NEW(im->a, struct ientry);
	e->key = key;
	e->env_var = var;
	e->loc = m->at->loc;
	put_entry(im, entries, e);
	bool in_dir = strlen(target) == strlen(SECRETS_DIR) + 1 + strlen(key) &&
	              strncmp(target, SECRETS_DIR "/", strlen(SECRETS_DIR) + 1) == 0;
	if (!in_dir)
		file_volume(im, ic, m->source->text, target, IV_SECRET, ic->file_secrets->name, key, m->at);
	else if (!ic->secrets_mounted)
		file_volume(im, ic, "secrets", SECRETS_DIR, IV_SECRET, ic->file_secrets->name, NULL, m->at);
	ic->secrets_mounted |= in_dir;
}

/* why folder_path() found no file (errno ENOENT), said as a reason */
static const char not_there[] = "it is not there";

/* A path of the Compose file (relative to its folder) as a path to open,
 * its kind (S_IFREG, S_IFDIR) and, when real is not NULL, *real: the
 * path with no link in it; NULL with *why when it is not inside that
 * folder, or cannot be reached. */
static const char *
folder_path(struct importer *im, const char *path, mode_t *kind, const char **real_path,
            const char **why)
{
	const char *full = path[0] == '/' ? path : arena_printf(im->a, "%s/%s", im->base_dir, path);
	char *real = realpath(full, NULL);
	int err = errno;
	char *base = realpath(im->base_dir, NULL);
	size_t blen = base ? strlen(base) : 0;
	bool inside = real && base && strncmp(real, base, blen) == 0 &&
	              (real[blen] == '/' || real[blen] == '\0' || blen == 1);
	*why = !real ? (err == ENOENT ? not_there : strerror(err))
	       : !inside ? "it is outside the Compose file's folder" : NULL;
	struct stat st;
	if (!*why && stat(real, &st) != 0)
		*why = strerror(errno);
	*kind = *why ? 0 : st.st_mode & S_IFMT;
	if (real_path && !*why)
		*real_path = arena_strdup(im->a, real);
	free(real);
	free(base);
	return *why ? NULL : full;
}

/* why text_file() left a file out: it is not text */
static const char not_text[] = "it is not UTF-8 text";

/* The text of a regular file that folder_path() found (one larger than a
 * ConfigMap holds is an error, E0005); NULL with *why when it cannot be
 * read (the importer may not read it: a reason, not an error) or is not
 * UTF-8 text. */
static const char *
text_file(struct importer *im, const char *full, const char **why)
{
	if (access(full, R_OK) != 0) {
		*why = arena_printf(im->a, "it cannot be read: %s", strerror(errno));
		return NULL;
	}
	size_t len;
	char *text = read_input(im->c, full, COMPOSE_MAX_FILE_BYTES, &len);
	*why = text && (utf8_invalid_at(text, len) < len || memchr(text, '\0', len))
	       ? not_text : NULL;
	return text && !*why ? text : NULL;
}

/* The content of a config's file, inside the Compose file's folder; NULL
 * (reported) when it is left out. */
static const char *
config_file(struct importer *im, const struct cnode *file)
{
	const char *path = compose_text(im, file, "file"), *why = NULL, *text = NULL;
	if (!path)
		return NULL;
	mode_t kind;
	const char *full = folder_path(im, path, &kind, NULL, &why);
	if (full && kind != S_IFREG)
		why = "it is not a regular file";
	else if (full)
		text = text_file(im, full, &why);
	if (why)
		import_diag(im, W0801, file, "the config's file %s is left out: %s",
		            diag_quote(im->a, path), why);
	return text;
}

/* The config of the stack for a top-level config; NULL when left out. */
static struct iset *
stack_config(struct importer *im, const struct cnode *name, const struct cnode *def,
             const char **key)
{
	struct iset *set = strmap_get(&im->configs, name->text);
	const struct cnode *file = cnode_get(def, "file"), *content = cnode_get(def, "content");
	const struct cnode *env = cnode_get(def, "environment");
	*key = file && file->kind == CNODE_SCALAR ? base_name(file->text) : name->text;
	if (config_key_problem(*key))
		*key = dns_label(im->a, *key, "config", 63);
	if (set)
		return set->name ? set : NULL;
	set = NEW(im->a, struct iset);
	strmap_put(im->a, &im->configs, name->text, set);
	struct ival value = {NULL, 0};
	if (file) {
		const char *text = config_file(im, file);
		if (!text)
			return NULL;
		value = ival_of_text(im->a, text, file->loc);
	} else if (content) {
		if (!interpolate(im, content, &value))
			return NULL;
	} else if (env) {
		const char *var = compose_text(im, env, "environment");
		if (!var)
			return NULL;
		struct ivar *v = ivar_get(im, var, strlen(var));
		value = (struct ival){NEW(im->a, struct ipart), 1};
		value.parts[0] = (struct ipart){.kind = IP_VAR, .var = v,
		                                .resolved = v->value ? v->value : "", .loc = env->loc};
	} else {
		import_diag(im, W0801, name, "the config %s is left out: %s", qnode(im, name),
		            cnode_get(def, "external") ? "it is external, and the .todok writes every "
		            "config it mounts" : "it has no file, content or environment");
		return NULL;
	}
	use_ival(im, &value, CTX_PLAIN);
	struct ientry *e = NEW(im->a, struct ientry);
	e->key = *key;
	e->value = value;
	e->ctx = CTX_PLAIN;
	e->loc = name->loc;
	put_entry(im, &set->entries, e);
	set->name = claim_name(im, name->text, "config");
	vec_push(im->a, &im->sets, set);
	return set;
}

static void
service_config(struct importer *im, struct icomp *ic, const struct file_mount *m)
{
	const struct cnode *def = definition(im, "configs", m->source);
	const char *key;
	struct iset *set = def ? stack_config(im, m->source, def, &key) : NULL;
	if (!set)
		return;
	const char *target = m->target ? m->target : arena_printf(im->a, "/%s", m->source->text);
	if (target[0] != '/')
		target = arena_printf(im->a, "/%s", target);
	struct ivolume *v = file_volume(im, ic, m->source->text, target, IV_CONFIG, set->name,
	                                key, m->at);
	if (v)
		v->config = set;
}

static void
file_mounts(struct importer *im, struct icomp *ic, const struct cnode *n, bool secret)
{
	if (!want_kind(im, n, CNODE_SEQ, secret ? "secrets" : "configs"))
		return;
	for (size_t i = 0; i < n->n; i++) {
		struct file_mount m;
		if (!read_mount(im, n->items[i], &m))
			continue;
		if (secret)
			service_secret(im, ic, &m);
		else
			service_config(im, ic, &m);
	}
}

/* Bind mounts */

enum { BIND_FILES_MAX = 64 }; /* the files of a folder a config takes */

/* A file's name that says it holds a key or a password, which a config
 * (a ConfigMap, readable with the namespace's objects) would show. */
static bool
looks_secret(const char *name)
{
	static const char *const ends[] = {".key", ".pem", ".p12", ".pfx", ".jks", ".keystore", ".env"};
	static const char *const words[] = {"secret", "password", "passwd", "token", "credential",
	                                    "id_rsa", "id_ed25519", "htpasswd"};
	char lower[256];
	size_t len = strlen(name);
	if (len >= sizeof lower)
		return false;
	for (size_t i = 0; i <= len; i++)
		lower[i] = name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] - 'A' + 'a') : name[i];
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		size_t n = strlen(ends[i]);
		if (len >= n && strcmp(lower + len - n, ends[i]) == 0)
			return true;
	}
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strstr(lower, words[i]))
			return true;
	return false;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of the files of a folder, sorted; false (*hint: why, or
 * NULL) when it holds anything else, or nothing. */
static bool
folder_files(struct importer *im, const char *full, struct vec *names, const char **hint)
{
	DIR *d = opendir(full);
	if (!d)
		return false;
	struct dirent *e;
	while (!*hint && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		struct stat st;
		const char *path = arena_printf(im->a, "%s/%s", full, e->d_name);
		if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
			*hint = "a folder becomes a config when it holds files only, not folders or links";
		else if (names->len == BIND_FILES_MAX)
			*hint = "a folder becomes a config when it holds at most 64 files";
		else
			vec_push(im->a, names, arena_strdup(im->a, e->d_name));
	}
	closedir(d);
	if (!*hint && names->len)
		qsort(names->items, names->len, sizeof *names->items, by_name);
	return !*hint && names->len;
}

/* Each of the files named: an entry of `set`, read from `dir`, its key
 * its name (one_key: the key of the one file); false (*hint) when one is
 * left out, and then the set is not used.  *executable: one of them may
 * be run (its owner's x bit). */
static bool
read_files(struct importer *im, struct iset *set, const char *dir, const struct vec *names,
           const char *one_key, const struct cnode *at, const char **hint, bool *executable)
{
	size_t total = 0;
	for (size_t i = 0; i < names->len; i++) {
		const char *name = names->items[i], *why = NULL, *key = one_key ? one_key : name;
		const char *full = arena_printf(im->a, "%s/%s", dir, name);
		struct stat st;
		/* in a folder, the file named */
		const char *it = names->len == 1 ? NULL : diag_quote(im->a, name);
		if (config_key_problem(key))
			*hint = it ? arena_printf(im->a, "the name %s is not a config's key", it)
			        : "its name is not a config's key";
		else if (looks_secret(name))
			*hint = arena_printf(im->a, "%s may hold a key or a password, which a config would "
			                     "show; give it as a secret", it ? it : "it");
		else if (stat(full, &st) != 0 || (total += (size_t)st.st_size) > COMPOSE_MAX_FILE_BYTES)
			*hint = names->len == 1 ? "it is larger than a ConfigMap holds (1 MiB)"
			        : "its files are larger than a ConfigMap holds (1 MiB)";
		if (*hint)
			return false;
		*executable |= (st.st_mode & S_IXUSR) != 0;
		const char *text = text_file(im, full, &why);
		if (!text) {
			*hint = why == not_text ? "a config holds UTF-8 text only"
			        : !why ? NULL : names->len == 1 ? why
			        : arena_printf(im->a, "%s %s", diag_quote(im->a, name), why + 3);
			return false;
		}
		struct ientry *e = NEW(im->a, struct ientry);
		e->key = key;
		e->value = ival_of_text(im->a, text, at->loc);
		e->text = text; /* where reached_ports() finds the HOST:PORT of other services */
		e->ctx = CTX_PLAIN;
		e->loc = at->loc;
		use_ival(im, &e->value, CTX_PLAIN);
		put_entry(im, &set->entries, e);
	}
	return true;
}

/* The name of the config of a bind mount's source: its last part (the
 * folder's own name for '.' or '..': its real path's), without an
 * extension, then "-config" (prometheus.yml: prometheus-config). */
static const char *
bind_config_name(struct importer *im, const char *source, const char *real)
{
	size_t len = strlen(source);
	while (len > 1 && source[len - 1] == '/')
		len--;
	const char *path = arena_strndup(im->a, source, len), *base = base_name(path);
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		base = base_name(real);
	const char *dot = strchr(base + (base[0] == '.'), '.');
	size_t n = dot ? (size_t)(dot - base) : strlen(base);
	return claim_name(im, arena_printf(im->a, "%.*s-config", (int)n, base), "files-config");
}

/* The config of a bind mount's source: every mount of the same file or
 * folder (the same path, links followed) mounts this one. */
struct bind_set {
	struct iset *set;
	const char *key;           /* a file's: its key, the subpath */
	bool executable;           /* one of its files may be run */
};

/* The config of the files named, read from full (a file, or a folder of
 * them); NULL (*hint) when one is left out.  A file's key is its name,
 * or its target's when its own is no key (it is mounted with a subpath:
 * the key is not seen). */
static const struct bind_set *
new_bind_set(struct importer *im, const char *source, const char *full, const char *real,
             mode_t kind, const struct vec *names, const char *target, const struct cnode *at,
             const char **hint)
{
	const char *dir = kind == S_IFREG ? arena_strndup(im->a, full, strlen(full) -
	                                                  strlen(base_name(full)) - 1) : full;
	const char *key = kind == S_IFREG ? names->items[0] : NULL;
	if (key && config_key_problem(key) && !config_key_problem(base_name(target)))
		key = base_name(target);
	struct bind_set *b = NEW(im->a, struct bind_set);
	b->set = NEW(im->a, struct iset);
	if (!read_files(im, b->set, *dir ? dir : "/", names, key, at, hint, &b->executable))
		return NULL;
	b->set->name = bind_config_name(im, source, real);
	b->key = key;
	vec_push(im->a, &im->sets, b->set);
	strmap_put(im->a, &im->bind_sets, real, b);
	return b;
}

bool
bind_config(struct importer *im, struct icomp *ic, const char *source, const char *target,
            bool read_only, const struct cnode *at, const char **hint)
{
	*hint = NULL;
	mode_t kind = 0;
	const char *why = NULL, *real = NULL;
	const char *full = source[0] == '/' || source[0] == '~' || target[0] != '/' ? NULL
	                   : folder_path(im, source, &kind, &real, &why);
	if (!full && why && source[0] == '.')
		*hint = arena_printf(im->a, "put them in the image, a config or a volume (%s: %s)",
		                     diag_quote(im->a, source), why);
	if (!full || (kind != S_IFREG && kind != S_IFDIR))
		return false; /* the host's own files, or none */
	struct vec names = {0};
	if (kind == S_IFREG)
		vec_push(im->a, &names, (void *)base_name(full));
	else if (!folder_files(im, full, &names, hint)) {
		if (!read_only)
			*hint = NULL; /* the service's own files (its source, its data) */
		return false;
	}
	/* A folder the service may write to is its data, unless it is one of
	 * /etc, where programs read their configuration. */
	if (kind == S_IFDIR && !read_only && strncmp(target, "/etc/", 5) != 0) {
		*hint = "put them in the image, a config or a volume (a folder mounted read-only, "
		        "':ro', becomes a config)";
		return false;
	}
	const struct bind_set *b = strmap_get(&im->bind_sets, real);
	if (!b && !(b = new_bind_set(im, source, full, real, kind, &names, target, at, hint)))
		return false;
	struct ivolume *v = file_volume(im, ic, b->set->name, target, IV_CONFIG, b->set->name,
	                                b->key, at);
	if (v) {
		v->executable = b->executable;
		v->config = b->set;
	}
	return true;
}

/* The keys of a top-level secret or config, for which of the two each
 * is (Compose's secrets have no content:, by intent: a secret is not to
 * be written in the Compose file), and why one is left out (NULL: read). */
enum { FOR_SECRET = 1, FOR_CONFIG = 2 };
static const struct file_key {
	const char *key;
	unsigned sections;
	const char *left_out;
} file_keys[] = {
	{"content", FOR_CONFIG, NULL},
	{"driver", FOR_SECRET, "the .todok's Secrets are Kubernetes' own"},
	{"driver_opts", FOR_SECRET, "the .todok's Secrets are Kubernetes' own"},
	{"environment", FOR_SECRET | FOR_CONFIG, NULL},
	{"external", FOR_SECRET | FOR_CONFIG, NULL}, /* said where it is mounted */
	{"file", FOR_SECRET | FOR_CONFIG, NULL},
	{"labels", FOR_SECRET | FOR_CONFIG, "the .todok labels its workloads only"},
	{"name", FOR_SECRET | FOR_CONFIG, "the .todok names its Secrets and ConfigMaps after the "
	                                  "stack"},
	{"template_driver", FOR_SECRET | FOR_CONFIG, "the .todok has no templates"},
};

/* A key of the secret or config `name` that is not one of its section's. */
static void
unknown_file_key(struct importer *im, const struct cnode *name, const struct cnode *def,
                 const struct cnode *k, unsigned section)
{
	const char *what = section == FOR_SECRET ? "secret" : "config";
	if (section == FOR_SECRET && strcmp(k->text, "content") == 0) {
		const struct cnode *env = cnode_get(def, "environment");
		redact(im, cnode_get(def, "content")->loc);
		import_diag(im, W0802, k, "a secret has no key 'content': Compose takes a secret's value "
		            "from file: or environment: only, so that it is not written in the Compose "
		            "file; it is left out, and the .todok reads the secret %s with env(\"%s\") "
		            "when it is compiled", qnode(im, name),
		            env && env->kind == CNODE_SCALAR ? env->text : secret_name_var(im, name->text));
		return;
	}
	struct suggestion s = suggestion_start(&im->c->diags.suggestion_budget, k->text);
	for (size_t i = 0; i < sizeof file_keys / sizeof *file_keys; i++)
		if (file_keys[i].sections & section)
			suggestion_consider(&s, file_keys[i].key);
	import_diag(im, W0802, k, "a %s has no key %s; it is left out%s%s%s", what, qnode(im, k),
	            s.best ? "; did you mean '" : "", s.best ? s.best : "", s.best ? "'?" : "");
}

void
check_files(struct importer *im)
{
	static const char *const sections[] = {"secrets", "configs"};
	for (unsigned s = 0; s < 2; s++) {
		const struct cnode *top = cnode_get(im->root, sections[s]);
		for (size_t i = 0; top && top->kind == CNODE_MAP && i < top->n; i++) {
			const struct cnode *name = top->entries[i].key, *def = top->entries[i].value;
			for (size_t j = 0; def->kind == CNODE_MAP && j < def->n; j++) {
				const struct cnode *k = def->entries[j].key;
				const struct file_key *fk = NULL;
				for (size_t f = 0; f < sizeof file_keys / sizeof *file_keys && !fk; f++)
					if (strcmp(file_keys[f].key, k->text) == 0 &&
					    (file_keys[f].sections & (1u << s)))
						fk = &file_keys[f];
				if (strncmp(k->text, "x-", 2) == 0 || (fk && !fk->left_out))
					continue;
				if (fk)
					import_diag(im, W0801, k, "%s of the %s %s is left out: %s", qnode(im, k),
					            s ? "config" : "secret", qnode(im, name), fk->left_out);
				else
					unknown_file_key(im, name, def, k, 1u << s);
			}
		}
	}
}

void
key_secrets(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	file_mounts(im, ic, v, true);
}

void
key_configs(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	file_mounts(im, ic, v, false);
}
