#!/bin/sh
# Guest RAM lies as on a PC: the first 3 GiB of --memory from 0, the
# rest from 4 GiB up, and the 32-bit hole between is no RAM at any size.
# The loaders say so, and the guest finds it so.
. "$TESTS_SRCDIR/init.sh"

flat=$GUESTS/protected.bin

# Nothing is loaded into the hole: refused before any VM exists.
expect_refused "image '$flat': the image at 0xfffff000-0x[0-9a-f]+ lies in the 32-bit hole at 0xc0000000-0xffffffff, where a PC has PCI devices and firmware, not RAM \\(guest memory: 0x0-0xbfffffff and 0x100000000-0x1bfffffff\\)" \
	-m 6G --mode=protected -l 0xfffff000 "$flat"
expect_refused "image '$flat': the image at 0xc0000000-0x[0-9a-f]+ lies in the 32-bit hole" \
	-m 3G --mode=long -l 0xc0000000 "$flat"
expect_refused "image '$flat' \\([0-9]+ bytes\\) does not fit in 4294967296 bytes of guest memory at load address 0x140000000" \
	-m 4G --mode=long -l 0x140000000 "$flat"
expect_refused "long mode maps at most 512 GiB of guest memory, the addresses below 0x8000000000; 549755813888 bytes of RAM end at 0x8040000000" \
	-m 512G --mode=long "$flat"

require_kvm

# expect_guest TEXT ARGS...: minivm prints TEXT, halts, and says nothing.
expect_guest()
{
	text=$1
	shift
	run "$@"
	expect_status 0 "$*"
	expect_output "$text" "$*"
	expect_no_stderr "$*"
}

# Long mode writes and reads back above 4 GiB, up to the end of RAM.
expect_guest 'high ok\n' -m 5G --mode=long "$GUESTS/high-memory.bin"
# Protected mode runs up to the hole, its stack at 3 GiB.
for args in '-m 4G' '-m 6G -l 0xbffff000' '-m 3G -l 0xbffff000'; do
	# shellcheck disable=SC2086 # words on purpose
	expect_guest 'protected ok\n' --mode=protected $args "$flat"
done
expect_guest 'long ok\n' -m 8G --mode=long -l 0x200000000 "$GUESTS/long.bin"

# A write into the hole, which long mode maps when there is RAM above
# it, is an access outside guest memory; KVM hands it over as done, so
# IP is at the hlt.
for case in '5G 5368709120' '3073M 3222274048'; do
	set -- $case
	expect_crash "minivm: guest stopped: KVM_EXIT_MMIO: 4-byte write at guest physical address 0xc0000000, outside guest memory ($2 bytes), in the 32-bit hole at 0xc0000000-0xffffffff" \
		-m "$1" --mode=long "$GUESTS/hole.bin"
	grep -q '^  code at 10000b: f4' "$work/err" ||
		fail "hole.bin: code bytes: $(cat "$work/err")"
done

# A multiboot kernel's memory map has the hole, and mem_upper stops there.
below='mem_lower 640 mem_upper 3144704
mmap 0x0+0xa0000:1 0x100000+0xbff00000:1'
for case in '3G' '3073M +0x100000' '4G +0x40000000' '8G +0x140000000'; do
	set -- $case
	above=${2:+ 0x100000000$2:1}
	expect_guest "magic ok, protected mode
flags 0x245 $below$above
cmdline '' loader 'minivm'\n" -m "$1" "$KERNELS/multiboot.elf"
done
exit 0
