#!/usr/bin/env bash
# An error at column 1,048,587 of a 1 MiB line: the excerpt is cut, the
# column is exact.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {'
	head -c 1048576 /dev/zero | tr '\0' ' '
	printf '; }\n'
} >"$tmp/big.todok"
cd "$tmp" && $TODOKC big.todok >/dev/null
