#!/usr/bin/env bash
# Defaults nested 10,000 deep, ${A:-${A:-...}}: refused (E0810) at the 9th.
. ../cmd.sh
{ printf 'services:\n  web:\n    image: "nginx:'; repeat 10000 '${A:-'; repeat 10000 '}'; echo '"'; } | compose
import_compose compose.yaml
