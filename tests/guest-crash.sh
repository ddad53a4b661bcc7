#!/bin/sh
# A guest that stops in a way minivm does not handle is reported as what
# happened and where, with the vCPU state, and minivm exits with 6.
# (Triple faults: see triple-fault.sh.)
. "$TESTS_SRCDIR/init.sh"
require_kvm

expect_crash 'minivm: guest stopped: KVM_EXIT_MMIO: 1-byte write at guest physical address 0x20000, outside guest memory (65536 bytes)' \
	-m 64K "$GUESTS/beyond-memory.bin"
# KVM hands over an MMIO write as done, so IP is past the movb, at hlt.
grep -q '^  CS:IP 0000:000b .*' "$work/err" &&
	grep -q '^  code at 0000b: f4 ' "$work/err" ||
	fail "beyond-memory.bin: code bytes: $(cat "$work/err")"

# In long mode, the code shown is at RIP, above 1 MiB.
expect_crash 'minivm: guest stopped: KVM_EXIT_MMIO: 1-byte write at guest physical address 0x300000, outside guest memory (2097152 bytes)' \
	-m 2M --mode=long "$GUESTS/long-beyond-memory.bin"
grep -q '^  code at 100008: f4 ' "$work/err" ||
	fail "long-beyond-memory.bin: code bytes: $(cat "$work/err")"

# KVM can only emulate an instruction fetched from beyond memory.
expect_crash 'minivm: guest stopped: KVM_EXIT_INTERNAL_ERROR: suberror 1, emulation failure' \
	-m 64K "$GUESTS/fetch-beyond-memory.bin"
grep -q '^  CS:IP 2000:0000' "$work/err" ||
	fail "fetch-beyond-memory.bin: CS:IP: $(cat "$work/err")"
grep -q '^  code at 20000: outside guest memory' "$work/err" ||
	fail "fetch-beyond-memory.bin: code: $(cat "$work/err")"
exit 0
