#!/usr/bin/env bash
# "${${${...x}}}" nested 100,000 deep: not a reference (E0107), no
# recursion.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  config c { A = "'
	for _ in $(seq 100); do printf '${${${${${${${${${${'; done | awk '{ for (i = 0; i < 100; i++) printf "%s", $0 }'
	printf 'x'
	head -c 100000 /dev/zero | tr '\0' '}'
	printf '" }\n}\n'
} >"$tmp/deep.todok"
cd "$tmp" && $TODOKC deep.todok >/dev/null
