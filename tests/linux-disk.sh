#!/bin/sh
# Debian's kernel drives minivm's disks, virtio block devices on PCI,
# with its own modules: it mounts an ext4 image on /dev/vda and writes a
# file there that the image holds after the run, reads /dev/vdb, given
# read-only, and cannot write it, the image unchanged; and in 5 GiB it
# sees RAM above the 32-bit hole, from 4 GiB.  The kernel and
# what skips are as in linux.sh; this also needs e2fsprogs (mke2fs,
# debugfs, e2fsck), and the kernel's modules in /lib/modules.
. "$TESTS_SRCDIR/init.sh"
require_hardware_kvm
for tool in mke2fs debugfs e2fsck; do
	command -v "$tool" >/dev/null ||
		PATH=$PATH:/sbin:/usr/sbin command -v "$tool" >/dev/null ||
		skip_or_fail "no $tool (install e2fsprogs)"
done
PATH=$PATH:/sbin:/usr/sbin

find_kernel
modules="virtio_pci virtio_blk ext4"
# ext4 asks the crypto API for crc32c, a module of its own in some builds.
! grep -q '/crc32c_generic\.ko' "/lib/modules/${kernel##*/vmlinuz-}/modules.dep" \
	2>/dev/null || modules="$modules crc32c_generic"
# shellcheck disable=SC2086 # the module names are words
linux_initramfs "$work/initramfs" $modules

# The ext4 image is made without root, from a folder.
mkdir "$work/root"
echo 'put there by the host' >"$work/root/host"
mke2fs -q -F -t ext4 -d "$work/root" "$work/disk.img" 16M ||
	fail "mke2fs could not make the disk image"
{ echo 'read-only disk'; head -c 65536 /dev/zero; } >"$work/ro.img"
truncate -s 64K "$work/ro.img"
sum=$(cksum <"$work/ro.img")

RUN_TIMEOUT=300
run -m 5G -t 240 -d "$work/disk.img" -d "$work/ro.img,ro" \
	-i "$work/initramfs" -a "console=ttyS0 minivm.test=disk" "$kernel"
expect_status 0 "a boot with two disks"
for line in 'wrote /written' "vdb says 'read-only disk'" \
	'vdb refused a write'; do
	grep -q "^minivm-test: $line" "$work/out" ||
		fail "no 'minivm-test: $line'; stderr: $(cat "$work/err"); stdout ends: $(tail -n 30 "$work/out")"
done
total=$(sed -n 's/^minivm-test: MemTotal: *\([0-9]*\) kB.*/\1/p' "$work/out")
[ "${total:-0}" -gt $((4 * 1024 * 1024)) ] ||
	fail "in 5 GiB, the kernel saw MemTotal ${total:-nothing} kB"
[ "$(debugfs -R 'cat /written' "$work/disk.img" 2>/dev/null)" = 'written by the guest' ] ||
	fail "the file the guest wrote is not in the image: $(debugfs -R 'ls -l /' "$work/disk.img" 2>&1)"
e2fsck -fn "$work/disk.img" >"$work/fsck" 2>&1 ||
	fail "the image is not clean after the run: $(cat "$work/fsck")"
[ "$(cksum <"$work/ro.img")" = "$sum" ] ||
	fail "the read-only image changed"
exit 0
