/* coalesce.h - batching port writes through KVM's coalesced PIO ring */
#ifndef MINIVM_COALESCE_H
#define MINIVM_COALESCE_H

#include <linux/kvm.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bus.h"

/*
 * Registering a zone makes the VM's teardown wait for an RCU grace
 * period (10 to 20 ms), more than a short run's whole output costs in
 * exits; so the ports are batched only once a guest has shown, with
 * this many writes that exited, that it is not a short run.
 */
#define COALESCE_AFTER_WRITES 4096

/*
 * A guest that writes into the ring, then runs on without exiting,
 * would leave its last writes there until the run ended: while the
 * ring has been found with writes in it, minivm looks again at most
 * this long after the last time it drained it.
 */
#define COALESCE_LOOK_NS 20000000

struct coalesce {
	struct kvm_coalesced_mmio_ring *ring;	/* NULL until found */
	uint32_t entries;
	int kvm_fd;		/* where to ask for the ring */
	void *run;		/* the vCPU's mapping, which holds it */
	size_t run_size;
	bool usable;		/* batching is on, and KVM has not refused it */
	unsigned writes;	/* exits for writes to batchable ports */
	unsigned long drained;	/* writes carried out from the ring */
	bool found_writes;	/* the last drain carried some out */
	int64_t look_at;	/* when to look in the ring again, or -1 */
	bool registered;
};

/*
 * Readies batching through the ring in the vCPU's mapping RUN of
 * RUN_SIZE bytes, if ENABLED says to use it; KVM_FD is asked whether
 * it has coalesced PIO only when a guest's writes would use it.
 */
void coalesce_init(struct coalesce *coalesce, int kvm_fd, void *run,
		   size_t run_size, bool enabled);
/*
 * Notes that a write to PORT exited; once enough have, registers every
 * port the bus says may be batched.  Stops batching when a device no
 * longer lets its writes wait (see struct port_ops).
 */
void coalesce_note_write(struct coalesce *coalesce, int vm_fd,
			 const struct bus *bus, uint16_t port);
/* Carries out the batched writes, in order; returns as bus_io does. */
int coalesce_drain(struct coalesce *coalesce, struct bus *bus);
/*
 * When, at the latest, the vCPU should come out of KVM_RUN for the ring
 * to be drained, seen at NOW, just after a drain: -1 while the ring has
 * been found empty.  Every exit pushes it on (see vm.c's set_wake).
 */
int64_t coalesce_deadline(struct coalesce *coalesce, int64_t now);

#endif
