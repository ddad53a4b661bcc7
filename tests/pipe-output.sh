#!/bin/sh
# Output to a pipe is buffered, not written byte by byte as on a terminal
# (see terminal.sh).  Yet what a guest sends reaches the reader soon even
# while the guest goes on running, without ever halting.
. "$TESTS_SRCDIR/init.sh"
require_kvm

# dots-spin writes 10000 dots, then spins: they must all be in the file
# while it spins (minivm holds output back some 20 to 40 ms), the last of
# them taken from KVM's coalesced ring, not only at the end of the run.
timeout -s KILL 150 "$MINIVM" -t 120 "$GUESTS/dots-spin.bin" \
	>"$work/dots" 2>"$work/err" &
pid=$!
waited=0
until [ "$(wc -c <"$work/dots")" -eq 10000 ]; do
	[ "$waited" -lt 800 ] || break
	sleep 0.1
	waited=$((waited + 1))
done
kill -0 "$pid" 2>/dev/null ||
	fail "dots-spin: the dots came out only as the run ended: $(cat "$work/err")"
[ "$(wc -c <"$work/dots")" -eq 10000 ] ||
	fail "dots-spin: $(wc -c <"$work/dots") of 10000 dots while it spins"
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
expect_status 143 "dots-spin.bin, stopped while spinning"

command -v strace >/dev/null || skip_or_fail "no strace(1) to count writes"

# Held output goes out 20 ms after it was first held, so how many writes
# a run makes depends on how fast this machine runs the guest: some 20 in
# a second in a nested VM.  Byte by byte would be 10000 writes for
# dots-exit's 10000 dots; under 1000 allows for a run 20 times as slow.
# The seccomp filter keeps strace from stopping minivm at each KVM_RUN,
# which would slow the guest down; LeakSanitizer cannot work under ptrace.
{ ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0 \
	strace -f --seccomp-bpf -o "$work/strace" -e trace=write \
	"$MINIVM" -e 0xf4 "$GUESTS/dots-exit.bin" 2>"$work/err"
	echo $? >"$work/status"; } | cat >"$work/out"
status=$(cat "$work/status")
expect_status 67 "-e 0xf4 dots-exit.bin | cat"
[ "$(tr -d . <"$work/out" | wc -c)" -eq 0 ] &&
	[ "$(wc -c <"$work/out")" -eq 10000 ] ||
	fail "dots-exit.bin | cat: not 10000 dots: $(head -c 80 "$work/out")"
writes=$(grep -c '^[0-9]* *write(1, ' "$work/strace")
[ "$writes" -ge 1 ] && [ "$writes" -lt 1000 ] ||
	fail "dots-exit.bin | cat: $writes writes for 10000 dots"

exit 0
