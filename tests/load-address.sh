#!/bin/sh
# The image runs wherever it is loaded in real-mode memory, up to its
# last byte being the last byte of guest memory.
. "$TESTS_SRCDIR/init.sh"
require_kvm

for address in 0 0x7c00 0x10000 65536 0x9fc00 0xfff00; do
	expect_hello -l "$address"
	expect_hello -l "$address" "$HELLO_BIN"
done

# The hello guest padded to 256 bytes, loaded 256 bytes from the end of
# memory, fills it exactly; one byte more does not fit.
pad()
{
	{ cat "$HELLO_BIN"; head -c "$1" /dev/zero; } | head -c "$1"
}
pad 256 >"$work/256"
pad 257 >"$work/257"
expect_hello -m 64K -l 0xff00 "$work/256"
expect_refused "image '$work/257' \\(257 bytes\\) does not fit in 65536 bytes of guest memory at load address 0xff00" \
	-m 64K -l 0xff00 "$work/257"
exit 0
