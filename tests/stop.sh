#!/bin/sh
# A guest that never halts is stopped by --timeout (status 124) or by
# SIGINT/SIGTERM (128 + signal), with its output kept and its state shown.
. "$TESTS_SRCDIR/init.sh"
require_kvm

run --timeout 0.5 "$GUESTS/spin.bin"
expect_status 124 "--timeout 0.5 spin.bin"
expect_output 'spinning...' "--timeout 0.5 spin.bin"
[ "$(head -n 1 "$work/err")" = 'minivm: guest timed out after 0.500000 seconds' ] ||
	fail "--timeout 0.5: stderr: $(cat "$work/err")"
grep -q '^  CS:IP ' "$work/err" || fail "--timeout 0.5: no vCPU state"

# A timeout longer than the guest needs changes nothing.
expect_hello -t 30
expect_hello --timeout=0

# stop_with SIGNAL STATUS: starts spin.bin, waits until it has printed
# (its POST code write shows in --verbose), then sends SIGNAL.
stop_with()
{
	"$MINIVM" --verbose --timeout "$RUN_TIMEOUT" "$GUESTS/spin.bin" \
		>"$work/out" 2>"$work/err" &
	pid=$!
	tries=0
	until grep -q 'port 0x0080' "$work/err"; do
		tries=$((tries + 1))
		[ "$tries" -lt 300 ] || { kill -9 "$pid"; fail "spin.bin never ran"; }
		sleep 0.1
	done
	kill -s "$1" "$pid"
	status=0
	wait "$pid" || status=$?
	expect_status "$2" "spin.bin, then SIG$1"
	expect_output 'spinning...' "spin.bin, then SIG$1"
	grep -q "^minivm: stopped by signal $(($2 - 128)) " "$work/err" ||
		fail "SIG$1: stderr: $(cat "$work/err")"
}
stop_with INT 130
stop_with TERM 143

# A stop signal breaks off a write blocked on a reader that is not
# reading (a FIFO this shell holds open): once the reader drains what
# is left, the run ends as the signal says, not as a write error.
mkfifo "$work/stalled"
exec 4<>"$work/stalled"
"$MINIVM" --timeout "$RUN_TIMEOUT" "$GUESTS/flood.bin" >"$work/stalled" \
	2>"$work/err" &
pid=$!
tries=0
until grep -q pipe_write "/proc/$pid/wchan" 2>/dev/null; do
	tries=$((tries + 1))
	[ "$tries" -lt 300 ] || { kill -9 "$pid"; skip_or_fail "flood.bin never blocked writing to a full FIFO"; }
	sleep 0.1
done
kill -TERM "$pid"
sleep 1
# The reader stops at end of file, which comes when this shell closes
# its end too; it is not killed, because bash runs the EXIT trap (rm -rf
# "$work") in a job that a signal ends before it has exec'd.
timeout -s KILL "$RUN_TIMEOUT" cat "$work/stalled" >/dev/null 4<&- &
drain=$!
status=0
wait "$pid" || status=$?
exec 4<&-
wait "$drain"
expect_status 143 "flood.bin blocked on a full FIFO, then SIGTERM"
[ "$(cat "$work/err")" = 'minivm: stopped by signal 15 (Terminated)' ] ||
	fail "SIGTERM in a blocked write: stderr: $(cat "$work/err")"
exit 0
