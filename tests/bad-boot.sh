#!/bin/sh
# What minivm cannot boot is refused with one line and status 2 before
# any VM exists: these tests need no KVM.
. "$TESTS_SRCDIR/init.sh"

flat=$GUESTS/protected.bin

# Modes and load addresses.
expect_refused "invalid mode 'fast': not a mode \\(use real, protected or long\\)" \
	--mode=fast
expect_refused "invalid load address '0x100000': beyond real mode" \
	--mode=real -l 0x100000
expect_refused "invalid load address '0x100000000': beyond protected mode \\(at most 0xffffffff\\)" \
	-l 0x100000000 --mode=protected
expect_refused "image '$flat' \\([0-9]+ bytes\\) at load address 0xfffffff0 ends beyond 4 GiB" \
	-m 5G --mode=protected -l 0xfffffff0 "$flat"
expect_refused "image '$flat' \\([0-9]+ bytes\\) does not fit in 1048576 bytes of guest memory at load address 0x100000" \
	-m 1M --mode=long "$flat"

# What minivm places: the GDT, and in long mode the page tables.
expect_refused "image '$flat': the image at 0x1000-0x[0-9a-f]+ overlaps the GDT that minivm places at 0x1000-0x101f" \
	--mode=protected -l 0x1000 "$flat"
expect_refused "image '$flat': the image at 0xff0-0x[0-9a-f]+ overlaps the GDT" \
	--mode=long -l 0xff0 "$flat"
expect_refused "image '$flat': the image at 0x6000-0x[0-9a-f]+ overlaps the page tables that minivm places at 0x4000-0x6fff" \
	--mode=long -l 0x6000 "$flat"
# 2 GiB of memory: two page directories, to 0x7fff.
expect_refused "the image at 0x7000-0x[0-9a-f]+ overlaps the page tables that minivm places at 0x4000-0x7fff" \
	-m 2G --mode=long -l 0x7000 "$flat"
expect_refused "long mode maps at most 512 GiB of guest memory" \
	-m 513G --mode=long "$flat"

# A flat image has no command line and no modules.
expect_refused "image '$flat' is a flat image: --append and --initrd are for multiboot kernels" \
	-a 'console=ttyS0' "$flat"
expect_refused "image '$flat' is a flat image: --append and --initrd" \
	-i "$flat" "$flat"
exit 0
