#!/bin/sh
# A guest that stops in a way minivm does not handle is reported as what
# happened and where, with the vCPU state, and minivm exits with 6.
. "$TESTS_SRCDIR/init.sh"
require_kvm

# expect_crash LINE ARGS...: status 6, the first stderr line starts
# with LINE, then the register block, and no file descriptor is left open.
expect_crash()
{
	line=$1
	shift
	AUDIT_FDS=1 LD_PRELOAD=$PRELOAD run "$@"
	expect_status 6 "$*"
	case $(head -n 1 "$work/err") in
	"$line"*) ;;
	*) fail "minivm $*: first stderr line '$(head -n 1 "$work/err")', expected '$line'" ;;
	esac
	for field in 'CS:IP' RFLAGS CR0 RAX RSP 'code at'; do
		grep -q "$field" "$work/err" ||
			fail "minivm $*: no $field in: $(cat "$work/err")"
	done
	! grep -q '^preload: ' "$work/err" ||
		fail "minivm $*: $(grep '^preload: ' "$work/err")"
}

expect_crash 'minivm: guest stopped: KVM_EXIT_SHUTDOWN: triple fault' \
	"$GUESTS/triple-fault.bin"
# What the guest wrote before it crashed is all there.
expect_output 'faulting\n' triple-fault.bin

# (AMD's SVM leaves no state after a shutdown, and KVM shows the vCPU
# as reset there, so the registers are not checked.)
expect_crash 'minivm: guest stopped: KVM_EXIT_SHUTDOWN: triple fault' \
	"$GUESTS/bad-msr.bin"

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
