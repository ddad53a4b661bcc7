#!/bin/sh
# KVM failing under a running guest is a host failure: status 4, one
# line naming the call, and no file descriptor left open.
. "$TESTS_SRCDIR/init.sh"
require_kvm

AUDIT_FDS=1 LD_PRELOAD=$PRELOAD FAIL_KVM_RUN_ERRNO=14 run
expect_status 4 "with KVM_RUN failing"
expect_output '' "with KVM_RUN failing"
[ "$(cat "$work/err")" = "$(printf 'preload: KVM_RUN refused\nminivm: KVM_RUN: Bad address')" ] ||
	fail "with KVM_RUN failing: stderr '$(cat "$work/err")'"
exit 0
