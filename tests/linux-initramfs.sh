#!/bin/sh
# linux-initramfs.sh OUTPUT [MODULES_DIR MODULE...] - writes to OUTPUT
# an initramfs (an uncompressed cpio archive, which every kernel with
# initramfs support reads) holding busybox-static and an /init for
# minivm's Linux tests.  With MODULES_DIR (a kernel's /lib/modules/
# VERSION), it also holds each MODULE named, after the modules it
# depends on (modules.dep says), and /init loads them first.
#
# What /init does is chosen on the kernel's command line:
#   minivm.test=input     prints "minivm-test: ready", reads a line from
#                         the console, prints it back as
#                         "minivm-test: got 'LINE'", and ends the run
#                         with status 43 by writing 21 to the exit port
#                         0xf4 through /dev/port (minivm -e 0xf4)
#   minivm.test=reboot    reboot -f
#   minivm.test=poweroff  poweroff -f
#   minivm.test=disk      waits for /dev/vda, mounts it on /mnt, writes
#                         /mnt/written, reads /dev/vdb's first line and
#                         tries to write /dev/vdb, saying what happened,
#                         prints MemTotal, then powers off
#   minivm.test=smp       prints "minivm-test: nproc N" and the number of
#                         processors in /proc/cpuinfo, runs a worker
#                         pinned to each CPU that counts, then reads
#                         /dev/vda, says when all have finished and
#                         what vda's first line is, prints vda's line of
#                         /proc/interrupts, then powers off
#   minivm.test=churn     waits for /dev/vda, mounts it on /mnt, writes
#                         /mnt/synced, syncs, prints "minivm-test:
#                         synced" and its MD5, then writes and fsyncs
#                         files in /mnt for ever
#   minivm.test=read      waits for /dev/vda, prints "minivm-test:
#                         read-start", reads all of it, prints
#                         "minivm-test: read-end" (or, if the read
#                         failed, "minivm-test: cannot read /dev/vda:"
#                         and dd's message), then powers off
#   minivm.test=read-direct  the same, but reads with O_DIRECT: into
#                         one buffer, past the guest's page cache
#   otherwise             an interactive shell on the console
# It prints "minivm-test: initramfs up" first.
#
# Exits 77 when there is no static busybox to build it from.
set -eu

[ $# -eq 1 ] || [ $# -ge 3 ] ||
	{ echo "usage: $0 OUTPUT [MODULES_DIR MODULE...]" >&2; exit 2; }
output=$1

busybox=$(command -v busybox || true)
if [ -z "$busybox" ]; then
	echo "linux-initramfs: no busybox (install busybox-static)" >&2
	exit 77
fi
if ldd "$busybox" >/dev/null 2>&1; then
	echo "linux-initramfs: $busybox is dynamically linked (install busybox-static)" >&2
	exit 77
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/minivm-initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir "$root/bin" "$root/dev" "$root/proc"
cp "$busybox" "$root/bin/busybox"
for applet in sh mount umount cat dd reboot poweroff setsid cttyhack \
	sleep insmod grep head sync nproc taskset wc seq; do
	ln -s busybox "$root/bin/$applet"
done

# module_path NAME: where module NAME is under $moddir, or nothing.
module_path()
{
	sed -n "s|^\\([^:]*/$1\\.ko[.a-z]*\\):.*|\\1|p" \
		"$moddir/modules.dep" | head -n 1
}

# add_module NAME: copies module NAME, after what it depends on, and
# lists it in /modules in the order to load them.  A compressed module
# is unpacked here: busybox's insmod may not read it.  (The shell has
# no local variables: what the recursion changes is looked up again.)
add_module()
{
	if [ -z "$(module_path "$1")" ]; then
		echo "linux-initramfs: no module $1 in $moddir" >&2
		exit 77
	fi
	! grep -qx "$1" "$root/modules" || return 0
	for dep in $(sed -n "s|^$(module_path "$1"): *||p" \
		"$moddir/modules.dep"); do
		dep=${dep##*/}
		add_module "${dep%%.ko*}"
	done
	path=$(module_path "$1")
	case $path in
	*.ko) cp "$moddir/$path" "$root/lib/$1.ko" ;;
	*.ko.xz) xz -dc "$moddir/$path" >"$root/lib/$1.ko" ;;
	*.ko.zst) zstd -qdc "$moddir/$path" >"$root/lib/$1.ko" ;;
	*) echo "linux-initramfs: cannot unpack $path" >&2; exit 1 ;;
	esac
	echo "$1" >>"$root/modules"
}
mkdir "$root/lib" "$root/mnt"
: >"$root/modules"
if [ $# -ge 3 ]; then
	moddir=$2
	shift 2
	[ -r "$moddir/modules.dep" ] ||
		{ echo "linux-initramfs: no $moddir/modules.dep" >&2; exit 77; }
	for module; do
		add_module "$module"
	done
fi

cat >"$root/init" <<'INIT'
#!/bin/sh
export PATH=/bin
mount -t proc proc /proc
mount -t devtmpfs dev /dev
for module in $(cat /modules); do
	insmod "/lib/$module.ko" || echo "minivm-test: cannot load $module"
done
echo "minivm-test: initramfs up"
# wait_for_disks DEVICE...: until each is there (the virtio driver
# probes them after init starts), giving each up after 10 s.
wait_for_disks()
{
	for disk; do
		waited=0
		until [ -b "$disk" ] || [ "$waited" -ge 100 ]; do
			sleep 0.1
			waited=$((waited + 1))
		done
	done
}
# read_vda [FLAG]: reads all of /dev/vda (dd with FLAG) between a line
# before and a line after, for the host to time, then powers off.  A
# failed read has no line after: a read that stopped short, or that
# O_DIRECT was refused, is no time of a whole one.
read_vda()
{
	wait_for_disks /dev/vda
	echo "minivm-test: read-start"
	if dd if=/dev/vda of=/dev/null bs=1M "$@" 2>/dd.err; then
		echo "minivm-test: read-end"
	else
		echo "minivm-test: cannot read /dev/vda: $(head -n 1 /dd.err)"
	fi
	poweroff -f
}
case " $(cat /proc/cmdline) " in
*" minivm.test=input "*)
	echo "minivm-test: ready"
	read -r line
	echo "minivm-test: got '$line'"
	printf '\025' | dd of=/dev/port bs=1 seek=244 2>/dev/null
	;;
*" minivm.test=reboot "*)
	reboot -f
	;;
*" minivm.test=poweroff "*)
	poweroff -f
	;;
*" minivm.test=disk "*)
	wait_for_disks /dev/vda /dev/vdb
	if mount /dev/vda /mnt; then
		echo 'written by the guest' >/mnt/written
		umount /mnt && echo "minivm-test: wrote /written"
	fi
	echo "minivm-test: vdb says '$(head -n 1 /dev/vdb)'"
	if echo overwritten | dd of=/dev/vdb conv=fsync 2>/dev/null; then
		echo "minivm-test: vdb took a write"
	else
		echo "minivm-test: vdb refused a write"
	fi
	echo "minivm-test: $(grep MemTotal /proc/meminfo)"
	sync
	poweroff -f
	;;
*" minivm.test=churn "*)
	wait_for_disks /dev/vda
	mount /dev/vda /mnt || echo "minivm-test: cannot mount /dev/vda"
	head -c 1048576 /dev/urandom >/mnt/synced
	sync
	echo "minivm-test: synced $(md5sum </mnt/synced)"
	i=0
	while :; do
		dd if=/dev/urandom of="/mnt/churn.$((i % 8))" bs=64k count=4 \
			conv=fsync 2>/dev/null
		i=$((i + 1))
	done
	;;
*" minivm.test=read "*)
	read_vda
	;;
*" minivm.test=read-direct "*)
	read_vda iflag=direct
	;;
*" minivm.test=smp "*)
	cpus=$(nproc)
	echo "minivm-test: nproc $cpus"
	echo "minivm-test: cpuinfo $(grep -c '^processor' /proc/cpuinfo)"
	wait_for_disks /dev/vda
	for cpu in $(seq 0 $((cpus - 1))); do
		taskset -c "$cpu" sh -c '
			i=0
			while [ $i -lt 20000 ]; do i=$((i + 1)); done
			dd if=/dev/vda of=/dev/null bs=64k 2>/dev/null &&
				echo "$1" >"/done.$1"' worker "$cpu" &
	done
	wait
	echo "minivm-test: $(cat /done.* 2>/dev/null | wc -l) of $cpus workers finished"
	echo "minivm-test: vda says '$(head -n 1 /dev/vda)'"
	echo "minivm-test: interrupts:$(grep virtio /proc/interrupts | head -n 1)"
	poweroff -f
	;;
*)
	exec setsid cttyhack sh
	;;
esac
echo "minivm-test: still running after the test's last step"
sleep 3600
INIT
chmod 755 "$root/init"

(cd "$root" && find . | sort | "$busybox" cpio -o -H newc 2>/dev/null) \
	>"$output"
