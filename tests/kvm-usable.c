/*
 * kvm-usable.c - exits 0 if this machine can create a KVM VM, else 1
 * with the reason on stderr.  The KVM tests ask it before they run.
 * With the argument "coalesced-pio", also needs KVM_CAP_COALESCED_PIO;
 * with "hardware", a KVM on the processor's virtualisation extensions,
 * not PVM (see kvm-host.h): one that runs real mode as the processor
 * does and boots a stock Linux kernel.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kvm/kvm-host.h"

int main(int argc, char *argv[])
{
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	int vm;

	if (kvm < 0) {
		fprintf(stderr, "/dev/kvm: %s\n", strerror(errno));
		return 1;
	}
	if (ioctl(kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION) {
		fprintf(stderr, "/dev/kvm: not KVM API version %d\n",
			KVM_API_VERSION);
		close(kvm);
		return 1;
	}
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0) {
		fprintf(stderr, "KVM_CREATE_VM: %s\n", strerror(errno));
		close(kvm);
		return 1;
	}
	close(vm);
	if (argc > 1 && strcmp(argv[1], "hardware") == 0 &&
	    kvm_host_without_hardware()) {
		fprintf(stderr, "/dev/kvm is %s\n", kvm_host_without_hardware());
		close(kvm);
		return 1;
	}
	if (argc > 1 && strcmp(argv[1], "coalesced-pio") == 0 &&
	    ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_COALESCED_PIO) <= 0) {
		fprintf(stderr, "KVM has no coalesced PIO\n");
		close(kvm);
		return 1;
	}
	close(kvm);
	return 0;
}
