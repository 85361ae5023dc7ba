#!/usr/bin/env bash
# 'after root, root, ...' with 100,000 names on one line: 99,999 errors, each
# with a note at the first 'root' (earlier on the same line).  (Quadratic in
# todokc 0.1.0: 54 s.)
# N sets the size; HOSTILE_MAKE_ONLY=FILE writes the input there and stops
# (bench/scaling.sh times it at several sizes).
n=${N:-100000}
make_input() {
	printf 'stack s {\n  service root { image "nginx:1.27" port 80 }\n'
	printf '  service s { image "nginx:1.27" port 80 after root'
	head -c "$((n - 1))" /dev/zero | sed 's/\x0/, root/g'
	printf ' }\n}\n'
}
if [ -n "${HOSTILE_MAKE_ONLY:-}" ]; then make_input >"$HOSTILE_MAKE_ONLY"; exit 0; fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
make_input >"$tmp/twice.todok"
cd "$tmp" && $TODOKC twice.todok >/dev/null
