/*
 * smp.h - the run of a machine with local APICs, of one CPU or several:
 * a thread for each vCPU's run loop, and the devices' own events in the
 * thread that started the run, all of them taking one lock around the
 * machine
 */
#ifndef MINIVM_SMP_H
#define MINIVM_SMP_H

#include <stdbool.h>

#include "kvm/vm.h"

/*
 * Runs VM's vCPUs on MACHINE until one of them ends the run (a device,
 * a crash, a failure), every one has halted for good (hlt with
 * interrupts off, or still waiting for its start-up IPI), or a stop is
 * asked for (see stop.h); then every thread is joined.  As vm_run.
 */
enum vm_result smp_run(struct vm *vm, struct machine *machine, bool trace);

#endif
