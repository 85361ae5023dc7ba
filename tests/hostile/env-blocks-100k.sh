#!/usr/bin/env bash
# 100,000 'env { ... }' blocks (they accumulate) in one service, one
# variable each: compiles.  (Quadratic in todokc 0.1.0: about 50 s.)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  service a {\n    image "nginx:1.27"\n    expose none\n    requests cpu 100m memory 128Mi\n'
	seq 0 99999 | awk '{ printf "    env { K%d = \"v\" }\n", $1 }'
	printf '  }\n}\n'
} >"$tmp/env.todok"
cd "$tmp" && $TODOKC env.todok >/dev/null
