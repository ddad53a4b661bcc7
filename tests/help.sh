#!/bin/sh
# --help and --version answer in the GNU format, on stdout, status 0.
. "$TESTS_SRCDIR/init.sh"

run --help
expect_status 0 --help
expect_no_stderr --help
grep -q '^Usage: minivm \[OPTION\]\.\.\. \[IMAGE\]$' "$work/out" ||
	fail "--help has no GNU usage line"
for option in --memory=SIZE --mode=MODE --load-address=ADDR \
	--append=CMDLINE --initrd=FILE --serial-port=PORT --exit-port=PORT \
	--timeout=SECONDS --verbose --help --version; do
	grep -q -- "$option" "$work/out" || fail "--help does not list $option"
done
grep -q '^Report bugs to: ' "$work/out" || fail "--help has no bug address"

run --version
expect_status 0 --version
expect_no_stderr --version
head -n 1 "$work/out" | grep -Eq '^minivm [0-9]+\.[0-9]+' ||
	fail "--version first line is '$(head -n 1 "$work/out")'"
grep -q '^Copyright (C) ' "$work/out" || fail "--version has no copyright"

# A full standard output is a write error, not a silent success.
if [ -w /dev/full ]; then
	status=0
	"$MINIVM" --help >/dev/full 2>"$work/err" || status=$?
	[ "$status" -eq 4 ] || fail "--help >/dev/full: status $status, expected 4"
	grep -q '^minivm: write error' "$work/err" ||
		fail "--help >/dev/full: stderr '$(cat "$work/err")'"
fi
exit 0
