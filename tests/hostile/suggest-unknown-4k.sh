#!/usr/bin/env bash
# 4,000 services, each 'after' an unknown name close to its own, so that
# every one looks for a "did you mean" among all the others.  (Quadratic in
# todokc 0.1.0: 83 s; the suggestions now share a bounded budget.)
# N sets the size; HOSTILE_MAKE_ONLY=FILE writes the input there and stops
# (bench/scaling.sh times it at several sizes).
n=${N:-4000}
make_input() {
	echo 'stack s {'
	seq 1 "$n" | awk '{ printf "  service svc%05d { image \"nginx:1.27\" port 80 after svc%05dx }\n", $1, $1 }'
	echo '}'
}
if [ -n "${HOSTILE_MAKE_ONLY:-}" ]; then make_input >"$HOSTILE_MAKE_ONLY"; exit 0; fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
make_input >"$tmp/unknown.todok"
cd "$tmp" && $TODOKC unknown.todok >/dev/null
