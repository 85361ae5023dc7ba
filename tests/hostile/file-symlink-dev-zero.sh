#!/usr/bin/env bash
# file("...") naming a symbolic link to /dev/zero: refused (E0702).
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
ln -s /dev/zero "$tmp/zero"
printf 'stack s {\n  secret x { K = file("zero") }\n}\n' >"$tmp/s.todok"
cd "$tmp" && $TODOKC s.todok >/dev/null
