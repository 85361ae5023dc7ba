#!/usr/bin/env bash
# One environment value that reaches another service at every port: the
# service gets ports from it until it has 100 (imported, exit status 0),
# in time linear in the value.
. ../cmd.sh
{
	echo 'services:'
	echo '  target:'
	echo '    image: example/target:1.0'
	echo '  client:'
	echo '    image: example/client:1.0'
	echo '    environment:'
	printf '      ALL: "'
	seq 1 65535 | awk '{ printf "target:%d,", $1 }'
	echo '"'
} | compose
import_compose compose.yaml -o stack.todok 2>/dev/null || exit
[ "$(grep -c '^    port ' "$tmp/stack.todok")" -eq 100 ] || { echo "test: not 100 ports" >&2; exit 99; }
