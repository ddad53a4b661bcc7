/* vm.h - the VM's lifecycle: KVM, guest memory, the vCPUs, the APICs */
#ifndef MINIVM_VM_H
#define MINIVM_VM_H

#include <linux/kvm.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kvm/coalesce.h"
#include "boot/plan.h"
#include "memory.h"
#include "msi.h"
#include "kvm/vcpu.h"

struct machine;

struct vm {
	int kvm_fd;
	int vm_fd;
	uint8_t *memory;	/* one mapping: all of the guest's RAM */
	size_t memory_size;	/* its size, --memory's */
	/* Where its parts are, below the 32-bit hole and above: use these. */
	struct guest_memory ram;
	uint8_t *rom;		/* the firmware's mapping, or NULL */
	size_t rom_size;
	unsigned cpus;		/* how many of vcpus exist */
	struct vcpu vcpus[VCPU_MAX];
	/*
	 * KVM's local APICs (several CPUs, or --apic), and the I/O APIC's
	 * routes.  With them every vCPU runs in a thread of its own.
	 */
	bool apic;
	struct kvm_irq_routing_entry routes[MSI_SINK_LINES];
	bool routed[MSI_SINK_LINES];	/* written by the guest */
	struct coalesce coalesce;
};

enum vm_result {
	VM_HALTED,		/* hlt that no interrupt can ever end */
	VM_GUEST_CRASHED,	/* an exit no device or rule handles */
	VM_DEVICE_STOPPED,	/* a device's write ended the run */
	VM_STOPPED,		/* a signal or the timeout: see stop_signal */
	VM_FAILED,		/* KVM or the host failed us */
};

/* What vm_create returns when KVM cannot have what the user asked. */
#define VM_REFUSED (-2)

/*
 * Creates the VM with MEMORY_SIZE bytes of guest RAM, below the 32-bit
 * hole and from 4 GiB (see boot/layout.h), places PLAN's pieces, which
 * plan_check has passed, and readies CPUS vCPUs: the first to start as
 * PLAN's entry state says, the others to wait for its start-up IPI.
 * With APIC (which several CPUs need) they have KVM's local APICs.
 * BATCH lets writes to the bus's batchable ports go through KVM's
 * coalesced PIO ring where KVM has one (one CPU, no APIC).  On failure,
 * names the failed step on stderr and returns -1, or VM_REFUSED if CPUS
 * is more than KVM allows; vm_destroy must be called either way.
 */
int vm_create(struct vm *vm, size_t memory_size, const struct plan *plan,
	      bool batch, unsigned cpus, bool apic);
/* Where the machine's I/O APIC sends its messages (see msi.h). */
struct msi_sink vm_local_apics(struct vm *vm);
/*
 * Runs the vCPUs on MACHINE's devices until the guest halts for good,
 * something goes wrong or a stop is asked for (see stop.h).  With
 * TRACE, logs every exit on stderr.
 */
enum vm_result vm_run(struct vm *vm, struct machine *machine, bool trace);
void vm_destroy(struct vm *vm);

#endif
