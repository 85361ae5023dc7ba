#!/usr/bin/env bash
# A missing input file: exit status 3.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" && $TODOKC missing.todok >/dev/null
