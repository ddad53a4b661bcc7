#!/bin/sh
# The vCPU starts with FLAGS = 0x2 (interrupts off) and SP = 0, or SP at
# the end of guest memory when that comes first: registers.bin writes
# them to port 0x80, and --verbose shows them, low byte first.
. "$TESTS_SRCDIR/init.sh"
require_kvm

# expect_registers FLAGS SP ARGS...: FLAGS and SP as --verbose shows them.
expect_registers()
{
	flags=$1
	sp=$2
	shift 2
	run --verbose "$@" "$GUESTS/registers.bin"
	expect_status 0 "$* registers.bin"
	grep 'port 0x0080' "$work/err" >"$work/got"
	printf 'minivm: exit KVM_EXIT_IO out port 0x0080 size 2 count 1 data %s\n' \
		"$flags" "$sp" >"$work/expected"
	cmp -s "$work/expected" "$work/got" ||
		fail "$* registers.bin: expected FLAGS $flags, SP $sp: $(cat "$work/err")"
}

expect_registers '02 00' '00 00'
expect_registers '02 00' '00 00' -m 64K
expect_registers '02 00' '00 10' -m 4K
expect_registers '02 00' '00 01' -m 64K -l 0xff00
expect_registers '02 00' '10 00' -m 1M -l 0xffff0
exit 0
