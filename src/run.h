/* run.h - one run of a guest, from the options to an exit status */
#ifndef MINIVM_RUN_H
#define MINIVM_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/boot.h"

/*
 * minivm's own statuses are even, so they never clash with a guest's
 * (V << 1) | 1 from the exit port; 124 and 128 + signal are timeout(1)'s
 * and the shell's.
 */
enum exit_status {
	EXIT_HALTED = 0,
	EXIT_USAGE = 2,
	EXIT_HOST_FAILED = 4,
	EXIT_GUEST_CRASHED = 6,
	EXIT_TIMED_OUT = 124,
	EXIT_SIGNALLED = 128,	/* plus the signal's number */
};

/* The firmware a disk boots with when no IMAGE or --firmware is given. */
#define DEFAULT_FIRMWARE "/usr/share/seabios/bios.bin"

/* The most --cpus: the MP table's and the local APIC IDs' room. */
#define RUN_MAX_CPUS 64

/* The most --disk options: four, as a PC had IDE disks. */
#define RUN_MAX_DISKS 4

struct disk_option {
	const char *path;
	bool read_only;		/* FILE,ro */
};

struct run_options {
	struct boot_options boot;	/* but its initrd: see initrd_path */
	const char *initrd_path;	/* --initrd; NULL: none */
	struct disk_option disks[RUN_MAX_DISKS];	/* --disk */
	unsigned disk_count;
	const char *firmware_path;	/* --firmware; NULL: none */
	const char *firmware_log_path;	/* --firmware-log; NULL: none */
	unsigned cpus;		/* --cpus, 1 to RUN_MAX_CPUS */
	bool apic;		/* local APICs, the I/O APIC: --apic, cpus > 1 */
	uint16_t serial_port;
	int32_t exit_port;	/* -1: none */
	uint64_t timeout_us;	/* 0: none */
	bool verbose;
	bool stats;		/* --stats: where the time went, at the end */
	bool testdev;		/* --testdev: add QEMU's pc-testdev */
	bool batch;		/* use coalesced PIO where KVM has it */
	const char *image_path;	/* NULL: the bundled hello guest */
};

/* Runs the guest OPTS describes and returns the exit status for it. */
int run(const struct run_options *opts);

#endif
