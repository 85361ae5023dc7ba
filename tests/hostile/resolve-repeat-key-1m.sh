#!/usr/bin/env bash
# One config key that refers to a 2 KiB key a million times (7 MB of input):
# it would be 2 GB; it stops at the reference that takes it past 1 MiB.
# (todokc 0.1.0 built it: 2.3 GB of memory.)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  config c {\n    X = "'
	head -c 2048 /dev/zero | tr '\0' x
	printf '"\n    Y = "'
	head -c 1000000 /dev/zero | sed 's/\x0/${c.X}/g'
	printf '"\n  }\n}\n'
} >"$tmp/repeat.todok"
cd "$tmp" && $TODOKC repeat.todok >/dev/null
