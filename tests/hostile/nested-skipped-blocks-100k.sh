#!/usr/bin/env bash
# 100,000 nested braces after an unknown word: error recovery skips
# balanced blocks; the depth limit stops it (E0203), no stack overflow.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  bogus '
	head -c 100000 /dev/zero | tr '\0' '{'
	head -c 100000 /dev/zero | tr '\0' '}'
	printf '\n}\n'
} >"$tmp/deep.todok"
cd "$tmp" && $TODOKC deep.todok >/dev/null
