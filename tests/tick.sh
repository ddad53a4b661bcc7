#!/bin/sh
# The bundled tick guest: the PIT's interrupts come at the real rate,
# and between them the guest sleeps in hlt, using little CPU.
. "$TESTS_SRCDIR/init.sh"
require_kvm

now_ms()
{
	echo $(($(date +%s%N) / 1000000))
}

# The user and system time of this shell's finished children, in ms.
# times runs in this shell, not in a command substitution's subshell,
# whose children are none of these.
children_cpu_ms()
{
	awk 'NR == 2 {
		split($1, u, /[ms]/); split($2, s, /[ms]/)
		printf "%d\n", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }' \
		"$work/times"
}

times >"$work/times"
cpu=$(children_cpu_ms)
start=$(now_ms)
run "$TICK_BIN"
took=$(($(now_ms) - start))
times >"$work/times"
cpu=$(($(children_cpu_ms) - cpu))
expect_status 0 tick.bin
expect_output 'tick 1\ntick 2\ntick 3\ntick 4\ntick 5\n' tick.bin
expect_no_stderr tick.bin

# 500 ticks at 100 Hz: five seconds, and not much more.
[ "$took" -ge 4900 ] && [ "$took" -lt 15000 ] ||
	fail "tick.bin: five seconds of ticks in $took ms"
# A guest that spun instead of sleeping would use all of them.
[ $((cpu * 2)) -lt "$took" ] ||
	fail "tick.bin used $cpu ms of CPU in $took ms: hlt does not sleep"
exit 0
