#!/bin/sh
# The UART as real drivers use it: probing, input from a file and a
# pipe, string I/O both ways, wide accesses, and the exit port.
. "$TESTS_SRCDIR/init.sh"
require_kvm

run "$GUESTS/uart-probe.bin"
expect_status 0 uart-probe.bin
expect_output '16550A ok\n' uart-probe.bin
expect_no_stderr uart-probe.bin

# Input from a file, then from a pipe whose bytes come later.
printf 'from a file.' >"$work/input"
run "$GUESTS/echo.bin" <"$work/input"
expect_status 0 "echo.bin <file"
expect_output 'from a file.\n' "echo.bin <file"

status=0
{ sleep 1; printf 'through '; sleep 1; printf 'a pipe.'; } |
	timeout -s KILL "$RUN_TIMEOUT" "$MINIVM" "$GUESTS/echo.bin" \
		>"$work/out" 2>"$work/err" || status=$?
expect_status 0 "echo.bin <pipe"
expect_output 'through a pipe.\n' "echo.bin <pipe"

printf 'ABCDE' >"$work/input"
run "$GUESTS/string-io.bin" <"$work/input"
expect_status 0 "string-io.bin"
expect_output 'ABCDE\n' "string-io.bin"

run "$GUESTS/wide-io.bin"
expect_status 0 wide-io.bin
expect_output 'AB\nwide ok\n' wide-io.bin

# The exit port: status (V << 1) | 1, as QEMU's isa-debug-exit gives,
# cut to 8 bits, so that V of 128 and above wrap round.
for case in '\000 1' '\001 3' '\177 255' '\012 21' '\200 1' '\201 3' \
	'\377 255'; do
	set -- $case
	printf "$1" >"$work/input"
	run -e 0xf4 "$GUESTS/exit-code.bin" <"$work/input"
	expect_status "$2" "-e 0xf4 exit-code.bin <$1"
	expect_no_stderr "-e 0xf4 exit-code.bin <$1"
done
# A wide write counts by its low byte: 0x81 of 0x4281.
run -e 0xf4 "$GUESTS/exit-wide.bin"
expect_status 3 "-e 0xf4 exit-wide.bin"
expect_no_stderr "-e 0xf4 exit-wide.bin"
# A 2- or 4-byte write counts by its low byte, as an outb does.
for width in b w l; do
	printf "$width" >"$work/input"
	run -e 0xf4 "$GUESTS/exit-widths.bin" <"$work/input"
	expect_status 67 "-e 0xf4 exit-widths.bin <$width"
	expect_no_stderr "-e 0xf4 exit-widths.bin <$width"
done
# Without -e, the write goes nowhere and the guest halts.
run "$GUESTS/exit-code.bin" <"$work/input"
expect_status 0 "exit-code.bin without -e"
exit 0
