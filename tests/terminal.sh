#!/bin/sh
# minivm on a terminal: guest output shows as soon as it is sent, keys
# reach the guest as typed, and the terminal is always restored.
. "$TESTS_SRCDIR/init.sh"
require_kvm
command -v script >/dev/null || skip_or_fail "no script(1) to make a terminal"

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
trap 'rm -rf "$work"' EXIT

# Keys reach the guest as they are typed: no line editing holding them
# back until Enter, and no echo by the terminal (the guest's own echo is
# the only copy).  The keys come a little late: typed before minivm set
# the terminal up, they would rightly be echoed.
{ sleep 2; printf 'typed.'; } | script -q -e -c "'$MINIVM' --timeout $RUN_TIMEOUT '$GUESTS/echo.bin'" \
	"$work/typed" >/dev/null 2>&1 || fail "echo.bin on a terminal: status $?"
[ "$(grep -o 'typed\.' "$work/typed" | wc -l)" -eq 1 ] ||
	fail "echo.bin on a terminal: $(cat "$work/typed")"

# A terminal minivm cannot set up ends the run before the guest starts,
# with one line that says why, and the terminal as it was.
script -q -e -c "stty -g >'$work/before'; LD_PRELOAD='$PRELOAD' FAIL_TCSETATTR_ERRNO=5 '$MINIVM' '$GUESTS/echo.bin' 2>'$work/err'; echo \$? >'$work/status'; stty -g >'$work/after'" \
	/dev/null </dev/null >/dev/null 2>&1 || true
[ "$(cat "$work/status")" = 4 ] ||
	fail "with tcsetattr failing: status $(cat "$work/status")"
[ "$(cat "$work/err")" = "$(printf 'preload: tcsetattr refused\nminivm: cannot set up the terminal: Input/output error')" ] ||
	fail "with tcsetattr failing: stderr '$(cat "$work/err")'"
cmp -s "$work/before" "$work/after" ||
	fail "with tcsetattr failing: the terminal changed"
rm -f "$work/before" "$work/after"

# However the run ends, the terminal is left as it was found.
for args in "" "-t 0.5 '$GUESTS/spin.bin'" "'$GUESTS/triple-fault.bin'" \
	"-t 1 '$GUESTS/echo.bin'"; do
	script -q -e -c "stty -g >'$work/before'; '$MINIVM' $args; stty -g >'$work/after'" \
		/dev/null </dev/null >/dev/null 2>&1 || true
	[ -s "$work/before" ] && cmp -s "$work/before" "$work/after" ||
		fail "minivm $args left the terminal changed"
	rm -f "$work/before" "$work/after"
done
exit 0
