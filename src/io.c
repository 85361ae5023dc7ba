/*
 * io.c - files in and out: the input, the --env-file, the output folder
 * (atomic, never touching a file todokc did not write), standard output
 * and the --depfile.  Every failure is a diagnostic naming the file and
 * the system's reason (exit status 3).
 */
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *
q(struct compilation *c, const char *s)
{
	return diag_quote(&c->arena, s);
}

char *
read_input(struct compilation *c, const char *path, size_t limit, size_t *len)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diag(&c->diags, E0001, NO_LOC, "cannot read %s: %s", q(c, path), strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag(&c->diags, E0001, NO_LOC, "cannot read %s: %s", q(c, path), strerror(EISDIR));
		close(fd);
		return NULL;
	}
	struct buf b = {0};
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			diag(&c->diags, E0001, NO_LOC, "cannot read %s: %s", q(c, path), strerror(errno));
			buf_free(&b);
			if (!is_stdin)
				close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		buf_append(&b, chunk, (size_t)n);
		if (b.len > limit) {
			diag(&c->diags, E0005, NO_LOC, "%s is larger than the limit of %zu bytes",
			     q(c, path), limit);
			buf_free(&b);
			if (!is_stdin)
				close(fd);
			return NULL;
		}
	}
	if (!is_stdin)
		close(fd);
	char *text = arena_strndup(&c->arena, b.data ? b.data : "", b.len);
	*len = b.len;
	buf_free(&b);
	return text;
}

bool
load_env_file(struct compilation *c, const char *path)
{
	size_t len;
	char *text = read_input(c, path, MAX_INPUT_BYTES, &len);
	if (!text)
		return false;
	vec_push(&c->arena, &c->files_read, (void *)path);
	size_t line_no = 0;
	bool ok = true;
	for (char *line = text; line < text + len;) {
		char *end = memchr(line, '\n', (size_t)(text + len - line));
		if (!end)
			end = text + len;
		*end = '\0';
		line_no++;
		if (end > line && end[-1] == '\r')
			end[-1] = '\0';
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p && *p != '#') {
			if (strncmp(p, "export ", 7) == 0)
				p += 7;
			char *eq = strchr(p, '=');
			if (!eq || eq == p || memchr(p, ' ', (size_t)(eq - p))) {
				diag(&c->diags, E0003, NO_LOC, "%s:%zu: not a VAR=value line", path, line_no);
				ok = false;
			} else {
				*eq = '\0';
				strmap_put(&c->arena, &c->env.file_vars, p, eq + 1);
			}
		}
		line = end + 1;
	}
	return ok;
}

const char *
read_stack_file(struct compilation *c, const char *path, struct loc loc, size_t limit,
                size_t *len)
{
	const char *full = path[0] == '/' ? path : arena_printf(&c->arena, "%s/%s", c->base_dir, path);
	char *real = realpath(full, NULL), *base = realpath(c->base_dir, NULL);
	const char *result = NULL;
	if (!real) {
		diag(&c->diags, E0702, loc, "cannot read file %s: %s", q(c, path), strerror(errno));
		goto done;
	}
	size_t blen = base ? strlen(base) : 0;
	if (!base || strncmp(real, base, blen) != 0 ||
	    (real[blen] != '/' && real[blen] != '\0' && blen != 1)) {
		diag(&c->diags, E0702, loc,
		     "file %s is outside the folder of %s; secret files must be inside it",
		     q(c, path), q(c, c->src.path));
		goto done;
	}
	int fd = open(real, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		diag(&c->diags, E0001, loc, "cannot read file %s: %s", q(c, path), strerror(errno));
		if (fd >= 0)
			close(fd);
		goto done;
	}
	if (!S_ISREG(st.st_mode)) {
		diag(&c->diags, E0702, loc, "file %s is not a regular file", q(c, path));
		close(fd);
		goto done;
	}
	if ((unsigned long long)st.st_size > limit) {
		diag(&c->diags, E0702, loc,
		     "file %s is %lld bytes; a Secret holds at most %zu", q(c, path),
		     (long long)st.st_size, limit);
		close(fd);
		goto done;
	}
	char *data = arena_alloc(&c->arena, (size_t)st.st_size + 1);
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, data + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n < 0)
				diag(&c->diags, E0001, loc, "cannot read file %s: %s", q(c, path),
				     strerror(errno));
			break;
		}
		got += (size_t)n;
	}
	close(fd);
	if (got == (size_t)st.st_size) {
		*len = got;
		vec_push(&c->arena, &c->files_read, arena_strdup(&c->arena, full));
		result = data;
	}
done:
	free(real);
	free(base);
	return result;
}


/* Output folder */

static bool
make_dirs(struct compilation *c, const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return true;
		diag(&c->diags, E0001, NO_LOC, "cannot write into %s: %s", q(c, dir), strerror(ENOTDIR));
		return false;
	}
	char *path = arena_strdup(&c->arena, dir);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			diag(&c->diags, E0001, NO_LOC, "cannot create %s: %s", q(c, path), strerror(errno));
			return false;
		}
		*p = '/';
	}
	if (mkdir(path, 0777) != 0 && errno != EEXIST) {
		diag(&c->diags, E0001, NO_LOC, "cannot create %s: %s", q(c, dir), strerror(errno));
		return false;
	}
	return true;
}

/* A name the index may list: a plain file name in DIR, not the index. */
static bool
safe_file_name(const char *name)
{
	return *name && !strchr(name, '/') && strcmp(name, ".") != 0 && strcmp(name, "..") != 0 &&
	       strcmp(name, OUTPUT_INDEX) != 0;
}

/* The names the index lists (those todokc wrote last time). */
static void
read_index(struct compilation *c, const char *dir, struct strmap *owned, struct vec *names)
{
	const char *path = arena_printf(&c->arena, "%s/%s", dir, OUTPUT_INDEX);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	char line[4096];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#' || !safe_file_name(line))
			continue;
		const char *name = arena_strdup(&c->arena, line);
		if (!strmap_get(owned, name)) {
			strmap_put(&c->arena, owned, name, (void *)name);
			vec_push(&c->arena, names, (void *)name);
		}
	}
	fclose(f);
}

/* Writes data to a new temporary file in dir, flushed to the disk;
 * returns its path. */
static const char *
write_temp(struct compilation *c, const char *dir, const char *name, const struct buf *data,
           mode_t mode)
{
	char *tmp = arena_printf(&c->arena, "%s/.todokc-tmp-XXXXXX", dir);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag(&c->diags, E0001, NO_LOC, "cannot write %s/%s: %s", dir, name, strerror(errno));
		return NULL;
	}
	size_t done = 0;
	int err = 0;
	if (fchmod(fd, mode) != 0)
		err = errno;
	while (!err && done < data->len) {
		ssize_t n = write(fd, data->data + done, data->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			err = errno;
		else
			done += (size_t)n;
	}
	if (!err && fsync(fd) != 0 && errno != EINVAL)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (err) {
		diag(&c->diags, E0001, NO_LOC, "cannot write %s/%s: %s", dir, name, strerror(err));
		unlink(tmp);
		return NULL;
	}
	return tmp;
}

static mode_t
current_umask(void)
{
	mode_t m = umask(022);
	umask(m);
	return m;
}

/* Refuses, before anything is written, to replace a file that todokc did
 * not write (or one that is not a regular file); fills `produced`. */
static bool
check_targets(struct compilation *c, const char *dir, const struct output_file *files, size_t n,
              const struct strmap *owned, struct strmap *produced)
{
	bool ok = true;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		const char *path = arena_printf(&c->arena, "%s/%s", dir, files[i].name);
		strmap_put(&c->arena, produced, files[i].name, (void *)files[i].name);
		if (lstat(path, &st) != 0)
			continue;
		if (!strmap_get(owned, files[i].name)) {
			diag(&c->diags, E0004, NO_LOC,
			     "%s exists and was not written by todokc; move it away or choose "
			     "another output folder (nothing was written)", q(c, path));
			ok = false;
		} else if (!S_ISREG(st.st_mode)) {
			diag(&c->diags, E0001, NO_LOC, "cannot write %s: %s", q(c, path),
			     S_ISDIR(st.st_mode) ? strerror(EISDIR) : "it is not a regular file");
			ok = false;
		}
	}
	return ok;
}

/* Phase 1: every file, then the index, to a temporary file; on failure
 * they are all removed and the folder is left as it was.  temps[n] is
 * the index's. */
static bool
write_temps(struct compilation *c, const char *dir, const struct output_file *files, size_t n,
            render_fn *render, const char **temps)
{
	mode_t umask_bits = current_umask();
	struct buf index = {0}, data = {0};
	bool ok = true;
	buf_puts(&index, "# Files written by todokc; it replaces or removes only these.\n");
	for (size_t i = 0; i < n && ok; i++) {
		mode_t mode = files[i].secret ? 0600 : (0644 & ~umask_bits);
		data.len = 0;
		ok = render(c, i, &data) &&
		     (temps[i] = write_temp(c, dir, files[i].name, &data, mode)) != NULL;
		buf_printf(&index, "%s\n", files[i].name);
	}
	if (ok)
		ok = (temps[n] = write_temp(c, dir, OUTPUT_INDEX, &index, 0644 & ~umask_bits)) != NULL;
	buf_free(&index);
	buf_free(&data);
	for (size_t i = 0; !ok && i <= n; i++)
		if (temps[i])
			unlink(temps[i]);
	return ok;
}

/* Phase 2: rename into place, then remove what todokc wrote last time and
 * no longer produces. */
static bool
commit_temps(struct compilation *c, const char *dir, const struct output_file *files, size_t n,
             const char **temps, const struct vec *old_names, const struct strmap *produced)
{
	bool ok = true;
	for (size_t i = 0; i <= n; i++) {
		const char *name = i < n ? files[i].name : OUTPUT_INDEX;
		const char *path = arena_printf(&c->arena, "%s/%s", dir, name);
		if (rename(temps[i], path) != 0) {
			diag(&c->diags, E0001, NO_LOC, "cannot write %s: %s", q(c, path), strerror(errno));
			unlink(temps[i]);
			ok = false;
		}
	}
	for (size_t i = 0; ok && i < old_names->len; i++) {
		const char *name = old_names->items[i];
		if (strmap_get(produced, name))
			continue;
		const char *path = arena_printf(&c->arena, "%s/%s", dir, name);
		struct stat st;
		if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && unlink(path) != 0)
			diag(&c->diags, E0001, NO_LOC, "cannot remove the stale %s: %s", q(c, path),
			     strerror(errno));
	}
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return ok;
}

bool
write_output_dir(struct compilation *c, const char *dir, const struct output_file *files,
                 size_t n, render_fn *render)
{
	if (!make_dirs(c, dir))
		return false;
	struct strmap owned = {0}, produced = {0};
	struct vec old_names = {0};
	read_index(c, dir, &owned, &old_names);
	if (!check_targets(c, dir, files, n, &owned, &produced))
		return false;
	const char **temps = arena_alloc(&c->arena, (n + 1) * sizeof *temps);
	if (!write_temps(c, dir, files, n, render, temps))
		return false;
	return commit_temps(c, dir, files, n, temps, &old_names, &produced) && !c->diags.io_error;
}

bool
write_stdout(struct compilation *c, const struct buf *b)
{
	if ((b->len && fwrite(b->data, 1, b->len, stdout) != b->len) || fflush(stdout) != 0) {
		diag(&c->diags, E0001, NO_LOC, "cannot write to standard output: %s", strerror(errno));
		return false;
	}
	return true;
}

/* A file name in a Make rule, escaped as GCC does. */
static void
make_escape(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '#')
			buf_putc(out, '\\');
		else if (*s == '$')
			buf_putc(out, '$');
		buf_putc(out, *s);
	}
}

const char *
prepare_depfile(struct compilation *c, const char *path, const struct vec *targets,
                const struct vec *inputs, size_t phony_from)
{
	struct buf b = {0};
	for (size_t i = 0; i < targets->len; i++) {
		if (i)
			buf_putc(&b, ' ');
		make_escape(&b, targets->items[i]);
	}
	buf_putc(&b, ':');
	for (size_t i = 0; i < inputs->len; i++) {
		buf_puts(&b, " \\\n  ");
		make_escape(&b, inputs->items[i]);
	}
	buf_putc(&b, '\n');
	/* An empty rule per input but the .todok, so that make does not fail
	 * when one of them is deleted. */
	for (size_t i = phony_from; i < inputs->len; i++) {
		buf_putc(&b, '\n');
		make_escape(&b, inputs->items[i]);
		buf_puts(&b, ":\n");
	}
	const char *slash = strrchr(path, '/');
	const char *dir = slash ? arena_strndup(&c->arena, path, (size_t)(slash - path + (slash == path))) : ".";
	const char *name = slash ? slash + 1 : path;
	const char *tmp = write_temp(c, dir, name, &b, 0644 & ~current_umask());
	buf_free(&b);
	return tmp;
}

bool
commit_file(struct compilation *c, const char *temp, const char *path)
{
	if (rename(temp, path) == 0)
		return true;
	diag(&c->diags, E0001, NO_LOC, "cannot write %s: %s", q(c, path), strerror(errno));
	unlink(temp);
	return false;
}

bool
replace_file(struct compilation *c, const char *path, const struct buf *data)
{
	/* Through a symbolic link, the file it names is replaced. */
	char *real = realpath(path, NULL);
	struct stat st;
	if (!real || stat(real, &st) != 0) {
		diag(&c->diags, E0001, NO_LOC, "cannot write %s: %s", q(c, path), strerror(errno));
		free(real);
		return false;
	}
	const char *target = arena_strdup(&c->arena, real);
	free(real);
	const char *slash = strrchr(target, '/');
	const char *dir = slash == target ? "/" : arena_strndup(&c->arena, target, (size_t)(slash - target));
	const char *tmp = write_temp(c, dir, slash + 1, data, st.st_mode & 07777);
	return tmp && commit_file(c, tmp, target);
}
