#!/usr/bin/env bash
# 100,000 nested braces inside a service: a syntax error, then the
# parser's depth limit (E0203); no stack overflow.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  service a '
	head -c 100000 /dev/zero | tr '\0' '{'
	head -c 100000 /dev/zero | tr '\0' '}'
	printf '\n}\n'
} >"$tmp/deep.todok"
cd "$tmp" && $TODOKC deep.todok >/dev/null
