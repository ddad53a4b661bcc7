#!/bin/sh
# The guest runs in memories from small to large, in every notation.
. "$TESTS_SRCDIR/init.sh"
require_kvm

for size in 4K 64K 1M 16M 256M 1G 1024M 16 0x10 1048576K 1g; do
	expect_hello -m "$size"
done
exit 0
