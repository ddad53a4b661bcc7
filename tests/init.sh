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

work=$(mktemp -d "${TMPDIR:-/tmp}/minivm-test.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

# run ARGS...: runs minivm, leaving its status in $status and its
# output in $work/out and $work/err.
run()
{
	status=0
	timeout -s KILL "$RUN_TIMEOUT" "$MINIVM" "$@" >"$work/out" \
		2>"$work/err" || status=$?
	[ "$status" -ne 137 ] || fail "minivm $* did not stop in ${RUN_TIMEOUT}s"
}

expect_status()
{
	[ "$status" -eq "$1" ] ||
		fail "minivm $2: status $status, expected $1; stderr: $(cat "$work/err")"
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
