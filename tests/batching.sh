#!/bin/sh
# Writes to the serial data port are batched through KVM's coalesced PIO
# ring once a guest has written 4096 bytes; batched or not, every byte
# arrives, in order with everything else the guest does, however the run
# ends.  MINIVM_COALESCED_PIO=0 turns batching off.
. "$TESTS_SRCDIR/init.sh"
require_kvm
# Without the ring, runs with batching on would not batch at all.
why=$("$KVM_USABLE" coalesced-pio 2>&1) || skip_or_fail "$why"
command -v strace >/dev/null || skip_or_fail "no strace(1) to count exits"

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
LD_PRELOAD="$PRELOAD" FAIL_COALESCED_ERRNO=12 run "$GUESTS/ordered.bin"
expect_status 0 "ordered.bin with the ring refused"
cmp -s "$work/expected" "$work/out" ||
	fail "ordered.bin with the ring refused: $(tail -c 40 "$work/out")"
[ "$(cat "$work/err")" = "preload: KVM_REGISTER_COALESCED_MMIO refused" ] ||
	fail "ordered.bin with the ring refused: stderr '$(cat "$work/err")'"

# Stopped while the last dots are still in the ring: they come out too,
# whether a timeout, a crash, the exit port or a signal ends the run.
dots 10000 >"$work/expected"
expect_dots()
{
	cmp -s "$work/expected" "$work/out" ||
		fail "$1: $(wc -c <"$work/out") bytes of dots"
}
# (The dots take a sanitized minivm under an emulated KVM most of a
# second.)
for batch in 1 0; do
	MINIVM_COALESCED_PIO=$batch run -t 3 "$GUESTS/dots-spin.bin"
	expect_status 124 "-t 3 dots-spin.bin (batching $batch)"
	expect_dots "-t 3 dots-spin.bin (batching $batch)"
done
run -m 64K "$GUESTS/dots-crash.bin"
expect_status 6 "dots-crash.bin"
expect_dots "dots-crash.bin"
run -e 0xf4 "$GUESTS/dots-exit.bin"
expect_status 67 "-e 0xf4 dots-exit.bin"
expect_dots "-e 0xf4 dots-exit.bin"
status=0
timeout --preserve-status -k "$RUN_TIMEOUT" -s INT 3 \
	"$MINIVM" "$GUESTS/dots-spin.bin" >"$work/out" 2>"$work/err" ||
	status=$?
expect_status 130 "dots-spin.bin, then SIGINT"
expect_dots "dots-spin.bin, then SIGINT"

# Batching really happens, and from the 4096th write on (COALESCE_AFTER_
# WRITES in src/coalesce.h): each write up to it exits, and after it only
# the full ring and the few other exits of the guest do.
# (LeakSanitizer cannot work under ptrace.)
count_runs()
{
	ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0 MINIVM_COALESCED_PIO=$1 \
		strace -f -e trace=ioctl -o "$work/strace" \
		"$MINIVM" "$GUESTS/ordered.bin" >/dev/null 2>&1
	# Exits only: a KVM_RUN that a timer's signal broke off (-1 EINTR)
	# is minivm looking in the ring or flushing, as often as time passes.
	grep -c 'KVM_RUN.*= 0$' "$work/strace"
}
batched=$(count_runs 1)
unbatched=$(count_runs 0)
[ "$unbatched" -gt 5000 ] || fail "unbatched: only $unbatched KVM_RUNs"
[ "$batched" -gt 4096 ] && [ "$batched" -lt $((4096 + 64)) ] ||
	fail "batched: $batched KVM_RUNs, not 4096 and a few; unbatched $unbatched"
echo "KVM_RUN calls for ordered.bin: $batched batched, $unbatched not"
exit 0
