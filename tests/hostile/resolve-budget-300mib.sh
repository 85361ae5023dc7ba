#!/usr/bin/env bash
# 300 configs, each holding one key of exactly 1 MiB (within every object's
# limit) made from a doubling chain: 300 MiB of values in all, past the
# stack's limit of 256 MiB, which stops it at the reference that crosses it.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	echo 'stack s {'
	seq 1 300 | awk '{ printf "  config c%d { V = \"${base.K0}\" }\n", $1 }'
	echo '  config base {'
	seq 0 19 | awk '{ printf "    K%d = \"${base.K%d}${base.K%d}\"\n", $1, $1 + 1, $1 + 1 }'
	echo '    K20 = "x"'
	echo '  }'
	echo '}'
} >"$tmp/budget.todok"
cd "$tmp" && $TODOKC budget.todok >/dev/null 2>"$tmp/err"
status=$?
grep -q "grow past 268435456 bytes in all" "$tmp/err" || { echo "no budget error" >&2; exit 99; }
cat "$tmp/err" >&2
exit $status
