#!/usr/bin/env bash
# 10,000 nested flow mappings under a service: refused (E0808).
. ../cmd.sh
{ printf 'services:\n  web:\n    image: nginx\n    x-deep: '; repeat 10000 '{a: '; repeat 10000 '}'; echo; } | compose
import_compose compose.yaml
