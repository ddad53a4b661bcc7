#!/bin/sh
# On PVM, KVM without hardware virtualisation, a stock Linux kernel
# prints nothing and never ends: minivm warns before it boots one, and
# says nothing for the guests that PVM runs (flat images, multiboot
# kernels).  The preload says PVM is there, or not, whatever the host.
. "$TESTS_SRCDIR/init.sh"
require_kvm

warning="minivm: warning: /dev/kvm is PVM (the kvm_pvm module: KVM without hardware virtualisation), which boots only Linux kernels built as PVM guests; a stock kernel prints nothing and never ends"

# A bzImage whose kernel is one hlt, entered with interrupts off.
bzimage "$work/bz"
printf '\364' | dd of="$work/bz" bs=1 seek=1024 conv=notrunc 2>/dev/null

FAKE_PVM=1 LD_PRELOAD=$PRELOAD run -m 32M -t 10 "$work/bz"
expect_status 0 "a bzImage on PVM"
[ "$(cat "$work/err")" = "$warning" ] ||
	fail "a bzImage on PVM: stderr '$(cat "$work/err")'"
FAKE_PVM=0 LD_PRELOAD=$PRELOAD run -m 32M -t 10 "$work/bz"
expect_status 0 "a bzImage on hardware KVM"
expect_no_stderr "a bzImage on hardware KVM"

for guest in "" "$HELLO32"; do
	FAKE_PVM=1 LD_PRELOAD=$PRELOAD run -t 10 $guest
	expect_status 0 "${guest:-hello} on PVM"
	expect_no_stderr "${guest:-hello} on PVM"
done

# The tests ask the same question (see require_hardware_kvm).
FAKE_PVM=1 LD_PRELOAD=$PRELOAD "$KVM_USABLE" ||
	fail "kvm-usable: PVM is no usable KVM"
! FAKE_PVM=1 LD_PRELOAD=$PRELOAD "$KVM_USABLE" hardware 2>"$work/err" ||
	fail "kvm-usable hardware: PVM taken for hardware KVM"
[ "$(cat "$work/err")" = "/dev/kvm is PVM (the kvm_pvm module: KVM without hardware virtualisation)" ] ||
	fail "kvm-usable hardware on PVM: '$(cat "$work/err")'"
FAKE_PVM=0 LD_PRELOAD=$PRELOAD "$KVM_USABLE" hardware ||
	fail "kvm-usable hardware: hardware KVM taken for PVM"
exit 0
