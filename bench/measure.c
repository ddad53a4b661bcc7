/*
 * measure.c - runs a command once, its output to /dev/null, and prints
 * its wall time in microseconds, its peak RSS in KiB, its exit status
 * (or 128 plus the signal that ended it) and the processor time it used
 * (user and system) in microseconds.
 *
 * With -w TEXT, the command's output goes through a pipe instead, and a
 * fifth number says how many microseconds passed before TEXT first
 * appeared in it (-1 if it never did).  A second -w TEXT gives a sixth.
 *
 * Usage: measure [-w TEXT [-w TEXT]] COMMAND [ARG]...
 */
#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)(now.tv_sec - start->tv_sec) * 1000000 +
	       (now.tv_nsec - start->tv_nsec) / 1000;
}

#define TEXTS_MAX 2

/*
 * Reads FD to its end; sets SEEN[I] to when TEXTS[I] was first seen, in
 * microseconds from START, or -1.  A match may straddle two reads: the
 * last bytes, one fewer than the longest text's, are kept for the next.
 */
static void watch(int fd, const char *const *texts, unsigned count,
		  long long *seen, const struct timespec *start)
{
	size_t n = 0, kept = 0;
	char buffer[65536];
	ssize_t got;

	for (unsigned i = 0; i < count; i++) {
		seen[i] = -1;
		if (strlen(texts[i]) > n)
			n = strlen(texts[i]);
	}
	while ((got = read(fd, buffer + kept, sizeof(buffer) - kept)) > 0) {
		size_t have = kept + (size_t)got;

		for (unsigned i = 0; i < count; i++)
			if (seen[i] < 0 &&
			    memmem(buffer, have, texts[i], strlen(texts[i])))
				seen[i] = since(start);
		kept = have < n ? have : n - 1;
		memmove(buffer, buffer + have - kept, kept);
	}
}

int main(int argc, char *argv[])
{
	struct timespec start;
	struct rusage usage;
	const char *texts[TEXTS_MAX];
	long long seen[TEXTS_MAX];
	unsigned count = 0;
	int status, fds[2] = { -1, -1 };
	pid_t pid;

	while (argc > 2 && strcmp(argv[1], "-w") == 0) {
		if (count == TEXTS_MAX || !*argv[2])
			return 2;
		texts[count++] = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 2 || (count && pipe(fds) < 0))
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid = fork();
	if (pid == 0) {
		int out = count ? fds[1] : open("/dev/null", O_WRONLY);

		dup2(out, STDOUT_FILENO);
		if (count) {
			close(fds[0]);
			close(fds[1]);
		}
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (count) {
		close(fds[1]);
		if (pid > 0)
			watch(fds[0], texts, count, seen, &start);
	}
	if (pid < 0 || wait4(pid, &status, 0, &usage) < 0)
		return 1;
	printf("%lld %ld %d %lld", since(&start), usage.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) :
	       128 + WTERMSIG(status),
	       (long long)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) *
	       1000000 + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
	for (unsigned i = 0; i < count; i++)
		printf(" %lld", seen[i]);
	putchar('\n');
	return 0;
}
