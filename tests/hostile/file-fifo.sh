#!/usr/bin/env bash
# file("...") naming a FIFO that nobody writes to: refused at once
# (E0702), no hang.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkfifo "$tmp/pipe" || exit 99
printf 'stack s {\n  secret x { K = file("pipe") }\n}\n' >"$tmp/s.todok"
cd "$tmp" && $TODOKC s.todok >/dev/null
