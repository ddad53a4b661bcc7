/* main.c - minivm's command line */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bus.h"
#include "image.h"
#include "parse.h"
#include "report.h"
#include "serial.h"
#include "stop.h"
#include "vm.h"

/*
 * Even, so they never clash with a guest's (V << 1) | 1 exit code; 124
 * and 128 + signal are timeout(1)'s and the shell's.
 */
enum exit_status {
	EXIT_HALTED = 0,
	EXIT_USAGE = 2,
	EXIT_HOST_FAILED = 4,
	EXIT_GUEST_CRASHED = 6,
	EXIT_TIMED_OUT = 124,
	EXIT_SIGNALLED = 128,	/* plus the signal's number */
};

struct options {
	uint64_t memory;
	uint64_t load_address;
	uint16_t serial_port;
	uint64_t timeout_us;	/* 0: none */
	bool verbose;
	const char *image_path;	/* NULL: the bundled hello guest */
};

static void usage(void)
{
	printf("Usage: %s [OPTION]... [IMAGE]\n", PACKAGE);
	puts("Run the flat x86 guest IMAGE in 16-bit real mode on KVM.\n"
	     "Without IMAGE, run the bundled hello guest.\n"
	     "\n"
	     "  -m, --memory=SIZE          guest memory; a plain number is MiB, or use\n"
	     "                               a K, M or G suffix (default 16M)\n"
	     "  -l, --load-address=ADDR    load the image and start executing at ADDR,\n"
	     "                               16-byte aligned, at most 0xffff0 (default 0)\n"
	     "  -p, --serial-port=PORT     I/O base of the serial port (default 0x3f8)\n"
	     "  -t, --timeout=SECONDS      stop the guest after SECONDS (fractions allowed;\n"
	     "                               default: no timeout)\n"
	     "  -v, --verbose              log every VM exit on standard error\n"
	     "  -h, --help                 display this help and exit\n"
	     "  -V, --version              output version information and exit\n"
	     "\n"
	     "Numbers are decimal or 0x-prefixed hexadecimal.  The guest's serial\n"
	     "output goes to standard output; minivm returns when the guest halts.\n"
	     "\n"
	     "Exit status is 0 if the guest halted, 2 for bad usage or input, 4 if\n"
	     "KVM is unavailable or failed or the output could not be written, 6 if\n"
	     "the guest stopped in a way minivm does not handle (a crash), 124 if it\n"
	     "timed out, and 128 plus the signal's number if a signal stopped it.");
	printf("\nReport bugs to: %s\n", PACKAGE_BUGREPORT);
}

static void version(void)
{
	printf("%s %s\n", PACKAGE, VERSION);
	puts("Copyright (C) 2026 the minivm authors.\n"
	     "License GPLv3+: GNU GPL version 3 or later "
	     "<https://gnu.org/licenses/gpl.html>.\n"
	     "This is free software: you are free to change and redistribute it.\n"
	     "There is NO WARRANTY, to the extent permitted by law.");
}

static int invalid(const char *option, const char *value, const char *why)
{
	fprintf(stderr, "minivm: invalid %s '%s': %s\n", option, value, why);
	return -1;
}

static int parse_option(struct options *opts, int c, const char *arg)
{
	const char *why;

	switch (c) {
	case 'm':
		why = parse_memory_size(arg, &opts->memory);
		return why ? invalid("memory size", arg, why) : 0;
	case 'l':
		why = parse_load_address(arg, &opts->load_address);
		return why ? invalid("load address", arg, why) : 0;
	case 'p':
		why = parse_port(arg, &opts->serial_port);
		return why ? invalid("serial port", arg, why) : 0;
	case 't':
		why = parse_timeout(arg, &opts->timeout_us);
		return why ? invalid("timeout", arg, why) : 0;
	case 'v':
		opts->verbose = true;
		return 0;
	default:
		return -1;
	}
}

static const struct option long_options[] = {
	{ "memory", required_argument, NULL, 'm' },
	{ "load-address", required_argument, NULL, 'l' },
	{ "serial-port", required_argument, NULL, 'p' },
	{ "timeout", required_argument, NULL, 't' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

/* getopt's own messages are off: every usage error gets one line. */
static int bad_usage(char *const argv[], int c)
{
	const char *arg = argv[optind - 1];

	if (c == ':')
		fprintf(stderr, "minivm: option '%s' needs a value; see "
			"'minivm --help'\n", arg);
	else
		fprintf(stderr, "minivm: unknown option '%s'; see "
			"'minivm --help'\n", arg);
	return EXIT_USAGE;
}

/* Returns -1 to go on, or the status to exit with now. */
static int parse_command_line(struct options *opts, int argc,
			      char *const argv[])
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:l:p:t:vhV", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'h':
			usage();
			return EXIT_SUCCESS;
		case 'V':
			version();
			return EXIT_SUCCESS;
		case '?':
		case ':':
			return bad_usage(argv, c);
		default:
			if (parse_option(opts, c, optarg) < 0)
				return EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		fprintf(stderr, "minivm: too many arguments: '%s'; one IMAGE "
			"at most\n", argv[optind + 1]);
		return EXIT_USAGE;
	}
	opts->image_path = argv[optind];
	return -1;
}

static int load_image(struct image *image, const struct options *opts)
{
	if (opts->image_path)
		return image_read(image, opts->image_path, opts->load_address,
				  opts->memory);
	image_bundled(image);
	return image_check_fit("hello.bin (built in)", image->size,
			       opts->load_address, opts->memory);
}

/* Why the run stopped, as an exit status, with a last word on stderr. */
static int stopped_status(const struct vm *vm, const struct options *opts)
{
	int signo = stop_signal();

	if (signo == SIGALRM) {
		fprintf(stderr, "minivm: guest timed out after %" PRIu64
			".%06" PRIu64 " seconds\n", opts->timeout_us / 1000000,
			opts->timeout_us % 1000000);
		report_vcpu(vm);
		return EXIT_TIMED_OUT;
	}
	fprintf(stderr, "minivm: stopped by signal %d (%s)\n", signo,
		strsignal(signo));
	return EXIT_SIGNALLED + signo;
}

static int run_status(struct vm *vm, const struct options *opts,
		      struct bus *bus, const struct serial *serial)
{
	switch (vm_run(vm, bus, opts->verbose)) {
	case VM_HALTED:
		return EXIT_HALTED;
	case VM_GUEST_CRASHED:
		return EXIT_GUEST_CRASHED;
	case VM_STOPPED:
		return stopped_status(vm, opts);
	case VM_FAILED:
		if (serial->output_error)
			fprintf(stderr, "minivm: write error on standard "
				"output: %s\n", strerror(serial->output_error));
		break;
	}
	return EXIT_HOST_FAILED;
}

static int run_guest(const struct options *opts, const struct image *image,
		     struct serial *serial)
{
	struct bus bus;
	struct vm vm;
	int status = EXIT_HOST_FAILED;

	bus_init(&bus);
	if (serial_attach(serial, &bus, opts->serial_port) < 0) {
		fprintf(stderr, "minivm: cannot attach the serial port at "
			"0x%x\n", opts->serial_port);
		return EXIT_USAGE;
	}
	if (vm_create(&vm, (size_t)opts->memory, image,
		      (uint32_t)opts->load_address) == 0 &&
	    stop_arm(vm.run, opts->timeout_us) == 0) {
		status = run_status(&vm, opts, &bus, serial);
		stop_disarm();
	}
	vm_destroy(&vm);
	return status;
}

/*
 * Output that never reached its reader is a failure, as in GNU tools;
 * one that already failed during the run has been reported.
 */
static int close_stdout(int status, bool reported)
{
	if (fclose(stdout) != 0 && !reported) {
		fprintf(stderr, "minivm: write error on standard output: %s\n",
			strerror(errno));
		return status == EXIT_HALTED ? EXIT_HOST_FAILED : status;
	}
	return status;
}

int main(int argc, char *argv[])
{
	struct options opts = {
		.memory = 16u << 20,
		.load_address = 0,
		.serial_port = 0x3f8,
	};
	struct serial serial;
	struct image image;
	int status = parse_command_line(&opts, argc, argv);

	if (status >= 0)
		return close_stdout(status, false);
	if (load_image(&image, &opts) < 0)
		return EXIT_USAGE;
	/*
	 * A closed pipe is a write error to report, not a silent death; on
	 * a terminal, every byte shows as soon as the guest sends it.
	 */
	signal(SIGPIPE, SIG_IGN);
	if (isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IONBF, 0);
	serial_init(&serial, stdout);
	status = run_guest(&opts, &image, &serial);
	image_release(&image);
	return close_stdout(status, serial.output_error != 0);
}
