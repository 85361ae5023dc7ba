#!/usr/bin/env bash
# A 10 MiB string (below the 16 MiB string limit) as a config value: the
# ConfigMap would exceed Kubernetes' 1 MiB, which is an error (E0510).
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  config c { A = "'
	head -c 10485760 /dev/zero | tr '\0' x
	printf '" }\n}\n'
} >"$tmp/big.todok"
cd "$tmp" && $TODOKC big.todok >/dev/null
