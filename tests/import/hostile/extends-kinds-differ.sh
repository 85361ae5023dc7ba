#!/usr/bin/env bash
# A service that extends another and gives one of its keys in another form
# (a string where the base has a list, for a key that takes only a list):
# the service's own value stands, and is reported as it would be without
# extends.  It crashed the merge (a NULL value; found by fuzz_import).
. ../cmd.sh
compose <<'YAML'
services:
  base:
    image: nginx:1.27
    ports: ["8080:80"]
  web:
    extends: base
    ports: "9090:80"
YAML
import_compose compose.yaml
