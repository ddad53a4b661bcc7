/*
 * preload.c - an LD_PRELOAD library for the tests: a fake /dev/kvm that
 * fails where a test asks, and an audit of file descriptors left open.
 *
 * Setting any of these makes /dev/kvm a fake (it opens /dev/null):
 *   FAKE_KVM_API_VERSION=N      KVM_GET_API_VERSION answers N (else 12)
 *   FAKE_KVM_API_VERSION_ERRNO=E  KVM_GET_API_VERSION fails with errno E
 *   FAKE_KVM_CREATE_VM_ERRNO=E  KVM_CREATE_VM fails with errno E
 *   FAKE_KVM_SET_MEMORY_ERRNO=E KVM_SET_USER_MEMORY_REGION fails with E
 *   FAKE_KVM_CREATE_VCPU_ERRNO=E  KVM_CREATE_VCPU fails with E
 * A fake VM goes no further than memory: KVM_CREATE_VCPU always fails,
 * with ENOSYS unless told otherwise.
 *
 * These leave /dev/kvm real, fail one call with errno E, and say so on
 * stderr ("preload: CALL refused"), so a test knows the failure happened:
 *   FAIL_COALESCED_ERRNO=E  KVM_REGISTER_COALESCED_MMIO
 *   FAIL_KVM_RUN_ERRNO=E    KVM_RUN
 *   FAIL_SET_TSS_ADDR_ERRNO=E  KVM_SET_TSS_ADDR
 *   FAIL_GET_SUPPORTED_CPUID_ERRNO=E  KVM_GET_SUPPORTED_CPUID
 *   FAIL_SET_CPUID2_ERRNO=E  KVM_SET_CPUID2
 *   FAIL_SET_MSRS_ERRNO=E   KVM_SET_MSRS
 *   FAIL_KVM_INTERRUPT_ERRNO=E  KVM_INTERRUPT
 *   FAIL_TCSETATTR_ERRNO=E  tcsetattr
 *   FAIL_TIMER_CREATE_ERRNO=E  timer_create
 *   FAIL_TIMER_SETTIME_ERRNO=E  timer_settime
 *   FAIL_PPOLL_ERRNO=E      ppoll
 *   FAIL_EVENTFD_ERRNO=E    eventfd
 *   FAIL_PTHREAD_CREATE_AT=K  the Kth pthread_create, with EAGAIN
 *   SHORT_SET_MSRS=1        KVM_SET_MSRS sets none of the MSRs (returns 0)
 *
 *   RAISE_AFTER_KVM_RUN=N  when the first KVM_RUN returns, raises signal N
 *                          ("preload: signal N after KVM_RUN"): a stop that
 *                          comes while the guest runs, not while minivm
 *                          waits in a write
 *
 *   FAKE_PVM=1 or 0  the PVM module (/sys/module/kvm_pvm) is there, or
 *                    not, whatever the host has: KVM stays as it is
 *
 *   AUDIT_FDS=1  at exit, names on stderr every descriptor the program
 *                opened and left open ("preload: fd N left open: TARGET");
 *                those it inherited do not count.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int fake_kvm_fd = -1;
static int fake_vm_fd = -1;

static int env_number(const char *name, int fallback)
{
	const char *value = getenv(name);

	return value ? atoi(value) : fallback;
}

static int faking(void)
{
	return getenv("FAKE_KVM_API_VERSION") ||
	       getenv("FAKE_KVM_API_VERSION_ERRNO") ||
	       getenv("FAKE_KVM_CREATE_VM_ERRNO") ||
	       getenv("FAKE_KVM_SET_MEMORY_ERRNO") ||
	       getenv("FAKE_KVM_CREATE_VCPU_ERRNO");
}

static int open_through(const char *name, const char *path, int flags,
			mode_t mode)
{
	int (*real_open)(const char *, int, ...) = dlsym(RTLD_NEXT, name);

	if (strcmp(path, "/dev/kvm") == 0 && faking()) {
		fake_kvm_fd = real_open("/dev/null", flags, mode);
		return fake_kvm_fd;
	}
	return real_open(path, flags, mode);
}

#define OPEN_WRAPPER(name)						\
	int name(const char *path, int flags, ...)			\
	{								\
		mode_t mode = 0;					\
		if (flags & (O_CREAT | O_TMPFILE)) {			\
			va_list ap;					\
			va_start(ap, flags);				\
			mode = va_arg(ap, mode_t);			\
			va_end(ap);					\
		}							\
		return open_through(#name, path, flags, mode);		\
	}

OPEN_WRAPPER(open)
OPEN_WRAPPER(open64)

static int fail_with(int err)
{
	errno = err;
	return -1;
}

/* Fails CALL with the errno in the environment variable NAME, if set. */
static int refuse(const char *name, const char *call)
{
	int err = env_number(name, 0);

	if (!err)
		return 0;
	fprintf(stderr, "preload: %s refused\n", call);
	return fail_with(err);
}

static int fake_ioctl(int fd, unsigned long request)
{
	int err;

	if (fd == fake_kvm_fd && request == KVM_GET_API_VERSION) {
		err = env_number("FAKE_KVM_API_VERSION_ERRNO", 0);
		if (err)
			return fail_with(err);
		return env_number("FAKE_KVM_API_VERSION", KVM_API_VERSION);
	}
	if (fd == fake_kvm_fd && request == KVM_CREATE_VM) {
		err = env_number("FAKE_KVM_CREATE_VM_ERRNO", 0);
		if (err)
			return fail_with(err);
		fake_vm_fd = dup(fd);
		return fake_vm_fd;
	}
	if (fd == fake_vm_fd && request == KVM_SET_USER_MEMORY_REGION) {
		err = env_number("FAKE_KVM_SET_MEMORY_ERRNO", 0);
		return err ? fail_with(err) : 0;
	}
	if (fd == fake_vm_fd && request == KVM_CREATE_VCPU)
		return fail_with(env_number("FAKE_KVM_CREATE_VCPU_ERRNO", ENOSYS));
	return fail_with(ENOSYS);
}

/* The real ioctls a test can have fail, and the variable that says so. */
static const struct {
	unsigned long request;
	const char *env;
	const char *call;
} refusable[] = {
	{ KVM_REGISTER_COALESCED_MMIO, "FAIL_COALESCED_ERRNO",
	  "KVM_REGISTER_COALESCED_MMIO" },
	{ KVM_RUN, "FAIL_KVM_RUN_ERRNO", "KVM_RUN" },
	{ KVM_SET_TSS_ADDR, "FAIL_SET_TSS_ADDR_ERRNO", "KVM_SET_TSS_ADDR" },
	{ KVM_GET_SUPPORTED_CPUID, "FAIL_GET_SUPPORTED_CPUID_ERRNO",
	  "KVM_GET_SUPPORTED_CPUID" },
	{ KVM_SET_CPUID2, "FAIL_SET_CPUID2_ERRNO", "KVM_SET_CPUID2" },
	{ KVM_SET_MSRS, "FAIL_SET_MSRS_ERRNO", "KVM_SET_MSRS" },
	{ KVM_INTERRUPT, "FAIL_KVM_INTERRUPT_ERRNO", "KVM_INTERRUPT" },
	{ KVM_ENABLE_CAP, "FAIL_ENABLE_CAP_ERRNO", "KVM_ENABLE_CAP" },
	{ KVM_SIGNAL_MSI, "FAIL_SIGNAL_MSI_ERRNO", "KVM_SIGNAL_MSI" },
	{ KVM_SET_GSI_ROUTING, "FAIL_SET_GSI_ROUTING_ERRNO",
	  "KVM_SET_GSI_ROUTING" },
};

/* After the real KVM_RUN: the signal RAISE_AFTER_KVM_RUN asks for, once. */
static void raise_after_kvm_run(void)
{
	static int raised;
	int signo = env_number("RAISE_AFTER_KVM_RUN", 0);
	int saved = errno;

	if (!signo || raised)
		return;
	raised = 1;
	fprintf(stderr, "preload: signal %d after KVM_RUN\n", signo);
	raise(signo);
	errno = saved;
}

int ioctl(int fd, unsigned long request, ...)
{
	int (*real_ioctl)(int, unsigned long, void *) =
		dlsym(RTLD_NEXT, "ioctl");
	va_list ap;
	void *arg;
	int ret;

	if (fd >= 0 && (fd == fake_kvm_fd || fd == fake_vm_fd))
		return fake_ioctl(fd, request);
	for (size_t i = 0; i < sizeof(refusable) / sizeof(refusable[0]); i++)
		if (request == refusable[i].request &&
		    refuse(refusable[i].env, refusable[i].call))
			return -1;
	if (request == KVM_SET_MSRS && getenv("SHORT_SET_MSRS")) {
		fprintf(stderr, "preload: KVM_SET_MSRS cut short\n");
		return 0;
	}
	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	/* FAKE_MAX_VCPUS: KVM_CAP_MAX_VCPUS says so. */
	if (request == KVM_CHECK_EXTENSION &&
	    (uintptr_t)arg == KVM_CAP_MAX_VCPUS && getenv("FAKE_MAX_VCPUS"))
		return env_number("FAKE_MAX_VCPUS", 0);
	ret = real_ioctl(fd, request, arg);
	if (request == KVM_RUN)
		raise_after_kvm_run();
	return ret;
}

int access(const char *path, int mode)
{
	int (*real_access)(const char *, int) = dlsym(RTLD_NEXT, "access");
	const char *pvm = getenv("FAKE_PVM");

	if (pvm && strcmp(path, "/sys/module/kvm_pvm") == 0)
		return strcmp(pvm, "1") == 0 ? 0 : fail_with(ENOENT);
	return real_access(path, mode);
}

int tcsetattr(int fd, int actions, const struct termios *termios)
{
	int (*real_tcsetattr)(int, int, const struct termios *) =
		dlsym(RTLD_NEXT, "tcsetattr");

	if (refuse("FAIL_TCSETATTR_ERRNO", "tcsetattr"))
		return -1;
	return real_tcsetattr(fd, actions, termios);
}

int timer_create(clockid_t clock, struct sigevent *event, timer_t *id)
{
	int (*real_timer_create)(clockid_t, struct sigevent *, timer_t *) =
		dlsym(RTLD_NEXT, "timer_create");

	if (refuse("FAIL_TIMER_CREATE_ERRNO", "timer_create"))
		return -1;
	return real_timer_create(clock, event, id);
}

int timer_settime(timer_t id, int flags, const struct itimerspec *value,
		  struct itimerspec *old)
{
	int (*real_timer_settime)(timer_t, int, const struct itimerspec *,
				  struct itimerspec *) =
		dlsym(RTLD_NEXT, "timer_settime");

	if (refuse("FAIL_TIMER_SETTIME_ERRNO", "timer_settime"))
		return -1;
	return real_timer_settime(id, flags, value, old);
}

int eventfd(unsigned int value, int flags)
{
	int (*real_eventfd)(unsigned int, int) = dlsym(RTLD_NEXT, "eventfd");

	if (refuse("FAIL_EVENTFD_ERRNO", "eventfd"))
		return -1;
	return real_eventfd(value, flags);
}

/* minivm starts its threads from one thread: the count needs no lock. */
int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg)
{
	int (*real_pthread_create)(pthread_t *, const pthread_attr_t *,
				   void *(*)(void *), void *) =
		dlsym(RTLD_NEXT, "pthread_create");
	static int created;

	if (++created == env_number("FAIL_PTHREAD_CREATE_AT", 0)) {
		fprintf(stderr, "preload: pthread_create refused\n");
		return EAGAIN;
	}
	return real_pthread_create(thread, attr, start, arg);
}

int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *timeout,
	  const sigset_t *mask)
{
	int (*real_ppoll)(struct pollfd *, nfds_t, const struct timespec *,
			  const sigset_t *) = dlsym(RTLD_NEXT, "ppoll");

	if (refuse("FAIL_PPOLL_ERRNO", "ppoll"))
		return -1;
	return real_ppoll(fds, n, timeout, mask);
}

/* What ppoll becomes in a program built with _FORTIFY_SOURCE. */
int __ppoll_chk(struct pollfd *fds, nfds_t n, const struct timespec *timeout,
		const sigset_t *mask, size_t size)
{
	(void)size;
	return ppoll(fds, n, timeout, mask);
}

#define AUDIT_MAX_FD 1024
static char inherited[AUDIT_MAX_FD];

/* Calls FN for each open descriptor, but the one used to list them. */
static void for_each_fd(void (*fn)(int fd))
{
	DIR *dir = opendir("/proc/self/fd");
	struct dirent *entry;

	if (!dir)
		return;
	while ((entry = readdir(dir))) {
		int fd = atoi(entry->d_name);

		if (entry->d_name[0] != '.' && fd != dirfd(dir))
			fn(fd);
	}
	closedir(dir);
}

static void note_inherited(int fd)
{
	if (fd < AUDIT_MAX_FD)
		inherited[fd] = 1;
}

static void report_if_left_open(int fd)
{
	char path[64], target[256] = "?";
	ssize_t n;

	if (fd < AUDIT_MAX_FD && inherited[fd])
		return;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, target, sizeof(target) - 1);
	if (n > 0)
		target[n] = '\0';
	fprintf(stderr, "preload: fd %d left open: %s\n", fd, target);
}

__attribute__((constructor)) static void audit_start(void)
{
	if (getenv("AUDIT_FDS"))
		for_each_fd(note_inherited);
}

__attribute__((destructor)) static void audit_end(void)
{
	if (getenv("AUDIT_FDS"))
		for_each_fd(report_if_left_open);
}
