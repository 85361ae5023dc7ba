#!/usr/bin/env bash
# A chain of 101 config keys, each referring to the next one below it:
# todokc follows at most 100 (E0306), and says so rather than call it a loop.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  config c {\n'
	for i in $(seq 0 100); do printf '    K%d = c.K%d\n' "$i" $((i + 1)); done
	printf '    K101 = "end"\n  }\n}\n'
} >"$tmp/s.todok"
cd "$tmp" && $TODOKC s.todok >/dev/null
