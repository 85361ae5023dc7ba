#!/usr/bin/env bash
# A -D value that is not UTF-8, with --format json: a bad command line
# (exit 2), never invalid JSON (RFC 8259 text is UTF-8).
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'stack s {\n  param p = "x"\n  config c { V = p }\n}\n' >"$tmp/s.todok"
cd "$tmp" && $TODOKC s.todok --format json -D "p=$(printf 'a\377b')" >/dev/null
