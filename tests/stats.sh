#!/bin/sh
# --stats: the summary on stderr adds up, counts the exits a guest is
# known to make, tells sleep in hlt apart, comes however the run ends,
# and is absent without the option.
. "$TESTS_SRCDIR/init.sh"
require_kvm

# total_exits: the "N exits to minivm" of the summary in $work/err.
total_exits()
{
	sed -n 's/^minivm: stats: \([0-9]*\) exits to minivm.*/\1/p' "$work/err"
}

# row_exits KIND: the exits on the row for KIND ("KVM_EXIT_HLT").
row_exits()
{
	sed -n "s/^minivm: stats: *\\([0-9]*\\) exits, [0-9.]* s handling: $1\$/\\1/p" \
		"$work/err"
}

# The rows add up to the total, and the times in the first line to
# the whole (each is rounded down to the microsecond).
check_sums()
{
	rows=$(sed -n 's/^minivm: stats: *\([0-9]*\) exits, .*/\1/p' "$work/err" |
		awk '{ n += $1 } END { print n + 0 }')
	[ -n "$(total_exits)" ] && [ "$rows" -eq "$(total_exits)" ] ||
		fail "$1: rows add up to $rows exits, total '$(total_exits)'"
	sed -n 's/^minivm: stats: \([0-9.]*\) s in all: \([0-9.]*\) s in KVM_RUN, \([0-9.]*\) s asleep in hlt, \([0-9.]*\) s handling exits, \([0-9.]*\) s setting up and tearing down$/\1 \2 \3 \4 \5/p' \
		"$work/err" >"$work/times"
	[ -s "$work/times" ] || fail "$1: no line of times: $(cat "$work/err")"
	# In whole microseconds: each part is rounded down, so the whole
	# may be up to 4 more than the parts' sum, never less.
	tr -d . <"$work/times" |
		awk '{ d = $1 - ($2 + $3 + $4 + $5); exit !(d >= 0 && d <= 4) }' ||
		fail "$1: times do not add up: $(cat "$work/times")"
}

# The hello guest writes its 14 bytes one exit each (KVM batches only a
# long run's writes) and ends with one hlt.
run --stats
expect_status 0 --stats
[ "$(cat "$work/out")" = 'Hello, world!' ] || fail "--stats changed the output"
check_sums hello
[ "$(row_exits KVM_EXIT_HLT)" = 1 ] ||
	fail "hello: HLT row '$(row_exits KVM_EXIT_HLT)', expected 1"
n=$(row_exits 'KVM_EXIT_IO serial port')
[ -n "$n" ] && [ "$n" -ge 14 ] || fail "hello: serial port row '$n', expected 14 or more"

# The tick guest sleeps between its timer's interrupts; stopped by the
# timeout, the run still gets its summary.
run --stats -t 1.5 "$TICK_BIN"
expect_status 124 "--stats -t 1.5 tick.bin"
check_sums tick
awk '{ exit !($3 >= 0.5) }' "$work/times" ||
	fail "tick: asleep $(cut -d ' ' -f 3 "$work/times") s of 1.5 s"
n=$(row_exits KVM_EXIT_HLT)
[ -n "$n" ] && [ "$n" -ge 50 ] || fail "tick: $n hlt exits in 1.5 s at 100 Hz"

# Without the option, not a word; nor when no VM ran.
run
expect_status 0 ''
! grep -q stats "$work/err" || fail "stats without --stats: $(cat "$work/err")"
LD_PRELOAD=$PRELOAD FAKE_KVM_CREATE_VM_ERRNO=12 run --stats
expect_status 4 "--stats, KVM_CREATE_VM refused"
grep -q 'KVM_CREATE_VM' "$work/err" && ! grep -q stats "$work/err" ||
	fail "--stats, KVM_CREATE_VM refused: stderr: $(cat "$work/err")"
exit 0
