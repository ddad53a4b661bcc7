#!/bin/sh
# On a terminal, guest output shows as soon as it is sent: a guest that
# prints and then spins must not keep its text in a buffer.
. "$TESTS_SRCDIR/init.sh"
require_kvm
command -v script >/dev/null || { echo "SKIP: no script(1)"; exit 77; }

# spin.bin writes port 0x80 after its text; once --verbose shows that
# exit, while minivm still runs, the text must be on the terminal.  A
# copy of its own lets this test stop only its guest.
cp "$GUESTS/spin.bin" "$work/tty-spin.bin"
script -q -f -e -c "'$MINIVM' --verbose --timeout $RUN_TIMEOUT '$work/tty-spin.bin' 2>'$work/trace'" \
	"$work/typescript" >/dev/null 2>&1 </dev/null &
pid=$!
trap 'pkill -KILL -f "$work/tty-spin.bin"; rm -rf "$work"' EXIT
tries=0
until grep -q 'port 0x0080' "$work/trace" 2>/dev/null; do
	tries=$((tries + 1))
	[ "$tries" -lt 300 ] || { kill "$pid"; fail "spin.bin never ran"; }
	sleep 0.1
done
pgrep -f "$work/tty-spin.bin" >/dev/null ||
	fail "minivm ended before the terminal could be checked"
grep -q 'spinning' "$work/typescript" ||
	fail "the text was not on the terminal: $(cat "$work/typescript")"
pkill -TERM -f "$work/tty-spin.bin"
wait "$pid" || true
exit 0
