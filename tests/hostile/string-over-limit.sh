#!/usr/bin/env bash
# A string of 16 MiB + 1 byte: over MAX_STRING_BYTES (E0110).
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  param big = "'
	head -c 16777217 /dev/zero | tr '\0' x
	printf '"\n}\n'
} >"$tmp/big.todok"
cd "$tmp" && $TODOKC big.todok >/dev/null
