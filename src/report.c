/* report.c - describing a VM exit and the vCPU state for the user */
#include <config.h>

#include "report.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "vm.h"

#define NAME(reason) [KVM_EXIT_##reason] = "KVM_EXIT_" #reason

static const char *const exit_names[] = {
	NAME(UNKNOWN), NAME(EXCEPTION), NAME(IO), NAME(HYPERCALL),
	NAME(DEBUG), NAME(HLT), NAME(MMIO), NAME(IRQ_WINDOW_OPEN),
	NAME(SHUTDOWN), NAME(FAIL_ENTRY), NAME(INTR), NAME(SET_TPR),
	NAME(TPR_ACCESS), NAME(S390_SIEIC), NAME(S390_RESET), NAME(DCR),
	NAME(NMI), NAME(INTERNAL_ERROR), NAME(OSI), NAME(PAPR_HCALL),
	NAME(S390_UCONTROL), NAME(WATCHDOG), NAME(S390_TSCH), NAME(EPR),
	NAME(SYSTEM_EVENT), NAME(S390_STSI), NAME(IOAPIC_EOI),
	NAME(HYPERV),
};

const char *exit_reason_name(uint32_t reason)
{
	if (reason < sizeof(exit_names) / sizeof(exit_names[0]))
		return exit_names[reason];
	return NULL;
}

static void report_registers(int vcpu_fd)
{
	struct kvm_regs r;
	struct kvm_sregs s;

	if (ioctl(vcpu_fd, KVM_GET_REGS, &r) < 0 ||
	    ioctl(vcpu_fd, KVM_GET_SREGS, &s) < 0) {
		fprintf(stderr, "minivm: cannot read the vCPU registers: %s\n",
			strerror(errno));
		return;
	}
	fprintf(stderr,
		"  CS:IP %04x:%04" PRIx64 "  RIP %016llx  RFLAGS %08llx  CR0 %08llx\n"
		"  RAX %016llx  RBX %016llx  RCX %016llx  RDX %016llx\n"
		"  RSI %016llx  RDI %016llx  RBP %016llx  RSP %016llx\n"
		"  DS %04x  ES %04x  SS %04x  FS %04x  GS %04x\n",
		s.cs.selector, (uint64_t)(r.rip & 0xffff),
		(unsigned long long)r.rip, (unsigned long long)r.rflags,
		(unsigned long long)s.cr0,
		(unsigned long long)r.rax, (unsigned long long)r.rbx,
		(unsigned long long)r.rcx, (unsigned long long)r.rdx,
		(unsigned long long)r.rsi, (unsigned long long)r.rdi,
		(unsigned long long)r.rbp, (unsigned long long)r.rsp,
		s.ds.selector, s.es.selector, s.ss.selector, s.fs.selector,
		s.gs.selector);
}

void report_exit(const struct vm *vm)
{
	uint32_t reason = vm->run->exit_reason;
	const char *name = exit_reason_name(reason);

	if (name)
		fprintf(stderr, "minivm: guest stopped: %s\n", name);
	else
		fprintf(stderr, "minivm: guest stopped: exit reason %" PRIu32
			"\n", reason);
	report_registers(vm->vcpu_fd);
}
