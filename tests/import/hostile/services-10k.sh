#!/usr/bin/env bash
# 10,000 services, each waiting for the one before: imported (exit status
# 0), in time and memory linear in the file.
. ../cmd.sh
{
	echo 'services:'
	echo '  s0:'
	echo '    image: nginx'
	seq 1 9999 | awk '{ printf "  s%d:\n    image: nginx\n    ports: [\"80\"]\n    depends_on: [s%d]\n", $1, $1 - 1 }'
} | compose
import_compose compose.yaml -o stack.todok 2>/dev/null || exit
[ "$(grep -c "^  service " "$tmp/stack.todok")" -eq 10000 ] || { echo "test: not 10,000 services" >&2; exit 99; }
