#!/bin/sh
# A triple fault shuts the vCPU down: minivm reports it as a crash, with
# what the guest wrote before it, and exits with 6, even when the guest
# meant it as a reset.  The guests fault in real mode,
# where only the processor itself honours an empty interrupt table:
# KVM's instruction emulator (all of real mode on PVM) does not.
. "$TESTS_SRCDIR/init.sh"
require_hardware_kvm

expect_crash 'minivm: guest stopped: KVM_EXIT_SHUTDOWN: triple fault' \
	"$GUESTS/triple-fault.bin"
expect_output 'faulting\n' triple-fault.bin

# (AMD's SVM leaves no state after a shutdown, and KVM shows the vCPU
# as reset there, so the registers are not checked.)
expect_crash 'minivm: guest stopped: KVM_EXIT_SHUTDOWN: triple fault' \
	"$GUESTS/bad-msr.bin"

printf t >"$work/in"
run "$GUESTS/reset.bin" <"$work/in"
expect_status 6 "reset.bin (triple fault)"
expect_output 'resetting\n' "reset.bin (triple fault)"
grep -q 'KVM_EXIT_SHUTDOWN: triple fault' "$work/err" ||
	fail "reset.bin (triple fault): $(cat "$work/err")"
exit 0
