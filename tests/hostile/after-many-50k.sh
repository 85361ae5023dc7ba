#!/usr/bin/env bash
# One service 'after' 50,000 others: 50,000 wait init containers in one pod.
# (Quadratic in todokc 0.1.0: 200,000 took 21 s.)
# N sets the size; HOSTILE_MAKE_ONLY=FILE writes the input there and stops
# (bench/scaling.sh times it at several sizes).
n=${N:-50000}
make_input() {
	echo 'stack s {'
	seq 1 "$n" | awk '{ printf "  service c%d { image \"nginx:1.27\" port 80 readiness tcp requests cpu 100m memory 128Mi }\n", $1 }'
	printf '  service w { image "nginx:1.27" port 80 readiness tcp requests cpu 100m memory 128Mi after c1'
	seq 2 "$n" | awk '{ printf ", c%d", $1 }'
	printf ' }\n}\n'
}
if [ -n "${HOSTILE_MAKE_ONLY:-}" ]; then make_input >"$HOSTILE_MAKE_ONLY"; exit 0; fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
make_input >"$tmp/many.todok"
cd "$tmp" && $TODOKC many.todok >/dev/null
