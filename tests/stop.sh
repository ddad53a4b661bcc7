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
exit 0
