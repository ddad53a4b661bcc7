#!/bin/sh
# --stats: the summary on stderr adds up, counts the exits a guest is
# known to make, tells sleep in hlt apart, comes however the run ends,
# and is absent without the option.
. "$TESTS_SRCDIR/init.sh"
require_kvm

# The lines of the summary in $work/err for WHO ("vCPU 1: "), or for the
# one CPU (""), without their start, in $work/lines.
lines_of()
{
	sed -n "s/^minivm: stats: $1//p" "$work/err" | grep -v '^vCPU' >"$work/lines"
}

# total_exits: the "N exits to minivm" of those lines.
total_exits()
{
	sed -n 's/^\([0-9]*\) exits to minivm.*/\1/p' "$work/lines"
}

# row_exits KIND: the exits on the row for KIND ("KVM_EXIT_HLT").
row_exits()
{
	sed -n "s/^ *\\([0-9]*\\) exits, [0-9.]* s handling: $1\$/\\1/p" \
		"$work/lines"
}

# check_sums WHAT [WHO]: for WHO's lines, the rows add up to the total,
# and the times in the first line to the whole (each is rounded down to
# the microsecond).
check_sums()
{
	lines_of "${2-}"
	rows=$(sed -n 's/^ *\([0-9]*\) exits, .*/\1/p' "$work/lines" |
		awk '{ n += $1 } END { print n + 0 }')
	[ -n "$(total_exits)" ] && [ "$rows" -eq "$(total_exits)" ] ||
		fail "$1: rows add up to $rows exits, total '$(total_exits)'"
	sed -n 's/^\([0-9.]*\) s in all: \([0-9.]*\) s in KVM_RUN, \([0-9.]*\) s asleep in hlt, \([0-9.]*\) s handling exits, \([0-9.]*\) s setting up and tearing down$/\1 \2 \3 \4 \5/p' \
		"$work/lines" >"$work/times"
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

# With several CPUs, each vCPU has a summary of its own, named, and an
# exit is counted on the CPU that made it: the smp kernel's CPU 1 writes
# the exit port, and both CPUs print.
run --stats -c 2 -t 20 -e 0xf4 -a exit-from=1 "$KERNELS/smp.elf"
expect_status 35 "--stats -c 2 exit-from=1"
for cpu in 0 1; do
	check_sums "-c 2, vCPU $cpu" "vCPU $cpu: "
	n=$(row_exits 'KVM_EXIT_IO serial port')
	[ -n "$n" ] && [ "$n" -ge 1 ] ||
		fail "-c 2: vCPU $cpu's serial port row '$n': $(cat "$work/err")"
done
lines_of 'vCPU 0: '
[ -z "$(row_exits 'KVM_EXIT_IO exit port')" ] ||
	fail "-c 2: the exit port counted on vCPU 0: $(cat "$work/err")"
lines_of 'vCPU 1: '
[ "$(row_exits 'KVM_EXIT_IO exit port')" = 1 ] ||
	fail "-c 2: vCPU 1's exit port row: $(cat "$work/err")"
! grep -q '^minivm: stats: [0-9]' "$work/err" ||
	fail "-c 2: a summary not for one vCPU: $(cat "$work/err")"

# Without the option, not a word; nor when no VM ran.
run
expect_status 0 ''
! grep -q stats "$work/err" || fail "stats without --stats: $(cat "$work/err")"
LD_PRELOAD=$PRELOAD FAKE_KVM_CREATE_VM_ERRNO=12 run --stats
expect_status 4 "--stats, KVM_CREATE_VM refused"
grep -q 'KVM_CREATE_VM' "$work/err" && ! grep -q stats "$work/err" ||
	fail "--stats, KVM_CREATE_VM refused: stderr: $(cat "$work/err")"
exit 0
