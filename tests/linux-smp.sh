#!/bin/sh
# Debian's kernel on several CPUs (--cpus), and on one with --apic: it
# finds them in the MP table and starts them through KVM's local APICs,
# nproc and /proc/cpuinfo count them, a worker pinned to each CPU counts
# and then reads the disk, whose interrupt comes level-triggered through
# the I/O APIC, and poweroff -f, every CPU halted, ends the run with 0.
# The kernel and what skips are as in linux.sh; the kernel's virtio
# modules must be in /lib/modules.
. "$TESTS_SRCDIR/init.sh"
require_hardware_kvm

find_kernel
linux_initramfs "$work/initramfs" virtio_pci virtio_blk
{ echo 'the disk of several CPUs'; head -c 1048576 /dev/zero; } >"$work/disk.img"
truncate -s 1M "$work/disk.img"

# A boot takes 15 to 60 seconds under nested, emulated KVM.  There, a
# boot with local APICs can also stall for minutes: one vCPU thread
# spinning in the guest (stop_machine, as Linux changes clocksource, or
# waiting for the timer's tick) holds the emulated host's CPU inside
# KVM_RUN and the other threads starve (the other vCPUs', and the one
# that brings the devices' interrupts), a soft lockup of that host's
# kernel.  So a boot that timed out is tried again, twice at most, and
# each timeout is reported; any other failure fails at once.
RUN_TIMEOUT=300
# boot_smp OPTION...: boots the kernel with OPTIONs, again if it timed
# out.
boot_smp()
{
	for try in 1 2 3; do
		run "$@" -m 512M -t 150 -d "$work/disk.img" \
			-i "$work/initramfs" \
			-a "console=ttyS0 minivm.test=smp" "$kernel"
		[ "$status" -eq 124 ] || return 0
		echo "$*: boot $try timed out; stdout ends: $(tail -c 200 "$work/out")"
	done
}
# One CPU has local APICs only with --apic.
for cpus in 1 2 4; do
	what="-c $cpus"
	[ "$cpus" -gt 1 ] || what="$what --apic"
	# shellcheck disable=SC2086 # the options are words
	boot_smp $what
	expect_status 0 "$what"
	! grep -q 'Kernel panic' "$work/out" ||
		fail "$what: the kernel panicked: $(tail -n 20 "$work/out")"
	for line in "nproc $cpus" "cpuinfo $cpus" \
		"$cpus of $cpus workers finished" \
		"vda says 'the disk of several CPUs'"; do
		grep -q "^minivm-test: $line" "$work/out" ||
			fail "$what: no 'minivm-test: $line'; stderr: $(cat "$work/err"); stdout ends: $(tail -n 30 "$work/out")"
	done
	grep -q "smp: Brought up 1 node, $cpus CPU" "$work/out" ||
		fail "$what: the kernel did not bring up $cpus CPU(s): $(grep 'smp:' "$work/out")"
	grep -q '^minivm-test: interrupts:.*IO-APIC.*fasteoi' "$work/out" ||
		fail "$what: the disk's interrupt is not the I/O APIC's, level-triggered: $(grep 'interrupts:' "$work/out")"
	grep -q 'reboot: System halted' "$work/out" ||
		fail "$what: poweroff -f did not halt the kernel: $(tail -n 5 "$work/out")"
done
exit 0
