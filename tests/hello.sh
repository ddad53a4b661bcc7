#!/bin/sh
# The bundled hello guest, built in and from its file, says exactly hello.
. "$TESTS_SRCDIR/init.sh"
require_kvm

expect_hello
expect_hello "$HELLO_BIN"
exit 0
