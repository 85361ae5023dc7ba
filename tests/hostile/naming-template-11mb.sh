#!/usr/bin/env bash
# An 11 MB naming template over 1,000 components: every derived name is too
# long, and each is expanded only as far as a name can go.  (todokc 0.1.0
# expanded them whole: 7.5 GB of memory.)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  naming { workload "{component}'
	head -c 11000000 /dev/zero | tr '\0' x
	printf '" }\n'
	seq 1 1000 | awk '{ printf "  service c%d { image \"nginx:1.27\" port 80 }\n", $1 }'
	printf '}\n'
} >"$tmp/naming.todok"
cd "$tmp" && $TODOKC naming.todok >/dev/null
