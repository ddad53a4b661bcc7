#!/bin/sh
# --verbose logs every VM exit; without it, stderr stays quiet.
. "$TESTS_SRCDIR/init.sh"
require_kvm

run --verbose
expect_status 0 --verbose
expect_output 'Hello, world!\n' --verbose
# One out per character, each with its byte, then the hlt.
[ "$(grep -c '^minivm: exit KVM_EXIT_IO out port 0x03f8 size 1 count 1 data ' "$work/err")" -eq 14 ] ||
	fail "--verbose: expected 14 out exits: $(cat "$work/err")"
grep -q '^minivm: exit KVM_EXIT_IO out port 0x03f8 size 1 count 1 data 48$' "$work/err" ||
	fail "--verbose: no exit for 'H': $(cat "$work/err")"
[ "$(tail -n 1 "$work/err")" = 'minivm: exit KVM_EXIT_HLT' ] ||
	fail "--verbose: last line '$(tail -n 1 "$work/err")'"

run -v -m 64K "$GUESTS/beyond-memory.bin"
expect_status 6 "-v beyond-memory.bin"
grep -q '^minivm: exit KVM_EXIT_MMIO write address 0x20000 size 1 data 55$' "$work/err" ||
	fail "-v beyond-memory.bin: $(cat "$work/err")"

expect_hello
exit 0
