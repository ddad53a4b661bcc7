#!/bin/sh
# Guests that talk to the serial port the way real drivers do.
. "$TESTS_SRCDIR/init.sh"
require_kvm

# Waits for THRE in the line status register before each byte; a wrong
# LSR would leave it spinning until the timeout.
run "$GUESTS/lsr-poll.bin"
expect_status 0 lsr-poll.bin
expect_output 'polled LSR before each byte\n' lsr-poll.bin
expect_no_stderr lsr-poll.bin

# One rep outsb for the whole string: KVM may hand over many bytes in a
# single exit, or exit once per byte.
run "$GUESTS/rep-outsb.bin"
expect_status 0 rep-outsb.bin
expect_output 'printed with rep outsb, all 37 bytes\n' rep-outsb.bin
expect_no_stderr rep-outsb.bin
exit 0
