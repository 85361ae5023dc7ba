#!/usr/bin/env bash
# A 10 MiB string in a param that nothing uses: compiles.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  param big = "'
	head -c 10485760 /dev/zero | tr '\0' x
	printf '"\n  config c { A = "v" }\n}\n'
} >"$tmp/big.todok"
cd "$tmp" && $TODOKC big.todok >/dev/null
