#!/bin/sh
# fuzz-boot.sh - runs the libFuzzer target tests/fuzz-boot (see
# tests/fuzz-boot.c) for FUZZ_SECONDS (default 60), seeded with the
# bundled guests, the test guests and the test kernels, each under a few
# option bytes.  Fails on a crash or a sanitizer report; libFuzzer keeps
# the input that caused it in FUZZ_KEEP (default ./fuzz-failures).
set -eu

seconds=${FUZZ_SECONDS:-60}
keep=${FUZZ_KEEP:-fuzz-failures}
work=$(mktemp -d "${TMPDIR:-/tmp}/minivm-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/seeds" "$work/corpus"
mkdir -p "$keep"

# A 4 KiB bzImage (boot protocol 2.15), so that the fuzzer starts in
# the Linux loader too.
bz=$work/bzimage
head -c 4096 /dev/zero >"$bz"
put()
{
	printf "$2" | dd of="$bz" bs=1 seek=$(($1)) conv=notrunc 2>/dev/null
}
put 0x1f1 '\001'			# setup_sects
put 0x1f4 '\300'			# syssize: 3 KiB
put 0x201 'jHdrS\017\002'		# header length, magic, version
put 0x211 '\001'			# loadflags: LOADED_HIGH
put 0x22c '\377\377\377\177'	# initrd_addr_max
put 0x238 '\377'			# cmdline_size
put 0x25b '\001'			# pref_address: 16 MiB
put 0x262 '\020'			# init_size: 1 MiB

# Option bytes: real mode; long mode; protected with -a and -i.
n=0
for file in "$HELLO_BIN" "$HELLO32" "$HELLO64" "$GUESTS"/*.bin \
	"$KERNELS"/*.elf "$KERNELS"/*.bin "$bz"; do
	for pick in '\000' '\031' '\165'; do
		n=$((n + 1))
		{ printf "$pick"; cat "$file"; } >"$work/seeds/seed-$n"
	done
done

"$FUZZ_BOOT" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
	-max_len=65536 -artifact_prefix="$keep/" -print_final_stats=1 \
	"$work/corpus" "$work/seeds"
