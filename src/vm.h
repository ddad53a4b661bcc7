/* vm.h - the VM and vCPU lifecycle and the run loop */
#ifndef MINIVM_VM_H
#define MINIVM_VM_H

#include <linux/kvm.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "coalesce.h"
#include "boot/plan.h"
#include "machine.h"
#include "memory.h"
#include "stats.h"
#include "stop.h"

struct vm {
	int kvm_fd;
	int vm_fd;
	int vcpu_fd;
	uint8_t *memory;	/* one mapping: all of the guest's RAM */
	size_t memory_size;	/* its size, --memory's */
	/* Where its parts are, below the 32-bit hole and above: use these. */
	struct guest_memory ram;
	uint8_t *rom;		/* the firmware's mapping, or NULL */
	size_t rom_size;
	struct kvm_run *run;
	size_t run_size;
	struct coalesce coalesce;
	struct wake_timer wake;
	struct stats *stats;	/* for --stats; NULL: not kept */
};

enum vm_result {
	VM_HALTED,		/* hlt that no interrupt can ever end */
	VM_GUEST_CRASHED,	/* an exit no device or rule handles */
	VM_DEVICE_STOPPED,	/* a device's write ended the run */
	VM_STOPPED,		/* a signal or the timeout: see stop_signal */
	VM_FAILED,		/* KVM or the host failed us */
};

/*
 * Creates the VM with MEMORY_SIZE bytes of guest RAM, below the 32-bit
 * hole and from 4 GiB (see boot/layout.h), places PLAN's pieces, which plan_check has passed, and
 * readies one vCPU to start as PLAN's entry state says.  BATCH lets
 * writes to the bus's batchable ports go through KVM's coalesced PIO
 * ring where KVM has one.  On failure, names the failed step on stderr
 * and returns -1; vm_destroy must be called either way.
 */
int vm_create(struct vm *vm, size_t memory_size, const struct plan *plan,
	      bool batch);
/*
 * Runs the vCPU on MACHINE's devices, delivering its PIC's interrupts,
 * until the guest halts for good, something goes wrong or a stop is
 * asked for (see stop.h).  With TRACE, logs every exit on stderr.
 */
enum vm_result vm_run(struct vm *vm, struct machine *machine, bool trace);
void vm_destroy(struct vm *vm);

#endif
