#!/usr/bin/env bash
# Merge keys (<<) that bring the same big mapping again and again: each
# counts all the nodes it brings, so the file is refused (E0809).
. ../cmd.sh
{
	echo 'x-base: &base'
	seq 1 20000 | awk '{ printf "  k%d: v\n", $1 }'
	echo 'services:'
	for i in $(seq 1 40); do
		echo "  s$i:"
		echo '    image: nginx'
		echo '    labels:'
		echo '      <<: [*base, *base, *base]'
	done
} | compose
import_compose compose.yaml
