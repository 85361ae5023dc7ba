#!/usr/bin/env bash
# A folder as the input: exit status 3 (a file could not be read).
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/stack.todok"
cd "$tmp" && $TODOKC stack.todok >/dev/null
