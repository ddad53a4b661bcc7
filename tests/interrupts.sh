#!/bin/sh
# Interrupts from the UART and the PIT reach the guest through the PICs;
# hlt sleeps until one comes, and ends the run when none ever could; a
# reset ends the run well.
. "$TESTS_SRCDIR/init.sh"
require_kvm

now_ms()
{
	echo $(($(date +%s%N) / 1000000))
}

# Input wakes a guest asleep in hlt through IRQ 4; once input has ended
# nothing can wake it, and the run ends.
printf 'hello, irq\n' >"$work/in"
run "$GUESTS/irq-echo.bin" <"$work/in"
expect_status 0 irq-echo.bin
expect_output 'HELLO, IRQ\n' irq-echo.bin
expect_no_stderr irq-echo.bin

# 5000 bytes sent from the "THR empty" interrupt, with automatic EOI
# and a main loop that never exits: no write may wait in a batch.
run -t 20 "$GUESTS/thri-aeoi.bin"
expect_status 0 thri-aeoi.bin
[ "$(tr -d . <"$work/out")" = sent ] && [ "$(tr -cd . <"$work/out" | wc -c)" -eq 5000 ] ||
	fail "thri-aeoi.bin: $(wc -c <"$work/out") bytes of output, not 5000 dots and 'sent'"

# sti; hlt with no timer counting, or with the timer's line masked.
for guest in sti-hlt masked-tick; do
	run "$GUESTS/$guest.bin"
	expect_status 0 "$guest.bin"
	expect_output '' "$guest.bin"
	expect_no_stderr "$guest.bin"
done

# The timer interrupts a guest that spins without ever exiting: 25
# ticks at 100 Hz take at least 0.24 s.
start=$(now_ms)
run "$GUESTS/busy-tick.bin"
took=$(($(now_ms) - start))
expect_status 0 busy-tick.bin
expect_output '25 ticks\n' busy-tick.bin
[ "$took" -ge 240 ] || fail "busy-tick.bin: 25 ticks at 100 Hz in $took ms"

# Counter 2 counts down in real time: 20 one-shots of 54.9 ms.
start=$(now_ms)
run "$GUESTS/pit-poll.bin"
took=$(($(now_ms) - start))
expect_status 0 pit-poll.bin
expect_output '20 one-shots\n' pit-poll.bin
[ "$took" -ge 1090 ] || fail "pit-poll.bin: 20 one-shots in $took ms"

# Each reset ends the run with status 0 (and says how, with -v).
for how in k:'the keyboard controller' a:'port 0x92' c:'port 0xcf9'; do
	printf %s "${how%%:*}" >"$work/in"
	run "$GUESTS/reset.bin" <"$work/in"
	expect_status 0 "reset.bin ($how)"
	expect_output 'resetting\n' "reset.bin ($how)"
	expect_no_stderr "reset.bin ($how)"
	run -v "$GUESTS/reset.bin" <"$work/in"
	grep -q "^minivm: the guest reset the machine through ${how#*:}" \
		"$work/err" || fail "reset.bin -v ($how): $(cat "$work/err")"
done

# A dword at 0xcf8 (PCI's configuration address) is not a byte at 0xcf9
# too: only the byte that follows resets.
run -v "$GUESTS/pci-address.bin"
expect_status 0 pci-address.bin
expect_output 'resetting\n' pci-address.bin
grep -q '^minivm: the guest reset the machine through port 0xcf9' \
	"$work/err" || fail "pci-address.bin -v: $(cat "$work/err")"
exit 0
