#!/usr/bin/env bash
# A 250 kB annotation (below the 256 KiB Kubernetes takes) that the stack
# puts on each of its 2,200 objects: 550 MB of manifests from a 360 kB
# input, which no limit on values stops (the value is built once).  Written into a folder, the files are rendered one
# by one and counted: the run stops at the object that takes the output
# past 512 MiB (MAX_OUTPUT_BYTES), before anything is renamed, and leaves
# no file behind.  (todokc 0.1.0 wrote all 640 MB.)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  annotations { a = "'
	head -c 250000 /dev/zero | tr '\0' x
	printf '" }\n'
	for i in $(seq 1 1100); do printf '  service c%d { image "nginx:1.27" port 80 readiness tcp requests cpu 10m memory 16Mi }\n' "$i"; done
	echo '}'
} >"$tmp/big.todok"
cd "$tmp" || exit 99
mkdir out
$TODOKC big.todok --format json -o out >/dev/null 2>"$tmp/err"
status=$?
[ -z "$(ls -A out)" ] || { echo "files were left in the folder: $(ls -A out | head -3)" >&2; exit 99; }
cat "$tmp/err" >&2
exit $status
