#!/usr/bin/env bash
# file("...") naming a folder inside the stack's folder (E0702).
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/keys"
printf 'stack s {\n  secret x { K = file("keys") }\n}\n' >"$tmp/s.todok"
cd "$tmp" && $TODOKC s.todok >/dev/null
