#!/usr/bin/env bash
# A .env file of 2 MiB: refused (E0005), as the importer reads at most
# 1 MiB of a file the Compose file names.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'services:\n  web:\n    image: nginx:${TAG}\n' >"$tmp/compose.yaml"
{ printf 'TAG='; head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'x'; printf '\n'; } >"$tmp/.env"
cd "$tmp" && $TODOKC import compose compose.yaml
