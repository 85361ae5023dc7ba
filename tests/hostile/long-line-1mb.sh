#!/usr/bin/env bash
# A comment line of 1 MiB before a valid stack: compiles.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf '#'
	head -c 1048576 /dev/zero | tr '\0' x
	printf '\nstack s {\n  config c { A = "v" }\n}\n'
} >"$tmp/big.todok"
cd "$tmp" && $TODOKC big.todok >/dev/null
