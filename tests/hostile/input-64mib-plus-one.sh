#!/usr/bin/env bash
# An input of 64 MiB + 1 byte: over MAX_INPUT_BYTES (E0005).
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
body='stack s { config c { A = "v" } }'
{
	printf '#'
	head -c $((67108864 - ${#body} - 2)) /dev/zero | tr '\0' x
	printf '\n%s\n' "$body"
} >"$tmp/big.todok"
[ "$(wc -c <"$tmp/big.todok")" -eq 67108865 ] || { echo "hostile: bad size" >&2; exit 99; }
cd "$tmp" && $TODOKC big.todok >/dev/null
