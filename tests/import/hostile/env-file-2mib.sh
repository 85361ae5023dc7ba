#!/usr/bin/env bash
# A .env file of 2 MiB: refused (E0005), as the importer reads at most
# 1 MiB of a file the Compose file names.
. ../cmd.sh
printf 'services:\n  web:\n    image: nginx:${TAG}\n' | compose
{ printf 'TAG='; head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'x'; printf '\n'; } | compose .env
import_compose compose.yaml
