#!/usr/bin/env bash
# 100,000 config blocks, one after the other: compiles.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	echo 'stack s {'
	seq 0 99999 | awk '{ printf "  config c%d { K = \"v\" }\n", $1 }'
	echo '}'
} >"$tmp/many.todok"
cd "$tmp" && $TODOKC many.todok >/dev/null
