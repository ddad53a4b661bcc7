#!/bin/sh
# The bundled hello guest, built in and from its file, says exactly hello
# and leaves no file descriptor open.
. "$TESTS_SRCDIR/init.sh"
require_kvm

AUDIT_FDS=1 LD_PRELOAD=$PRELOAD expect_hello
AUDIT_FDS=1 LD_PRELOAD=$PRELOAD expect_hello "$HELLO_BIN"
exit 0
