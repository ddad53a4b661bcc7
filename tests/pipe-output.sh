#!/bin/sh
# Output to a pipe is buffered, not written byte by byte as on a terminal
# (see terminal.sh): the greeting goes out in one write.  Yet what a
# guest sends reaches the reader soon even while the guest goes on
# running, without ever halting.
. "$TESTS_SRCDIR/init.sh"
require_kvm

# dots-spin writes 10000 dots, then spins: they must all be in the file
# while it spins (minivm holds output back some 20 to 40 ms), the last of
# them taken from KVM's coalesced ring, not only at the end of the run.
timeout -s KILL 90 "$MINIVM" -t 60 "$GUESTS/dots-spin.bin" \
	>"$work/dots" 2>"$work/err" &
pid=$!
waited=0
until [ "$(wc -c <"$work/dots")" -eq 10000 ]; do
	[ "$waited" -lt 400 ] || break
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

# (LeakSanitizer cannot work under ptrace.)
{ ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0 \
	strace -o "$work/strace" -e trace=write "$MINIVM" 2>"$work/err"
	echo $? >"$work/status"; } | cat >"$work/out"
status=$(cat "$work/status")
expect_status 0 "| cat"
expect_output 'Hello, world!\n' "| cat"
[ "$(grep -c '^write(1, ' "$work/strace")" -eq 1 ] ||
	fail "| cat: not one write: $(grep '^write(1, ' "$work/strace")"

exit 0
