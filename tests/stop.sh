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
# (its POST code write shows in --verbose), then sends SIGNAL.  The last
# run's trace is gone first: the new run's redirection truncates it only
# once the job gets to run, which under load can be after the wait has
# found the old POST code and sent SIGNAL to a minivm not yet started.
stop_with()
{
	: >"$work/err"
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
# "$work") in a job that a signal ends before it has exec'd.  The FIFO
# is opened here, not by the reader: minivm may be gone by the time the
# reader would open it, and this shell's end with it, and an open for
# reading with no writer left waits for ever.
exec 6<"$work/stalled"
timeout "$RUN_TIMEOUT" cat <&6 >/dev/null 4<&- 6<&- &
drain=$!
exec 6<&-
status=0
wait "$pid" || status=$?
exec 4<&-
wait "$drain"
expect_status 143 "flood.bin blocked on a full FIFO, then SIGTERM"
[ "$(cat "$work/err")" = 'minivm: stopped by signal 15 (Terminated)' ] ||
	fail "SIGTERM in a blocked write: stderr: $(cat "$work/err")"

# A reader that never reads: minivm still ends, however the stop finds
# it, at most STOP_OUTPUT_SECONDS (2) after it.  The FIFO is full before
# minivm starts (this shell holds it open, reading nothing), so no write
# of minivm's to it can ever complete.
mkfifo "$work/full"
exec 5<>"$work/full"
dd if=/dev/zero bs=4096 count=1024 oflag=nonblock >&5 2>/dev/null

# stop_blocked WHAT ARGS...: minivm ARGS writes to the full FIFO; once
# it waits in a write there, SIGTERM.  The signal breaks the write off:
# the run ends at once, as the signal says.
stop_blocked()
{
	what=$1
	shift
	"$MINIVM" --timeout "$RUN_TIMEOUT" "$@" >"$work/full" 2>"$work/err" &
	pid=$!
	tries=0
	until grep -q pipe_write "/proc/$pid/wchan" 2>/dev/null; do
		tries=$((tries + 1))
		[ "$tries" -lt 300 ] || { kill -9 "$pid"; skip_or_fail "$what never blocked writing to a full FIFO"; }
		sleep 0.1
	done
	kill -TERM "$pid"
	end_within 10 "$pid" "$what, then SIGTERM"
	expect_status 143 "$what, then SIGTERM"
	[ "$(cat "$work/err")" = 'minivm: stopped by signal 15 (Terminated)' ] ||
		fail "$what, then SIGTERM: stderr: $(cat "$work/err")"
}
# The guest still runs.
stop_blocked "flood.bin to a FIFO nobody reads" "$GUESTS/flood.bin"
# The guest has halted: the write left is the run's last.
stop_blocked "hello to a FIFO nobody reads"

# The stop comes while the guest runs (the preload raises SIGTERM as the
# first KVM_RUN returns), so the last write starts after it: once it has
# waited 2 s, minivm gives up on it.
start=$(date +%s)
status=0
timeout -s KILL "$RUN_TIMEOUT" env LD_PRELOAD="$PRELOAD" \
	RAISE_AFTER_KVM_RUN=15 "$MINIVM" -t "$RUN_TIMEOUT" \
	>"$work/full" 2>"$work/err" || status=$?
took=$(($(date +%s) - start))
expect_status 143 "hello to a FIFO nobody reads, stopped as it runs"
[ "$took" -lt 10 ] ||
	fail "hello to a FIFO nobody reads, stopped as it runs: ended after ${took}s"
[ "$(cat "$work/err")" = "$(printf '%s\n' \
	'preload: signal 15 after KVM_RUN' \
	'minivm: stopped by signal 15 (Terminated)' \
	'minivm: gave up on the output its reader did not take in the 2 seconds after the stop')" ] ||
	fail "hello to a FIFO nobody reads, stopped as it runs: stderr: $(cat "$work/err")"
exec 5<&-
exit 0
