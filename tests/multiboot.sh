#!/bin/sh
# Multiboot kernels, ELF and with the header's load addresses (flag 16),
# see the magic, the memory, the command line and the module minivm
# hands them; the bundled C examples run.
. "$TESTS_SRCDIR/init.sh"
require_kvm

# expect_kernel KERNEL TEXT ARGS...: the kernel prints TEXT and halts.
expect_kernel()
{
	kernel=$1
	text=$2
	shift 2
	run "$@" "$kernel"
	expect_status 0 "$* $kernel"
	expect_output "$text" "$* $kernel"
	expect_no_stderr "$* $kernel"
}

# flags: memory, command line, memory map and loader name (0x245), with
# a module list (0x24d).  The RAM beyond 3 GiB lies from 4 GiB up, past
# the 32-bit hole, which ends mem_upper.
for kernel in "$KERNELS/multiboot.elf" "$KERNELS/multiboot-aout.bin"; do
	for case in '2M 1024 0x100000' '16M 15360 0xf00000' \
		'1G 1047552 0x3ff00000' '4G 3144704 0xbff00000 0x40000000' \
		'5G 3144704 0xbff00000 0x80000000'; do
		set -- $case
		above=${4:+ 0x100000000+$4:1}
		expect_kernel "$kernel" "magic ok, protected mode
flags 0x245 mem_lower 640 mem_upper $2
mmap 0x0+0xa0000:1 0x100000+$3:1$above
cmdline '' loader 'minivm'\n" -m "$1"
	done

	expect_kernel "$kernel" "magic ok, protected mode
flags 0x245 mem_lower 640 mem_upper 15360
mmap 0x0+0xa0000:1 0x100000+0xf00000:1
cmdline 'console=ttyS0 root=/dev/sda1' loader 'minivm'\n" \
		--append='console=ttyS0 root=/dev/sda1'

	printf 'the module, 28 bytes of it.' >"$work/module"
	expect_kernel "$kernel" "magic ok, protected mode
flags 0x24d mem_lower 640 mem_upper 3072
mmap 0x0+0xa0000:1 0x100000+0x300000:1
cmdline 'x' loader 'minivm'
module '$work/module' 27 bytes: 'the module, 28 bytes of it.'\n" \
		-m 4M -a x -i "$work/module" --mode=protected
done

# The bundled C examples.
run "$HELLO32"
expect_status 0 hello32.bin
expect_output 'Hello, world! (32-bit protected mode, multiboot)\n' hello32.bin
run --mode=long "$HELLO64"
expect_status 0 "--mode=long hello64.bin"
expect_output 'Hello, world! (64-bit long mode)\n' "--mode=long hello64.bin"
exit 0
