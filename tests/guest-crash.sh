#!/bin/sh
# A guest that stops in a way minivm does not handle is reported, with
# its registers, and minivm exits with status 6.
. "$TESTS_SRCDIR/init.sh"
require_kvm

run "$GUESTS/triple-fault.bin"
expect_status 6 triple-fault.bin
expect_output 'faulting\n' triple-fault.bin
grep -q '^minivm: guest stopped: KVM_EXIT_SHUTDOWN$' "$work/err" ||
	fail "triple-fault.bin: stderr does not name the exit: $(cat "$work/err")"
grep -q 'CS:IP' "$work/err" && grep -q 'RAX' "$work/err" ||
	fail "triple-fault.bin: stderr has no registers: $(cat "$work/err")"

# A write past the end of 64 KiB of guest memory.
run -m 64K "$GUESTS/beyond-memory.bin"
expect_status 6 beyond-memory.bin
grep -q '^minivm: guest stopped: KVM_EXIT_MMIO$' "$work/err" ||
	fail "beyond-memory.bin: stderr does not name the exit: $(cat "$work/err")"
exit 0
