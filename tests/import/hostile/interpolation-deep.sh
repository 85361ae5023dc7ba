#!/usr/bin/env bash
# Defaults nested 10,000 deep, ${A:-${A:-...}}: refused (E0810) at the 9th.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'services:\n  web:\n    image: "nginx:'
	for _ in $(seq 1 10000); do printf '${A:-'; done
	printf 'x'
	head -c 10000 /dev/zero | tr '\0' '}'
	printf '"\n'
} >"$tmp/compose.yaml"
cd "$tmp" && $TODOKC import compose compose.yaml
