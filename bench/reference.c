/*
 * reference.c - the least a program must do to run a benchmark guest on
 * KVM: the raw ioctls, no options, no devices but one output port, and
 * no checks beyond what keeps it from running wild.  It is the limit
 * that minivm is measured against.
 *
 * Usage: reference IMAGE MEMORY_MIB [coalesced | irqchip]
 * Loads IMAGE at 0, runs it in real mode, writes what the guest sends
 * to port 0x3f8 to standard output, and exits 0 at hlt.  With
 * "coalesced", port 0x3f8 goes through KVM's coalesced PIO ring from the
 * start: the least any runner can pay per output byte on this host.
 * With "irqchip", the VM also has KVM's in-kernel interrupt controllers
 * and PIT, as the other design for minivm's would (hlt then stays in
 * the kernel, so the run ends at the workload's write to port 0xf4):
 * what that design costs a run before its guest does anything.
 */
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

static char out[1 << 16];
static size_t out_len;

static void flush(void)
{
	if (out_len && write(STDOUT_FILENO, out, out_len) < 0)
		exit(1);
	out_len = 0;
}

static void put(const void *data, size_t n)
{
	if (out_len + n > sizeof(out))
		flush();
	memcpy(out + out_len, data, n);
	out_len += n;
}

/* Takes the bytes KVM queued in the ring since the last exit. */
static void drain(struct kvm_coalesced_mmio_ring *ring)
{
	const unsigned int max = (4096 - sizeof(*ring)) /
				 sizeof(ring->coalesced_mmio[0]);

	while (ring && ring->first != ring->last) {
		put(ring->coalesced_mmio[ring->first].data, 1);
		__atomic_store_n(&ring->first, (ring->first + 1) % max,
				 __ATOMIC_RELEASE);
	}
}

int main(int argc, char *argv[])
{
	const char *variant = argc == 4 ? argv[3] : "";

	if (argc != 3 && (argc != 4 || (strcmp(variant, "coalesced") &&
					strcmp(variant, "irqchip"))))
		return 2;
	size_t size = strtoull(argv[2], NULL, 10) << 20;
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	int vm = ioctl(kvm, KVM_CREATE_VM, 0);
	void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	struct kvm_userspace_memory_region region = {
		.memory_size = size, .userspace_addr = (unsigned long)mem,
	};
	int image = open(argv[1], O_RDONLY);

	if (kvm < 0 || vm < 0 || mem == MAP_FAILED || image < 0 ||
	    ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0 ||
	    read(image, mem, size) <= 0)
		return 1;
	struct kvm_pit_config pit = { .flags = KVM_PIT_SPEAKER_DUMMY };

	if (!strcmp(variant, "irqchip") &&
	    (ioctl(vm, KVM_SET_TSS_ADDR, 0xfffbd000) < 0 ||
	     ioctl(vm, KVM_CREATE_IRQCHIP, 0) < 0 ||
	     ioctl(vm, KVM_CREATE_PIT2, &pit) < 0))
		return 1;
	int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	int run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	struct kvm_run *run = mmap(NULL, run_size, PROT_READ | PROT_WRITE,
				   MAP_SHARED, vcpu, 0);
	struct kvm_sregs sregs;
	struct kvm_regs regs = { .rflags = 2 };
	struct kvm_coalesced_mmio_zone zone = { .addr = 0x3f8, .size = 1,
						.pio = 1 };
	struct kvm_coalesced_mmio_ring *ring = NULL;

	if (vcpu < 0 || run == MAP_FAILED ||
	    ioctl(vcpu, KVM_GET_SREGS, &sregs) < 0)
		return 1;
	sregs.cs.selector = sregs.cs.base = 0;
	sregs.ds = sregs.es = sregs.ss = sregs.cs;
	sregs.ds.type = sregs.es.type = sregs.ss.type = 3;
	if (ioctl(vcpu, KVM_SET_SREGS, &sregs) < 0 ||
	    ioctl(vcpu, KVM_SET_REGS, &regs) < 0)
		return 1;
	if (!strcmp(variant, "coalesced")) {
		if (ioctl(vm, KVM_REGISTER_COALESCED_MMIO, &zone) < 0)
			return 1;
		ring = (void *)((char *)run +
				4096 * KVM_COALESCED_MMIO_PAGE_OFFSET);
	}
	for (;;) {
		if (ioctl(vcpu, KVM_RUN, 0) < 0)
			return 1;
		drain(ring);
		if (run->exit_reason == KVM_EXIT_HLT)
			break;
		if (run->exit_reason != KVM_EXIT_IO)
			return 1;
		if (run->io.direction == KVM_EXIT_IO_OUT && run->io.port == 0x3f8)
			put((char *)run + run->io.data_offset,
			    (size_t)run->io.size * run->io.count);
		if (run->io.port == 0xf4 && !strcmp(variant, "irqchip"))
			break;
	}
	flush();
	return 0;
}
