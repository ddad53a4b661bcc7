#!/bin/sh
# Debian's kernel drives minivm's disks, virtio block devices on PCI,
# with its own modules: it mounts an ext4 image on /dev/vda and writes a
# file there that the image holds after the run, reads /dev/vdb, given
# read-only, and cannot write it, the image unchanged; in 5 GiB it
# sees RAM above the 32-bit hole, from 4 GiB; and a SIGTERM while it
# writes and flushes loses nothing it flushed.  The kernel and
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

# SIGTERM while the guest writes and flushes: what it had flushed is
# there after the run, and the file system is consistent once its
# journal is replayed, as after a power cut.
"$MINIVM" -m 256M -t 240 -d "$work/disk.img" -i "$work/initramfs" \
	-a "console=ttyS0 minivm.test=churn" "$kernel" >"$work/out" \
	2>"$work/err" &
pid=$!
tries=0
until grep -q '^minivm-test: synced' "$work/out"; do
	tries=$((tries + 1))
	[ "$tries" -lt 2400 ] && kill -0 "$pid" 2>/dev/null || {
		kill -KILL "$pid" 2>/dev/null
		fail "the churning guest never synced: $(tail -n 30 "$work/out")"
	}
	sleep 0.1
done
sleep 2
kill -TERM "$pid"
end_within 30 "$pid" "the churning guest, then SIGTERM"
expect_status 143 "the churning guest, then SIGTERM"
synced=$(sed -n 's/^minivm-test: synced \([0-9a-f]\{32\}\).*/\1/p' "$work/out")
e2fsck -E journal_only -y "$work/disk.img" >"$work/fsck" 2>&1 ||
	[ $? -eq 1 ] || fail "the journal does not replay: $(cat "$work/fsck")"
e2fsck -fn "$work/disk.img" >"$work/fsck" 2>&1 ||
	fail "after SIGTERM, the image is not consistent: $(cat "$work/fsck")"
[ -n "$synced" ] &&
	[ "$(debugfs -R 'cat /synced' "$work/disk.img" 2>/dev/null | md5sum |
		cut -d ' ' -f 1)" = "$synced" ] ||
	fail "after SIGTERM, /synced is not what the guest flushed ($synced)"
exit 0
