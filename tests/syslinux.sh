#!/bin/sh
# A PC's whole boot: SeaBIOS starts at the reset vector and boots the
# disk, whose MBR (syslinux's mbr.bin) starts SYSLINUX from the FAT
# partition, which loads Debian's kernel and an initramfs through the
# BIOS; Linux prints on ttyS0 and powers off, status 0.  The image is
# made without root: sfdisk, mkfs.vfat, syslinux and mcopy all work on
# a file.  The kernel and what skips are as in linux.sh; this also
# needs seabios, syslinux, syslinux-common, mtools, dosfstools and
# fdisk (sfdisk).
. "$TESTS_SRCDIR/init.sh"
require_hardware_kvm
PATH=$PATH:/sbin:/usr/sbin
mbr=/usr/lib/syslinux/mbr/mbr.bin
seabios=${MINIVM_TEST_SEABIOS:-/usr/share/seabios/bios.bin}
for tool in sfdisk mkfs.vfat syslinux mcopy; do
	command -v "$tool" >/dev/null ||
		skip_or_fail "no $tool (install fdisk, dosfstools, syslinux and mtools)"
done
[ -r "$mbr" ] || skip_or_fail "no $mbr (install syslinux-common)"
[ -r "$seabios" ] || skip_or_fail "no $seabios (install seabios)"

find_kernel
linux_initramfs "$work/initramfs"

# A 64 MiB disk: an MBR partition table with one bootable FAT partition
# from 1 MiB, SYSLINUX in it and syslinux's MBR code before it.
disk=$work/disk.img
truncate -s 64M "$disk"
echo 'start=2048, type=c, bootable' | sfdisk -q "$disk" ||
	fail "sfdisk could not partition the image"
mkfs.vfat -n MINIVM --offset 2048 "$disk" $((63 * 1024)) >/dev/null ||
	fail "mkfs.vfat could not make the file system"
syslinux --offset $((2048 * 512)) --install "$disk" ||
	fail "syslinux could not install itself"
dd if="$mbr" of="$disk" bs=440 count=1 conv=notrunc 2>/dev/null
cat >"$work/syslinux.cfg" <<EOF2
SERIAL 0 115200
PROMPT 0
DEFAULT linux
LABEL linux
  KERNEL vmlinuz
  INITRD initrd
  APPEND console=ttyS0 minivm.test=poweroff
EOF2
for file in "$kernel:vmlinuz" "$work/initramfs:initrd" \
	"$work/syslinux.cfg:syslinux.cfg"; do
	mcopy -i "$disk@@1M" "${file%:*}" "::${file#*:}" ||
		fail "mcopy could not copy ${file%:*}"
done

# Loading the kernel through INT 13h takes a while under emulated KVM.
RUN_TIMEOUT=300
run -m 256M -t 240 -b "$seabios" -d "$disk"
expect_status 0 "SeaBIOS, SYSLINUX and Linux"
for line in 'SeaBIOS (version' 'SYSLINUX ' 'minivm-test: initramfs up' \
	'reboot: System halted'; do
	grep -qF "$line" "$work/out" ||
		fail "no '$line' on the console; status $status; stderr: $(cat "$work/err"); stdout ends: $(tr '\r' '\n' <"$work/out" | tail -n 20)"
done
exit 0
