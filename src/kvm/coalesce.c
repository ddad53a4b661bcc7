/* coalesce.c - batching port writes through KVM's coalesced PIO ring */
#include <config.h>

#include "kvm/coalesce.h"

#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

void coalesce_init(struct coalesce *coalesce, int kvm_fd, void *run,
		   size_t run_size, bool enabled)
{
	*coalesce = (struct coalesce){
		.kvm_fd = kvm_fd, .run = run, .run_size = run_size,
		.usable = enabled, .look_at = -1,
	};
}

/*
 * Asked only once a guest has written enough to batch: a short run
 * spends no system calls on a ring it would never use.
 */
static bool find_ring(struct coalesce *coalesce)
{
	long page = sysconf(_SC_PAGESIZE);
	int offset = ioctl(coalesce->kvm_fd, KVM_CHECK_EXTENSION,
			   KVM_CAP_COALESCED_MMIO);

	if (page <= 0 || offset <= 0 ||
	    ioctl(coalesce->kvm_fd, KVM_CHECK_EXTENSION,
		  KVM_CAP_COALESCED_PIO) <= 0 ||
	    coalesce->run_size < (size_t)(offset + 1) * (size_t)page)
		return false;
	coalesce->ring = (void *)((char *)coalesce->run +
				  (size_t)offset * page);
	coalesce->entries = (uint32_t)(((size_t)page -
					sizeof(*coalesce->ring)) /
				       sizeof(struct kvm_coalesced_mmio));
	return true;
}

/* Returns how many of the ports KVM took (or gave back: UNREGISTER). */
static unsigned register_ports(int vm_fd, const struct bus *bus,
			       unsigned long request)
{
	unsigned taken = 0;

	for (unsigned i = 0; i < bus->batchable_count; i++) {
		struct kvm_coalesced_mmio_zone zone = {
			.addr = bus->batchable[i], .size = 1, .pio = 1,
		};

		if (ioctl(vm_fd, request, &zone) == 0)
			taken++;
	}
	return taken;
}

/*
 * A device that now needs its writes at once (a UART whose "THR empty"
 * interrupt is on: a batched write would hold the interrupt back until
 * some other exit) ends the batching; the ring was drained before this
 * exit was handled.  Batching may start again later, as at first.
 */
static void stop_batching(struct coalesce *coalesce, int vm_fd,
			  const struct bus *bus)
{
	register_ports(vm_fd, bus, KVM_UNREGISTER_COALESCED_MMIO);
	coalesce->registered = false;
	coalesce->writes = 0;
}

void coalesce_note_write(struct coalesce *coalesce, int vm_fd,
			 const struct bus *bus, uint16_t port)
{
	if (coalesce->registered && !bus_batching_allowed(bus)) {
		stop_batching(coalesce, vm_fd, bus);
		return;
	}
	if (!coalesce->usable || coalesce->registered ||
	    !bus_batchable(bus, port) ||
	    ++coalesce->writes < COALESCE_AFTER_WRITES)
		return;
	/*
	 * Batching only saves time: a port KVM refuses (out of zones, out
	 * of memory) goes on exiting as before, and the run goes on.
	 */
	if (!coalesce->ring && !find_ring(coalesce)) {
		coalesce->usable = false;
		return;
	}
	coalesce->registered = register_ports(vm_fd, bus,
					      KVM_REGISTER_COALESCED_MMIO) > 0;
	if (!coalesce->registered)
		coalesce->usable = false;
}

int coalesce_drain(struct coalesce *coalesce, struct bus *bus)
{
	struct kvm_coalesced_mmio_ring *ring = coalesce->ring;

	coalesce->found_writes = false;
	if (!coalesce->registered)
		return 0;
	while (ring->first != ring->last) {
		struct kvm_coalesced_mmio *entry =
			&ring->coalesced_mmio[ring->first];
		uint8_t data[sizeof(entry->data)];
		int ret;

		/* Copied out before the slot is given back to KVM. */
		memcpy(data, entry->data, sizeof(data));
		ret = bus_io(bus, true, (uint16_t)entry->phys_addr,
			     entry->len, 1, data);
		__atomic_store_n(&ring->first, (ring->first + 1) %
				 coalesce->entries, __ATOMIC_RELEASE);
		coalesce->drained++;
		coalesce->found_writes = true;
		if (ret != 0)
			return ret;
	}
	return 0;
}

/* What is written from NOW on is drained no later than this. */
int64_t coalesce_deadline(struct coalesce *coalesce, int64_t now)
{
	coalesce->look_at = coalesce->found_writes ? now + COALESCE_LOOK_NS :
			    -1;
	return coalesce->look_at;
}
