#!/usr/bin/env bash
# 100,000 services: compiles (the limit is MAX_COMPONENTS, 1,000,000).
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	echo 'stack s {'
	seq 0 99999 | awk '{ printf "  service c%d { image \"nginx:1.27\" expose none requests cpu 100m memory 128Mi }\n", $1 }'
	echo '}'
} >"$tmp/many.todok"
cd "$tmp" && $TODOKC many.todok >/dev/null
