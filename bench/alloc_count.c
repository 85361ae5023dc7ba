/* bench/alloc_count.c - the counting build of `make bench-memory`
 * (bench/memory.sh): every arena allocation is counted by its arena and its
 * site, and the counts are written at exit for bench/memory.py to name.
 *
 * Built only into build/bench/count/todokc, with -DTODOKC_COUNT_ALLOC, which
 * makes include/util.h's arena_alloc_aligned() call alloc_count() first.  A
 * site is the file and line of the allocation; for one made inside
 * src/util.c (strings, vectors, maps) it is also the call stack above it, so
 * that bench/memory.py can give the bytes to the caller outside util.c.  The
 * counts go to the file named by $TODOKC_ALLOC_COUNT, with the peak RSS. */
#include <execinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define SITES (1u << 16)
#define FRAMES 6

struct site {
	const struct arena *arena;
	const char *file;
	int line;
	void *frames[FRAMES]; /* the call stack, for an allocation made in util.c */
	size_t bytes, count;
};

static struct site sites[SITES];

static size_t
site_hash(const struct site *s)
{
	uintptr_t h = (uintptr_t)s->arena * 31 + (uintptr_t)s->file * 7 + (uintptr_t)s->line * 131;
	for (int i = 0; i < FRAMES; i++)
		h = h * 33 + (uintptr_t)s->frames[i];
	return (size_t)(h ^ (h >> 17)) & (SITES - 1);
}

static bool
same_site(const struct site *a, const struct site *b)
{
	return a->arena == b->arena && a->file == b->file && a->line == b->line &&
	       memcmp(a->frames, b->frames, sizeof a->frames) == 0;
}

void
alloc_count(const struct arena *a, size_t size, const char *file, int line)
{
	struct site key = {.arena = a, .file = file, .line = line};
	size_t len = strlen(file);
	if (len >= 6 && strcmp(file + len - 6, "util.c") == 0) {
		void *frames[FRAMES + 1];
		int n = backtrace(frames, FRAMES + 1); /* frames[0] is alloc_count itself */
		for (int i = 1; i < n; i++)
			key.frames[i - 1] = frames[i];
	}
	size_t h = site_hash(&key);
	for (size_t probes = 0; sites[h].file && !same_site(&sites[h], &key); probes++) {
		if (probes == SITES)
			return; /* full: the rest is not counted */
		h = (h + 1) & (SITES - 1);
	}
	if (!sites[h].file)
		sites[h] = key;
	sites[h].bytes += size;
	sites[h].count++;
}

/* The peak RSS from /proc/self/status, in KiB; 0 when it is not there. */
static long
peak_rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = 0;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kib = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kib;
}

/* One line per site: arena, file:line, bytes, count, then the frames. */
__attribute__((destructor)) static void
alloc_count_write(void)
{
	const char *path = getenv("TODOKC_ALLOC_COUNT");
	FILE *f = path ? fopen(path, "w") : NULL;
	if (!f)
		return;
	fprintf(f, "peak_rss_kib\t%ld\n", peak_rss_kib());
	for (size_t i = 0; i < SITES; i++) {
		const struct site *s = &sites[i];
		if (!s->file)
			continue;
		fprintf(f, "site\t%p\t%s:%d\t%zu\t%zu", (const void *)s->arena, s->file, s->line,
		        s->bytes, s->count);
		for (int k = 0; k < FRAMES && s->frames[k]; k++)
			fprintf(f, "\t%p", s->frames[k]);
		fputc('\n', f);
	}
	fclose(f);
}
