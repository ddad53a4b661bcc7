#!/bin/sh
# The guest runs in memories from small to large, in every notation,
# and up to the 32-bit hole at 3 GiB, and beyond it.
. "$TESTS_SRCDIR/init.sh"
require_kvm

for size in 4K 64K 1M 16M 256M 1G 1024M 16 0x10 1048576K 1g 3G 3073M 8G \
	64G; do
	expect_hello -m "$size"
done

# Guest memory costs only what the guest touches: the peak RSS of a run
# in 64 GiB, RAM on both sides of the hole, is that of one in 16 MiB.
# GNU time measures it.
/usr/bin/time -f %M true >/dev/null 2>&1 ||
	skip_or_fail "no GNU time here to measure the RSS with"
rss()
{
	/usr/bin/time -f %M -o "$work/rss" "$MINIVM" -m "$1" >/dev/null ||
		fail "minivm -m $1 failed"
	tail -n 1 "$work/rss"
}
small=$(rss 16M)
large=$(rss 64G)
[ "$large" -lt $((small + 8192)) ] ||
	fail "peak RSS: $large KiB with -m 64G, $small KiB with -m 16M"
exit 0
