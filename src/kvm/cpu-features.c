/*
 * cpu-features.c - the processor the guest finds: what CPUID says it
 * has, and the model-specific registers a kernel reads at boot
 *
 * Without KVM_SET_CPUID2 a vCPU reports no features at all, and a
 * 64-bit kernel refuses a CPU without long mode.  minivm passes on what
 * KVM supports, except what its PC lacks.  A machine without local
 * APICs (one CPU, no --apic: the 8259A PICs are its interrupt
 * controllers, see machine.c) reports neither the APIC, x2APIC, the TSC
 * deadline timer that is one of its modes, nor KVM's paravirtual
 * features that are APIC interrupts or need one.  A machine with them
 * has KVM's, and each CPU finds its own APIC ID.
 */
#include <config.h>

#include "kvm/cpu-features.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include "fail.h"

#define LEAF_FEATURES 0x1
#define LEAF_TOPOLOGY 0xb
#define LEAF_TOPOLOGY_V2 0x1f
#define LEAF_KVM_FEATURES 0x40000001

#define ECX_X2APIC (1u << 21)
#define ECX_TSC_DEADLINE (1u << 24)
#define ECX_HYPERVISOR (1u << 31)
#define EDX_APIC (1u << 9)

/* KVM's paravirtual clock and port 0x80 delays need no interrupts. */
#define KVM_FEATURES_KEPT ((1u << 0) | (1u << 1) | (1u << 3) | (1u << 24))

#define MSR_IA32_MISC_ENABLE 0x1a0
#define MISC_ENABLE_FAST_STRING (1u << 0)	/* as firmware sets it */

/*
 * The table's first size is KVM's own limit (KVM_MAX_CPUID_ENTRIES),
 * so one call does: each try walks every leaf, which costs a run's
 * start-up most where CPUID traps to an outer hypervisor.
 */
#define CPUID_ENTRIES_FIRST 256
#define CPUID_ENTRIES_MAX 1024	/* far more than any CPU has */

/* No APIC: none of what needs one. */
static void hide_apic(struct kvm_cpuid_entry2 *e)
{
	switch (e->function) {
	case LEAF_FEATURES:
		e->ecx &= ~(ECX_X2APIC | ECX_TSC_DEADLINE);
		e->edx &= ~EDX_APIC;
		break;
	case LEAF_KVM_FEATURES:
		e->eax &= KVM_FEATURES_KEPT;
		break;
	}
}

/*
 * KVM's table is the host's, with the host CPU's APIC ID in it; each
 * vCPU's own is its ID, in leaf 1 and in the x2APIC topology leaves.
 */
static void set_apic_id(struct kvm_cpuid_entry2 *e, unsigned apic_id)
{
	switch (e->function) {
	case LEAF_FEATURES:
		e->ebx = (e->ebx & 0x00ffffffu) | (apic_id << 24);
		break;
	case LEAF_TOPOLOGY:
	case LEAF_TOPOLOGY_V2:
		e->edx = apic_id;
		break;
	}
}

void cpu_features_adjust(struct kvm_cpuid2 *cpuid, unsigned apic_id,
			 bool apic)
{
	for (unsigned i = 0; i < cpuid->nent; i++) {
		struct kvm_cpuid_entry2 *e = &cpuid->entries[i];

		if (e->function == LEAF_FEATURES)
			e->ecx |= ECX_HYPERVISOR;
		if (apic)
			set_apic_id(e, apic_id);
		else
			hide_apic(e);
	}
}

/* KVM says E2BIG until the table is big enough for every leaf. */
static struct kvm_cpuid2 *supported_cpuid(int kvm_fd)
{
	for (unsigned n = CPUID_ENTRIES_FIRST; n <= CPUID_ENTRIES_MAX; n *= 2) {
		struct kvm_cpuid2 *cpuid = calloc(1, sizeof(*cpuid) +
						  n * sizeof(cpuid->entries[0]));

		if (!cpuid) {
			fail("cannot allocate the CPUID table");
			return NULL;
		}
		cpuid->nent = n;
		if (ioctl(kvm_fd, KVM_GET_SUPPORTED_CPUID, cpuid) == 0)
			return cpuid;
		free(cpuid);
		if (errno != E2BIG) {
			fail("KVM_GET_SUPPORTED_CPUID");
			return NULL;
		}
	}
	fail("KVM_GET_SUPPORTED_CPUID");
	return NULL;
}

static int set_cpuid(int kvm_fd, int vcpu_fd, unsigned apic_id, bool apic)
{
	struct kvm_cpuid2 *cpuid = supported_cpuid(kvm_fd);
	int ret = 0;

	if (!cpuid)
		return -1;
	cpu_features_adjust(cpuid, apic_id, apic);
	if (ioctl(vcpu_fd, KVM_SET_CPUID2, cpuid) < 0)
		ret = fail("KVM_SET_CPUID2");
	free(cpuid);
	return ret;
}

static int set_msrs(int vcpu_fd)
{
	struct {
		struct kvm_msrs header;
		struct kvm_msr_entry entries[1];
	} msrs = {
		.header.nmsrs = 1,
		.entries[0] = {
			.index = MSR_IA32_MISC_ENABLE,
			.data = MISC_ENABLE_FAST_STRING,
		},
	};
	int set = ioctl(vcpu_fd, KVM_SET_MSRS, &msrs);

	if (set < 0)
		return fail("KVM_SET_MSRS");
	if (set != 1) {
		fprintf(stderr, "minivm: KVM_SET_MSRS: KVM refused MSR 0x%x\n",
			MSR_IA32_MISC_ENABLE);
		return -1;
	}
	return 0;
}

int cpu_features_set(int kvm_fd, int vcpu_fd, unsigned apic_id, bool apic)
{
	if (set_cpuid(kvm_fd, vcpu_fd, apic_id, apic) < 0)
		return -1;
	return set_msrs(vcpu_fd);
}
