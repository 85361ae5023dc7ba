#!/usr/bin/env bash
# A chain of 100,000 services, each 'after' the one before (declared in
# reverse, so that the order has to be computed): no recursion, compiles.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	echo 'stack s {'
	seq 99999 -1 0 | awk '{ printf "  service c%d { image \"nginx:1.27\" port 80 readiness tcp requests cpu 100m memory 128Mi", $1;
		if ($1 > 0) printf " after c%d", $1 - 1; printf " }\n" }'
	echo '}'
} >"$tmp/chain.todok"
cd "$tmp" && $TODOKC chain.todok >/dev/null
