/*
 * measure.c - runs a command once, its output to /dev/null, and prints
 * its wall time in microseconds, its peak RSS in KiB, its exit status
 * (or 128 plus the signal that ended it) and the processor time it used
 * (user and system) in microseconds.
 *
 * Usage: measure COMMAND [ARG]...
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	struct timespec start, end;
	struct rusage usage;
	int status;
	pid_t pid;

	if (argc < 2)
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &start);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, STDOUT_FILENO);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &usage) < 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &end);
	printf("%lld %ld %d %lld\n",
	       (long long)(end.tv_sec - start.tv_sec) * 1000000 +
	       (end.tv_nsec - start.tv_nsec) / 1000, usage.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) :
	       128 + WTERMSIG(status),
	       (long long)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) *
	       1000000 + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
	return 0;
}
