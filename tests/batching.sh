#!/bin/sh
# Writes to the serial data port are batched through KVM's coalesced PIO
# ring once a guest has written enough; batched or not, every byte
# arrives, in order with everything else the guest does, however the run
# ends.  MINIVM_COALESCED_PIO=0 turns batching off.
. "$TESTS_SRCDIR/init.sh"
require_kvm

dots()
{
	head -c "$1" /dev/zero | tr '\0' .
}

dots 5000 >"$work/expected"
printf 'ABC\nordered\n' >>"$work/expected"
for batch in 1 0; do
	MINIVM_COALESCED_PIO=$batch run "$GUESTS/ordered.bin"
	expect_status 0 "ordered.bin (batching $batch)"
	cmp -s "$work/expected" "$work/out" ||
		fail "ordered.bin (batching $batch): $(tail -c 40 "$work/out")"
done

# Should KVM refuse the ring, the port goes on exiting and the run goes
# on: the same output, and nothing said but what the refusal said.
if "$KVM_USABLE" coalesced-pio 2>/dev/null; then
	LD_PRELOAD="$PRELOAD" FAIL_COALESCED_ERRNO=12 run "$GUESTS/ordered.bin"
	expect_status 0 "ordered.bin with the ring refused"
	cmp -s "$work/expected" "$work/out" ||
		fail "ordered.bin with the ring refused: $(tail -c 40 "$work/out")"
	[ "$(cat "$work/err")" = "preload: KVM_REGISTER_COALESCED_MMIO refused" ] ||
		fail "ordered.bin with the ring refused: stderr '$(cat "$work/err")'"
fi

# Stopped while the last dots are still in the ring: they come out too.
dots 10000 >"$work/expected"
for batch in 1 0; do
	MINIVM_COALESCED_PIO=$batch run -t 1 "$GUESTS/dots-spin.bin"
	expect_status 124 "-t 1 dots-spin.bin (batching $batch)"
	cmp -s "$work/expected" "$work/out" ||
		fail "dots-spin.bin (batching $batch): $(wc -c <"$work/out") bytes"
done

# Where KVM has the ring, batching really happens: far fewer KVM_RUNs.
"$KVM_USABLE" coalesced-pio 2>/dev/null && command -v strace >/dev/null ||
	skip_or_fail "no coalesced PIO or no strace: exits not counted"
count_runs()
{
	MINIVM_COALESCED_PIO=$1 strace -f -e trace=ioctl -o "$work/strace" \
		"$MINIVM" "$GUESTS/ordered.bin" >/dev/null 2>&1
	grep -c 'KVM_RUN' "$work/strace"
}
batched=$(count_runs 1)
unbatched=$(count_runs 0)
[ "$unbatched" -gt 5000 ] || fail "unbatched: only $unbatched KVM_RUNs"
[ "$batched" -lt 4500 ] || fail "batched: $batched KVM_RUNs, unbatched $unbatched"
echo "KVM_RUN calls for ordered.bin: $batched batched, $unbatched not"
exit 0
