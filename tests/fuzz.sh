#!/bin/sh
# fuzz.sh - runs minivm for FUZZ_SECONDS (default 60) on random and
# mutated guest images with random option values and random input, and
# fails on a crash, a sanitizer report, a hang, or an exit status minivm
# does not document for what it was given.
# Seeds: the hello guests, the test guests and the test kernels.  Each
# failing case is kept in FUZZ_KEEP (default ./fuzz-failures) with the
# command that runs it.
. "$TESTS_SRCDIR/init.sh"
require_kvm

seconds=${FUZZ_SECONDS:-60}
keep=${FUZZ_KEEP:-fuzz-failures}
end=$(($(date +%s) + seconds))

random()
{
	od -An -N4 -tu4 /dev/urandom | tr -d ' \n'
}

# pick WORD...: one of the words, at random.
pick()
{
	shift $(($(random) % $#))
	printf '%s' "$1"
}

# Sets $image to a fresh random, mutated or spliced guest.
make_image()
{
	image=$work/image
	seed=$(pick "$HELLO_BIN" "$HELLO32" "$HELLO64" "$GUESTS"/*.bin \
		"$KERNELS"/*.elf "$KERNELS"/*.bin)
	case $(($(random) % 3)) in
	0)
		head -c $(($(random) % 512 + 1)) /dev/urandom >"$image" ;;
	1)
		cp "$seed" "$image"
		size=$(wc -c <"$image")
		flips=$(($(random) % 4 + 1))
		while [ "$flips" -gt 0 ]; do
			printf "\\$(printf %03o $(($(random) % 256)))" |
				dd of="$image" bs=1 seek=$(($(random) % size)) \
					conv=notrunc 2>/dev/null
			flips=$((flips - 1))
		done ;;
	2)
		{ head -c $(($(random) % $(wc -c <"$seed") + 1)) "$seed"
		  head -c $(($(random) % 64)) /dev/urandom; } >"$image" ;;
	esac
}

# Sets $options to random option values, valid or not; a valid timeout
# comes last so no case runs for ever.
make_options()
{
	options=
	[ $(($(random) % 2)) -eq 0 ] || options="$options -m $(pick 4K 64K 1M 16M 1G 0 5K 0x1000K 1000000G lots 17179869184G)"
	[ $(($(random) % 2)) -eq 0 ] || options="$options --mode=$(pick real protected long fast)"
	[ $(($(random) % 2)) -eq 0 ] || options="$options -l $(pick 0 0x10 0x7c00 0x10000 0xffff0 0x7c01 0x100000 0x1000 0x4000 -1)"
	[ $(($(random) % 4)) -ne 0 ] || options="$options -a $(pick x console=ttyS0 '')"
	[ $(($(random) % 4)) -ne 0 ] || options="$options -i $(pick "$HELLO_BIN" "$GUESTS/flood.bin" /nonexistent)"
	[ $(($(random) % 2)) -eq 0 ] || options="$options -p $(pick 0x3f8 0x2f8 0 0x80 0xfff8 0xfff9 com1)"
	exit_port=
	# 0xf4 twice: the port the exit-code guest writes to.
	[ $(($(random) % 2)) -eq 0 ] || exit_port=$(pick 0xf4 0xf4 0x80 0 0x3f8 0x3fc 0xffff 0x10000 f4)
	[ -z "$exit_port" ] || options="$options -e $exit_port"
	[ $(($(random) % 4)) -ne 0 ] || options="$options -t $(pick 0 0.01 x 1e3 .5 99999999999)"
	[ $(($(random) % 8)) -ne 0 ] || options="$options -v"
	options="$options --timeout 0.2"
}

# Sets $input to random bytes, or none, for the guest to receive.
make_input()
{
	input=$work/input
	: >"$input"
	[ $(($(random) % 3)) -eq 0 ] ||
		head -c $(($(random) % 64 + 1)) /dev/urandom >"$input"
}

# Status 4 is a documented answer to the memory asked for, and only then:
# nothing the guest does may make KVM or the output fail.
memory_refused='^minivm: (cannot map guest memory: .* \(ask for less with --memory\)|KVM_SET_USER_MEMORY_REGION: .* \(is --memory more than KVM gives one guest\?\))$'

runs=0
failures=0
while [ "$(date +%s)" -lt "$end" ]; do
	make_image
	make_options
	make_input
	status=0
	# shellcheck disable=SC2086 # options are words on purpose
	timeout --verbose -s KILL 20 "$MINIVM" $options "$image" \
		<"$input" >/dev/null 2>"$work/err" || status=$?
	runs=$((runs + 1))
	why=
	# A guest's exit port status may be 137 too: only timeout's own word
	# tells a hang.
	case $status in
	0 | 2 | 6 | 124) ;;
	4) grep -Eq "$memory_refused" "$work/err" ||
		why="exit status 4 not for the memory asked for" ;;
	*[13579]) [ -n "$exit_port" ] || why="exit status $status" ;;
	*) why="exit status $status" ;;
	esac
	if grep -q '^timeout: sending signal' "$work/err"; then
		why="hung (killed after 20 s)"
	fi
	if grep -Eq 'runtime error|Sanitizer|AddressSanitizer' "$work/err"; then
		why="sanitizer report"
	fi
	[ -z "$why" ] && continue
	failures=$((failures + 1))
	mkdir -p "$keep"
	cp "$image" "$keep/case-$failures.bin"
	cp "$input" "$keep/case-$failures.in"
	cp "$work/err" "$keep/case-$failures.err"
	echo "minivm$options $keep/case-$failures.bin <$keep/case-$failures.in" \
		>"$keep/case-$failures.cmd"
	printf 'FAIL: %s: minivm%s %s\n' "$why" "$options" "$keep/case-$failures.bin"
	head -n 5 "$work/err"
done
echo "fuzz: $runs runs in ${seconds}s, $failures failures"
[ "$failures" -eq 0 ]
