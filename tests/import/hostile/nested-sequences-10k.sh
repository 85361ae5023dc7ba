#!/usr/bin/env bash
# 10,000 nested sequences: refused (E0808) at the 65th level, without
# recursion.
. ../cmd.sh
{ printf 'x-deep: '; repeat 10000 '['; repeat 10000 ']'; printf '\nservices: {}\n'; } | compose
import_compose compose.yaml
