/* run.c - one run of a guest, from the options to an exit status */
#include <config.h>

#include "run.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "boot/boot.h"
#include "boot/bzimage.h"
#include "fail.h"
#include "kvm/kvm-host.h"
#include "machine.h"
#include "kvm/report.h"
#include "kvm/stop.h"
#include "terminal.h"
#include "kvm/vm.h"

/* A guest's files, read into memory. */
struct files {
	struct image image;
	struct image initrd;
};

static int read_files(struct files *files, const struct run_options *opts)
{
	*files = (struct files){ 0 };
	if (opts->firmware_path)
		return image_read(&files->image, "firmware",
				  opts->firmware_path, opts->boot.memory);
	if (!opts->image_path)
		image_bundled(&files->image);
	else if (image_read(&files->image, "image", opts->image_path,
			    opts->boot.memory) < 0)
		return -1;
	if (opts->initrd_path)
		return image_read(&files->initrd, "initrd", opts->initrd_path,
				  opts->boot.memory);
	return 0;
}

static void release_files(struct files *files)
{
	image_release(&files->image);
	image_release(&files->initrd);
}

/* Firmware's devices, and its log in LOG, which the caller closes. */
static int add_firmware(struct machine *machine, const struct plan *plan,
			const struct run_options *opts, FILE **log)
{
	if (!opts->firmware_path)
		return 0;
	if (opts->firmware_log_path) {
		*log = fopen(opts->firmware_log_path, "w");
		if (!*log) {
			fprintf(stderr, "minivm: cannot write the firmware log "
				"'%s': %s\n", opts->firmware_log_path,
				strerror(errno));
			return -1;
		}
	}
	return machine_add_firmware(machine, plan->rom, plan->rom_size,
				    opts->boot.memory, opts->serial_port, *log);
}

/* fw_cfg for a kernel that reads it; firmware has its own (above). */
static int add_fw_cfg(struct machine *machine, const struct plan *plan,
		      const struct run_options *opts)
{
	if (opts->firmware_path || !plan->reads_fw_cfg)
		return 0;
	return machine_add_fw_cfg(machine, opts->boot.memory);
}

/* The disks, each refused with one line if it cannot be had. */
static int add_disks(struct machine *machine, const struct run_options *opts)
{
	for (unsigned i = 0; i < opts->disk_count; i++)
		if (machine_add_disk(machine, opts->disks[i].path,
				     opts->disks[i].read_only) < 0)
			return -1;
	return 0;
}

/* What goes where in guest memory, all checked before any VM exists. */
static int plan_run(struct plan *plan, const struct files *files,
		    const struct run_options *opts)
{
	struct boot_options boot = opts->boot;

	boot.initrd = opts->initrd_path ? &files->initrd : NULL;
	plan_init(plan, files->image.name);
	if ((opts->firmware_path ? boot_firmware : boot_plan)(plan,
							      &files->image,
							      &boot) < 0) {
		fprintf(stderr, "minivm: %s\n", plan->error);
		return -1;
	}
	return 0;
}

/*
 * Local APICs (several CPUs, or --apic) and the I/O APIC are found
 * through the MP table, by a kernel minivm boots: firmware makes its
 * own, and a real-mode image has the low memory.
 */
static int add_mptable(struct plan *plan, const struct machine *machine,
		       const struct run_options *opts)
{
	struct mptable_machine description;

	if (!opts->apic || opts->firmware_path ||
	    plan->entry.mode == CPU_REAL)
		return 0;
	machine_describe(machine, &description);
	if (boot_add_mptable(plan, &description, opts->boot.memory) < 0) {
		fprintf(stderr, "minivm: %s\n", plan->error);
		return -1;
	}
	return 0;
}

/*
 * PVM runs only Linux kernels built as its guests: a stock kernel there
 * prints nothing, for ever, and the user should know why before it.
 */
static void warn_unbootable(const struct image *image)
{
	const char *limits;

	if (!bzimage_is_bzimage(image))
		return;
	limits = kvm_host_without_hardware();
	if (limits)
		fprintf(stderr, "minivm: warning: /dev/kvm is %s, which "
			"boots only Linux kernels built as PVM guests; a stock "
			"kernel prints nothing and never ends\n", limits);
}

static int signalled_status(int signo)
{
	fprintf(stderr, "minivm: stopped by signal %d (%s)\n", signo,
		strsignal(signo));
	return EXIT_SIGNALLED + signo;
}

/* Why the run stopped, as an exit status, with a last word on stderr. */
static int stopped_status(const struct vm *vm, const struct run_options *opts,
			  const struct terminal *terminal)
{
	int signo = stop_signal();

	/* What failed has been said. */
	if (signo == STOP_HOST_FAILED)
		return EXIT_HOST_FAILED;
	if (terminal->quit) {
		fprintf(stderr, "minivm: quit with Ctrl-A x\n");
		return EXIT_SIGNALLED + signo;
	}

	if (signo == SIGALRM) {
		fprintf(stderr, "minivm: guest timed out after %" PRIu64
			".%06" PRIu64 " seconds\n", opts->timeout_us / 1000000,
			opts->timeout_us % 1000000);
		for (unsigned i = 0; i < vm->cpus; i++)
			report_vcpu(&vm->vcpus[i], &vm->ram);
		return EXIT_TIMED_OUT;
	}
	return signalled_status(signo);
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

static void report_output_error(int error)
{
	fprintf(stderr, "minivm: write error on standard output: %s\n",
		strerror(error));
}

static int run_status(struct vm *vm, const struct run_options *opts,
		      struct machine *machine, const struct terminal *terminal)
{
	enum vm_result result = vm_run(vm, machine, opts->verbose);
	int error = machine->serial.output_error;

	/* Output that failed in the background fails the run too. */
	if (error && result != VM_GUEST_CRASHED)
		result = VM_FAILED;
	switch (result) {
	case VM_HALTED:
		return EXIT_HALTED;
	case VM_GUEST_CRASHED:
		if (error)
			report_output_error(error);
		return EXIT_GUEST_CRASHED;
	case VM_DEVICE_STOPPED:
		return device_status(machine, opts->verbose);
	case VM_STOPPED:
		return stopped_status(vm, opts, terminal);
	case VM_FAILED:
		/* A write a stop signal broke off is the signal's doing. */
		if (error == EINTR && stop_signal() > 0)
			return stopped_status(vm, opts, terminal);
		if (error)
			report_output_error(error);
		break;
	}
	return EXIT_HOST_FAILED;
}

/*
 * On a terminal, minivm reads the keys, for its escape commands, and
 * the guest gets the rest; other input is the guest's as it comes.
 */
static int take_terminal(struct terminal *terminal, struct machine *machine)
{
	int keys;

	if (!terminal->changed)
		return 0;
	keys = terminal_own_input(terminal, &machine->events);
	if (keys < 0)
		return -1;
	serial_set_input(&machine->serial, keys);
	return 0;
}

/*
 * For --stats, a count for each vCPU, from now on (the VM's creation is
 * set-up time).  NULL, said on stderr, if there is no memory for them.
 */
static struct stats *stats_start(unsigned cpus)
{
	struct stats *stats = calloc(cpus, sizeof(*stats));
	int64_t now = clock_now();

	if (!stats) {
		fail("cannot keep the counts of --stats");
		return NULL;
	}
	for (unsigned i = 0; i < cpus; i++)
		stats_init(&stats[i], now);
	return stats;
}

/* With several CPUs, each has its own summary, named. */
static void stats_end(struct stats *stats, unsigned cpus)
{
	int64_t now = clock_now();
	char who[sizeof("vCPU 4294967295")];

	for (unsigned i = 0; i < cpus; i++) {
		snprintf(who, sizeof(who), "vCPU %u", i);
		stats_print(&stats[i], now, cpus > 1 ? who : NULL, stderr);
	}
}

static int run_vm(const struct run_options *opts, const struct plan *plan,
		  struct machine *machine)
{
	struct terminal terminal;
	struct stats *stats = NULL;
	struct vm vm;
	bool counted = false;
	int status = EXIT_HOST_FAILED;

	struct msi_sink apics;
	int created;

	if (opts->stats && !(stats = stats_start(opts->cpus)))
		return EXIT_HOST_FAILED;
	/* Batched writes would be missing from a log of every exit. */
	created = vm_create(&vm, (size_t)opts->boot.memory, plan,
			    opts->batch && !opts->verbose, opts->cpus,
			    opts->apic);
	if (created == VM_REFUSED)
		status = EXIT_USAGE;
	/* With local APICs no vCPU runs in this thread (see smp.c). */
	if (created == 0 &&
	    stop_arm(!vm.apic ? vm.vcpus[0].run : NULL,
		     opts->timeout_us) == 0) {
		machine->ram = vm.ram;
		apics = vm_local_apics(&vm);
		if (vm.apic)
			machine_connect_apics(machine, &apics);
		for (unsigned i = 0; stats && i < vm.cpus; i++)
			vm.vcpus[i].stats = &stats[i];
		counted = stats != NULL;
		if (terminal_raw(&terminal, STDIN_FILENO) == 0) {
			if (take_terminal(&terminal, machine) == 0)
				status = run_status(&vm, opts, machine,
						    &terminal);
			terminal_restore(&terminal);
		}
		stop_disarm();
	}
	vm_destroy(&vm);
	if (counted)
		stats_end(stats, opts->cpus);
	free(stats);
	return status;
}

/*
 * After a stop, the reader had STOP_OUTPUT_SECONDS to take the last
 * output (see stop.h); what it did not take is given up, and a run that
 * had ended well ends as the signal that broke the write off says.
 */
static int given_up_status(int status, int signo)
{
	if (stop_output_expired())
		fprintf(stderr, "minivm: gave up on the output its reader did "
			"not take in the %d seconds after the stop\n",
			STOP_OUTPUT_SECONDS);
	return status == EXIT_HALTED ? signalled_status(signo) : status;
}

/*
 * Output that never reached its reader is a failure, as in GNU tools;
 * one that already failed during the run (RUN_ERROR) has been reported.
 */
static int close_stdout(int status, int run_error)
{
	int closed = fclose(stdout);
	/* Read after: the signal may be what broke the last write off. */
	int signo = stop_signal();

	if (closed != 0) {
		if (errno == EINTR && signo > 0)
			return given_up_status(status, signo);
		if (run_error)
			return status;
		fprintf(stderr, "minivm: write error on standard output: %s\n",
			strerror(errno));
		return status == EXIT_HALTED ? EXIT_HOST_FAILED : status;
	}
	if (run_error == EINTR && signo > 0)
		return given_up_status(status, signo);
	return status;
}

int run(const struct run_options *opts)
{
	struct machine machine = { .disk_count = 0 };
	FILE *firmware_log = NULL;
	struct files files;
	struct plan plan;
	int status = EXIT_USAGE;

	plan_init(&plan, NULL);
	if (read_files(&files, opts) < 0 || plan_run(&plan, &files, opts) < 0 ||
	    machine_init(&machine, opts->serial_port, opts->exit_port,
			 opts->cpus, opts->apic) < 0 ||
	    (opts->testdev && machine_add_testdev(&machine) < 0) ||
	    add_disks(&machine, opts) < 0 ||
	    add_firmware(&machine, &plan, opts, &firmware_log) < 0 ||
	    add_fw_cfg(&machine, &plan, opts) < 0 ||
	    add_mptable(&plan, &machine, opts) < 0)
		goto out;
	/*
	 * A closed pipe is a write error to report, not a silent death; on
	 * a terminal, every byte shows as soon as the guest sends it.
	 */
	signal(SIGPIPE, SIG_IGN);
	if (isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IONBF, 0);
	warn_unbootable(&files.image);
	status = run_vm(opts, &plan, &machine);
	status = close_stdout(status, machine.serial.output_error);
out:
	machine_release(&machine);
	if (firmware_log)
		fclose(firmware_log);
	plan_release(&plan);
	release_files(&files);
	return status;
}
