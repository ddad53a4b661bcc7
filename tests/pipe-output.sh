#!/bin/sh
# Output to a pipe is buffered, not written byte by byte as on a terminal
# (see terminal.sh): the greeting goes out in one write.
. "$TESTS_SRCDIR/init.sh"
require_kvm
command -v strace >/dev/null || skip_or_fail "no strace(1) to count writes"

# (LeakSanitizer cannot work under ptrace.)
{ ASAN_OPTIONS=$ASAN_OPTIONS:detect_leaks=0 \
	strace -o "$work/strace" -e trace=write "$MINIVM" 2>"$work/err"
	echo $? >"$work/status"; } | cat >"$work/out"
status=$(cat "$work/status")
expect_status 0 "| cat"
expect_output 'Hello, world!\n' "| cat"
[ "$(grep -c '^write(1, ' "$work/strace")" -eq 1 ] ||
	fail "| cat: not one write: $(grep '^write(1, ' "$work/strace")"
exit 0
