#!/usr/bin/env bash
# file("...") naming a 2 MB file: larger than a Secret holds (E0702).
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
head -c 2000000 /dev/zero >"$tmp/big.bin"
printf 'stack s {\n  secret x { K = file("big.bin") }\n}\n' >"$tmp/s.todok"
cd "$tmp" && $TODOKC s.todok >/dev/null
