#!/bin/sh
# Images minivm cannot run are refused with one line and status 2,
# before any VM exists: these tests need no KVM.
. "$TESTS_SRCDIR/init.sh"

expect_refused "cannot open '$work/missing': No such file or directory" \
	"$work/missing"
expect_refused "image '$work' is not a regular file" "$work"

: >"$work/empty"
expect_refused "image '$work/empty' is empty" "$work/empty"

# 8 KiB of hlt: larger than 4 KiB of memory, which is refused before
# the file is read, and than 4 KiB above 0x1000.
dd if=/dev/zero bs=1024 count=8 2>/dev/null | tr '\0' '\364' >"$work/8k"
expect_refused "image '$work/8k' \\(8192 bytes\\) does not fit in 4096 bytes of guest memory$" \
	-m 4K "$work/8k"
expect_refused "image '$work/8k' \\(8192 bytes\\) does not fit in 8192 bytes of guest memory at load address 0x1000" \
	-m 8K -l 0x1000 "$work/8k"
head -c 4096 "$work/8k" >"$work/4k"
expect_refused "does not fit in 4096 bytes of guest memory at load address 0x1000" \
	-m 4K -l 0x1000 "$work/4k"
# The bundled guest must fit too.
expect_refused "image 'hello.bin \\(built in\\)' .* does not fit in 1048576 bytes of guest memory at load address 0xffff0" \
	-m 1M -l 0xffff0

# Root may read any file, unless it gives up the capabilities for that:
# minivm runs without them, through a wrapper.
printf 'x' >"$work/unreadable"
chmod 0 "$work/unreadable"
if [ "$(id -u)" -eq 0 ]; then
	drop='--inh-caps=-dac_override,-dac_read_search --bounding-set=-dac_override,-dac_read_search'
	# shellcheck disable=SC2086 # options are words on purpose
	setpriv $drop true 2>/dev/null ||
		skip_or_fail "root cannot give up reading every file (setpriv(1))"
	printf '#!/bin/sh\nexec setpriv %s "%s" "$@"\n' "$drop" "$MINIVM" \
		>"$work/minivm"
	chmod +x "$work/minivm"
	MINIVM=$work/minivm
fi
expect_refused "cannot open '$work/unreadable': Permission denied" \
	"$work/unreadable"
exit 0
