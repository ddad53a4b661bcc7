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
expect_refused "--mode beyond real needs an IMAGE: the built-in hello guest is 16-bit code" \
	--mode=long

# A flat image has no command line and no modules.
expect_refused "image '$flat' is a flat image: --append and --initrd are for Linux and multiboot kernels" \
	-a 'console=ttyS0' "$flat"
expect_refused "image '$flat' is a flat image: --append and --initrd" \
	-i "$flat" "$flat"

# Multiboot kernels.  (put32, put_text and bzimage: see init.sh.)

# header_offset FILE: where the multiboot header's magic is, in bytes.
header_offset()
{
	line=$(od -An -v -tx4 -w4 "$1" | grep -n 1badb002 | head -n 1)
	echo $(((${line%%:*} - 1) * 4))
}

# The sizes and addresses the messages give are the compiler's: read
# from the kernels.  hex N: N in hexadecimal, as minivm says it.
hex()
{
	printf '0x%x' "$1"
}
# segment FILE: the first ELF program header's address (paddr), file
# size and memory size.
segment()
{
	ph=$(get32 "$1" 28)
	echo "$(get32 "$1" $((ph + 12))) $(get32 "$1" $((ph + 16))) $(get32 "$1" $((ph + 20)))"
}

elf=$KERNELS/multiboot.elf
aout=$KERNELS/multiboot-aout.bin
at=$(header_offset "$elf")
hex_at=$(hex "$at")
set -- $(segment "$elf")
elf_start=$(hex "$1") elf_filesz=$(hex "$2") elf_last=$(hex $(($1 + $3 - 1)))
set -- $(segment "$KERNELS/multiboot-low.elf")
low_range="$(hex "$1")-$(hex $(($1 + $3 - 1)))"
# The a.out kernel's header: its header, load and load end addresses.
aout_at=$(header_offset "$aout")
header_addr=$(get32 "$aout" $((aout_at + 12)))
load_addr=$(get32 "$aout" $((aout_at + 16)))
load_end=$(get32 "$aout" $((aout_at + 20)))
aout_offset=$((aout_at - (header_addr - load_addr)))

cp "$elf" "$work/k"
put32 "$work/k" $((at + 8)) 0
expect_refused "image '$work/k': multiboot header at $hex_at has a bad checksum 0x00000000 \\(magic, flags and checksum must add up to 0; 0xe4524ffb would\\)" \
	"$work/k"

cp "$elf" "$work/k"
put32 "$work/k" $((at + 4)) 4
put32 "$work/k" $((at + 8)) $((0x100000000 - 0x1badb002 - 4))
expect_refused "image '$work/k': multiboot header flags 0x00000004 ask for what minivm does not provide" \
	"$work/k"

# An ELF file cut short: its header, program headers, a segment.
printf '\177ELF\001\001\001\000' >"$work/k"
put32 "$work/k" 8 0x1badb002
put32 "$work/k" 12 0
put32 "$work/k" 16 $((0x100000000 - 0x1badb002))
expect_refused "image '$work/k': ELF header cut short: the file has 20 bytes, the header 52" \
	"$work/k"
cp "$elf" "$work/k"
put32 "$work/k" 28 0x10000
expect_refused "image '$work/k': ELF program headers at 0x10000 \\(2 of 32 bytes\\) lie beyond the end of the file" \
	"$work/k"
head -c $((at + 12)) "$elf" >"$work/k"
expect_refused "image '$work/k': ELF segment 0 \\(file offset $hex_at, $elf_filesz bytes\\) lies beyond the end of the file \\($((at + 12)) bytes\\)" \
	"$work/k"
cp "$elf" "$work/k"
put32 "$work/k" 24 0x200000
expect_refused "image '$work/k': ELF entry point 0x200000 lies in no loadable segment" \
	"$work/k"
expect_refused "image '$KERNELS/elf64.elf' is a 64-bit ELF file: a multiboot kernel must be ELF32" \
	"$KERNELS/elf64.elf"
cp "$elf" "$work/k"
put32 "$work/k" "$at" 0
expect_refused "image '$work/k' is an ELF file with no multiboot header in its first 8 KiB" \
	"$work/k"

# The header's load addresses (flag 16) asking for more than the file has.
head -c 1000 "$aout" >"$work/k"
expect_refused "image '$work/k': multiboot load addresses $(hex $load_addr)-$(hex $load_end) ask for $(hex $((load_end - load_addr - (1000 - aout_offset)))) bytes beyond the end of the file" \
	"$work/k"

# Segments outside guest memory, or over what minivm places.
expect_refused "image '$elf': ELF segment 0 at $elf_start-$elf_last lies outside guest memory \\(0x0-0xfffff\\); give more --memory" \
	-m 1M "$elf"
expect_refused "image '$aout': the kernel at $(hex $load_addr)-$(hex $((load_end - 1))) lies outside guest memory \\(0x0-0xfffff\\)" \
	-m 1M "$aout"
expect_refused "image '$KERNELS/multiboot-low.elf': ELF segment 0 at $low_range overlaps the multiboot information that minivm places at 0x2000-0x2fff" \
	"$KERNELS/multiboot-low.elf"

# Modules and command lines that do not fit.
head -c 1100000 /dev/zero >"$work/initrd"
expect_refused "initrd '$work/initrd' \\(1100000 bytes\\) does not fit between the kernel's end at 0x105000 and the end of memory it may use at 0x200000" \
	-m 2M -i "$work/initrd" "$elf"
expect_refused "initrd '$work/initrd' \\(1100000 bytes\\) does not fit in 1048576 bytes of guest memory" \
	-m 1M -i "$work/initrd" "$elf"
: >"$work/empty"
expect_refused "initrd '$work/empty' is empty" -i "$work/empty" "$elf"
expect_refused "cannot open '$work/missing'" -i "$work/missing" "$elf"
long=$(head -c 4096 /dev/zero | tr '\0' x)
expect_refused "command line \\(4096 bytes\\) too long: at most 4095 bytes fit at 0x3000" \
	-a "$long" "$elf"

# --mode and --load-address are a flat image's.
expect_refused "image '$elf' is a multiboot kernel, which starts in protected mode: --mode is for flat images" \
	--mode=long "$elf"
expect_refused "image '$elf' is a multiboot kernel, which says where it loads: --load-address is for flat images" \
	-l 0x7c00 "$elf"

# Linux kernels.

bzimage "$work/bz"
expect_refused "image '$work/bz' is a Linux kernel that needs 1048576 bytes of memory from 0x1000000, beyond the 16777216 bytes of guest memory \\(see --memory\\)" \
	"$work/bz"
head -c 4000 "$work/bz" >"$work/k"
expect_refused "image '$work/k' is a Linux kernel cut short: its header says 1024 bytes of setup and 3072 of kernel, the file has 4000 bytes" \
	-m 32M "$work/k"
cp "$work/bz" "$work/k"
put32 "$work/k" $((0x206)) $((0x205))
expect_refused "image '$work/k' is a Linux kernel with boot protocol 2.05; minivm boots 2.06 or later" \
	-m 32M "$work/k"
cp "$work/bz" "$work/k"
put32 "$work/k" $((0x238)) 9
expect_refused "command line \\(10 bytes\\) too long: kernel '$work/k' takes at most 9 bytes" \
	-m 32M -a 0123456789 "$work/k"
expect_refused "initrd '$work/initrd' \\(1100000 bytes\\) does not fit between the kernel's end at 0x1100000 and 0x1200000, the end of the memory it takes an initrd in \\(see --memory\\)" \
	-m 18M -i "$work/initrd" "$work/bz"
expect_refused "cannot open '$work/missing'" -m 32M -i "$work/missing" "$work/bz"
expect_refused "image '$work/bz' is a Linux kernel, which minivm starts in protected mode: --mode is for flat images" \
	-m 32M --mode=protected "$work/bz"
exit 0
