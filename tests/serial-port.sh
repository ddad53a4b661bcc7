#!/bin/sh
# The serial port answers at the base it is given, and only there.
. "$TESTS_SRCDIR/init.sh"
require_kvm

run -p 0x2f8 "$GUESTS/com2.bin"
expect_status 0 "-p 0x2f8 com2.bin"
expect_output 'COM2\n' "-p 0x2f8 com2.bin"
expect_no_stderr "-p 0x2f8 com2.bin"

run -p 760 "$GUESTS/com2.bin"
expect_output 'COM2\n' "-p 760 com2.bin"

run "$GUESTS/com2.bin"
expect_status 0 "com2.bin"
expect_output '' "com2.bin"

# The hello guest writes to COM1, which is not there when COM2 is.
run -p 0x2f8
expect_status 0 "-p 0x2f8"
expect_output '' "-p 0x2f8"
exit 0
