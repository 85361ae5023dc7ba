#!/usr/bin/env bash
# 10,000 nested flow mappings under a service: refused (E0808).
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'services:\n  web:\n    image: nginx\n    x-deep: '
	for _ in $(seq 1 10000); do printf '{a: '; done
	printf '1'
	head -c 10000 /dev/zero | tr '\0' '}'
	printf '\n'
} >"$tmp/compose.yaml"
cd "$tmp" && $TODOKC import compose compose.yaml
