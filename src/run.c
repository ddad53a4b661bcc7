/* run.c - one run of a guest, from the options to an exit status */
#include <config.h>

#include "run.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "image.h"
#include "machine.h"
#include "report.h"
#include "stop.h"
#include "terminal.h"
#include "vm.h"

static int load_image(struct image *image, const struct run_options *opts)
{
	if (opts->image_path)
		return image_read(image, opts->image_path, opts->load_address,
				  opts->memory);
	image_bundled(image);
	return image_check_fit("hello.bin (built in)", image->size,
			       opts->load_address, opts->memory);
}

/* Why the run stopped, as an exit status, with a last word on stderr. */
static int stopped_status(const struct vm *vm, const struct run_options *opts)
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

/* The exit port's status, or a reset's: a kernel's reboot ends well. */
static int device_status(const struct machine *machine, bool verbose)
{
	if (machine->debug_exit.written)
		return machine->debug_exit.status;
	if (verbose)
		fprintf(stderr, "minivm: the guest reset the machine through "
			"%s\n", machine->reset.requested);
	return EXIT_HALTED;
}

static int run_status(struct vm *vm, const struct run_options *opts,
		      struct machine *machine)
{
	switch (vm_run(vm, machine, opts->verbose)) {
	case VM_HALTED:
		return EXIT_HALTED;
	case VM_GUEST_CRASHED:
		return EXIT_GUEST_CRASHED;
	case VM_DEVICE_STOPPED:
		return device_status(machine, opts->verbose);
	case VM_STOPPED:
		return stopped_status(vm, opts);
	case VM_FAILED:
		if (machine->serial.output_error)
			fprintf(stderr, "minivm: write error on standard "
				"output: %s\n",
				strerror(machine->serial.output_error));
		break;
	}
	return EXIT_HOST_FAILED;
}

static int run_vm(const struct run_options *opts, const struct image *image,
		  struct machine *machine)
{
	struct terminal terminal;
	struct vm vm;
	int status = EXIT_HOST_FAILED;

	/* Batched writes would be missing from a log of every exit. */
	if (vm_create(&vm, (size_t)opts->memory, image,
		      (uint32_t)opts->load_address,
		      opts->batch && !opts->verbose) == 0 &&
	    stop_arm(vm.run, opts->timeout_us) == 0) {
		if (terminal_raw(&terminal, STDIN_FILENO) == 0) {
			status = run_status(&vm, opts, machine);
			terminal_restore(&terminal);
		}
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

int run(const struct run_options *opts)
{
	struct machine machine;
	struct image image;
	int status;

	if (load_image(&image, opts) < 0)
		return EXIT_USAGE;
	if (machine_init(&machine, opts->serial_port, opts->exit_port) < 0) {
		image_release(&image);
		return EXIT_USAGE;
	}
	/*
	 * A closed pipe is a write error to report, not a silent death; on
	 * a terminal, every byte shows as soon as the guest sends it.
	 */
	signal(SIGPIPE, SIG_IGN);
	if (isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IONBF, 0);
	status = run_vm(opts, &image, &machine);
	image_release(&image);
	return close_stdout(status, machine.serial.output_error != 0);
}
