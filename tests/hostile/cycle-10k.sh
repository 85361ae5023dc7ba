#!/usr/bin/env bash
# A cycle of 10,000 'after's: E0601 names the cycle, with a note on each
# of its 10,000 edges.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	echo 'stack s {'
	seq 0 9999 | awk '{ printf "  service c%d { image \"nginx:1.27\" port 80 after c%d }\n", $1, ($1 + 9999) % 10000 }'
	echo '}'
} >"$tmp/cycle.todok"
cd "$tmp" && $TODOKC cycle.todok >/dev/null
