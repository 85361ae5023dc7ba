/*
 * bench/timeit.c - runs a command several times and reports its wall
 * time, CPU time and peak resident set size (docs/benchmarks.md).
 *
 *   timeit [-r RUNS] [-w WARMUPS] [-s STATUS] [-o FILE] [-d DIR] -- COMMAND [ARG...]
 *          [--vs [-o FILE] [-d DIR] -- COMMAND [ARG...]]
 *
 * Each run forks and executes COMMAND with standard input from /dev/null
 * and standard output into FILE (default /dev/null).  With -d, DIR is
 * removed before every run (untimed), so that a command writing into DIR
 * starts from nothing each time.  WARMUPS runs (default 1) come first and
 * are not counted.  A run that exits with another status than STATUS
 * (default 0; 1 for a command that reports errors on purpose) stops
 * everything (exit 1).
 *
 * Prints one line of NAME=VALUE fields:
 *   runs         the timed runs
 *   wall_med     median wall time, seconds (fork to wait4)
 *   wall_min, wall_max
 *   cpu_med      median user + system time of the child, seconds
 *   user_med, sys_med
 *   rss_kb       the largest peak RSS of the timed runs, KiB (ru_maxrss)
 *   bytes        the size of FILE, or the total size of the files in DIR
 *   files        the number of files in DIR (with -d)
 *
 * With --vs, the two commands run in turn (A, B, A, B, ...), so that a
 * machine whose speed drifts (shared cores, other tenants) slows both
 * alike; the second command's fields follow, prefixed vs_, and then
 *   pair_wall_med  the median over the runs of A's wall time over B's
 *   pair_cpu_med   the same for the CPU times
 * which is the ratio the benchmark judges.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The exit status every run must have (-s). */
static int expected_status;

static void
usage(void)
{
	fputs("usage: timeit [-r RUNS] [-w WARMUPS] [-s STATUS] [-o FILE] [-d DIR] -- COMMAND [ARG...]\n"
	      "              [--vs [-o FILE] [-d DIR] -- COMMAND [ARG...]]\n",
	      stderr);
	exit(2);
}

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void
remove_dir(const char *dir)
{
	pid_t pid = fork();
	if (pid == 0) {
		execlp("rm", "rm", "-rf", "--", dir, (char *)NULL);
		_exit(127);
	}
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "timeit: cannot remove %s\n", dir);
		exit(1);
	}
}

/* One run: wall seconds, and the child's rusage. */
static double
run(char **cmd, const char *out, struct rusage *ru)
{
	double t0 = now();
	pid_t pid = fork();
	if (pid < 0) {
		perror("timeit: fork");
		exit(1);
	}
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (in < 0 || fd < 0 || dup2(in, 0) < 0 || dup2(fd, 1) < 0) {
			perror("timeit: redirect");
			_exit(127);
		}
		close(in);
		close(fd);
		execvp(cmd[0], cmd);
		fprintf(stderr, "timeit: cannot run %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
	int status;
	if (wait4(pid, &status, 0, ru) < 0) {
		perror("timeit: wait4");
		exit(1);
	}
	double t = now() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != expected_status) {
		fprintf(stderr, "timeit: %s failed (status %d)\n", cmd[0],
		        WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		exit(1);
	}
	return t;
}

static double
seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

/* A command to time, and what its runs measured. */
struct subject {
	char **cmd;
	const char *out, *dir;
	double *wall, *cpu, *user, *sys;
	long rss;
};

/* [-o FILE] [-d DIR] -- COMMAND...: the command ends at "--vs" or at the
 * end; returns the index after it. */
static int
parse_subject(int argc, char **argv, int i, struct subject *s, bool first, int *runs,
              int *warmups)
{
	s->out = "/dev/null";
	for (; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			s->out = argv[++i];
		} else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) {
			s->dir = argv[++i];
		} else if (first && strcmp(argv[i], "-r") == 0 && i + 1 < argc) {
			*runs = atoi(argv[++i]);
		} else if (first && strcmp(argv[i], "-w") == 0 && i + 1 < argc) {
			*warmups = atoi(argv[++i]);
		} else if (first && strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
			expected_status = atoi(argv[++i]);
		} else {
			usage();
		}
	}
	if (i >= argc)
		usage();
	s->cmd = argv + i;
	for (; i < argc; i++)
		if (strcmp(argv[i], "--vs") == 0) {
			argv[i] = NULL;
			return i + 1;
		}
	return argc;
}

static void
measure(struct subject *s, int k)
{
	struct rusage ru;
	if (s->dir)
		remove_dir(s->dir);
	double t = run(s->cmd, s->out, &ru);
	if (k < 0)
		return;
	s->wall[k] = t;
	s->user[k] = seconds(ru.ru_utime);
	s->sys[k] = seconds(ru.ru_stime);
	s->cpu[k] = s->user[k] + s->sys[k];
	if (ru.ru_maxrss > s->rss)
		s->rss = ru.ru_maxrss;
}

static void
report(struct subject *s, int runs, const char *prefix)
{
	long long bytes = 0, files = 0;
	struct stat st;
	if (s->dir) {
		DIR *d = opendir(s->dir);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", s->dir, e->d_name);
			if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
				bytes += st.st_size;
				files++;
			}
		}
		if (d)
			closedir(d);
	} else if (stat(s->out, &st) == 0 && S_ISREG(st.st_mode)) {
		bytes = st.st_size;
	}
	double wmin = s->wall[0], wmax = s->wall[0];
	for (int k = 1; k < runs; k++) {
		if (s->wall[k] < wmin)
			wmin = s->wall[k];
		if (s->wall[k] > wmax)
			wmax = s->wall[k];
	}
	printf("%sruns=%d %scpu_med=%.6f %suser_med=%.6f %ssys_med=%.6f %swall_min=%.6f "
	       "%swall_max=%.6f %swall_med=%.6f %srss_kb=%ld %sbytes=%lld",
	       prefix, runs, prefix, median(s->cpu, runs), prefix, median(s->user, runs), prefix,
	       median(s->sys, runs), prefix, wmin, prefix, wmax, prefix, median(s->wall, runs),
	       prefix, s->rss, prefix, bytes);
	if (s->dir)
		printf(" %sfiles=%lld", prefix, files);
}

int
main(int argc, char **argv)
{
	int runs = 5, warmups = 1, n = 1;
	struct subject subjects[2] = {{0}};
	int i = parse_subject(argc, argv, 1, &subjects[0], true, &runs, &warmups);
	if (i < argc) {
		parse_subject(argc, argv, i, &subjects[1], false, NULL, NULL);
		n = 2;
	}
	if (runs < 1 || warmups < 0)
		usage();
	for (int j = 0; j < n; j++) {
		struct subject *s = &subjects[j];
		s->wall = calloc((size_t)runs, sizeof *s->wall);
		s->cpu = calloc((size_t)runs, sizeof *s->cpu);
		s->user = calloc((size_t)runs, sizeof *s->user);
		s->sys = calloc((size_t)runs, sizeof *s->sys);
		if (!s->wall || !s->cpu || !s->user || !s->sys) {
			fputs("timeit: out of memory\n", stderr);
			return 1;
		}
	}
	for (int k = -warmups; k < runs; k++)
		for (int j = 0; j < n; j++)
			measure(&subjects[j], k);
	double *pair_wall = calloc((size_t)runs, sizeof *pair_wall);
	double *pair_cpu = calloc((size_t)runs, sizeof *pair_cpu);
	if (!pair_wall || !pair_cpu)
		return 1;
	/* the ratios first: report() sorts the times to take their medians */
	for (int k = 0; k < runs && n == 2; k++) {
		pair_wall[k] = subjects[0].wall[k] / subjects[1].wall[k];
		pair_cpu[k] = subjects[0].cpu[k] / subjects[1].cpu[k];
	}
	report(&subjects[0], runs, "");
	if (n == 2) {
		putchar(' ');
		report(&subjects[1], runs, "vs_");
		printf(" pair_wall_med=%.4f pair_cpu_med=%.4f", median(pair_wall, runs),
		       median(pair_cpu, runs));
	}
	putchar('\n');
	return 0;
}
