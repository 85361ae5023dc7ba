#!/usr/bin/env bash
# A -D value with a newline and YAML in an image tag: not a valid image
# reference (E0512), nothing is emitted.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'stack s {\n  param tag = "1"\n  service a { image "nginx:${tag}" expose none }\n}\n' >"$tmp/s.todok"
cd "$tmp" && $TODOKC s.todok -D "tag=1
kind: Secret" >"$tmp/out"
status=$?
[ -s "$tmp/out" ] && { echo "hostile: wrote output after an error" >&2; exit 99; }
exit $status
