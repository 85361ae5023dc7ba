#!/usr/bin/env bash
# An env_file whose lines double a variable, A=${A}${A}, 40 times: 8 TiB
# if expanded; refused (E0810) once the values put in pass 16 MiB.
. ../cmd.sh
printf 'services:\n  web:\n    image: nginx:1\n    env_file: app.env\n' | compose
{ echo 'A=xxxxxxxx'; repeat 40 'A=${A}${A}
'; } | compose app.env
import_compose compose.yaml
