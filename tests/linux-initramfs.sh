#!/bin/sh
# linux-initramfs.sh OUTPUT - writes to OUTPUT an initramfs (an
# uncompressed cpio archive, which every kernel with initramfs support
# reads) holding busybox-static and an /init for minivm's Linux tests.
#
# What /init does is chosen on the kernel's command line:
#   minivm.test=input     prints "minivm-test: ready", reads a line from
#                         the console, prints it back as
#                         "minivm-test: got 'LINE'", and ends the run
#                         with status 43 by writing 21 to the exit port
#                         0xf4 through /dev/port (minivm -e 0xf4)
#   minivm.test=reboot    reboot -f
#   minivm.test=poweroff  poweroff -f
#   otherwise             an interactive shell on the console
# It prints "minivm-test: initramfs up" first.
#
# Exits 77 when there is no static busybox to build it from.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 OUTPUT" >&2; exit 2; }
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
for applet in sh mount cat dd reboot poweroff setsid cttyhack sleep; do
	ln -s busybox "$root/bin/$applet"
done

cat >"$root/init" <<'INIT'
#!/bin/sh
export PATH=/bin
mount -t proc proc /proc
mount -t devtmpfs dev /dev
echo "minivm-test: initramfs up"
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
