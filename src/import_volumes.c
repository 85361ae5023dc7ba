/*
 * import_volumes.c - what a Compose service mounts: named volumes (claims:
 * the service becomes a stateful when it also has a port), anonymous
 * volumes and tmpfs (temp volumes), shm_size (a memory volume at
 * /dev/shm), secrets (a Secret of the service's, mounted at /run/secrets,
 * read at compile time with env("VAR")) and configs (a config of the
 * stack, its file's content or its content, mounted at its target).  A
 * bind mount of a file beside the Compose file, or of a folder of them
 * mounted read-only, is a config of their text; other bind mounts of host
 * paths have no counterpart in a cluster: a warning each.
 */
#include "import.h"

#include <string.h>
#include <sys/stat.h>

#define CLAIM_SIZE "1Gi"

struct ivolume *
add_volume(struct importer *im, struct icomp *ic, const char *name, const char *fallback,
           enum ivol_kind kind, struct ival path, struct loc loc)
{
	const char *text = ival_is_text(&path) && path.n == 1 ? path.parts[0].text : NULL;
	if (text && strmap_claim(im->a, &ic->volume_paths, text, (void *)text)) {
		diag(&im->c->diags, E0804, loc, "two volumes are mounted at %s", diag_quote(im->a, text));
		return NULL;
	}
	const char *base = dns_label(im->a, name, fallback, 63);
	/* a config or secret mounted again: named after its path, later */
	bool again = (kind == IV_CONFIG || kind == IV_SECRET) && text &&
	             strmap_get(&ic->volume_names, base);
	struct ivolume *v = NEW(im->a, struct ivolume);
	*v = (struct ivolume){.base = base, .path = path, .kind = kind, .loc = loc};
	if (!again)
		v->name = unique_name(im, &ic->volume_names, &ic->volume_suffixes, base, 63);
	vec_push(im->a, &ic->volumes, v);
	return v;
}

/* A name of a volume that no other volume of the component has, nor a
 * config, a secret or a component of the stack: a volume named as another
 * config would read as that config's. */
static bool
free_name(struct importer *im, const struct icomp *ic, const char *name)
{
	return !strmap_get(&ic->volume_names, name) && !strmap_get(&im->names, name);
}

/* The name of a second mount of a config or secret: its base and the
 * last part of its mount path (app-config-defaults-conf at
 * /etc/app/defaults.conf), else the whole path, else numbered. */
static const char *
mount_name(struct importer *im, struct icomp *ic, const struct ivolume *v)
{
	const char *path = v->path.parts[0].text, *last = strrchr(path, '/');
	const char *tries[] = {last ? last + 1 : path, path};
	const char *name = NULL;
	for (size_t i = 0; i < 2; i++) {
		name = dns_label(im->a, arena_printf(im->a, "%s-%s", v->base, tries[i]), v->base, 63);
		if (free_name(im, ic, name))
			break;
	}
	while (!free_name(im, ic, name))
		name = unique_name(im, &ic->volume_names, &ic->volume_suffixes, name, 63);
	strmap_put(im->a, &ic->volume_names, name, (void *)name);
	return name;
}

void
name_mounts(struct importer *im)
{
	for (size_t i = 0; i < im->comp_list.len; i++) {
		struct icomp *ic = im->comp_list.items[i];
		for (size_t j = 0; j < ic->volumes.len; j++) {
			struct ivolume *v = ic->volumes.items[j];
			if (!v->name)
				v->name = mount_name(im, ic, v);
		}
	}
}

const struct ivolume *
root_owned_volume(const struct icomp *ic)
{
	const struct ivolume *secret = NULL;
	for (size_t i = 0; i < ic->volumes.len; i++) {
		const struct ivolume *v = ic->volumes.items[i];
		if (v->kind == IV_CLAIM)
			return v;
		if (v->kind == IV_SECRET && !secret)
			secret = v;
	}
	return secret;
}

/* An absolute path as Compose cleans a mount's target (path.Clean): no
 * empty or '.' parts, '..' taking the part before it away, no slash at
 * the end but for "/" itself; another path as it is. */
static const char *
clean_target(struct importer *im, const char *text)
{
	if (text[0] != '/')
		return text;
	struct buf b = {0};
	for (const char *p = text; *p;) {
		p += strspn(p, "/");
		size_t n = strcspn(p, "/");
		if (n == 2 && strncmp(p, "..", 2) == 0) {
			while (b.len && b.data[--b.len] != '/')
				;
		} else if (n && !(n == 1 && p[0] == '.')) {
			buf_putc(&b, '/');
			buf_append(&b, p, n);
		}
		p += n;
	}
	if (!b.len)
		buf_putc(&b, '/');
	return arena_buf_take(im->a, &b);
}

/* The mount path: absolute, as in Compose, and cleaned as Compose cleans it. */
static bool
mount_path(struct importer *im, const struct cnode *at, const char *text, struct ival *out)
{
	if (text[0] != '/') {
		import_diag(im, E0804, at, "the mount path %s is not absolute",
		            diag_quote(im->a, text));
		return false;
	}
	*out = ival_of_text(im->a, clean_target(im, text), at->loc);
	return true;
}

/* A named volume of the top-level volumes: a claim. */
static void
claim(struct importer *im, struct icomp *ic, const char *name, const char *target,
      bool read_only, const char *subpath, const struct cnode *at)
{
	if (!declared(im, TOP_VOLUMES, name)) {
		import_diag(im, E0805, at, "the volume %s is not declared in the top-level volumes",
		            diag_quote(im->a, name));
		return;
	}
	struct ival path;
	if (!mount_path(im, at, target, &path))
		return;
	/* A component's main container mounts each volume once
	 * (docs/language.md, `mount`): a second mount is no second claim. */
	if (strmap_get(&im->volume_users, name) == ic &&
	    !strmap_get(&ic->volume_paths, path.parts[0].text)) {
		import_diag(im, W0801, at, "the second mount of the volume %s, at %s, is left out: the "
		            ".todok mounts a volume once in a component's container", diag_quote(im->a, name),
		            diag_quote(im->a, target));
		return;
	}
	struct ivolume *v = add_volume(im, ic, name, "data", IV_CLAIM, path, at->loc);
	if (!v)
		return;
	v->size = CLAIM_SIZE;
	v->subpath = subpath;
	ic->n_named_volumes++;
	struct icomp *first = strmap_claim(im->a, &im->volume_users, name, ic);
	if (first && first != ic)
		import_diag(im, W0814, at, "%s mounts the volume %s, which %s mounts too: each "
		            "component gets a claim of its own", diag_quote(im->a, ic->compose_name),
		            diag_quote(im->a, name), diag_quote(im->a, first->compose_name));
	if (read_only)
		import_diag(im, W0814, at, "Compose mounts the volume %s read-only at %s: the .todok "
		            "mounts the claim read-write", diag_quote(im->a, name),
		            diag_quote(im->a, target));
}

static void
temp(struct importer *im, struct icomp *ic, const char *target, const char *size, bool memory,
     const struct cnode *at)
{
	struct ival path;
	if (!mount_path(im, at, target, &path))
		return;
	struct ivolume *v = add_volume(im, ic, target, "temp", IV_TEMP, path, at->loc);
	if (v) {
		v->size = size;
		v->memory = memory;
	}
}

/* Whether a short volume starts with a Windows drive, "C:", which is
 * part of its source (compose-go's isWindowsDrive). */
static bool
drive(const char *t)
{
	return ((t[0] >= 'a' && t[0] <= 'z') || (t[0] >= 'A' && t[0] <= 'Z')) && t[1] == ':';
}

/* Whether the source of a short volume is a host path, as Compose reads
 * it (compose-go's isFilePath): it starts with '.', '/' or '~', or is a
 * Windows path; any other source is a named volume (conf/x too). */
static bool
host_path(const char *source)
{
	return source[0] == '/' || source[0] == '.' || source[0] == '~' ||
	       strncmp(source, "\\\\", 2) == 0 || (drive(source) && source[2]);
}

/* A bind mount: a config of its files when it can be (src/import_files.c),
 * else left out.  `written`: a source with a variable, as the Compose file
 * writes it, which is left out. */
static void
bind_mount(struct importer *im, struct icomp *ic, const char *source, const char *target,
           bool read_only, bool written, const struct cnode *at)
{
	struct ival path;
	if (!mount_path(im, at, target, &path))
		return; /* as Compose, which refuses a relative target */
	target = path.parts[0].text;
	const char *hint = NULL;
	if (!written && bind_config(im, ic, source, target, read_only, at, &hint))
		return;
	vec_push(im->a, &ic->binds, (void *)target);
	import_diag(im, W0804, at, "the bind mount of %s at %s is left out: a cluster's nodes do "
	            "not have the host's files; %s", diag_quote(im->a, source),
	            diag_quote(im->a, target), hint ? hint
	            : "put them in the image, a config or a volume");
}

/* A value as Compose reads it at import (*resolved) and as the Compose
 * file writes it (*written: ${VAR} for each variable); false when it has
 * none, or a secret. */
static bool
with_variables(struct importer *im, const struct ival *v, const char **resolved,
               const char **written)
{
	struct buf r = {0}, w = {0};
	bool vars = false, secret = false;
	for (size_t i = 0; i < v->n; i++) {
		const struct ipart *p = &v->parts[i];
		vars |= p->kind == IP_VAR;
		secret |= p->kind == IP_SECRET || (p->kind == IP_VAR && ivar_secret(p->var));
		buf_puts(&r, p->kind == IP_TEXT ? p->text : p->kind == IP_VAR ? p->resolved : "");
		if (p->kind == IP_TEXT)
			buf_append(&w, p->text, p->len);
		else if (p->kind == IP_VAR)
			buf_printf(&w, "${%s}", p->var->name);
	}
	*resolved = r.data ? arena_buf_take(im->a, &r) : "";
	*written = w.data ? arena_buf_take(im->a, &w) : "";
	return vars && !secret;
}

/* A bind mount whose source has a variable of the host's (${HOME}/x,
 * ${DATA_DIR}): left out, the source named as written, once; its
 * variables need no warning of their own. */
static bool
bind_with_variables(struct importer *im, struct icomp *ic, const struct ival *v,
                    const struct cnode *n)
{
	const char *resolved, *written;
	if (!with_variables(im, v, &resolved, &written))
		return false;
	const char *colon = strchr(resolved, ':'), *wcolon = strchr(written, ':');
	if (!colon || colon == resolved || !wcolon)
		return false;
	const char *source = arena_strndup(im->a, resolved, (size_t)(colon - resolved));
	if (!host_path(source))
		return false;
	const char *end = strchr(colon + 1, ':');
	const char *target = end ? arena_strndup(im->a, colon + 1, (size_t)(end - colon - 1))
	                         : colon + 1;
	bind_mount(im, ic, arena_strndup(im->a, written, (size_t)(wcolon - written)), target, false,
	           true, n);
	return true;
}

/* A source that Compose takes for the name of a volume, not declared,
 * while it is a path: it has a '/' (conf/app.yml, which no volume's name
 * has) or names a file or folder beside the Compose file (config.yml).
 * An error, as in Compose, that says how to bind the path. */
static bool
path_as_volume(struct importer *im, const char *name, const struct cnode *n)
{
	struct stat st;
	bool there = stat(arena_printf(im->a, "%s/%s", im->base_dir, name), &st) == 0;
	if (declared(im, TOP_VOLUMES, name) || (!there && !strchr(name, '/')))
		return false;
	import_diag(im, E0805, n, "the volume %s is not declared in the top-level volumes%s: "
	            "Compose takes a source that does not start with '.', '/' or '~' for the name "
	            "of a volume; write './%s' to bind the %s beside the Compose file",
	            diag_quote(im->a, name), strchr(name, '/') ? ", and cannot be (a volume's name "
	            "has no '/')" : "", name, !there ? "path" : S_ISDIR(st.st_mode) ? "folder"
	            : "file");
	return true;
}

/* SOURCE:TARGET[:MODE] or TARGET */
static void
short_volume(struct importer *im, struct icomp *ic, const struct cnode *n)
{
	struct ival v;
	if (!want_kind(im, n, CNODE_SCALAR, "a volume") || !interpolate(im, n, &v) ||
	    bind_with_variables(im, ic, &v, n))
		return;
	const char *t = ival_text(im, &v, "a volume");
	if (!t)
		return;
	const char *c1 = strchr(t + (drive(t) ? 2 : 0), ':');
	if (!c1) {
		temp(im, ic, t, NULL, false, n);
		return;
	}
	const char *c2 = strchr(c1 + 1, ':');
	if (c2 && strchr(c2 + 1, ':')) { /* as Compose, which refuses it */
		import_diag(im, E0804, n, "the volume %s has too many ':'; write SOURCE:TARGET[:MODE], "
		            "or the long syntax for a path with a ':'", diag_quote(im->a, t));
		return;
	}
	const char *source = arena_strndup(im->a, t, (size_t)(c1 - t));
	const char *target = c2 ? arena_strndup(im->a, c1 + 1, (size_t)(c2 - c1 - 1)) : c1 + 1;
	bool read_only = false;
	for (const char *m = c2 ? c2 + 1 : ""; *m;) {
		size_t len = strcspn(m, ",");
		read_only |= len == 2 && strncmp(m, "ro", 2) == 0;
		m += len + (m[len] == ',');
	}
	if (!*source) /* as Compose, which refuses an empty section */
		import_diag(im, E0804, n, "the volume %s has an empty source before ':'; name a volume "
		            "or a host path", diag_quote(im->a, t));
	else if (host_path(source))
		bind_mount(im, ic, source, target, read_only, false, n);
	else if (!path_as_volume(im, source, n))
		claim(im, ic, source, target, read_only, NULL, n);
}

/* type, source, target, read_only, volume, tmpfs, bind, consistency */
static void
long_volume(struct importer *im, struct icomp *ic, const struct cnode *n)
{
	const struct cnode *tn = cnode_get(n, "type"), *src = cnode_get(n, "source");
	const struct cnode *dst = cnode_get(n, "target"), *ro = cnode_get(n, "read_only");
	const char *type = tn ? compose_text(im, tn, "type") : "volume";
	struct ival bind_source;
	const char *source = NULL, *written;
	bool variables = false;
	if (type && strcmp(type, "bind") == 0 && src && src->kind == CNODE_SCALAR) {
		if (!interpolate(im, src, &bind_source))
			return;
		/* left out: named as written, its variables unsaid */
		variables = with_variables(im, &bind_source, &source, &written);
		source = variables ? written : ival_text(im, &bind_source, "source");
	} else if (!cnode_null(src)) {
		source = compose_text(im, src, "source");
	}
	const char *target = dst ? compose_text(im, dst, "target") : NULL;
	bool read_only = false;
	if (!type || !target || (ro && !compose_bool(im, ro, "read_only", &read_only))) {
		if (!dst)
			import_diag(im, E0804, n, "a volume in the long syntax needs its target");
		return;
	}
	const struct cnode *tmpfs = cnode_get(n, "tmpfs"), *opts = cnode_get(n, "volume");
	const struct cnode *sub = cnode_get(opts, "subpath"), *size = cnode_get(tmpfs, "size");
	const char *size_q = NULL, *subpath = sub ? compose_text(im, sub, "subpath") : NULL;
	const char *size_text = size ? compose_text(im, size, "size") : NULL;
	if (size_text && !(size_q = compose_bytes(im->a, size_text)))
		import_diag(im, E0804, size, "size takes a size such as 64m");
	if (strcmp(type, "bind") == 0)
		bind_mount(im, ic, source ? source : "", target, read_only, variables || !source, n);
	else if (strcmp(type, "tmpfs") == 0)
		temp(im, ic, target, size_q, true, n);
	else if (strcmp(type, "volume") == 0 && (!source || !*source)) /* anonymous */
		temp(im, ic, target, NULL, false, n);
	else if (strcmp(type, "volume") == 0)
		claim(im, ic, source, target, read_only, subpath, n);
	else
		import_diag(im, W0801, n, "a volume of type %s is left out: the .todok has claims and "
		            "temp volumes", diag_quote(im->a, type));
}

void
key_volumes(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	each_item(im, ic, v, "volumes", long_volume, short_volume);
}

/* /path[:size=64m,mode=1777] */
void
key_tmpfs(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	struct vec paths = {0};
	if (!string_list(im, v, "tmpfs", &paths))
		return;
	for (size_t i = 0; i < paths.len; i++) {
		const char *t = paths.items[i], *colon = strchr(t, ':');
		const char *size = NULL;
		const struct cnode *at = string_list_item(v, i);
		for (const char *o = colon ? colon + 1 : ""; *o;) {
			size_t len = strcspn(o, ",");
			if (len > 5 && strncmp(o, "size=", 5) == 0)
				size = compose_bytes(im->a, arena_strndup(im->a, o + 5, len - 5));
			else
				import_diag(im, W0801, at, "the tmpfs option %s is left out: a memory volume "
				            "has a size only", diag_quote(im->a, arena_strndup(im->a, o, len)));
			o += len + (o[len] == ',');
		}
		temp(im, ic, colon ? arena_strndup(im->a, t, (size_t)(colon - t)) : t, size, true, at);
	}
}

void
key_shm_size(struct importer *im, struct icomp *ic, const struct cnode *v, const struct cnode *k)
{
	const char *t = compose_text(im, v, "shm_size");
	const char *size = t ? compose_bytes(im->a, t) : NULL;
	if (t && !size) {
		import_diag(im, E0804, v, "shm_size takes a size such as 64m");
		return;
	}
	struct ival path = ival_of_text(im->a, "/dev/shm", v->loc);
	struct ivolume *vol = size ? add_volume(im, ic, "shm", "shm", IV_TEMP, path, v->loc) : NULL;
	if (vol) {
		vol->size = size;
		vol->memory = true;
	}
}
