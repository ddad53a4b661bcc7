#!/bin/sh
# A stock Linux kernel boots on minivm to an initramfs built here from
# busybox-static (see linux-initramfs.sh): the initramfs prints a line,
# a line typed into the serial port reaches it, a program in it sets
# minivm's status through the exit port, and reboot -f and poweroff -f
# each end the run with 0.  On the way the kernel finds the keyboard
# controller, with no keyboard behind it, without waiting for it.
#
# The kernel is MINIVM_TEST_KERNEL, else the running kernel's own
# /boot/vmlinuz-$(uname -r) if readable; with neither, or without a
# static busybox, the test skips.  A MINIVM_TEST_KERNEL that was given
# must be booted: with MINIVM_REQUIRE_KVM=1 nothing may skip then.
# PVM boots only kernels built as its guests: the test needs KVM on the
# processor's virtualisation extensions.
. "$TESTS_SRCDIR/init.sh"
require_hardware_kvm

find_kernel
linux_initramfs "$work/initramfs"

# A boot takes 15 to 60 seconds under nested, emulated KVM.
RUN_TIMEOUT=300
boot()
{
	run -m 256M -t 240 -e 0xf4 -i "$work/initramfs" \
		-a "console=ttyS0 minivm.test=$1" "$kernel"
	! grep -q 'Kernel panic' "$work/out" ||
		fail "$1: the kernel panicked: $(tail -n 20 "$work/out")"
	grep -q '^minivm-test: initramfs up' "$work/out" ||
		fail "$1: no line from the initramfs; status $status; stderr: $(cat "$work/err"); stdout ends: $(tail -n 20 "$work/out")"
}

boot reboot
expect_status 0 "reboot -f"
grep -q 'reboot: Restarting system' "$work/out" ||
	fail "reboot -f: the kernel did not restart: $(tail -n 5 "$work/out")"

boot poweroff
expect_status 0 "poweroff -f"
grep -q 'reboot: System halted' "$work/out" ||
	fail "poweroff -f: the kernel did not halt: $(tail -n 5 "$work/out")"
grep -q 'serio: i8042 KBD port at 0x60,0x64 irq 1' "$work/out" ||
	fail "the kernel found no keyboard controller: $(grep i8042 "$work/out")"
! grep -q 'i8042: Can.t read CTR' "$work/out" ||
	fail "the keyboard controller did not answer: $(grep i8042 "$work/out")"

# Input: the line is written only once the guest waits for it, so that
# the kernel's probing of the UART, which reads and drops what it
# finds, cannot take it.  Then the input ends, which minivm only takes
# as "nothing more to receive".
type_line()
{
	waited=0
	until grep -q '^minivm-test: ready' "$work/out" 2>/dev/null; do
		[ "$waited" -lt 2400 ] || return 0
		sleep 0.1
		waited=$((waited + 1))
	done
	echo 'typed into the serial port'
}
: >"$work/out"
status=0
type_line | timeout -s KILL "$RUN_TIMEOUT" "$MINIVM" -m 256M -t 240 \
	-e 0xf4 -i "$work/initramfs" -a "console=ttyS0 minivm.test=input" \
	"$kernel" >"$work/out" 2>"$work/err" || status=$?
grep -q "^minivm-test: got 'typed into the serial port'" "$work/out" ||
	fail "input: the typed line did not arrive; status $status; stdout ends: $(tail -n 10 "$work/out")"
expect_status 43 "exit port from user space"
exit 0
