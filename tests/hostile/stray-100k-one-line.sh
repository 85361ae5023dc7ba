#!/usr/bin/env bash
# 100,000 stray characters on one line: 100,000 diagnostics.  (Quadratic
# in todokc 0.1.0, each diagnostic scanning the line: about 50 s.)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {'
	head -c 100000 /dev/zero | tr '\0' ';'
	printf '}\n'
} >"$tmp/stray.todok"
cd "$tmp" && $TODOKC stray.todok >/dev/null
