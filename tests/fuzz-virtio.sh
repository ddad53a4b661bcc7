#!/bin/sh
# fuzz-virtio.sh - runs the libFuzzer target tests/fuzz-virtio (see
# tests/fuzz-virtio.c) for FUZZ_SECONDS (default 60), seeded with one
# well-formed request of each type, on a queue of 8 in the legacy layout
# and at three addresses, on the read-write and the read-only disk.
# Fails on a crash or a sanitizer report; libFuzzer keeps the input that
# caused it in FUZZ_KEEP (default ./fuzz-failures).
set -eu

seconds=${FUZZ_SECONDS:-60}
keep=${FUZZ_KEEP:-fuzz-failures}
work=$(mktemp -d "${TMPDIR:-/tmp}/minivm-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/seeds" "$work/corpus"
mkdir -p "$keep"

# V as N little-endian bytes, in printf's escapes.
le()
{
	v=$1 n=$2 out=
	while [ "$n" -gt 0 ]; do
		out="$out\\$(printf %03o $((v & 255)))"
		v=$((v >> 8)) n=$((n - 1))
	done
	printf %s "$out"
}

# Puts the bytes (escapes) $2 at $1 in guest RAM, past the 4 option bytes.
put()
{
	printf "$2" | dd of="$seed" bs=1 seek=$((4 + $1)) conv=notrunc \
		2>/dev/null
}

desc()
{
	put $((16 * $1)) "$(le $(($2)) 8)$(le $3 4)$(le $4 2)$(le $5 2)"
}

# RAM is at 0x10000: the descriptors at its start, the available ring
# at 0x80, the used ring at 0x1000; a header, data and status after.
# Flags: 1 next, 2 device-writable.
request()
{
	type=$1 data_flags=$2 length=$3
	head -c $((4 + 0x3000)) /dev/zero >"$seed"
	if [ "$length" -gt 0 ]; then
		desc 0 0x12000 16 1 1
		desc 1 0x12200 "$length" "$data_flags" 2
	else
		desc 0 0x12000 16 1 2
	fi
	desc 2 0x12800 1 2 0
	put 0x82 "$(le 1 2)"		# avail idx 1, ring[0] head 0
	put 0x2000 "$(le "$type" 4)$(le 0 4)$(le 3 8)"	# sector 3
}

n=0
for options in '\003\000\000\000' '\043\000\000\000' '\023\000\100\100'; do
	for r in '0 3 1024' '1 1 1024' '4 0 0' '8 3 20' '11 3 512'; do
		n=$((n + 1))
		seed=$work/seeds/seed-$n
		# shellcheck disable=SC2086
		request $r
		printf "$options" | dd of="$seed" conv=notrunc 2>/dev/null
	done
done

"$FUZZ_VIRTIO" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-max_len=65540 -artifact_prefix="$keep/" -print_final_stats=1 \
	"$work/corpus" "$work/seeds"
