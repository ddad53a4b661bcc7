/* report.c - describing a VM exit and the vCPU state for the user */
#include <config.h>

#include "kvm/report.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "boot/layout.h"
#include "memory.h"
#include "kvm/vcpu.h"

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

/*
 * The guest's instruction bytes at CS:IP, up to 16 of them, as far as
 * the RAM region they start in goes.  Beyond real mode, paging is off
 * or maps memory one to one (see boot/mode-tables.c), so the linear
 * address is the physical one.
 */
static void report_code(const struct guest_memory *ram,
			const struct kvm_sregs *s,
			const struct kvm_regs *r)
{
	uint64_t ip = s->cr0 & 1 ? r->rip : r->rip & 0xffff;
	uint64_t at = s->cs.base + ip;
	const uint8_t *code = memory_at(ram, at, 1);
	uint64_t n = 1;

	if (!code) {
		fprintf(stderr, "  code at %05" PRIx64 ": outside guest memory\n",
			at);
		return;
	}
	while (n < 16 && memory_at(ram, at, n + 1))
		n++;
	fprintf(stderr, "  code at %05" PRIx64 ":", at);
	for (uint64_t i = 0; i < n; i++)
		fprintf(stderr, " %02x", code[i]);
	fputc('\n', stderr);
}

void report_vcpu(const struct vcpu *vcpu, const struct guest_memory *ram)
{
	struct kvm_regs r;
	struct kvm_sregs s;

	if (ioctl(vcpu->fd, KVM_GET_REGS, &r) < 0 ||
	    ioctl(vcpu->fd, KVM_GET_SREGS, &s) < 0) {
		fprintf(stderr, "minivm: cannot read the vCPU registers: %s\n",
			strerror(errno));
		return;
	}
	fprintf(stderr,
		"  CS:IP %04x:%04llx  RIP %016llx  RFLAGS %08llx  CR0 %08llx\n"
		"  RAX %016llx  RBX %016llx  RCX %016llx  RDX %016llx\n"
		"  RSI %016llx  RDI %016llx  RBP %016llx  RSP %016llx\n"
		"  DS %04x  ES %04x  SS %04x  FS %04x  GS %04x\n",
		s.cs.selector, (unsigned long long)(r.rip & 0xffff),
		(unsigned long long)r.rip, (unsigned long long)r.rflags,
		(unsigned long long)s.cr0,
		(unsigned long long)r.rax, (unsigned long long)r.rbx,
		(unsigned long long)r.rcx, (unsigned long long)r.rdx,
		(unsigned long long)r.rsi, (unsigned long long)r.rdi,
		(unsigned long long)r.rbp, (unsigned long long)r.rsp,
		s.ds.selector, s.es.selector, s.ss.selector, s.fs.selector,
		s.gs.selector);
	report_code(ram, &s, &r);
}

static const char *internal_error_name(uint32_t suberror)
{
	switch (suberror) {
	case KVM_INTERNAL_ERROR_EMULATION:
		return "emulation failure";
	case KVM_INTERNAL_ERROR_SIMUL_EX:
		return "exception while delivering an exception";
	case KVM_INTERNAL_ERROR_DELIVERY_EV:
		return "fault while delivering an event";
	case KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON:
		return "unexpected hardware exit reason";
	default:
		return "unknown suberror";
	}
}

/*
 * The size is --memory's: the RAM lies below the 32-bit hole and above
 * it (see boot/layout.h), and an access in the hole is named so, since
 * no --memory would have made it RAM.
 */
static void report_mmio(const struct kvm_run *run, size_t memory_size)
{
	uint64_t address = run->mmio.phys_addr;

	fprintf(stderr, ": %u-byte %s at guest physical address 0x%llx, "
		"outside guest memory (%zu bytes)", run->mmio.len,
		run->mmio.is_write ? "write" : "read",
		(unsigned long long)address, memory_size);
	if (address >= RAM_HOLE_START && address < RAM_HOLE_END)
		fprintf(stderr, ", in the 32-bit hole at 0x%" PRIx64 "-0x%"
			PRIx64, RAM_HOLE_START, RAM_HOLE_END - 1);
}

static void report_internal_error(const struct kvm_run *run)
{
	fprintf(stderr, ": suberror %u, %s", run->internal.suberror,
		internal_error_name(run->internal.suberror));
	for (uint32_t i = 0; i < run->internal.ndata && i < 16; i++)
		fprintf(stderr, "%s%llx", i ? " " : "; data ",
			(unsigned long long)run->internal.data[i]);
}

/* The exit's own details, on the line that names it. */
static void report_details(const struct kvm_run *run, size_t memory_size)
{

	switch (run->exit_reason) {
	case KVM_EXIT_SHUTDOWN:
		fputs(": triple fault", stderr);
		break;
	case KVM_EXIT_MMIO:
		report_mmio(run, memory_size);
		break;
	case KVM_EXIT_FAIL_ENTRY:
		fprintf(stderr, ": hardware entry failure reason 0x%llx",
			(unsigned long long)
			run->fail_entry.hardware_entry_failure_reason);
		break;
	case KVM_EXIT_INTERNAL_ERROR:
		report_internal_error(run);
		break;
	case KVM_EXIT_UNKNOWN:
		fprintf(stderr, ": hardware exit reason 0x%llx",
			(unsigned long long)run->hw.hardware_exit_reason);
		break;
	}
}

void report_exit(const struct vcpu *vcpu, const struct guest_memory *ram,
		 size_t memory_size)
{
	uint32_t reason = vcpu->run->exit_reason;
	const char *name = exit_reason_name(reason);

	fputs("minivm: guest stopped", stderr);
	if (vcpu->named)
		fprintf(stderr, " on vCPU %u", vcpu->id);
	if (name)
		fprintf(stderr, ": %s", name);
	else
		fprintf(stderr, ": exit reason %" PRIu32, reason);
	report_details(vcpu->run, memory_size);
	fputc('\n', stderr);
	report_vcpu(vcpu, ram);
}

static void trace_bytes(const uint8_t *data, uint32_t n)
{
	fputs(" data", stderr);
	for (uint32_t i = 0; i < n && i < 16; i++)
		fprintf(stderr, " %02x", data[i]);
	if (n > 16)
		fputs(" ...", stderr);
}

/* What an in or a read brings is not known until it is answered. */
void trace_exit(const struct kvm_run *run)
{
	const char *name = exit_reason_name(run->exit_reason);

	fprintf(stderr, "minivm: exit %s", name ? name : "(unknown)");
	if (run->exit_reason == KVM_EXIT_IO) {
		bool out = run->io.direction == KVM_EXIT_IO_OUT;

		fprintf(stderr, " %s port 0x%04x size %u count %u",
			out ? "out" : "in", run->io.port, run->io.size,
			run->io.count);
		if (out)
			trace_bytes((const uint8_t *)run + run->io.data_offset,
				    run->io.size * run->io.count);
	} else if (run->exit_reason == KVM_EXIT_MMIO) {
		fprintf(stderr, " %s address 0x%llx size %u",
			run->mmio.is_write ? "write" : "read",
			(unsigned long long)run->mmio.phys_addr, run->mmio.len);
		if (run->mmio.is_write)
			trace_bytes(run->mmio.data, run->mmio.len);
	}
	fputc('\n', stderr);
}
