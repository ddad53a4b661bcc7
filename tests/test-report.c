/*
 * test-report.c - unit tests of the exit reports that no guest can
 * provoke: a failed VM entry, an exit the hardware could not explain,
 * and an exit reason this build does not know; and how an MMIO exit
 * names guest memory and the 32-bit hole.
 */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "kvm/report.h"
#include "kvm/vcpu.h"

/*
 * What report_exit writes for VCPU, stopped with VCPU->run, in a VM of
 * no RAM and MEMORY_SIZE bytes of --memory, in OUT (of SIZE bytes).
 * There is no vCPU to read registers from, so the report ends with a
 * line saying so; that is part of what is checked.
 */
static void report_of_vcpu(const struct vcpu *vcpu, size_t memory_size,
			   char *out, size_t size)
{
	static const struct guest_memory ram = { .count = 0 };
	FILE *capture = tmpfile();
	int saved = dup(STDERR_FILENO);
	size_t n = 0;

	out[0] = '\0';
	if (!capture || saved < 0)
		return;
	fflush(stderr);
	dup2(fileno(capture), STDERR_FILENO);
	report_exit(vcpu, &ram, memory_size);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(capture);
	n = fread(out, 1, size - 1, capture);
	out[n] = '\0';
	fclose(capture);
}

/* The same for a VM of no memory, its vCPU stopped with RUN. */
static void report_of(struct kvm_run *run, char *out, size_t size)
{
	struct vcpu vcpu = { .fd = -1, .run = run };

	report_of_vcpu(&vcpu, 0, out, size);
}

static bool starts_with(const char *text, const char *prefix)
{
	return strncmp(text, prefix, strlen(prefix)) == 0;
}

static void test_fail_entry(void)
{
	struct kvm_run run = { .exit_reason = KVM_EXIT_FAIL_ENTRY };
	char out[512];

	run.fail_entry.hardware_entry_failure_reason = 0x80000021;
	report_of(&run, out, sizeof(out));
	CHECK(starts_with(out, "minivm: guest stopped: KVM_EXIT_FAIL_ENTRY: "
			  "hardware entry failure reason 0x80000021\n"));
	CHECK(strstr(out, "\nminivm: cannot read the vCPU registers: "
			  "Bad file descriptor\n") != NULL);
}

static void test_unknown(void)
{
	struct kvm_run run = { .exit_reason = KVM_EXIT_UNKNOWN };
	char out[512];

	run.hw.hardware_exit_reason = 0x7f;
	report_of(&run, out, sizeof(out));
	CHECK(starts_with(out, "minivm: guest stopped: KVM_EXIT_UNKNOWN: "
			  "hardware exit reason 0x7f\n"));
}

static void test_unnamed_reason(void)
{
	struct kvm_run run = { .exit_reason = 4000 };
	char out[512];

	CHECK(exit_reason_name(4000) == NULL);
	CHECK(strcmp(exit_reason_name(KVM_EXIT_HLT), "KVM_EXIT_HLT") == 0);
	report_of(&run, out, sizeof(out));
	CHECK(starts_with(out, "minivm: guest stopped: exit reason 4000\n"));
}

/*
 * The size is --memory's, though the RAM ends 1 GiB further up, and an
 * access in the 32-bit hole is named so.
 */
static void test_mmio(void)
{
	struct kvm_run run = { .exit_reason = KVM_EXIT_MMIO };
	struct vcpu vcpu = { .fd = -1, .run = &run };
	char out[512];

	run.mmio.phys_addr = 0xfee00000;
	run.mmio.len = 4;
	run.mmio.is_write = 1;
	report_of_vcpu(&vcpu, 5ull << 30, out, sizeof(out));
	CHECK(starts_with(out, "minivm: guest stopped: KVM_EXIT_MMIO: 4-byte "
			  "write at guest physical address 0xfee00000, "
			  "outside guest memory (5368709120 bytes), in the "
			  "32-bit hole at 0xc0000000-0xffffffff\n"));
	run.mmio.phys_addr = 0x180000000;
	run.mmio.is_write = 0;
	report_of_vcpu(&vcpu, 5ull << 30, out, sizeof(out));
	CHECK(starts_with(out, "minivm: guest stopped: KVM_EXIT_MMIO: 4-byte "
			  "read at guest physical address 0x180000000, "
			  "outside guest memory (5368709120 bytes)\n"));
}

/* One vCPU of several is named; the details follow as for one. */
static void test_named_vcpu(void)
{
	struct kvm_run run = { .exit_reason = KVM_EXIT_SHUTDOWN };
	struct vcpu vcpu = { .id = 3, .named = true, .fd = -1, .run = &run };
	char out[512];

	report_of_vcpu(&vcpu, 0, out, sizeof(out));
	CHECK(starts_with(out, "minivm: guest stopped on vCPU 3: "
			  "KVM_EXIT_SHUTDOWN: triple fault\n"));
	vcpu.named = false;
	report_of_vcpu(&vcpu, 0, out, sizeof(out));
	CHECK(starts_with(out, "minivm: guest stopped: KVM_EXIT_SHUTDOWN: "
			  "triple fault\n"));
}

int main(void)
{
	RUN_TEST(test_fail_entry);
	RUN_TEST(test_unknown);
	RUN_TEST(test_unnamed_reason);
	RUN_TEST(test_mmio);
	RUN_TEST(test_named_vcpu);
	return CHECK_STATUS();
}
