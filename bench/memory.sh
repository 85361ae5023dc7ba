#!/usr/bin/env bash
# bench/memory.sh - where todokc's memory goes (docs/benchmarks.md,
# "Profile"): the counting build (bench/alloc_count.c) compiles
# bench/gen.py's stacks and bench/memory.py prints, per arena, the bytes per
# component of each allocation site, with the peak RSS.  `make bench-memory`;
# BENCH_MEMORY_NS sets the sizes (10000), BENCH_MEMORY_TOP the number of
# sites per arena (25).  The counting build is slower and its peak RSS a
# little higher than todokc's (its own tables): use `make bench` for the
# peak itself, this for its parts.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-build/bench}
COUNT=$OUT/count/todokc
GEN=$OUT/gen
NS=${BENCH_MEMORY_NS:-10000}
TOP=${BENCH_MEMORY_TOP:-25}
[ -x "$COUNT" ] || { echo "bench-memory: run 'make bench-memory'" >&2; exit 2; }
command -v addr2line > /dev/null || { echo "bench-memory: addr2line (binutils) is not installed"; exit 2; }
mkdir -p "$GEN"
for n in $NS; do
	[ -s "$GEN/stack-$n.todok" ] || python3 bench/gen.py "$n" "$GEN"
	TODOKC_ALLOC_COUNT="$OUT/count/counts-$n.tsv" \
		"$COUNT" --env-file "$GEN/bench.env" "$GEN/stack-$n.todok" > /dev/null
	python3 bench/memory.py "$COUNT" "$OUT/count/counts-$n.tsv" "$n" "$TOP"
done
