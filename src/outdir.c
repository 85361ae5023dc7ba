/*
 * outdir.c - the output folder itself (docs/output.md, "How the folder
 * is updated"): its lock, its index and its journal, read back without
 * trusting them; the update of the folder, all or nothing, through the
 * journal; and the recovery of what a run killed or failing left.
 */
#define _DEFAULT_SOURCE /* flock() */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The output folder (docs/output.md, "How the folder is updated").
 *
 * Every run that writes DIR holds DIR/.todokc-lock (flock) from start to
 * end.  Under it, the folder is in one of two states:
 *   - no journal: the files the index lists are one complete output;
 *   - DIR/.todokc-journal: an update was committed but not finished.
 * A run writes every file and the new index to flushed temporary files,
 * then the journal (written in full, then renamed into place: the commit
 * point), then applies it: the renames, the removals, the journal's own
 * removal.  apply_journal() is the one function that changes what DIR
 * shows, and each of its steps can be done again: the next run applies a
 * journal it finds before anything else, then removes stray temporary
 * files (a run killed before its commit). */

struct outdir {
	const char *dir;  /* as given, for messages */
	int dfd;          /* the folder */
	int lock_fd;      /* DIR/.todokc-lock, locked; -1 */
	bool waited;      /* the "waiting" line was printed */
};

/* DIR/name, for messages. */
static const char *
in_dir(struct compilation *c, const struct outdir *od, const char *name)
{
	return arena_printf(&c->arena, "%s/%s", od->dir, name);
}

static const char *
file_kind(mode_t mode)
{
	return S_ISDIR(mode) ? "a folder" : S_ISLNK(mode) ? "a symbolic link" : S_ISFIFO(mode) ? "a FIFO"
	       : S_ISSOCK(mode) ? "a socket" : S_ISCHR(mode) || S_ISBLK(mode) ? "a device"
	       : "not a regular file";
}

/* One of todokc's own files in DIR is something else: E0006. */
static bool
not_ours(struct compilation *c, const char *path, const char *kind)
{
	io_diag(c, E0006, "%s is %s, not a file todokc wrote; move it away (nothing was written)",
	        io_quote(c, path), kind);
	return false;
}

/* A failure after the commit point: the journal stays for the next run. */
static bool
interrupted(struct compilation *c, const struct outdir *od, const char *verb, const char *name)
{
	const char *why = strerror(errno);
	io_diag(c, E0001, "cannot %s %s: %s; the next run of todokc into %s completes the update",
	        verb, io_quote(c, name ? in_dir(c, od, name) : od->dir), why, io_quote(c, od->dir));
	return false;
}

/* The lock: waits for another run's, with a line on standard error after
 * about a second, or fails (E0007) with --fail-if-locked. */
static bool
wait_lock(struct compilation *c, struct outdir *od, int fd)
{
	const struct timespec pause = {0, 20 * 1000 * 1000};
	for (int tries = 0; tries < 50; tries++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return true;
		if (errno != EWOULDBLOCK && errno != EINTR) {
			io_diag(c, E0001, "cannot lock %s: %s", io_quote(c, in_dir(c, od, OUTPUT_LOCK)),
			        strerror(errno));
			return false;
		}
		if (c->opts->fail_if_locked) {
			io_diag(c, E0007, "%s is being written by another run of todokc; try again when it "
			        "has finished (--fail-if-locked; nothing was written)", io_quote(c, od->dir));
			return false;
		}
		nanosleep(&pause, NULL);
	}
	if (!od->waited && !c->opts->json_diagnostics) {
		fprintf(stderr, "todokc: waiting for another run of todokc to finish writing %s\n",
		        io_quote(c, od->dir));
		fflush(stderr);
		od->waited = true;
	}
	int status;
	while ((status = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
		continue;
	if (status != 0)
		io_diag(c, E0001, "cannot lock %s: %s", io_quote(c, in_dir(c, od, OUTPUT_LOCK)),
		        strerror(errno));
	return status == 0;
}

/* Takes DIR/.todokc-lock.  The holder removes it when done, so a run
 * that got the lock of a removed file tries again with the new one. */
static bool
lock_folder(struct compilation *c, struct outdir *od)
{
	const char *path = in_dir(c, od, OUTPUT_LOCK);
	for (;;) {
		int fd = openat(od->dfd, OUTPUT_LOCK,
		                O_RDONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0644);
		struct stat st = {0}, now;
		if (fd < 0 && (errno == ELOOP || errno == EISDIR))
			return not_ours(c, path, errno == ELOOP ? "a symbolic link" : "a folder");
		if (fd < 0) {
			io_diag(c, E0001, "cannot write %s: %s", io_quote(c, path), strerror(errno));
			return false;
		}
		bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
		if (!regular || !wait_lock(c, od, fd)) {
			if (!regular)
				not_ours(c, path, file_kind(st.st_mode));
			close(fd);
			return false;
		}
		if (fstatat(od->dfd, OUTPUT_LOCK, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
		    now.st_ino == st.st_ino && now.st_dev == st.st_dev) {
			od->lock_fd = fd;
			return true;
		}
		close(fd);
	}
}

/* An index or journal over the limit. */
static void
too_big(struct compilation *c, const char *path)
{
	io_diag(c, E0006, "%s is larger than the limit of %u bytes (nothing was written)",
	        io_quote(c, path), MAX_LISTING_BYTES);
}

/* What todokc writes as an index or a journal, it can read back. */
static bool
fits(struct compilation *c, const char *path, const struct buf *text)
{
	if (text->len <= MAX_LISTING_BYTES)
		return true;
	io_diag(c, E0001, "cannot write %s: it would be larger than the limit of %u bytes "
	        "(nothing was written)", io_quote(c, path), MAX_LISTING_BYTES);
	return false;
}

/* Reads DIR/name without following a link: 0 when it does not exist,
 * 1 when read into text, -1 (reported) when it is not a regular file of
 * at most MAX_LISTING_BYTES or cannot be read. */
static int
read_listing(struct compilation *c, const struct outdir *od, const char *name, struct buf *text)
{
	const char *path = in_dir(c, od, name);
	int fd = openat(od->dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return 0;
	struct stat st;
	enum read_result r = READ_FAILED;
	if (fd < 0 && errno == ELOOP)
		not_ours(c, path, "a symbolic link");
	else if (fd < 0 || fstat(fd, &st) != 0)
		io_diag(c, E0001, "cannot read %s: %s", io_quote(c, path), strerror(errno));
	else if (!S_ISREG(st.st_mode))
		not_ours(c, path, file_kind(st.st_mode));
	else if (st.st_size > (off_t)MAX_LISTING_BYTES ||
	         (r = read_fd(fd, MAX_LISTING_BYTES, text)) == READ_TOO_BIG)
		too_big(c, path);
	else if (r == READ_FAILED)
		io_diag(c, E0001, "cannot read %s: %s", io_quote(c, path), strerror(errno));
	if (fd >= 0)
		close(fd);
	return r == READ_OK ? 1 : -1;
}

/* An index or a journal being read. */
struct listing {
	struct compilation *c;
	const char *path, *text;
	size_t len, pos, no;
	bool bad;             /* a bad line was reported */
	struct strmap seen;   /* the names given so far */
	struct vec *names;    /* an index's */
	struct journal *j;    /* a journal's */
	bool ended;           /* the journal's "end" was read */
};

/* The next line, checked; NULL at the end or at a bad line (reported). */
static const char *
next_line(struct listing *l)
{
	if (l->pos >= l->len)
		return NULL;
	const char *s = l->text + l->pos, *nl = memchr(s, '\n', l->len - l->pos);
	size_t n = nl ? (size_t)(nl - s) : l->len - l->pos;
	const char *why = n > MAX_LISTING_LINE ? "is longer than the limit of 1024 bytes"
	                  : !nl                ? "does not end with a newline"
	                                       : NULL;
	/* A CR before the newline is git's checkout with core.autocrlf of a
	 * committed folder, not part of the name. */
	size_t text_len = n > 0 && s[n - 1] == '\r' ? n - 1 : n;
	for (size_t i = 0; !why && i < text_len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			why = "holds a control character";
	l->no++;
	if (why) {
		io_diag(l->c, E0006, "%s, line %zu: the line %s (nothing was written)",
		        io_quote(l->c, l->path), l->no, why);
		l->bad = true;
		return NULL;
	}
	l->pos += n + 1;
	return arena_strndup(&l->c->arena, s, text_len);
}

/* Calls fn for each line but comments; false at the first bad line
 * (reported here or by fn). */
static bool
each_line(struct listing *l, bool (*fn)(struct listing *, const char *))
{
	const char *line;
	while ((line = next_line(l)))
		if (line[0] != '#' && !fn(l, line))
			return false;
	return !l->bad;
}

bool
output_name_ok(const char *name)
{
	size_t n = strlen(name), digits = strspn(name, "0123456789");
	if (strcmp(name, KUSTOMIZATION_FILE) == 0 || strcmp(name, OLD_KUSTOMIZATION_FILE) == 0)
		return true;
	if (n > NAME_MAX || digits == 0 || name[digits] != '-' || n < digits + 7 ||
	    (strcmp(name + n - 5, ".yaml") != 0 && strcmp(name + n - 5, ".json") != 0))
		return false;
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7F || *p == '/')
			return false;
	return true;
}

/* A line of an index: a name todokc writes (kept once). */
static bool
index_line(struct listing *l, const char *line)
{
	if (!output_name_ok(line)) {
		io_diag(l->c, E0006, "%s, line %zu: %s is not the name of a file todokc writes "
		        "(nothing was written)", io_quote(l->c, l->path), l->no, io_quote(l->c, line));
		return false;
	}
	if (!strmap_claim(&l->c->arena, &l->seen, line, (void *)line))
		vec_push(&l->c->arena, l->names, (void *)line);
	return true;
}

bool
parse_index(struct compilation *c, const char *path, const char *text, size_t len,
            struct vec *names)
{
	struct listing l = {.c = c, .path = path, .text = text, .len = len, .names = names};
	return each_line(&l, index_line);
}

/* A line of a journal into l->j: "rename TEMP NAME" (the renames first),
 * "remove NAME", then "end"; no name twice. */
static bool
journal_line(struct listing *l, const char *line)
{
	struct arena *a = &l->c->arena;
	const char *arg = line + 7, *space = strchr(arg, ' ');
	bool ok = false;
	if (l->ended) {
		ok = false;
	} else if (strcmp(line, "end") == 0) {
		ok = l->ended = true;
	} else if (strncmp(line, "remove ", 7) == 0) {
		ok = output_name_ok(arg) && !strmap_claim(a, &l->seen, arg, (void *)arg);
		vec_push(a, &l->j->removes, (void *)arg);
	} else if (strncmp(line, "rename ", 7) == 0 && space && !l->j->removes.len) {
		const char *from = arena_strndup(a, arg, (size_t)(space - arg)), *to = space + 1;
		ok = temp_name_ok(from) && (output_name_ok(to) || strcmp(to, OUTPUT_INDEX) == 0) &&
		     !strmap_claim(a, &l->seen, from, (void *)from) &&
		     !strmap_claim(a, &l->seen, to, (void *)to);
		vec_push(a, &l->j->from, (void *)from);
		vec_push(a, &l->j->to, (void *)to);
	}
	if (!ok)
		io_diag(l->c, E0006, "%s, line %zu: not a line todokc writes in its journal "
		        "(nothing was written)", io_quote(l->c, l->path), l->no);
	return ok;
}

bool
parse_journal(struct compilation *c, const char *path, const char *text, size_t len,
              struct journal *j)
{
	struct listing l = {.c = c, .path = path, .text = text, .len = len, .j = j};
	if (!each_line(&l, journal_line))
		return false;
	if (!l.ended)
		io_diag(c, E0006, "%s does not end with the line 'end' (nothing was written)",
		        io_quote(c, path));
	return l.ended;
}

void
index_text(struct buf *out, const struct vec *names)
{
	buf_puts(out, "# Files written by todokc; it replaces or removes only these.\n");
	for (size_t i = 0; i < names->len; i++)
		buf_printf(out, "%s\n", (const char *)names->items[i]);
}

void
journal_text(struct buf *out, const struct journal *j)
{
	buf_puts(out, "# An update of this folder by todokc; its next run here completes it.\n");
	for (size_t i = 0; i < j->from.len; i++)
		buf_printf(out, "rename %s %s\n", (const char *)j->from.items[i],
		           (const char *)j->to.items[i]);
	for (size_t i = 0; i < j->removes.len; i++)
		buf_printf(out, "remove %s\n", (const char *)j->removes.items[i]);
	buf_puts(out, "end\n");
}

/* The folder's entries flushed to the disk. */
static bool
synced(struct compilation *c, const struct outdir *od)
{
	return io_fsync(od->dfd) == 0 || errno == EINVAL || interrupted(c, od, "write", NULL);
}

/* Applies a committed journal (see the top of this section).  `found`:
 * a journal of an earlier run, whose temporary files may be renamed
 * already or be something else now; this run's own were just written. */
static bool
apply_journal(struct compilation *c, const struct outdir *od, const struct journal *j,
              bool found)
{
	struct stat st;
	if (!synced(c, od))
		return false;
	for (size_t i = 0; i < j->from.len; i++) {
		const char *from = j->from.items[i];
		if (found) {
			int gone = fstatat(od->dfd, from, &st, AT_SYMLINK_NOFOLLOW) != 0 ? errno : 0;
			if (gone == ENOENT)
				continue; /* renamed already */
			if (gone)
				return interrupted(c, od, "write", j->to.items[i]);
			if (!S_ISREG(st.st_mode))
				return not_ours(c, in_dir(c, od, from), file_kind(st.st_mode));
		}
		if (io_renameat(od->dfd, from, od->dfd, j->to.items[i]) != 0)
			return interrupted(c, od, "write", j->to.items[i]);
	}
	if (!synced(c, od))
		return false;
	for (size_t i = 0; i < j->removes.len; i++) {
		const char *name = j->removes.items[i];
		if (fstatat(od->dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
		    io_unlinkat(od->dfd, name) != 0 && errno != ENOENT)
			return interrupted(c, od, "remove the stale", name);
	}
	if (io_unlinkat(od->dfd, OUTPUT_JOURNAL) != 0 && errno != ENOENT)
		return interrupted(c, od, "remove", OUTPUT_JOURNAL);
	return synced(c, od);
}

/* Removes the temporary files of runs killed before their commit. */
static bool
remove_temps(struct compilation *c, const struct outdir *od)
{
	int fd = openat(od->dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		io_diag(c, E0001, "cannot read %s: %s", io_quote(c, od->dir), strerror(errno));
		if (fd >= 0)
			close(fd);
		return false;
	}
	struct vec temps = {0};
	struct dirent *e;
	while ((e = readdir(d)))
		if (temp_name_ok(e->d_name))
			vec_push(&c->arena, &temps, arena_strdup(&c->arena, e->d_name));
	closedir(d);
	for (size_t i = 0; i < temps.len; i++) {
		struct stat st;
		if (fstatat(od->dfd, temps.items[i], &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && io_unlinkat(od->dfd, temps.items[i]) != 0 && errno != ENOENT) {
			io_diag(c, E0001, "cannot remove %s: %s (nothing was written)",
			        io_quote(c, in_dir(c, od, temps.items[i])), strerror(errno));
			return false;
		}
	}
	return true;
}

/* Completes what an interrupted run left, then removes stray temporary
 * files. */
static bool
recover(struct compilation *c, const struct outdir *od)
{
	struct buf text = {0};
	struct journal j = {0};
	int r = read_listing(c, od, OUTPUT_JOURNAL, &text);
	bool ok = r == 0 || (r > 0 && parse_journal(c, in_dir(c, od, OUTPUT_JOURNAL),
	                                            text.data ? text.data : "", text.len, &j) &&
	                     apply_journal(c, od, &j, true));
	buf_free(&text);
	return ok && remove_temps(c, od);
}

struct outdir *
outdir_open(struct compilation *c, const char *dir)
{
	if (!make_dirs(c, dir))
		return NULL;
	struct outdir *od = NEW(&c->arena, struct outdir);
	od->dir = dir;
	od->lock_fd = -1;
	od->dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (od->dfd < 0) {
		io_diag(c, E0001, "cannot write into %s: %s", io_quote(c, dir), strerror(errno));
		return NULL;
	}
	if (!lock_folder(c, od) || !recover(c, od)) {
		outdir_close(od);
		return NULL;
	}
	return od;
}

void
outdir_close(struct outdir *od)
{
	if (!od)
		return;
	if (od->lock_fd >= 0) {
		unlinkat(od->dfd, OUTPUT_LOCK, 0); /* while still holding it */
		close(od->lock_fd);
	}
	close(od->dfd);
}

/* Refuses, before anything is written, a name that cannot be written (too
 * long, ...) and one that would replace a file todokc did not write (or
 * one that is not a regular file); fills `produced`. */
static bool
check_targets(struct compilation *c, const struct outdir *od, const struct output_file *files,
              size_t n, const struct strmap *owned, struct strmap *produced)
{
	long name_max = fpathconf(od->dfd, _PC_NAME_MAX);
	if (name_max <= 0 || name_max > NAME_MAX)
		name_max = NAME_MAX;
	bool ok = true;
	strmap_reserve(&c->arena, produced, n);
	for (size_t i = 0; i < n; i++) {
		const char *name = files[i].name;
		struct stat st;
		strmap_put(&c->arena, produced, name, (void *)name);
		int err = strlen(name) > (size_t)name_max ? ENAMETOOLONG
		          : fstatat(od->dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ? errno : 0;
		if (err == ENOENT)
			continue;
		bool refused = err || !output_name_ok(name) || !strmap_get(owned, name) ||
		               !S_ISREG(st.st_mode);
		if (!refused)
			continue;
		/* The path is made for the message alone: a big stack's folder has
		 * a file per object, and most are written again. */
		const char *path = io_quote(c, in_dir(c, od, name));
		ok = false;
		if (err || !output_name_ok(name))
			io_diag(c, E0001, "cannot write %s: %s (nothing was written)", path,
			        err ? strerror(err) : "todokc cannot list that name in its index");
		else if (!strmap_get(owned, name))
			io_diag(c, E0004, "%s exists and was not written by todokc; move it away or "
			        "choose another output folder (nothing was written)", path);
		else
			io_diag(c, E0001, "cannot write %s: %s", path,
			        S_ISDIR(st.st_mode) ? strerror(EISDIR) : "it is not a regular file");
	}
	return ok;
}

/* A kustomization file that todokc did not write beside its own would
 * make kustomize refuse the folder ("found multiple kustomization
 * files"). */
static bool
no_other_kustomization(struct compilation *c, const struct outdir *od, const struct strmap *owned)
{
	static const char *const names[] = {"kustomization.yaml", "kustomization.yml"};
	bool ok = true;
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		struct stat st;
		if (strmap_get(owned, names[i]) || fstatat(od->dfd, names[i], &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		io_diag(c, E0004, "%s was not written by todokc, and kustomize would find it beside "
		        "todokc's %s; move it away or choose another output folder (nothing was "
		        "written)", io_quote(c, in_dir(c, od, names[i])), KUSTOMIZATION_FILE);
		ok = false;
	}
	return ok;
}

/* Removes the temporary files j lists (before the commit point). */
static void
remove_listed_temps(const struct outdir *od, const struct journal *j)
{
	for (size_t i = 0; i < j->from.len; i++)
		unlinkat(od->dfd, j->from.items[i], 0);
}

/* Writes text to a temporary file for DIR/name: its entry in j.  The
 * path for the messages is made in scratch, which the caller resets. */
static bool
write_entry(struct compilation *c, const struct outdir *od, const char *name,
            const struct buf *text, mode_t mode, struct journal *j, struct arena *scratch)
{
	const char *shown = diag_quote(scratch, arena_printf(scratch, "%s/%s", od->dir, name));
	const char *tmp = write_temp(c, od->dfd, "", shown, text, mode,
	                             TEMP_NOTHING_WRITTEN | TEMP_FLUSH_LATER);
	if (!tmp)
		return false;
	vec_push(&c->arena, &j->from, (void *)tmp);
	vec_push(&c->arena, &j->to, (void *)name);
	return true;
}

/* The temporary files written to the disk, all at once: one syncfs
 * instead of an fsync per file, which on a journalling file system is a
 * commit each (docs/output.md). */
static bool
flushed(struct compilation *c, const struct outdir *od)
{
	if (io_syncfs(od->dfd) == 0 || errno == EINVAL)
		return true;
	io_diag(c, E0001, "cannot write %s: %s (nothing was written)", io_quote(c, od->dir),
	        strerror(errno));
	return false;
}

/* Every file, then the index, to a temporary file, then flushed; on failure
 * they are all removed and the folder is left as it was. */
static bool
write_temps(struct compilation *c, const struct outdir *od, const struct output_file *files,
            size_t n, render_fn *render, struct journal *j)
{
	mode_t umask_bits = current_umask(c);
	struct buf data = {0};
	struct arena scratch = {0};
	struct vec names = {0};
	bool ok = true;
	size_t total = 0;
	for (size_t i = 0; i < n && ok; i++) {
		data.len = 0;
		ok = render(c, i, &scratch, &data) && output_within_limit(c, i, total += data.len) &&
		     write_entry(c, od, files[i].name, &data,
		                 files[i].secret ? 0600 : 0644 & ~umask_bits, j, &scratch);
		arena_reset(&scratch);
		vec_push(&c->arena, &names, (void *)files[i].name);
	}
	data.len = 0;
	index_text(&data, &names);
	ok = ok && fits(c, in_dir(c, od, OUTPUT_INDEX), &data) &&
	     write_entry(c, od, OUTPUT_INDEX, &data, 0644 & ~umask_bits, j, &scratch) &&
	     flushed(c, od);
	arena_free(&scratch);
	buf_free(&data);
	if (!ok)
		remove_listed_temps(od, j);
	return ok;
}

/* Writes the journal and renames it into place: the commit point. */
static bool
commit_journal(struct compilation *c, const struct outdir *od, const struct journal *j)
{
	struct buf text = {0};
	journal_text(&text, j);
	const char *path = in_dir(c, od, OUTPUT_JOURNAL), *tmp = NULL;
	if (fits(c, path, &text))
		tmp = write_temp(c, od->dfd, "", io_quote(c, path), &text, 0644 & ~current_umask(c),
		                 TEMP_NOTHING_WRITTEN);
	buf_free(&text);
	if (tmp && io_renameat(od->dfd, tmp, od->dfd, OUTPUT_JOURNAL) == 0)
		return true;
	if (tmp) {
		io_diag(c, E0001, "cannot write %s: %s (nothing was written)", io_quote(c, path),
		        strerror(errno));
		unlinkat(od->dfd, tmp, 0);
	}
	return false;
}

bool
outdir_write(struct compilation *c, struct outdir *od, const struct output_file *files,
             size_t n, render_fn *render)
{
	struct buf text = {0};
	struct vec old = {0};
	int r = read_listing(c, od, OUTPUT_INDEX, &text);
	bool ok = r == 0 || (r > 0 && parse_index(c, in_dir(c, od, OUTPUT_INDEX),
	                                          text.data ? text.data : "", text.len, &old));
	buf_free(&text);
	struct strmap owned = {0}, produced = {0};
	for (size_t i = 0; i < old.len; i++)
		strmap_put(&c->arena, &owned, old.items[i], old.items[i]);
	struct journal j = {0};
	if (!ok || !check_targets(c, od, files, n, &owned, &produced) ||
	    !no_other_kustomization(c, od, &owned) || !write_temps(c, od, files, n, render, &j))
		return false;
	for (size_t i = 0; i < old.len; i++)
		if (!strmap_get(&produced, old.items[i]))
			vec_push(&c->arena, &j.removes, old.items[i]);
	if (!commit_journal(c, od, &j)) {
		remove_listed_temps(od, &j);
		return false;
	}
	return apply_journal(c, od, &j, false);
}
