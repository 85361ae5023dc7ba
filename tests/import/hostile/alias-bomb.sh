#!/usr/bin/env bash
# A YAML bomb: nine levels of aliases, each nine times the one before
# (387,420,489 nodes once expanded).  Refused (E0809) as soon as the nodes
# counted pass 1,000,000, without expanding anything.
. ../cmd.sh
{
	echo 'x-a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'
	for i in 1 2 3 4 5 6 7 8 9; do
		p=$((i - 1))
		echo "x-a$i: &a$i [*a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p]"
	done
	echo 'services:'
	echo '  web:'
	echo '    image: nginx'
	echo '    labels: *a9'
} | compose
import_compose compose.yaml
