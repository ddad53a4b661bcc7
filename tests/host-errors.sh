#!/bin/sh
# When the host cannot give minivm a VM, it says what failed and what to
# do, with status 4.  A fake /dev/kvm (preload.so) and a private /dev
# stand in for broken hosts, so no KVM is needed.
. "$TESTS_SRCDIR/init.sh"

# expect_host_error PATTERN ARGS...: status 4, one line matching PATTERN.
expect_host_error()
{
	pattern=$1
	shift
	run "$@"
	expect_status 4 "$*"
	expect_output '' "$*"
	[ "$(wc -l <"$work/err")" -eq 1 ] ||
		fail "minivm $*: expected one line on stderr, got: $(cat "$work/err")"
	grep -Eq "^minivm: $pattern" "$work/err" ||
		fail "minivm $*: stderr '$(cat "$work/err")' does not match '$pattern'"
}

export LD_PRELOAD="$PRELOAD" AUDIT_FDS=1

FAKE_KVM_API_VERSION=11 expect_host_error \
	'/dev/kvm speaks KVM API version 11; minivm needs version 12$'
# ENOTTY: the device is there but is not KVM.
FAKE_KVM_API_VERSION_ERRNO=25 expect_host_error \
	'KVM_GET_API_VERSION: Inappropriate ioctl for device \(is /dev/kvm some other device\?\)$'
FAKE_KVM_CREATE_VM_ERRNO=16 expect_host_error \
	"KVM_CREATE_VM: Device or resource busy \(is another hypervisor using the processor's virtualisation extensions\?\)$"
FAKE_KVM_CREATE_VM_ERRNO=24 expect_host_error \
	'KVM_CREATE_VM: Too many open files$'
# 1000000 GiB is more than any x86-64 process can map.
FAKE_KVM_API_VERSION=12 expect_host_error \
	'cannot map guest memory: Cannot allocate memory \(ask for less with --memory\)$' \
	-m 1000000G
FAKE_KVM_SET_MEMORY_ERRNO=22 expect_host_error \
	'KVM_SET_USER_MEMORY_REGION: Invalid argument \(is --memory more than KVM gives one guest\?\)$'
# EEXIST: what KVM says to a second vCPU with the same id.
FAKE_KVM_CREATE_VCPU_ERRNO=17 expect_host_error 'KVM_CREATE_VCPU: File exists$'

# A missing, dead or inaccessible /dev/kvm, in a mount namespace of our
# own with a private /dev.  That takes root, or user namespaces.
unset LD_PRELOAD
if [ "$(id -u)" -eq 0 ]; then
	namespace='unshare -m'
else
	namespace='unshare -m -r'
fi
$namespace true 2>/dev/null ||
	skip_or_fail "no mount namespace here for the /dev/kvm cases"

# with_dev SETUP: runs minivm after SETUP, in a namespace whose /dev is
# an empty tmpfs.  It runs a copy there, which any user can reach: the
# build tree may be where user nobody cannot.
with_dev()
{
	status=0
	$namespace sh -c "mount -t tmpfs none /dev &&
		cp \"\$0\" /dev/minivm && $1 /dev/minivm" "$MINIVM" \
		>"$work/out" 2>"$work/err" || status=$?
}

# expect_open_error WHAT MESSAGE
expect_open_error()
{
	expect_status 4 "$1"
	[ "$(cat "$work/err")" = "minivm: cannot open /dev/kvm: $2" ] ||
		fail "$1: stderr '$(cat "$work/err")'"
}

no_driver='(load the kvm-intel or kvm-amd module, and enable virtualisation in the firmware)'
with_dev ''
expect_open_error "without /dev/kvm" "No such file or directory $no_driver"

[ "$(id -u)" -eq 0 ] ||
	skip_or_fail "only root can make the /dev/kvm nodes of the other cases"
# Device 10:240 is a misc minor that no driver claims.
with_dev 'mknod -m 666 /dev/kvm c 10 240 &&'
expect_open_error "with a /dev/kvm no driver answers" "No such device $no_driver"

command -v setpriv >/dev/null ||
	skip_or_fail "no setpriv(1) to run minivm as user nobody"
with_dev 'mknod -m 600 /dev/kvm c 10 232 &&
	setpriv --reuid=65534 --regid=65534 --clear-groups'
expect_open_error "with /dev/kvm not accessible" \
	"Permission denied (join the kvm group, or fix the device's permissions)"
exit 0
