#!/usr/bin/env bash
# 100,000 stray characters on one line: 100,000 diagnostics.  (Quadratic
# in todokc 0.1.0, each diagnostic scanning the line: about 50 s.)
# N sets the size; HOSTILE_MAKE_ONLY=FILE writes the input there and stops
# (bench/scaling.sh times it at several sizes).
n=${N:-100000}
make_input() {
	printf 'stack s {'
	head -c "$n" /dev/zero | tr '\0' ';'
	printf '}\n'
}
if [ -n "${HOSTILE_MAKE_ONLY:-}" ]; then make_input >"$HOSTILE_MAKE_ONLY"; exit 0; fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
make_input >"$tmp/stray.todok"
cd "$tmp" && $TODOKC stray.todok >/dev/null
