# init.sh - sourced by every test script: helpers and the KVM gate.
#
# The harness sets MINIVM, KVM_USABLE, PRELOAD, GUESTS, HELLO_BIN and
# TESTS_SRCDIR.

set -u

# A wedged guest must fail its test, not hang the whole suite.
RUN_TIMEOUT=${RUN_TIMEOUT:-30}

# preload.so is not built with the sanitizers that minivm may be.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

fail()
{
	printf 'FAIL: %s\n' "$*" >&2
	exit 1
}

# A test that cannot check what it claims here skips (77), as on a build
# daemon; MINIVM_REQUIRE_KVM=1, as in CI, makes that a failure, so that
# nothing CI counts on goes unchecked.
skip_or_fail()
{
	if [ "${MINIVM_REQUIRE_KVM:-0}" = 1 ]; then
		fail "cannot check (MINIVM_REQUIRE_KVM=1 forbids skipping): $*"
	fi
	printf 'SKIP: %s\n' "$*"
	exit 77
}

# Tests that need a VM cannot check without a usable /dev/kvm.
require_kvm()
{
	why=$("$KVM_USABLE" 2>&1) || skip_or_fail "KVM unusable: $why"
}

# Tests of what only a KVM on the processor's virtualisation extensions
# does (a real-mode triple fault, a stock Linux kernel) cannot check on
# PVM, which emulates real mode and runs only kernels built for it.
require_hardware_kvm()
{
	require_kvm
	why=$("$KVM_USABLE" hardware 2>&1) ||
		skip_or_fail "needs KVM on VMX or SVM: $why"
}

work=$(mktemp -d "${TMPDIR:-/tmp}/minivm-test.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

# end_within SECONDS PID WHAT: waits for PID, a job of this shell,
# killed if it has not ended in SECONDS; its status in $status.  The
# watchdog looks every 0.1 s rather than being killed once PID ends: a
# job that a signal ends before it has exec'd runs the EXIT trap, which
# would take $work away under this shell.
end_within()
{
	(
		trap - EXIT
		looks=$(($1 * 10))
		while [ "$looks" -gt 0 ] && kill -0 "$2" 2>/dev/null; do
			sleep 0.1
			looks=$((looks - 1))
		done
		[ "$looks" -gt 0 ] || kill -KILL "$2" 2>/dev/null
	) &
	watchdog=$!
	status=0
	wait "$2" || status=$?
	wait "$watchdog"
	[ "$status" -ne 137 ] || fail "$3: did not end within $1 s"
}

# run ARGS...: runs minivm, leaving its status in $status and its
# output in $work/out and $work/err.
run()
{
	status=0
	timeout -s KILL "$RUN_TIMEOUT" "$MINIVM" "$@" >"$work/out" \
		2>"$work/err" || status=$?
	[ "$status" -ne 137 ] || fail "minivm $* did not stop in ${RUN_TIMEOUT}s"
}

# expect_status STATUS WHAT: minivm ended with STATUS; if not, the end
# of the guest's output says where it stopped, beside minivm's stderr.
expect_status()
{
	[ "$status" -eq "$1" ] ||
		fail "minivm $2: status $status, expected $1; stderr: $(cat "$work/err"); stdout ends: $(tail -c 300 "$work/out" 2>/dev/null)"
}

# expect_output TEXT ARGS...: stdout is exactly TEXT (printf format).
expect_output()
{
	printf "$1" >"$work/expected"
	cmp -s "$work/expected" "$work/out" ||
		fail "minivm $2: stdout '$(cat "$work/out")', expected '$(cat "$work/expected")'"
}

expect_no_stderr()
{
	[ ! -s "$work/err" ] || fail "minivm $1: unexpected stderr: $(cat "$work/err")"
}

# expect_refused PATTERN ARGS...: minivm refuses ARGS with status 2,
# one line on stderr matching PATTERN (grep -E), and nothing on stdout.
expect_refused()
{
	pattern=$1
	shift
	run "$@"
	expect_status 2 "$*"
	[ ! -s "$work/out" ] || fail "minivm $*: wrote to stdout: $(cat "$work/out")"
	[ "$(wc -l <"$work/err")" -eq 1 ] ||
		fail "minivm $*: expected one line on stderr, got: $(cat "$work/err")"
	grep -Eq "^minivm: .*$pattern" "$work/err" ||
		fail "minivm $*: stderr '$(cat "$work/err")' does not match '$pattern'"
}

# expect_hello ARGS...: minivm prints the greeting and nothing else.
expect_hello()
{
	run "$@"
	expect_status 0 "$*"
	expect_output 'Hello, world!\n' "$*"
	expect_no_stderr "$*"
}

# expect_crash LINE ARGS...: status 6, the first stderr line starts
# with LINE, then the register block, and no file descriptor is left open.
expect_crash()
{
	line=$1
	shift
	AUDIT_FDS=1 LD_PRELOAD=$PRELOAD run "$@"
	expect_status 6 "$*"
	case $(head -n 1 "$work/err") in
	"$line"*) ;;
	*) fail "minivm $*: first stderr line '$(head -n 1 "$work/err")', expected '$line'" ;;
	esac
	for field in 'CS:IP' RFLAGS CR0 RAX RSP 'code at'; do
		grep -q "$field" "$work/err" ||
			fail "minivm $*: no $field in: $(cat "$work/err")"
	done
	! grep -q '^preload: ' "$work/err" ||
		fail "minivm $*: $(grep '^preload: ' "$work/err")"
}

# put32 FILE OFFSET VALUE: writes VALUE there, little-endian.
put32()
{
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $(($3 & 255)) \
		$(($3 >> 8 & 255)) $(($3 >> 16 & 255)) $(($3 >> 24 & 255)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# get32 FILE OFFSET: the little-endian 32-bit number there.
get32()
{
	od -An -tu4 -j "$2" -N 4 "$1" | tr -d ' '
}

# put_text FILE OFFSET TEXT: writes TEXT there.
put_text()
{
	printf %s "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null
}

# bzimage FILE: a 4 KiB bzImage, its header as the boot protocol (2.15)
# has it: one setup sector, 3 KiB of kernel that decompresses into
# 1 MiB at 16 MiB, a 255-byte command line.
bzimage()
{
	head -c 4096 /dev/zero >"$1"
	put32 "$1" $((0x1f0)) $((1 << 8))	# setup_sects
	put32 "$1" $((0x1f4)) $((3072 / 16))	# syssize
	put_text "$1" $((0x201)) 'jHdrS'	# header length 0x6a, magic
	put32 "$1" $((0x206)) $((0x20f))	# version
	put32 "$1" $((0x210)) $((1 << 8))	# loadflags: LOADED_HIGH
	put32 "$1" $((0x22c)) $((0x7fffffff))	# initrd_addr_max
	put32 "$1" $((0x238)) 255		# cmdline_size
	put32 "$1" $((0x258)) $((0x1000000))	# pref_address
	put32 "$1" $((0x260)) $((0x100000))	# init_size
}

# find_kernel: the Linux kernel to boot, in $kernel: MINIVM_TEST_KERNEL,
# which must be booted then (nothing may skip under MINIVM_REQUIRE_KVM),
# else the running kernel's own /boot/vmlinuz-$(uname -r) if readable;
# with neither, the test skips.
find_kernel()
{
	if [ -n "${MINIVM_TEST_KERNEL:-}" ]; then
		kernel=$MINIVM_TEST_KERNEL
		[ -r "$kernel" ] ||
			fail "MINIVM_TEST_KERNEL=$kernel is not readable"
		return
	fi
	kernel=/boot/vmlinuz-$(uname -r)
	if [ ! -r "$kernel" ]; then
		echo "SKIP: no kernel to boot: set MINIVM_TEST_KERNEL, or make $kernel readable"
		exit 77
	fi
}

# linux_initramfs FILE [MODULE...]: builds the tests' initramfs (see
# linux-initramfs.sh) in FILE, with $kernel's MODULEs, or skips as
# find_kernel does when it cannot (no static busybox, no modules).
linux_initramfs()
{
	initrd=$1
	shift
	if [ $# -gt 0 ]; then
		set -- "/lib/modules/${kernel##*/vmlinuz-}" "$@"
	fi
	initrd_status=0
	sh "$TESTS_SRCDIR/linux-initramfs.sh" "$initrd" "$@" 2>"$work/why" ||
		initrd_status=$?
	if [ "$initrd_status" -eq 77 ]; then
		[ -z "${MINIVM_TEST_KERNEL:-}" ] || skip_or_fail "$(cat "$work/why")"
		echo "SKIP: $(cat "$work/why")"
		exit 77
	fi
	[ "$initrd_status" -eq 0 ] ||
		fail "cannot build the initramfs: $(cat "$work/why")"
}
