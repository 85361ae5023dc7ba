/*
 * bench/timeit.c - runs a command several times and reports its wall
 * time, CPU time and peak resident set size (docs/benchmarks.md).
 *
 *   timeit [-r RUNS] [-w WARMUPS] [-o FILE] [-d DIR] [-s STATUS] -- COMMAND [ARG...]
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
 */
#define _GNU_SOURCE
#include <dirent.h>
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
	fputs("usage: timeit [-r RUNS] [-w WARMUPS] [-o FILE] [-d DIR] [-s STATUS] -- COMMAND [ARG...]\n",
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

int
main(int argc, char **argv)
{
	int runs = 5, warmups = 1, i;
	const char *out = "/dev/null", *dir = NULL;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "-r") == 0 && i + 1 < argc) {
			runs = atoi(argv[++i]);
		} else if (strcmp(argv[i], "-w") == 0 && i + 1 < argc) {
			warmups = atoi(argv[++i]);
		} else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) {
			out = argv[++i];
		} else if (strcmp(argv[i], "-d") == 0 && i + 1 < argc) {
			dir = argv[++i];
		} else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
			expected_status = atoi(argv[++i]);
		} else {
			usage();
		}
	}
	if (i >= argc || runs < 1 || warmups < 0)
		usage();
	char **cmd = argv + i;

	double *wall = calloc((size_t)runs, sizeof *wall);
	double *cpu = calloc((size_t)runs, sizeof *cpu);
	double *user = calloc((size_t)runs, sizeof *user);
	double *sys = calloc((size_t)runs, sizeof *sys);
	long rss = 0;
	for (int k = -warmups; k < runs; k++) {
		struct rusage ru;
		if (dir)
			remove_dir(dir);
		double t = run(cmd, out, &ru);
		if (k < 0)
			continue;
		wall[k] = t;
		user[k] = seconds(ru.ru_utime);
		sys[k] = seconds(ru.ru_stime);
		cpu[k] = user[k] + sys[k];
		if (ru.ru_maxrss > rss)
			rss = ru.ru_maxrss;
	}

	long long bytes = 0, files = 0;
	struct stat st;
	if (dir) {
		DIR *d = opendir(dir);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
				bytes += st.st_size;
				files++;
			}
		}
		if (d)
			closedir(d);
	} else if (stat(out, &st) == 0 && S_ISREG(st.st_mode)) {
		bytes = st.st_size;
	}
	double wmin = wall[0], wmax = wall[0];
	for (int k = 1; k < runs; k++) {
		if (wall[k] < wmin)
			wmin = wall[k];
		if (wall[k] > wmax)
			wmax = wall[k];
	}
	printf("runs=%d wall_med=%.6f wall_min=%.6f wall_max=%.6f cpu_med=%.6f user_med=%.6f "
	       "sys_med=%.6f rss_kb=%ld bytes=%lld",
	       runs, median(wall, runs), wmin, wmax, median(cpu, runs), median(user, runs),
	       median(sys, runs), rss, bytes);
	if (dir)
		printf(" files=%lld", files);
	putchar('\n');
	return 0;
}
