/* main.c - minivm's command line */
#include <config.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "run.h"
#include "devices/serial.h"

static void usage(void)
{
	printf("Usage: %s [OPTION]... [IMAGE]\n", PACKAGE);
	puts("Run the x86 guest IMAGE, a Linux or multiboot kernel or a flat image,\n"
	     "on KVM.\n"
	     "Without IMAGE, run the bundled hello guest.\n"
	     "\n"
	     "  -m, --memory=SIZE          guest memory; a plain number is MiB, or use\n"
	     "                               a K, M or G suffix (default 16M)\n"
	     "  -c, --cpus=N               give the guest N processors, 1 to 64\n"
	     "                               (default 1); with more than one, local\n"
	     "                               APICs, an I/O APIC and an MP table\n"
	     "      --apic                 give one CPU those too, as several have,\n"
	     "                               rather than the PICs alone\n"
	     "      --mode=MODE            start a flat image in MODE: real (16-bit, the\n"
	     "                               default), protected (32-bit, flat segments)\n"
	     "                               or long (64-bit, identity-mapped)\n"
	     "  -l, --load-address=ADDR    load a flat image and start executing at ADDR;\n"
	     "                               real mode: 16-byte aligned, at most 0xffff0\n"
	     "                               (default 0); protected: below 4 GiB; long:\n"
	     "                               anywhere (default 0x100000 for both)\n"
	     "  -a, --append=CMDLINE       the kernel's command line\n"
	     "  -i, --initrd=FILE          load FILE as the kernel's initrd (Linux) or\n"
	     "                               module (multiboot)\n"
	     "  -d, --disk=FILE[,ro]       give the guest the raw disk image FILE, a\n"
	     "                               virtio block device on PCI (Linux: /dev/vda,\n"
	     "                               then vdb...); with ,ro it is read-only; up to\n"
	     "                               4 disks\n"
	     "  -b, --firmware=FILE        start FILE, a BIOS ROM such as SeaBIOS's\n"
	     "                               bios.bin, at the reset vector, to boot the\n"
	     "                               disks (no IMAGE then); the default with a\n"
	     "                               disk and no IMAGE: " DEFAULT_FIRMWARE "\n"
	     "      --firmware-log=FILE    write the firmware's debug log (port 0x402)\n"
	     "                               to FILE\n"
	     "  -p, --serial-port=PORT     I/O base of the serial port (default 0x3f8)\n"
	     "  -e, --exit-port=PORT       add an exit port at PORT: a guest's write of V\n"
	     "                               ends the run with status (V << 1) | 1, as\n"
	     "                               QEMU's isa-debug-exit does (default: none)\n"
	     "  -t, --timeout=SECONDS      stop the guest after SECONDS (fractions allowed;\n"
	     "                               default: no timeout)\n"
	     "      --testdev              add QEMU's pc-testdev, as kvm-unit-tests want:\n"
	     "                               a scratch register at ports 0xe0 to 0xeb,\n"
	     "                               and ports 0x2000 + N that raise (write 1)\n"
	     "                               or lower (write 0) IRQ N\n"
	     "  -v, --verbose              log every VM exit on standard error\n"
	     "      --stats                at the end, say on standard error where the\n"
	     "                               run's time went: the guest, sleep, each\n"
	     "                               kind of exit; for each vCPU\n"
	     "  -h, --help                 display this help and exit\n"
	     "  -V, --version              output version information and exit\n"
	     "\n"
	     "An IMAGE with Linux's setup header is booted as the x86 boot protocol\n"
	     "says (give it -m 256M or more).  One with a multiboot header in its\n"
	     "first 8 KiB is loaded as its header and ELF program headers say, and\n"
	     "entered in 32-bit protected mode with EAX = 0x2badb002 and EBX pointing\n"
	     "to the multiboot information; any other IMAGE is flat, copied to the\n"
	     "load address and run from its start.\n"
	     "\n"
	     "Numbers are decimal or 0x-prefixed hexadecimal.  The serial port is a\n"
	     "16550A UART: what the guest sends goes to standard output, and standard\n"
	     "input is what it receives.  On a terminal, keys go to the guest as they\n"
	     "are typed, Ctrl-C too; Ctrl-A x quits minivm.  The guest also finds a PC's\n"
	     "interrupt controllers, timer and reset ports (see 'man minivm').\n"
	     "minivm returns when the guest halts with interrupts off, or resets.\n"
	     "\n"
	     "Exit status is 0 if the guest halted, 2 for bad usage or input, 4 if\n"
	     "KVM is unavailable or failed or the output could not be written, 6 if\n"
	     "the guest stopped in a way minivm does not handle (a crash), 124 if it\n"
	     "timed out, 128 plus the signal's number if a signal stopped it, and\n"
	     "(V << 1) | 1 if it wrote V to the exit port.");
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

static int parse_ports(struct run_options *opts, int c, const char *arg)
{
	uint16_t port;

	/* The serial port's eight registers must all lie below 0x10000. */
	if (c == 'p' && parse_port(arg, 0x10000 - SERIAL_PORTS, &port))
		return invalid("serial port", arg, "not a port from 0 to 0xfff8");
	if (c == 'e' && parse_port(arg, 0xffff, &port))
		return invalid("exit port", arg, "not a port from 0 to 0xffff");
	if (c == 'p')
		opts->serial_port = port;
	else
		opts->exit_port = port;
	return 0;
}

/*
 * FILE, or FILE,ro for a read-only disk.  Only ",ro" at the end is an
 * option: a file whose name has another comma is named as it is.
 */
static int add_disk(struct run_options *opts, const char *arg)
{
	size_t length = strlen(arg);
	bool read_only = length >= 3 && strcmp(arg + length - 3, ",ro") == 0;
	struct disk_option disk = { .path = arg, .read_only = read_only };

	if (opts->disk_count == RUN_MAX_DISKS)
		return invalid("disk", arg, "a fifth disk; at most 4 are allowed");
	if (length == (read_only ? 3u : 0u))
		return invalid("disk", arg, "no file named");
	if (read_only) {
		disk.path = strndup(arg, length - 3);
		if (!disk.path)
			return invalid("disk", arg, "out of memory");
	}
	opts->disks[opts->disk_count++] = disk;
	return 0;
}

static void release_disks(struct run_options *opts)
{
	for (unsigned i = 0; i < opts->disk_count; i++)
		if (opts->disks[i].read_only)
			free((char *)opts->disks[i].path);
}

/* 1 to RUN_MAX_CPUS; what KVM allows is checked when the VM is made. */
static int parse_cpus(struct run_options *opts, const char *arg)
{
	uint64_t n;

	if (parse_number(arg, &n) || n < 1 || n > RUN_MAX_CPUS)
		return invalid("number of CPUs", arg, "not a number from 1 "
			       "to 64");
	opts->cpus = (unsigned)n;
	return 0;
}

/* Options with no short form. */
enum { OPT_MODE = 256, OPT_APIC, OPT_STATS, OPT_TESTDEV, OPT_FIRMWARE_LOG };

static int parse_option(struct run_options *opts, int c, const char *arg)
{
	const char *why;

	switch (c) {
	case 'm':
		why = parse_memory_size(arg, &opts->boot.memory);
		return why ? invalid("memory size", arg, why) : 0;
	case OPT_MODE:
		opts->boot.mode_set = true;
		why = parse_mode(arg, &opts->boot.mode);
		return why ? invalid("mode", arg, why) : 0;
	case 'l':
		/* Checked once the mode is known: see check_load_address. */
		why = parse_number(arg, &opts->boot.load_address);
		opts->boot.load_set = true;
		return why ? invalid("load address", arg, why) : 0;
	case 'c':
		return parse_cpus(opts, arg);
	case OPT_APIC:
		opts->apic = true;
		return 0;
	case 'a':
		opts->boot.cmdline = arg;
		return 0;
	case 'i':
		opts->initrd_path = arg;
		return 0;
	case 'd':
		return add_disk(opts, arg);
	case 'p':
	case 'e':
		return parse_ports(opts, c, arg);
	case 't':
		why = parse_timeout(arg, &opts->timeout_us);
		return why ? invalid("timeout", arg, why) : 0;
	case 'v':
		opts->verbose = true;
		return 0;
	case OPT_STATS:
		opts->stats = true;
		return 0;
	case OPT_TESTDEV:
		opts->testdev = true;
		return 0;
	case 'b':
		opts->firmware_path = arg;
		return 0;
	case OPT_FIRMWARE_LOG:
		opts->firmware_log_path = arg;
		return 0;
	default:
		return -1;
	}
}

static const struct option long_options[] = {
	{ "memory", required_argument, NULL, 'm' },
	{ "cpus", required_argument, NULL, 'c' },
	{ "apic", no_argument, NULL, OPT_APIC },
	{ "mode", required_argument, NULL, OPT_MODE },
	{ "load-address", required_argument, NULL, 'l' },
	{ "append", required_argument, NULL, 'a' },
	{ "initrd", required_argument, NULL, 'i' },
	{ "disk", required_argument, NULL, 'd' },
	{ "serial-port", required_argument, NULL, 'p' },
	{ "exit-port", required_argument, NULL, 'e' },
	{ "timeout", required_argument, NULL, 't' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "testdev", no_argument, NULL, OPT_TESTDEV },
	{ "firmware", required_argument, NULL, 'b' },
	{ "firmware-log", required_argument, NULL, OPT_FIRMWARE_LOG },
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

/* What a load address may be depends on the mode, which may come later. */
static int check_load_address(struct run_options *opts, const char *text)
{
	const struct boot_options *boot = &opts->boot;
	enum cpu_mode mode = boot->mode_set ? boot->mode : CPU_REAL;
	const char *why;

	if (!text)
		return 0;
	why = parse_load_address(text, mode, &opts->boot.load_address);
	return why ? invalid("load address", text, why) : 0;
}

/*
 * Firmware boots the disks, as a PC's does: an IMAGE has no place
 * beside it, nor do the options that say how to load one.  With disks
 * and nothing else to boot, the default firmware does.
 */
static int check_firmware(struct run_options *opts)
{
	const struct boot_options *boot = &opts->boot;

	if (!opts->firmware_path && !opts->image_path && opts->disk_count &&
	    !boot->mode_set && !boot->load_set && !boot->cmdline &&
	    !opts->initrd_path)
		opts->firmware_path = DEFAULT_FIRMWARE;
	if (!opts->firmware_path && opts->firmware_log_path) {
		fprintf(stderr, "minivm: --firmware-log without firmware: "
			"only firmware writes that log (see --firmware)\n");
		return EXIT_USAGE;
	}
	if (!opts->firmware_path)
		return -1;
	if (opts->image_path || boot->mode_set || boot->load_set ||
	    boot->cmdline || opts->initrd_path) {
		fprintf(stderr, "minivm: --firmware starts the machine from "
			"its ROM and boots the disks: an IMAGE, --mode, "
			"--load-address, --append and --initrd have no place "
			"beside it\n");
		return EXIT_USAGE;
	}
	return -1;
}

/* Returns -1 to go on and run, or the status to exit with now. */
static int parse_command_line(struct run_options *opts, int argc,
			      char *const argv[])
{
	const char *load_address = NULL;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:c:l:a:i:d:b:p:e:t:vhV", long_options,
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
			if (c == 'l')
				load_address = optarg;
		}
	}
	if (check_load_address(opts, load_address) < 0)
		return EXIT_USAGE;
	if (argc - optind > 1) {
		fprintf(stderr, "minivm: too many arguments: '%s'; one IMAGE "
			"at most\n", argv[optind + 1]);
		return EXIT_USAGE;
	}
	opts->image_path = argv[optind];
	if (!opts->image_path && opts->boot.mode_set &&
	    opts->boot.mode != CPU_REAL) {
		fprintf(stderr, "minivm: --mode beyond real needs an IMAGE: "
			"the built-in hello guest is 16-bit code\n");
		return EXIT_USAGE;
	}
	return check_firmware(opts);
}

int main(int argc, char *argv[])
{
	struct run_options opts = {
		.boot.memory = 16u << 20,
		.boot.load_address = 0,
		.cpus = 1,
		.serial_port = 0x3f8,
		.exit_port = -1,
	};
	const char *batch = getenv("MINIVM_COALESCED_PIO");
	int status = parse_command_line(&opts, argc, argv);

	opts.batch = !batch || strcmp(batch, "0") != 0;
	/* Several CPUs start each other through their local APICs. */
	opts.apic = opts.apic || opts.cpus > 1;
	if (status < 0) {
		status = run(&opts);
	} else if (ferror(stdout) | fclose(stdout)) {
		/*
		 * --help or --version: their output must have been written,
		 * also what went out before the last of it.
		 */
		perror("minivm: write error on standard output");
		status = EXIT_HOST_FAILED;
	}
	release_disks(&opts);
	return status;
}
