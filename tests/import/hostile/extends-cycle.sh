#!/usr/bin/env bash
# Services that extend each other in a cycle: an error (E0804), as in
# Compose, found without recursion.
. ../cmd.sh
compose <<'YAML'
services:
  a:
    extends: b
  b:
    extends:
      service: c
  c:
    extends: a
    image: nginx
YAML
import_compose compose.yaml
