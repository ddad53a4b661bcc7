#!/bin/sh
# time-limit.sh COMMAND...: the test harness runs each test through
# this, so that no test can hang the suite: one that has not ended in
# TEST_TIME_LIMIT seconds (default 900, more than the slowest test takes
# under an emulated KVM) is killed, with all it started, and fails,
# naming itself.  Otherwise its status is the test's own.
limit=${TEST_TIME_LIMIT:-900}
for test; do :; done
status=0
timeout -k 10 "$limit" "$@" || status=$?
case $status in
124 | 137)
	printf 'FAIL: %s ran past its time limit of %s s\n' "$test" "$limit"
	exit 1 ;;
esac
exit "$status"
