/*
 * io.c - files in and out: the input, the --env-file, the file("...") of
 * a secret (opened beneath the stack's folder: what is checked is what is
 * read), temporary files written in full and flushed, standard output
 * and the atomic replacement of a file.  Every failure is a diagnostic
 * naming the file and the system's reason.  The output folder is in
 * outdir.c, the --depfile in depfile.c; the system calls that change
 * files go through io_*() below, where a test build (-DTODOKC_FAULTS)
 * injects failures (docs/output.md).
 */
#define _GNU_SOURCE /* O_PATH, syscall(), openat2 */
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__) && defined(SYS_openat2)
#include <linux/openat2.h>
#define HAVE_OPENAT2 1
#endif

const char *
io_quote(struct compilation *c, const char *s)
{
	return diag_quote(&c->arena, s);
}

void
io_diag(struct compilation *c, enum diag_code code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *message = arena_vprintf(&c->arena, fmt, ap);
	va_end(ap);
	diag(&c->diags, code, NO_LOC, "%s", message);
	c->diags.io_error = true; /* exit status 3 */
}

/* Fault injection (test builds only): TODOKC_FAULT=OP:N:fail|kill makes
 * the N-th call of OP (write, rename, fsync, unlink) fail with EIO or
 * kill the process with SIGKILL just before it; "count" prints how many
 * of each there were at exit; "no-openat2" takes the path walk of
 * file() even where the kernel has openat2; "short-reads" reads one
 * byte at a time.  Comma-separated. */

enum fault_op { FAULT_WRITE, FAULT_RENAME, FAULT_FSYNC, FAULT_UNLINK, FAULT_OPS };

#ifdef TODOKC_FAULTS
static const char *const fault_names[FAULT_OPS] = {"write", "rename", "fsync", "unlink"};
static struct {
	bool ready, kill, no_openat2, short_reads;
	int op;
	unsigned long n, seen[FAULT_OPS];
} faults;

static void
faults_report(void)
{
	fprintf(stderr, "todokc-faults: write %lu rename %lu fsync %lu unlink %lu\n",
	        faults.seen[FAULT_WRITE], faults.seen[FAULT_RENAME], faults.seen[FAULT_FSYNC],
	        faults.seen[FAULT_UNLINK]);
}

static void
faults_init(void)
{
	if (faults.ready)
		return;
	faults.ready = true;
	faults.op = -1;
	const char *spec = getenv("TODOKC_FAULT");
	while (spec && *spec) {
		size_t len = strcspn(spec, ",");
		char item[64] = "", mode[16] = "";
		memcpy(item, spec, len < sizeof item - 1 ? len : sizeof item - 1);
		spec += len + (spec[len] == ',');
		for (int op = 0; op < FAULT_OPS; op++) {
			size_t k = strlen(fault_names[op]);
			if (strncmp(item, fault_names[op], k) == 0 && item[k] == ':' &&
			    sscanf(item + k + 1, "%lu:%15s", &faults.n, mode) == 2) {
				faults.op = op;
				faults.kill = strcmp(mode, "kill") == 0;
			}
		}
		if (strcmp(item, "count") == 0)
			atexit(faults_report);
		faults.no_openat2 |= strcmp(item, "no-openat2") == 0;
		faults.short_reads |= strcmp(item, "short-reads") == 0;
	}
}

/* Whether this call of op is the one to fail (errno set); it may not
 * return at all. */
static bool
fault(enum fault_op op)
{
	faults_init();
	if (++faults.seen[op] != faults.n || (int)op != faults.op)
		return false;
	if (faults.kill)
		raise(SIGKILL);
	errno = EIO;
	return true;
}

static size_t
read_size(size_t size)
{
	faults_init();
	return faults.short_reads ? 1 : size;
}

static bool
use_openat2(void)
{
	faults_init();
	return !faults.no_openat2;
}
#else
#define fault(op) false
#define read_size(size) (size)
#define use_openat2() true
#endif

int
io_write_all(int fd, const char *data, size_t len)
{
	size_t done = 0;
	while (done < len) {
		if (fault(FAULT_WRITE))
			return -1;
		ssize_t n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

int
io_fsync(int fd)
{
	return fault(FAULT_FSYNC) ? -1 : fsync(fd);
}

#ifdef __linux__
#define HAVE_SYNCFS 1
#else
#define HAVE_SYNCFS 0
#define syncfs(fd) 0 /* write_temp() flushed each file */
#endif

int
io_syncfs(int fd)
{
	return fault(FAULT_FSYNC) ? -1 : syncfs(fd);
}

int
io_renameat(int from_dir, const char *from, int to_dir, const char *to)
{
	return fault(FAULT_RENAME) ? -1 : renameat(from_dir, from, to_dir, to);
}

int
io_unlinkat(int dir, const char *name)
{
	return fault(FAULT_UNLINK) ? -1 : unlinkat(dir, name, 0);
}

/* Reading */

enum read_result
read_fd(int fd, size_t limit, struct buf *out)
{
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, read_size(sizeof chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return READ_FAILED;
		if (n == 0)
			return READ_OK;
		buf_append(out, chunk, (size_t)n);
		if (out->len > limit)
			return READ_TOO_BIG;
	}
}

/* A regular file of size bytes read straight into the arena, NUL-terminated
 * (a heap buffer freed after its copy would stay in the process's memory
 * until it ends: the input's size again, at the peak).  False, with
 * nothing read into text, when the file grew while it was read: the caller
 * reads it again from the start. */
static bool
read_sized(int fd, size_t size, struct arena *a, char **text, size_t *len,
           enum read_result *r)
{
	char *data = arena_alloc(a, size + 1);
	size_t got = 0;
	for (;;) {
		char probe;
		bool full = got == size;
		ssize_t n = full ? read(fd, &probe, 1) : read(fd, data + got, read_size(size - got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*r = READ_FAILED;
			break;
		}
		if (n == 0) {
			*r = READ_OK;
			break;
		}
		if (full) {
			/* It grew, or it is a file whose size says nothing (/proc). */
			if (lseek(fd, 0, SEEK_SET) == 0)
				return false;
			*r = READ_FAILED;
			return true;
		}
		got += (size_t)n;
	}
	data[got] = '\0';
	*text = data;
	*len = got;
	return true;
}

char *
read_input(struct compilation *c, const char *path, size_t limit, size_t *len)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? 0 : open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	int err = fd < 0 ? errno : fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
	struct buf b = {0};
	char *text = NULL;
	enum read_result r = READ_FAILED;
	*len = 0;
	if (!err && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > limit)
		r = READ_TOO_BIG;
	else if (err || !S_ISREG(st.st_mode) ||
	         !read_sized(fd, (size_t)st.st_size, &c->arena, &text, len, &r))
		r = err ? READ_FAILED : read_fd(fd, limit, &b);
	if (r == READ_FAILED && !err)
		err = errno;
	if (!is_stdin && fd >= 0)
		close(fd);
	if (r == READ_FAILED)
		diag(&c->diags, E0001, NO_LOC, "cannot read %s: %s", io_quote(c, path), strerror(err));
	else if (r == READ_TOO_BIG)
		diag(&c->diags, E0005, NO_LOC, "%s is larger than the limit of %zu bytes",
		     io_quote(c, path), limit);
	else if (!text) {
		text = arena_strndup(&c->arena, b.data ? b.data : "", b.len);
		*len = b.len;
	}
	buf_free(&b);
	return r == READ_OK ? text : NULL;
}

bool
parse_env_text(struct compilation *c, const char *path, char *text, size_t len)
{
	size_t line_no = 0;
	bool ok = true;
	/* A byte order mark, which some editors write first, is skipped. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	for (char *line = text; line < text + len;) {
		char *end = memchr(line, '\n', (size_t)(text + len - line));
		if (!end)
			end = text + len;
		line_no++;
		if (memchr(line, '\0', (size_t)(end - line))) {
			size_t column = (size_t)((char *)memchr(line, '\0', (size_t)(end - line)) - line) + 1;
			diag_in_file(&c->diags, E0003, path, line_no, column,
			             "the line holds a NUL byte, which no value can hold");
			ok = false;
			line = end + 1;
			continue;
		}
		*end = '\0';
		if (end > line && end[-1] == '\r')
			end[-1] = '\0';
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p && *p != '#') {
			if (strncmp(p, "export ", 7) == 0)
				p += 7;
			char *eq = strchr(p, '=');
			char *blank = eq ? memchr(p, ' ', (size_t)(eq - p)) : NULL;
			if (!eq || eq == p || blank) {
				diag_in_file(&c->diags, E0003, path, line_no, (size_t)(p - line) + 1,
				             "not a VAR=value line%s",
				             blank && blank > p ? ": no blank may stand before the '='" : "");
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

bool
load_env_file(struct compilation *c, const char *path)
{
	size_t len;
	char *text = read_input(c, path, MAX_INPUT_BYTES, &len);
	if (!text)
		return false;
	vec_push(&c->arena, &c->files_read, (void *)path);
	return parse_env_text(c, path, text, len);
}

/* file("...") */

/* The part of path below the folder whose canonical path is base, or
 * NULL when it leads elsewhere.  A relative path is below it as it is.
 * A path may also name the folder from outside, but only along the
 * folder's own canonical path (/ABS/PATH/FOLDER/x, ../FOLDER/x): nothing
 * outside the folder is looked at, so the answer never depends on what
 * exists there.  What follows is resolved beneath the folder. */
static const char *
path_below(const char *base, const char *path)
{
	size_t depth = 0, at;
	if (!*path)
		return path; /* ENOENT, as the kernel says */
	for (const char *p = base; *p; p++)
		depth += p[0] == '/' && p[1] && p[1] != '/';
	at = path[0] == '/' ? 0 : depth;
	const char *s = path;
	for (;;) {
		while (*s == '/')
			s++;
		size_t len = strcspn(s, "/");
		if (len == 0)
			return at == depth ? "." : NULL;
		if (len == 1 && s[0] == '.') {
			s++;
			continue;
		}
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			at -= at > 0;
			s += 2;
			continue;
		}
		if (at == depth)
			return s;
		/* The name of the canonical path's component number `at`. */
		const char *b = base;
		for (size_t k = 0; k <= at; k++)
			b = strchr(b, '/') + 1;
		if (strncmp(b, s, len) != 0 || (b[len] != '/' && b[len] != '\0'))
			return NULL;
		at++;
		s += len;
	}
}

enum { WALK_DEPTH = 128, MAX_LINKS = 40 };

/* The component `name` of the folder dir could not be opened without
 * following it (errno `why`): when it is a symbolic link, puts its target
 * in front of what is left of the path (todo from pos) and returns 0;
 * else the error.  An absolute target leads out of the folder (EXDEV). */
static int
follow_link(int dir, const char *name, int why, struct buf *todo, size_t *pos, int *links)
{
	char target[PATH_MAX];
	ssize_t n = readlinkat(dir, name, target, sizeof target);
	if (n < 0)
		return errno == EINVAL ? why : errno; /* not a link after all */
	if ((size_t)n >= sizeof target)
		return ENAMETOOLONG;
	if (++*links > MAX_LINKS)
		return ELOOP;
	if (target[0] == '/')
		return EXDEV;
	struct buf next = {0};
	buf_append(&next, target, (size_t)n);
	buf_append(&next, todo->data + *pos, todo->len - *pos);
	buf_free(todo);
	*todo = next;
	*pos = 0;
	return 0;
}

/* Opens rel for reading beneath the folder root, component by component,
 * never following a name out of it: each is opened with O_NOFOLLOW, a
 * symbolic link is read and its target walked in turn, and ".." goes
 * back to a folder already open (never above root).  -1 with errno on
 * failure; EXDEV when the path leads out of the folder. */
static int
walk_beneath(int root, const char *rel)
{
	int fds[WALK_DEPTH], depth = 0, result = -1, err = 0, links = 0;
	fds[0] = root;
	struct buf todo = {0};
	buf_puts(&todo, rel);
	size_t pos = 0;
	while (result < 0 && !err) {
		while (pos < todo.len && todo.data[pos] == '/')
			pos++;
		size_t end = pos;
		while (end < todo.len && todo.data[end] != '/')
			end++;
		char name[NAME_MAX + 1];
		if (end - pos > NAME_MAX) {
			err = ENAMETOOLONG;
			break;
		}
		memcpy(name, todo.data + pos, end - pos);
		name[end - pos] = '\0';
		bool last = end == todo.len, up = strcmp(name, "..") == 0;
		pos = end;
		if (up && depth == 0) {
			err = EXDEV;
		} else if (up || !*name || strcmp(name, ".") == 0) {
			if (up)
				close(fds[depth--]);
			if (last && (result = openat(fds[depth], ".", O_RDONLY | O_CLOEXEC)) < 0)
				err = errno;
		} else {
			int flags = last ? O_RDONLY | O_NONBLOCK | O_NOCTTY : O_PATH | O_DIRECTORY;
			int fd = openat(fds[depth], name, flags | O_NOFOLLOW | O_CLOEXEC);
			if (fd >= 0 && last) {
				result = fd;
			} else if (fd >= 0 && depth + 1 < WALK_DEPTH) {
				fds[++depth] = fd;
			} else if (fd >= 0) {
				close(fd);
				err = ENAMETOOLONG; /* deeper than todokc follows */
			} else if (errno != ELOOP && errno != ENOTDIR) {
				err = errno;
			} else {
				err = follow_link(fds[depth], name, errno, &todo, &pos, &links);
			}
		}
	}
	while (depth > 0)
		close(fds[depth--]);
	buf_free(&todo);
	errno = err;
	return result;
}

/* Opens rel beneath the folder root: openat2(RESOLVE_BENEATH) where the
 * kernel has it, else walk_beneath(); the two agree. */
static int
open_beneath(struct compilation *c, int root, const char *rel)
{
	if (!*rel) {
		errno = ENOENT;
		return -1;
	}
#ifdef HAVE_OPENAT2
	if (!c->no_openat2 && use_openat2()) {
		struct open_how how = {
			.flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
			.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS,
		};
		long fd = syscall(SYS_openat2, root, rel, &how, sizeof how);
		if (fd >= 0 || (errno != ENOSYS && errno != EPERM && errno != EINVAL && errno != E2BIG))
			return (int)fd;
		c->no_openat2 = true;
	}
#endif
	return walk_beneath(root, rel);
}

/* Opens file("path") of the stack; -1 (reported) on failure. */
static int
open_stack_file(struct compilation *c, const char *path, struct loc loc)
{
	char *base = realpath(c->base_dir, NULL);
	const char *rel = base ? path_below(base, path) : NULL;
	int err = base ? 0 : errno, fd = -1;
	int root = base ? open(c->base_dir, O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;
	free(base);
	if (root < 0 && !err)
		err = errno;
	if (rel && root >= 0 && (fd = open_beneath(c, root, rel)) < 0)
		err = errno;
	if (root >= 0)
		close(root);
	if (fd >= 0)
		return fd;
	if (!err || err == EXDEV)
		diag(&c->diags, E0702, loc,
		     "file %s is outside the folder of %s; file() reads only files inside it",
		     io_quote(c, path), io_quote(c, c->src.path));
	else if (err == ENOENT || err == ENOTDIR || err == ELOOP || err == ENAMETOOLONG)
		diag(&c->diags, E0702, loc, "cannot read file %s: %s", io_quote(c, path), strerror(err));
	else
		diag(&c->diags, E0001, loc, "cannot read file %s: %s", io_quote(c, path), strerror(err));
	return -1;
}

const char *
read_stack_file(struct compilation *c, const char *path, struct loc loc, size_t limit,
                const char *holder, size_t *len)
{
	int fd = open_stack_file(c, path, loc);
	if (fd < 0)
		return NULL;
	struct stat st;
	struct buf b = {0};
	enum read_result r = READ_FAILED;
	const char *q = io_quote(c, path), *result = NULL;
	if (fstat(fd, &st) != 0)
		diag(&c->diags, E0001, loc, "cannot read file %s: %s", q, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		diag(&c->diags, E0702, loc, "file %s is not a regular file", q);
	else if ((unsigned long long)st.st_size > limit)
		diag(&c->diags, E0702, loc, "file %s is %lld bytes; %s holds at most %zu", q,
		     (long long)st.st_size, holder, limit);
	else if ((r = read_fd(fd, limit, &b)) == READ_FAILED)
		diag(&c->diags, E0001, loc, "cannot read file %s: %s", q, strerror(errno));
	else if (r == READ_TOO_BIG)
		diag(&c->diags, E0702, loc, "file %s is more than %zu bytes; %s holds at most %zu",
		     q, limit, holder, limit);
	close(fd);
	if (r == READ_OK) {
		*len = b.len;
		result = arena_strndup(&c->arena, b.data ? b.data : "", b.len);
		const char *full = path[0] == '/' ? path : arena_printf(&c->arena, "%s/%s", c->base_dir, path);
		vec_push(&c->arena, &c->files_read, (void *)full);
	}
	buf_free(&b);
	return result;
}

/* Paths */

bool
same_path(const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	while (a[0] == '.' && a[1] == '/')
		a += 2;
	while (b[0] == '.' && b[1] == '/')
		b += 2;
	size_t la = strlen(a), lb = strlen(b);
	while (la > 1 && a[la - 1] == '/')
		la--;
	while (lb > 1 && b[lb - 1] == '/')
		lb--;
	return la == lb && memcmp(a, b, la) == 0;
}

/* Writing */

bool
make_dirs(struct compilation *c, const char *dir)
{
	struct stat st;
	if (stat(dir, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return true;
		io_diag(c, E0001, "cannot write into %s: %s", io_quote(c, dir), strerror(ENOTDIR));
		return false;
	}
	char *path = arena_strdup(&c->arena, dir);
	for (char *p = path + 1;; p++) {
		if (*p && *p != '/')
			continue;
		char was = *p;
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			io_diag(c, E0001, "cannot create %s: %s", io_quote(c, path), strerror(errno));
			return false;
		}
		if (!was)
			return true;
		*p = '/';
	}
}

bool
temp_name_ok(const char *name)
{
	size_t n = strlen(TEMP_PREFIX);
	if (strncmp(name, TEMP_PREFIX, n) != 0 || strlen(name) != n + TEMP_SUFFIX_LEN)
		return false;
	for (name += n; *name; name++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", *name))
			return false;
	return true;
}

/* A new file prefix TEMP_PREFIX XXXXXX, created exclusively with mode
 * (less the umask).  The names go on from one state, seeded by the first. */
static int
create_temp(struct compilation *c, int dir_fd, const char *prefix, mode_t mode,
            const char **name)
{
	static const char letters[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned long long state = c->temp_name_state;
	if (!state) {
		struct timespec now;
		clock_gettime(CLOCK_REALTIME, &now);
		state = (unsigned long long)now.tv_nsec ^ ((unsigned long long)getpid() << 32) ^ 1;
	}
	for (int attempt = 0; attempt < 100; attempt++) {
		char suffix[TEMP_SUFFIX_LEN + 1];
		for (int k = 0; k < TEMP_SUFFIX_LEN; k++) {
			state = state * 6364136223846793005ULL + 1442695040888963407ULL;
			suffix[k] = letters[(state >> 33) % (sizeof letters - 1)];
		}
		suffix[TEMP_SUFFIX_LEN] = '\0';
		*name = arena_printf(&c->arena, "%s%s%s", prefix, TEMP_PREFIX, suffix);
		int fd = openat(dir_fd, *name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd >= 0 || errno != EEXIST) {
			c->temp_name_state = state;
			return fd;
		}
	}
	c->temp_name_state = state;
	return -1;
}

const char *
write_temp(struct compilation *c, int dir_fd, const char *prefix, const char *shown,
           const struct buf *data, mode_t mode, unsigned how)
{
	const char *tmp, *undone = how & TEMP_NOTHING_WRITTEN ? " (nothing was written)" : "";
	/* Created 0600 when the umask would take bits of mode (a kept file's
	 * 0755 under umask 077): the fchmod() gives them back. */
	bool masked = (mode & current_umask(c)) != 0;
	int fd = create_temp(c, dir_fd, prefix, masked ? 0600 : mode, &tmp), err = 0;
	if (fd < 0) {
		io_diag(c, E0001, "cannot write %s: %s%s", shown, strerror(errno), undone);
		return NULL;
	}
	if ((masked && fchmod(fd, mode) != 0) || io_write_all(fd, data->data, data->len) != 0 ||
	    (!((how & TEMP_FLUSH_LATER) && HAVE_SYNCFS) && io_fsync(fd) != 0 && errno != EINVAL))
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (err) {
		io_diag(c, E0001, "cannot write %s: %s%s", shown, strerror(err), undone);
		unlinkat(dir_fd, tmp, 0);
		return NULL;
	}
	return tmp;
}

mode_t
current_umask(struct compilation *c)
{
	if (!c->umask_known) {
		c->umask_bits = umask(022);
		umask(c->umask_bits);
		c->umask_known = true;
	}
	return c->umask_bits;
}

bool
write_stdout(struct compilation *c, const struct buf *b)
{
	if ((b->len && fwrite(b->data, 1, b->len, stdout) != b->len) || fflush(stdout) != 0) {
		io_diag(c, E0001, "cannot write to standard output: %s", strerror(errno));
		return false;
	}
	return true;
}

bool
replace_file(struct compilation *c, const char *path, const struct buf *data)
{
	/* Through a symbolic link, the file it names is replaced; a new file
	 * gets mode 0644 less the umask. */
	const char *target = path;
	mode_t mode = 0644 & ~current_umask(c);
	char *real = realpath(path, NULL);
	struct stat st;
	if (real ? stat(real, &st) != 0 : errno != ENOENT || lstat(path, &st) == 0) {
		io_diag(c, E0001, "cannot write %s: %s", io_quote(c, path), strerror(errno));
		free(real);
		return false;
	}
	if (real) {
		target = arena_strdup(&c->arena, real);
		mode = st.st_mode & 07777;
		free(real);
		/* A file this user may not write is not replaced behind its back
		 * (the folder's permission would let the rename through), nor a
		 * FIFO or a device by a regular file. */
		if (!S_ISREG(st.st_mode)) {
			io_diag(c, E0001, "cannot write %s: not a regular file", io_quote(c, path));
			return false;
		}
		if (access(target, W_OK) != 0) {
			io_diag(c, E0001, "cannot write %s: %s", io_quote(c, path), strerror(errno));
			return false;
		}
	}
	const char *slash = strrchr(target, '/');
	const char *name = slash ? slash + 1 : target;
	const char *dir = !slash ? "." : slash == target ? "/"
	                  : arena_strndup(&c->arena, target, (size_t)(slash - target));
	int dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir_fd < 0) {
		io_diag(c, E0001, "cannot write %s: %s", io_quote(c, path), strerror(errno));
		return false;
	}
	const char *tmp = write_temp(c, dir_fd, name, io_quote(c, path), data, mode, 0);
	bool ok = tmp != NULL;
	if (ok && io_renameat(dir_fd, tmp, dir_fd, name) != 0) {
		io_diag(c, E0001, "cannot write %s: %s", io_quote(c, path), strerror(errno));
		unlinkat(dir_fd, tmp, 0);
		ok = false;
	}
	close(dir_fd);
	return ok;
}
