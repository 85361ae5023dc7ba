#!/usr/bin/env bash
# A .env file whose lines double a variable, A=${A}${A}, 40 times: 8 TiB
# if expanded; refused (E0810) once the values put in pass 16 MiB.
. ../cmd.sh
printf 'services:\n  web:\n    image: nginx:${A}\n' | compose
{ echo 'A=xxxxxxxx'; repeat 40 'A=${A}${A}
'; } | compose .env
import_compose compose.yaml
