#!/bin/sh
# minivm on a terminal: guest output shows as soon as it is sent, keys
# reach the guest as they are typed (Enter as a carriage return, Ctrl-C
# too; Ctrl-A x quits), and the terminal is restored however the run ends.
. "$TESTS_SRCDIR/init.sh"
require_kvm
command -v script >/dev/null || skip_or_fail "no script(1) to make a terminal"

# on_tty ARGS: runs minivm with ARGS (shell words, before them any
# VAR=VALUE) on a new terminal, whose keyboard is on_tty's standard
# input.  What the terminal shows goes to $work/typescript; the
# terminal's name to $work/tty, minivm's pid to $work/pid, its status to
# $work/status, and the terminal's settings and file status flags (which
# the shell shares) before and after the run to $work/before and
# $work/after.  The shell there ignores Ctrl-C, which
# would otherwise stop it with minivm.  Each run on the terminal is
# bounded, as every run of minivm in a test: one that has not ended in
# TTY_LIMIT seconds says so and makes on_tty fail.
TTY_LIMIT=$((RUN_TIMEOUT + 30))
on_tty()
{
	cat >"$work/session" <<EOF
trap : INT
tty >'$work/tty'
{ stty -g; grep '^flags:' /proc/\$\$/fdinfo/0; } >'$work/before'
sh -c 'echo \$\$ >"\$0"; exec env "\$@"' '$work/pid' "\$@"
echo \$? >'$work/status'
{ stty -g; grep '^flags:' /proc/\$\$/fdinfo/0; } >'$work/after'
EOF
	limited=0
	timeout -k 5 "$TTY_LIMIT" script -q -f -e \
		-c "sh '$work/session' $1" "$work/typescript" \
		>/dev/null 2>&1 || limited=$?
	case $limited in
	124 | 137)
		printf 'FAIL: on a terminal, %s did not end in %ss\n' "$1" \
			"$TTY_LIMIT" >&2
		return 1 ;;
	esac
}

# expect_restored STATUS WHAT: minivm on the terminal ended with STATUS,
# and left the terminal as it found it.
expect_restored()
{
	[ "$(cat "$work/status")" = "$1" ] ||
		fail "$2 on a terminal: status $(cat "$work/status"), expected $1"
	[ -s "$work/before" ] && cmp -s "$work/before" "$work/after" ||
		fail "$2 left the terminal changed"
	rm -f "$work/tty" "$work/pid" "$work/status" "$work/before" \
		"$work/after"
}

# wait_for COMMAND: waits up to 30 s until the shell COMMAND succeeds.
wait_for()
{
	tries=0
	until eval "$1"; do
		tries=$((tries + 1))
		[ "$tries" -lt 300 ] || return 1
		sleep 0.1
	done
}

# The terminal settings while minivm runs.
settings()
{
	[ -s "$work/tty" ] && stty -F "$(cat "$work/tty")" -a 2>/dev/null
}

# keys TEXT: types TEXT (printf format) once minivm has the terminal raw
# (typed before, keys would rightly be echoed), and keeps typing nothing
# until minivm ends: at the end of its input, script(1) types an end of
# file, which would hand on keys that line editing still held back.
keys()
{
	wait_for 'settings | grep -q -- -icanon' && printf "$1"
	wait_for '[ -s "$work/status" ]'
}

# The limit holds: a guest that never ends fails on_tty within it.
saved_limit=$TTY_LIMIT
TTY_LIMIT=2
start=$(date +%s)
! on_tty "'$MINIVM' '$GUESTS/spin.bin'" </dev/null 2>"$work/bound" ||
	fail "a guest that never ends passed on a terminal"
took=$(($(date +%s) - start))
TTY_LIMIT=$saved_limit
[ "$took" -lt 10 ] ||
	fail "a guest that never ends took ${took}s to fail, past its limit of 2s"
grep -q "^FAIL: on a terminal, .*spin.bin' did not end in 2s" "$work/bound" ||
	fail "a guest that never ends, on a terminal: $(cat "$work/bound")"
kill -KILL "$(cat "$work/pid")" 2>/dev/null
rm -f "$work/tty" "$work/pid" "$work/status" "$work/before" "$work/after"

# spin.bin writes port 0x80 after its text; once --verbose shows that
# exit, while minivm still runs, the text must be on the terminal.  And
# the terminal is raw: no line editing, echo, CR to NL translation, flow
# control or special keys; a read waits for one byte.
on_tty "'$MINIVM' --verbose --timeout $RUN_TIMEOUT '$GUESTS/spin.bin' 2>'$work/trace'" \
	</dev/null &
trap 'kill -KILL "$(cat "$work/pid")" 2>/dev/null; rm -rf "$work"' EXIT
wait_for 'grep -q "port 0x0080" "$work/trace" 2>/dev/null' ||
	fail "spin.bin never ran on a terminal"
[ ! -s "$work/status" ] ||
	fail "minivm ended before the terminal could be checked"
grep -q 'spinning' "$work/typescript" ||
	fail "the text was not on the terminal: $(cat "$work/typescript")"
raw=$(settings | tr -s ' \n' '  ')
for flag in -icanon -echo -icrnl -ixon -iexten -isig 'min = 1;' 'time = 0;'; do
	case " $raw " in
	*" $flag "*) ;;
	*) fail "the terminal was not raw ($flag): $raw" ;;
	esac
done
kill -TERM "$(cat "$work/pid")"
wait "$!"
trap 'rm -rf "$work"' EXIT
expect_restored 143 "spin.bin, then SIGTERM"

# Keys reach the guest as they are typed, with no line editing holding
# them back and no echo by the terminal (the guest's own echo is the only
# copy), and Enter is a carriage return.
keys 'typed\r.' | on_tty "'$MINIVM' --timeout 10 '$GUESTS/echo.bin'" ||
	exit 1
expect_restored 0 "echo.bin"
[ "$(grep -o 'typed' "$work/typescript" | wc -l)" -eq 1 ] &&
	tr '\r' R <"$work/typescript" | grep -q 'typedR\.' ||
	fail "echo.bin on a terminal: $(od -c "$work/typescript")"

# Ctrl-C is the guest's, as every key but the escape, Ctrl-A: Ctrl-A
# Ctrl-A sends one Ctrl-A, Ctrl-A and another key send both, and Ctrl-A
# x quits.
keys 'a\003\001\001\001b.' |
	on_tty "'$MINIVM' --timeout 10 '$GUESTS/echo.bin'" || exit 1
expect_restored 0 "echo.bin, with Ctrl-C and Ctrl-A"
od -An -c "$work/typescript" | tr -s ' \n' '  ' |
	grep -q 'a 003 001 001 b \.' ||
	fail "Ctrl-C and Ctrl-A on a terminal: $(od -c "$work/typescript")"
keys '\001x' |
	on_tty "'$MINIVM' --timeout 10 '$GUESTS/echo.bin' 2>'$work/err'" ||
	exit 1
expect_restored 130 "echo.bin, then Ctrl-A x"
[ "$(cat "$work/err")" = 'minivm: quit with Ctrl-A x' ] ||
	fail "Ctrl-A x: stderr: $(cat "$work/err")"

# minivm reads the keys whatever the guest does, so Ctrl-A x quits a
# guest that never reads its serial port: one that never leaves KVM_RUN
# (spin.bin), one that sleeps in hlt between timer interrupts (tick.bin).
for guest in "$GUESTS/spin.bin" "$TICK_BIN"; do
	keys '\001x' |
		on_tty "'$MINIVM' --timeout 10 '$guest' 2>'$work/err'" ||
		exit 1
	expect_restored 130 "$guest, then Ctrl-A x"
	[ "$(cat "$work/err")" = 'minivm: quit with Ctrl-A x' ] ||
		fail "$guest, then Ctrl-A x: stderr: $(cat "$work/err")"
done

# The keys still reach a guest that sleeps in hlt until its serial port
# interrupts (irq-echo.bin echoes them in capitals), as they are typed.
{ wait_for 'settings | grep -q -- -icanon' && printf 'abc' &&
	wait_for 'grep -q ABC "$work/typescript"' && printf '\001x'
	wait_for '[ -s "$work/status" ]'; } |
	on_tty "'$MINIVM' --timeout 10 '$GUESTS/irq-echo.bin' 2>'$work/err'" ||
	exit 1
expect_restored 130 "irq-echo.bin, then Ctrl-A x"
grep -q ABC "$work/typescript" ||
	fail "irq-echo.bin on a terminal: $(od -c "$work/typescript")"

# However else the run ends, the terminal is left as it was found: a
# halt, a timeout, a crash, the exit port, a write error (flood.bin fills
# the output buffer, so the error comes while the guest runs), KVM
# failing.
while read -r expected command; do
	on_tty "$command" </dev/null || exit 1
	expect_restored "$expected" "$command"
done <<EOF
0	'$MINIVM'
0	'$MINIVM' '$GUESTS/sti-hlt.bin'
124	'$MINIVM' -t 0.5 '$GUESTS/spin.bin'
124	'$MINIVM' -t 1 '$GUESTS/echo.bin'
6	'$MINIVM' -m 64K '$GUESTS/beyond-memory.bin'
3	'$MINIVM' -e 0xf4 '$GUESTS/exit-wide.bin'
4	'$MINIVM' -t 10 '$GUESTS/flood.bin' >/dev/full
4	LD_PRELOAD='$PRELOAD' FAIL_KVM_RUN_ERRNO=14 '$MINIVM'
EOF

# A terminal minivm cannot set up ends the run before the guest starts
# (--verbose would log its exits), with one line that says why.  (The
# preload refuses every tcsetattr, so the terminal cannot have changed.)
on_tty "LD_PRELOAD='$PRELOAD' FAIL_TCSETATTR_ERRNO=5 '$MINIVM' --verbose 2>'$work/err'" \
	</dev/null || exit 1
[ "$(cat "$work/status")" = 4 ] ||
	fail "with tcsetattr failing: status $(cat "$work/status")"
[ "$(cat "$work/err")" = "$(printf 'preload: tcsetattr refused\nminivm: cannot set up the terminal: Input/output error')" ] ||
	fail "with tcsetattr failing: stderr '$(cat "$work/err")'"

# On a terminal, each byte the guest sends is written as it is sent: the
# bundled hello's 14 bytes take 14 writes of one byte each, however fast
# or slow the machine (buffered, the line would take one).  The seccomp
# filter keeps strace from stopping minivm at each KVM_RUN; LeakSanitizer
# cannot work under ptrace.
command -v strace >/dev/null || skip_or_fail "no strace(1) to count writes"
on_tty "ASAN_OPTIONS='$ASAN_OPTIONS:detect_leaks=0' strace -f --seccomp-bpf -o '$work/strace' -e trace=write '$MINIVM'" \
	</dev/null || exit 1
expect_restored 0 "hello under strace"
grep -q 'Hello, world!' "$work/typescript" ||
	fail "hello under strace: not on the terminal: $(cat "$work/typescript")"
# A write a signal broke off and the kernel restarted (SA_RESTART) is
# one of minivm's, shown twice.
writes=$(grep '^[0-9]* *write(1, ' "$work/strace" | grep -vc 'ERESTARTSYS')
bytes=$(grep -c '^[0-9]* *write(1, "[^"]*", 1) *= 1$' "$work/strace")
[ "$writes" -eq 14 ] && [ "$bytes" -eq 14 ] ||
	fail "hello on a terminal: $writes writes, $bytes of one byte, not 14: $(grep 'write(1, ' "$work/strace")"
exit 0
