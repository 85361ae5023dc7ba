#!/usr/bin/env bash
# A param whose value is a 1 MiB string on one line: compiles.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  param big = "'
	head -c 1048576 /dev/zero | tr '\0' x
	printf '"\n  config c { A = "v" }\n}\n'
} >"$tmp/big.todok"
cd "$tmp" && $TODOKC big.todok >/dev/null
