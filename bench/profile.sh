#!/usr/bin/env bash
# bench/profile.sh - instruction counts (valgrind --tool=callgrind, free of
# timing noise) of todokc and the floor on bench/gen.py's stacks, with the
# top functions, self and inclusive.  `make bench-profile`;
# BENCH_PROFILE_NS sets the sizes.  Profiles stay in build/bench/prof/
# for callgrind_annotate or kcachegrind.
set -euo pipefail
cd "$(dirname "$0")/.."
TODOKC=${TODOKC:-./todokc}
OUT=${BENCH_OUT:-build/bench}
GEN=$OUT/gen
PROF=$OUT/prof
NS=${BENCH_PROFILE_NS:-"1000 10000"}
TOP=${BENCH_PROFILE_TOP:-25}
command -v valgrind > /dev/null || { echo "bench-profile: valgrind is not installed"; exit 2; }
mkdir -p "$GEN" "$PROF"
irefs() { sed -n 's/.*I *refs: *//p' "$1" | tr -d ,; }
for n in $NS; do
	[ -s "$GEN/stack-$n.todok" ] || python3 bench/gen.py "$n" "$GEN"
	valgrind --tool=callgrind --callgrind-out-file="$PROF/todokc-$n.cg" \
		"$TODOKC" --env-file "$GEN/bench.env" "$GEN/stack-$n.todok" > /dev/null 2> "$PROF/todokc-$n.log"
	valgrind --tool=callgrind --callgrind-out-file="$PROF/floor-$n.cg" \
		"$OUT/floor" "$n" > /dev/null 2> "$PROF/floor-$n.log"
	t=$(irefs "$PROF/todokc-$n.log") f=$(irefs "$PROF/floor-$n.log")
	echo "== N=$n: todokc $t instructions, floor $f, ratio $(awk -v t="$t" -v f="$f" 'BEGIN {printf "%.2f", t / f}')," \
		"$(awk -v t="$t" -v n="$n" 'BEGIN {printf "%.0f", t / n}') and $(awk -v f="$f" -v n="$n" 'BEGIN {printf "%.0f", f / n}') per component"
	for who in todokc floor; do
		echo "-- $who, N=$n, self (exclusive) instructions:"
		callgrind_annotate "$PROF/$who-$n.cg" 2> /dev/null | grep -E '^ *[0-9,]+ +\(' | sed -n "2,$((TOP + 1))p"
		echo "-- $who, N=$n, inclusive:"
		callgrind_annotate --inclusive=yes "$PROF/$who-$n.cg" 2> /dev/null | grep -E '^ *[0-9,]+ +\(' | sed -n "2,$((TOP + 1))p"
	done
done
