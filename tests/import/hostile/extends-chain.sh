#!/usr/bin/env bash
# 2,000 services, each extending the one before and adding an environment
# variable: the merges would make about 2,000,000 nodes, so the file is
# refused (E0809) before they are all made.
. ../cmd.sh
{
	echo 'services:'
	echo '  s0:'
	echo '    image: nginx'
	seq 1 1999 | awk '{ printf "  s%d:\n    extends: s%d\n", $1, $1 - 1
		printf "    environment:\n      V%d: x\n", $1 }'
} | compose
import_compose compose.yaml
