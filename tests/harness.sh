#!/bin/sh
# The harness's own bound (time-limit.sh): a test that runs past its
# limit is stopped, with what it started, and fails, naming itself; one
# that ends in time keeps its status.
. "$TESTS_SRCDIR/init.sh"
limit=$TESTS_SRCDIR/time-limit.sh

cat >"$work/hangs.sh" <<EOF2
sleep 60 &
echo \$! >'$work/child'
wait
EOF2
start=$(date +%s)
status=0
TEST_TIME_LIMIT=1 timeout -s KILL 30 sh "$limit" sh "$work/hangs.sh" \
	>"$work/out" 2>&1 || status=$?
took=$(($(date +%s) - start))
[ "$status" -eq 1 ] || fail "a hanging test: status $status, expected 1"
[ "$took" -lt 10 ] || fail "a hanging test took ${took}s to fail"
grep -q "^FAIL: $work/hangs.sh ran past its time limit of 1 s" "$work/out" ||
	fail "a hanging test: $(cat "$work/out")"
# (Killed, it may stay a zombie until its new parent reaps it.)
state=$(sed -n 's/^[0-9]* (.*) \(.\) .*/\1/p' "/proc/$(cat "$work/child")/stat" \
	2>/dev/null)
case $state in
'' | Z) ;;
*) fail "a hanging test's child outlived it (state $state)" ;;
esac

for expected in 0 1 77; do
	status=0
	sh "$limit" sh -c "exit $expected" || status=$?
	[ "$status" -eq "$expected" ] ||
		fail "a test that exits $expected: status $status"
done
exit 0
