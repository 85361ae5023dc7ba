#!/usr/bin/env bash
# Services that extend each other in a cycle, which Compose refuses: found
# without recursion, the extends left out (W0801) and each service
# imported with its own keys.
. ../cmd.sh
compose <<'YAML'
services:
  a:
    extends: b
    image: example/a
  b:
    extends:
      service: c
    image: example/b
  c:
    extends: a
    image: example/c
YAML
import_compose compose.yaml
