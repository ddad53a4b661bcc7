#!/bin/sh
# The image runs wherever it is loaded in real-mode memory.
. "$TESTS_SRCDIR/init.sh"
require_kvm

for address in 0 0x7c00 0x10000 65536 0x9fc00 0xfff00; do
	expect_hello -l "$address"
	expect_hello -l "$address" "$HELLO_BIN"
done
# The image just fits at the end of memory.
expect_hello -m 64K -l 0xff00 "$HELLO_BIN"
exit 0
