#!/bin/sh
# Flat images start in the mode --mode names, at the load address.
. "$TESTS_SRCDIR/init.sh"
require_kvm

# expect_guest TEXT ARGS...: minivm prints TEXT, halts, and says nothing.
expect_guest()
{
	text=$1
	shift
	run "$@"
	expect_status 0 "$*"
	expect_output "$text" "$*"
	expect_no_stderr "$*"
}

# Real mode stays the default, and can be asked for.
expect_hello --mode=real
expect_hello --mode=real -l 0x7c00 "$HELLO_BIN"

# Protected mode: at 1 MiB by default, anywhere clear of the GDT at
# 0x1000 and below the 32-bit hole at 3 GiB, where the stack starts in
# memories of 3 GiB and more.
for args in '' '-l 0x100000' '-l 0x7c01' '-l 0x1020' '-l 0x200003 -m 4M' \
	'-m 2M' '-m 1G' '-m 4G' '-m 6G -l 0xbffff000'; do
	# shellcheck disable=SC2086 # words on purpose
	expect_guest 'protected ok\n' --mode=protected $args \
		"$GUESTS/protected.bin"
done

# Long mode: the page tables at 0x4000 map all of guest memory.
for args in '' '-l 0x7c00' '-l 0x100001' '-m 2M' '-m 1G' '-m 1025M' \
	'-m 3G -l 0x80000000' '-m 6G -l 0x140000000'; do
	# shellcheck disable=SC2086
	expect_guest 'long ok\n' --mode=long $args "$GUESTS/long.bin"
done
exit 0
