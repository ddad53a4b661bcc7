#!/bin/sh
# The host failing minivm under a guest that takes timer interrupts and
# sleeps in hlt between them (tick.bin): delivering an interrupt, setting
# up or setting the timer that brings the vCPU out of KVM_RUN, sleeping
# until the next interrupt.  Each is a host failure: status 4, one line
# naming what failed, no output, and no file descriptor left open.
. "$TESTS_SRCDIR/init.sh"
require_kvm

# expect_interrupt_error VARIABLE CALL MESSAGE: with VARIABLE=14 (EFAULT)
# the preload refuses CALL; minivm says MESSAGE and nothing else.  The
# preload is minivm's alone: timeout(1) makes timers too.
expect_interrupt_error()
{
	status=0
	timeout -s KILL "$RUN_TIMEOUT" env AUDIT_FDS=1 LD_PRELOAD="$PRELOAD" \
		"$1=14" "$MINIVM" -t 10 "$TICK_BIN" \
		>"$work/out" 2>"$work/err" || status=$?
	[ "$status" -ne 137 ] || fail "with $2 failing: did not stop in ${RUN_TIMEOUT}s"
	expect_status 4 "with $2 failing"
	expect_output '' "with $2 failing"
	[ "$(cat "$work/err")" = "$(printf 'preload: %s refused\n%s' "$2" "$3")" ] ||
		fail "with $2 failing: stderr '$(cat "$work/err")'"
}

expect_interrupt_error FAIL_KVM_INTERRUPT_ERRNO KVM_INTERRUPT \
	'minivm: KVM_INTERRUPT: Bad address'
expect_interrupt_error FAIL_TIMER_CREATE_ERRNO timer_create \
	'minivm: cannot create the device timer: Bad address'
expect_interrupt_error FAIL_TIMER_SETTIME_ERRNO timer_settime \
	'minivm: cannot set the device timer: Bad address'
expect_interrupt_error FAIL_PPOLL_ERRNO ppoll \
	'minivm: cannot wait for an interrupt: Bad address'
exit 0
