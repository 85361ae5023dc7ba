#!/usr/bin/env bash
# One string with 100,000 interpolations of a param: compiles.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  param p = "v"\n  config c { A = "'
	for _ in $(seq 100); do printf '${p}${p}${p}${p}${p}${p}${p}${p}${p}${p}'; done | awk '{ for (i = 0; i < 100; i++) printf "%s", $0 }'
	printf '" }\n}\n'
} >"$tmp/many.todok"
cd "$tmp" && $TODOKC many.todok >/dev/null
