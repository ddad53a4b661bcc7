#!/bin/sh
# KVM failing while minivm sets up the vCPU, or under a running guest,
# is a host failure: status 4, one line naming the call, and no file
# descriptor left open.
. "$TESTS_SRCDIR/init.sh"
require_kvm

# expect_kvm_error VARIABLE CALL MESSAGE: with VARIABLE=14 (EFAULT) the
# preload refuses CALL; minivm says MESSAGE and nothing else.
expect_kvm_error()
{
	timeout -s KILL "$RUN_TIMEOUT" env AUDIT_FDS=1 LD_PRELOAD="$PRELOAD" \
		"$1=14" "$MINIVM" \
		>"$work/out" 2>"$work/err" && status=0 || status=$?
	expect_status 4 "with $2 failing"
	expect_output '' "with $2 failing"
	[ "$(cat "$work/err")" = "$(printf 'preload: %s refused\n%s' "$2" "$3")" ] ||
		fail "with $2 failing: stderr '$(cat "$work/err")'"
}

expect_kvm_error FAIL_KVM_RUN_ERRNO KVM_RUN 'minivm: KVM_RUN: Bad address'
expect_kvm_error FAIL_SET_TSS_ADDR_ERRNO KVM_SET_TSS_ADDR \
	'minivm: KVM_SET_TSS_ADDR: Bad address'
expect_kvm_error FAIL_GET_SUPPORTED_CPUID_ERRNO KVM_GET_SUPPORTED_CPUID \
	'minivm: KVM_GET_SUPPORTED_CPUID: Bad address'
expect_kvm_error FAIL_SET_CPUID2_ERRNO KVM_SET_CPUID2 \
	'minivm: KVM_SET_CPUID2: Bad address'
expect_kvm_error FAIL_SET_MSRS_ERRNO KVM_SET_MSRS \
	'minivm: KVM_SET_MSRS: Bad address'

# A CPUID table that KVM says is too small however large: the search
# for its size gives up.
AUDIT_FDS=1 LD_PRELOAD=$PRELOAD FAIL_GET_SUPPORTED_CPUID_ERRNO=7 run
expect_status 4 "with KVM_GET_SUPPORTED_CPUID always E2BIG"
[ "$(tail -n 1 "$work/err")" = 'minivm: KVM_GET_SUPPORTED_CPUID: Argument list too long' ] ||
	fail "with KVM_GET_SUPPORTED_CPUID always E2BIG: stderr '$(cat "$work/err")'"
[ "$(grep -c 'preload: KVM_GET_SUPPORTED_CPUID refused' "$work/err")" -gt 1 ] ||
	fail "with KVM_GET_SUPPORTED_CPUID always E2BIG: no larger table tried"

# KVM taking none of the MSRs.
AUDIT_FDS=1 LD_PRELOAD=$PRELOAD SHORT_SET_MSRS=1 run
expect_status 4 "with KVM_SET_MSRS setting none"
[ "$(cat "$work/err")" = "$(printf 'preload: KVM_SET_MSRS cut short\nminivm: KVM_SET_MSRS: KVM refused MSR 0x1a0')" ] ||
	fail "with KVM_SET_MSRS setting none: stderr '$(cat "$work/err")'"
exit 0
