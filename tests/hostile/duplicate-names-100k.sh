#!/usr/bin/env bash
# The same config declared 100,000 times: 99,999 errors with a note each.
# (todokc 0.1.0 writes diagnostics with one system call per fragment:
# about 50 s.)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	echo 'stack s {'
	seq 0 99999 | awk '{ print "  config c { A = \"v\" }" }'
	echo '}'
} >"$tmp/dups.todok"
cd "$tmp" && $TODOKC dups.todok >/dev/null
