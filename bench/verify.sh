#!/usr/bin/env bash
# bench/verify.sh - the floor (bench/floor.c) writes exactly what todokc
# writes for bench/gen.py's stacks: the same YAML stream (cmp) and the same
# files with -o DIR (diff -r, less todokc's own index of what it wrote).
# No timing.  `make bench-verify`; BENCH_VERIFY_NS sets the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
TODOKC=${TODOKC:-./todokc}
OUT=${BENCH_OUT:-build/bench}
GEN=$OUT/gen
NS=${BENCH_VERIFY_NS:-"3 10 22 100 1000 10000"}
mkdir -p "$GEN"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/todokc-bench-verify.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0 pass=0
for n in $NS; do
	python3 bench/gen.py "$n" "$GEN"
	"$TODOKC" --env-file "$GEN/bench.env" "$GEN/stack-$n.todok" > "$tmp/todokc.yaml"
	"$OUT/floor" "$n" > "$tmp/floor.yaml"
	if cmp -s "$tmp/todokc.yaml" "$tmp/floor.yaml"; then
		echo "ok: N=$n standard output identical ($(wc -c < "$tmp/todokc.yaml") bytes)"
		pass=$((pass + 1))
	else
		echo "FAIL: N=$n standard output differs:"; cmp "$tmp/todokc.yaml" "$tmp/floor.yaml" || true
		fail=$((fail + 1))
	fi
	"$TODOKC" --env-file "$GEN/bench.env" "$GEN/stack-$n.todok" -o "$tmp/todokc"
	"$OUT/floor" "$n" -o "$tmp/floor"
	if diff -r -x .todokc-outputs "$tmp/todokc" "$tmp/floor" > "$tmp/diff"; then
		echo "ok: N=$n -o DIR identical ($(ls "$tmp/todokc" | wc -l) files)"
		pass=$((pass + 1))
	else
		echo "FAIL: N=$n -o DIR differs:"; head -20 "$tmp/diff"
		fail=$((fail + 1))
	fi
	rm -rf "$tmp/todokc" "$tmp/floor"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
