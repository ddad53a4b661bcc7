#!/bin/sh
# memtest86+ boots: Debian's memtest86+x64.bin is a Linux boot protocol
# image 8 bytes shorter than its syssize says, and probes PCI with a
# dword at 0xcf8 (see bus.c).  Its banner must reach the serial port;
# then it tests memory until stopped.
#
# The image is MINIVM_TEST_MEMTEST, else /boot/memtest86+x64.bin (from
# the memtest86+ package) if readable; with neither, the test skips.
# One that was given must be booted: with MINIVM_REQUIRE_KVM=1 nothing
# may skip then.  PVM cannot run it (it fails in its first FPU
# instruction there): it needs KVM on VMX or SVM.
. "$TESTS_SRCDIR/init.sh"
require_hardware_kvm

image=${MINIVM_TEST_MEMTEST:-/boot/memtest86+x64.bin}
if [ ! -r "$image" ]; then
	[ -z "${MINIVM_TEST_MEMTEST:-}" ] ||
		fail "MINIVM_TEST_MEMTEST=$image is not readable"
	echo "SKIP: no $image: install memtest86+, or set MINIVM_TEST_MEMTEST"
	exit 77
fi

"$MINIVM" -m 256M -t 120 -a console=ttyS0 "$image" >"$work/out" \
	2>"$work/err" &
pid=$!
tries=0
until grep -q 'Memtest86+ v[0-9]' "$work/out" 2>/dev/null; do
	tries=$((tries + 1))
	if [ "$tries" -ge 600 ] || ! kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null
		fail "no memtest86+ banner in 60 s; stderr: $(cat "$work/err"); stdout: $(head -c 500 "$work/out" | od -c | head -n 10)"
	fi
	sleep 0.1
done
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
expect_status 143 "memtest86+, then SIGTERM"
exit 0
