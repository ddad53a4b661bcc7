/*
 * cpu-loop.h - a vCPU's run loop: what its exits ask of the machine,
 * and the whole loop of a machine of one CPU without a local APIC
 */
#ifndef MINIVM_CPU_LOOP_H
#define MINIVM_CPU_LOOP_H

#include <stdbool.h>

#include "kvm/vcpu.h"
#include "kvm/vm.h"

/*
 * Carries out the exit VCPU came back from KVM_RUN with, but for hlt:
 * a port or MMIO access, an EOI for the I/O APIC, an interrupt window.
 * With TRACE, logs it first.  Returns true to go on, or false with
 * *RESULT saying how the run ends; a crash has been reported.
 */
bool cpu_loop_exit(struct vm *vm, struct vcpu *vcpu, struct machine *machine,
		   bool trace, enum vm_result *result);
/*
 * Delivers the PICs' interrupt to VCPU, the boot CPU, if it can take
 * one now; if not, has KVM come back as soon as it can
 * (KVM_EXIT_IRQ_WINDOW_OPEN).  -1 if KVM failed (said on stderr).
 */
int cpu_loop_deliver(struct vcpu *vcpu, struct machine *machine);
/* For --stats: what brought VCPU out of KVM_RUN, and for whom. */
void cpu_loop_count(struct vcpu *vcpu, const struct machine *machine,
		    bool signalled);
/*
 * The run of a machine of one CPU without a local APIC, in the calling
 * thread: its halts come back to minivm, which sleeps until a device
 * interrupts.
 */
enum vm_result cpu_loop_run(struct vm *vm, struct machine *machine,
			    bool trace);

#endif
