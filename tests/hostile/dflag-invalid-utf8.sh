#!/usr/bin/env bash
# A -D value that is not UTF-8 (byte 0xFF): a bad command line (exit 2),
# naming -D; never an I/O failure (exit 3) or a YAML emitter error.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'stack s {\n  param p = "x"\n  config c { V = p }\n}\n' >"$tmp/s.todok"
cd "$tmp" && $TODOKC s.todok -D "p=$(printf 'a\377b')" >/dev/null
