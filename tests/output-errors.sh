#!/bin/sh
# Output that cannot be written is an error with one line, never a hang,
# a crash or a silent success.
. "$TESTS_SRCDIR/init.sh"
require_kvm

if [ -w /dev/full ]; then
	status=0
	"$MINIVM" >/dev/full 2>"$work/err" || status=$?
	expect_status 4 ">/dev/full"
	[ "$(cat "$work/err")" = 'minivm: write error on standard output: No space left on device' ] ||
		fail ">/dev/full: stderr '$(cat "$work/err")'"

	# A guest that waits in hlt has its output flushed there, so the
	# error ends the run at tick.bin's first line, not at its fifth.
	status=0
	start=$(date +%s)
	"$MINIVM" "$TICK_BIN" >/dev/full 2>"$work/err" || status=$?
	took=$(($(date +%s) - start))
	expect_status 4 "tick.bin >/dev/full"
	[ "$(cat "$work/err")" = 'minivm: write error on standard output: No space left on device' ] ||
		fail "tick.bin >/dev/full: stderr '$(cat "$work/err")'"
	[ "$took" -lt 4 ] ||
		fail "tick.bin >/dev/full: ran ${took}s, past the first failed write"
fi

# A reader that goes away: the guest floods for ever, so only the
# broken pipe (or, failing that, the timeout) can end minivm.
{ "$MINIVM" --timeout "$RUN_TIMEOUT" "$GUESTS/flood.bin" 2>"$work/err"
	echo $? >"$work/status"; } | head -c 1 >"$work/out"
status=$(cat "$work/status")
expect_status 4 "flood.bin | head -c 1"
expect_output 'y' "flood.bin | head -c 1"
[ "$(cat "$work/err")" = 'minivm: write error on standard output: Broken pipe' ] ||
	fail "flood.bin | head -c 1: stderr '$(cat "$work/err")'"
exit 0
