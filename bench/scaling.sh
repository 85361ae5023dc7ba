#!/usr/bin/env bash
# bench/scaling.sh - how todokc's time grows on the inputs that once made
# it quadratic (docs/benchmarks.md, "Scaling on hostile input"): each
# hostile case of tests/hostile/ below, at three sizes that double, with
# the ratio of each time to the one before.  A linear cost doubles (2.0);
# a quadratic one quadruples (4.0).  Nothing is asserted: it is a
# benchmark, run by `make bench` and `make bench-scaling`.
#
# Settings: BENCH_RUNS (timed runs per size, 3), BENCH_OUT (build/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${BENCH_OUT:-build/bench}
RUNS=${BENCH_SCALING_RUNS:-3}
TIMEIT=$OUT/timeit
[ -x "$TIMEIT" ] && [ -x ./todokc ] || { echo "scaling: run 'make bench-scaling'" >&2; exit 2; }
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

# CASE EXIT-STATUS SIZES...: the case's generator (HOSTILE_MAKE_ONLY), then
# todokc on its input at each size.
cases=(
	"suggest-unknown-4k 1 1000 2000 4000"
	"stray-100k-one-line 1 100000 200000 400000"
	"after-twice-100k 1 25000 50000 100000"
	"after-many-50k 0 12500 25000 50000"
	"literal-hosts-hub-50k 0 25000 50000 100000"
	"allow-from-many-50k 0 25000 50000 100000"
)
echo "| case | N | wall (s) | ratio to the size before | peak RSS (MiB) |"
echo "| --- | ---: | ---: | ---: | ---: |"
for line in "${cases[@]}"; do
	read -r name status sizes <<<"$line"
	prev=
	for n in $sizes; do
		in=$SCRATCH/$name-$n.todok
		N=$n HOSTILE_MAKE_ONLY=$in bash "tests/hostile/$name.sh"
		fields=$("$TIMEIT" -r "$RUNS" -s "$status" -- ./todokc "$in" 2>/dev/null)
		wall=$(sed 's/.*wall_med=\([0-9.]*\).*/\1/' <<<"$fields")
		rss=$(sed 's/.*rss_kb=\([0-9]*\).*/\1/' <<<"$fields")
		ratio=$([ -n "$prev" ] && awk -v a="$wall" -v b="$prev" 'BEGIN { printf "%.2f", a / b }' || echo -)
		printf '| %s | %s | %.3f | %s | %d |\n' "$name" "$n" "$wall" "$ratio" "$((rss / 1024))"
		prev=$wall
		rm -f "$in"
	done
done
