#!/usr/bin/env bash
# 10,000 nested sequences: refused (E0808) at the 65th level, without
# recursion.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'x-deep: '
	head -c 10000 /dev/zero | tr '\0' '['
	head -c 10000 /dev/zero | tr '\0' ']'
	printf '\nservices: {}\n'
} >"$tmp/compose.yaml"
cd "$tmp" && $TODOKC import compose compose.yaml
