#!/bin/sh
# Bad option values are refused with one line and status 2, before any
# VM exists: these tests need no KVM.
. "$TESTS_SRCDIR/init.sh"

# Memory sizes.
expect_refused "invalid memory size '0': must not be zero" -m 0
expect_refused "invalid memory size '0K': must not be zero" -m 0K
expect_refused "invalid memory size '5K': must be a multiple of 4 KiB" -m 5K
expect_refused "invalid memory size '4097K': must be a multiple of 4 KiB" -m 4097K
expect_refused "invalid memory size 'lots': not a number" -m lots
expect_refused "invalid memory size '': not a number" -m ''
expect_refused "invalid memory size '-16': not a number" -m -16
expect_refused "invalid memory size ' 16': not a number" -m ' 16'
expect_refused "invalid memory size '16Q': unknown suffix" -m 16Q
expect_refused "invalid memory size '16MB': unknown suffix" -m 16MB
expect_refused "invalid memory size '99999999999999999999': number too large" \
	-m 99999999999999999999
expect_refused "invalid memory size '17179869184G': too large" -m 17179869184G
expect_refused "invalid memory size '0x1000000000000': too large" \
	--memory=0x1000000000000

# Load addresses.
expect_refused "invalid load address '0x100000': beyond real mode" -l 0x100000
expect_refused "invalid load address '0xfff8': not 16-byte aligned" -l 0xfff8
expect_refused "invalid load address '0x7c01': not 16-byte aligned" -l 0x7c01
expect_refused "invalid load address '0x': not a number" -l 0x
expect_refused "invalid load address '12ab': trailing characters" \
	--load-address=12ab

# Serial ports.
expect_refused "invalid serial port '0xfff9': not a port from 0 to 0xfff8" -p 0xfff9
expect_refused "invalid serial port '65536': not a port from 0 to 0xfff8" -p 65536
expect_refused "invalid serial port 'com1': not a port from 0 to 0xfff8" --serial-port=com1

# Exit ports.
expect_refused "invalid exit port '0x10000': not a port from 0 to 0xffff" -e 0x10000
expect_refused "invalid exit port 'f4': not a port from 0 to 0xffff" --exit-port=f4
expect_refused "exit port 0x3fa is taken by the serial port \(ports 0x3f8 to 0x3ff\); choose a port no device uses" -e 0x3fa
expect_refused "exit port 0x2f8 is taken by the serial port \(ports 0x2f8 to 0x2ff\)" -p 0x2f8 -e 0x2f8

# The PC's own devices keep their ports.
expect_refused "exit port 0x21 is taken by the PIC \(ports 0x20 to 0x21\)" -e 0x21
expect_refused "exit port 0x64 is taken by the keyboard controller \(port 0x64\)" -e 0x64
expect_refused "exit port 0xcf9 is taken by the reset control register \(port 0xcf9\)" -e 0xcf9
expect_refused "serial port 0x3c is taken by the PIT \(ports 0x40 to 0x43\)" -p 0x3c
expect_refused "serial port 0x90 is taken by the system control port A \(port 0x92\)" -p 0x90

# Timeouts.
expect_refused "invalid timeout '-1': not a number of seconds" -t -1
expect_refused "invalid timeout 'soon': not a number of seconds" --timeout=soon
expect_refused "invalid timeout '1e3': trailing characters" -t 1e3
expect_refused "invalid timeout '2147483648': too long" -t 2147483648

# The command line itself.
expect_refused "unknown option '--frobnicate'" --frobnicate
expect_refused "unknown option '-x'" -x
expect_refused "option '--memory' needs a value" --memory
expect_refused "option '-m' needs a value" -m
expect_refused "too many arguments: 'b'" a b
exit 0
