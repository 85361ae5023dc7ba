#!/usr/bin/env bash
# network-policy.sh - the NetworkPolicies todokc emits allow exactly the
# traffic each stack declares. Runs the evaluator's self-test
# (tests/netpol/selftest.sh); then, for every examples/*.todok and
# tests/golden/*.todok with a line `network isolated`, requires the
# hand-written NAME.edges beside it (its absence is a failure), compiles the
# stack into a folder (from the file's folder, with tests/golden/test.env and
# the file's NAME.args if any) and compares the connections the policies
# allow with the edges file (tests/netpol/netpol.py check). Prints the
# tools' lines and the sum of their counts as `network-policy: N passed, M
# failed`. Skipped when no python3 has PyYAML.
#
# Usage:  bash tests/suites/network-policy.sh      (TODOKC=path picks another binary)
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
todokc=${TODOKC:-$root/todokc}
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import yaml' 2>/dev/null; then
	echo "network-policy: skipped (no python3 with PyYAML)"
	exit 0
fi
work=$(mktemp -d /tmp/network-policy.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

# tally LOG STATUS: adds the last "N passed, M failed" of LOG; a tool that
# failed without counting a failure counts one.
tally() {
	local counts p f
	counts=$(sed -n 's/.*: \([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p' "$1" | tail -1)
	p=${counts% *} f=${counts#* }
	[ -n "$counts" ] || p=0 f=0
	[ "$2" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	passed=$((passed + p)) failed=$((failed + f))
}

bash tests/netpol/selftest.sh >"$work/selftest.log" 2>&1
status=$?
cat "$work/selftest.log"
tally "$work/selftest.log" "$status"

checked=0
for src in examples/*.todok tests/golden/*.todok; do
	[ -e "$src" ] || continue
	grep -Eq '^[[:space:]]*network[[:space:]]+isolated' "$src" || continue
	checked=$((checked + 1))
	edges=${src%.todok}.edges
	if [ ! -f "$edges" ]; then
		echo "FAIL: $src says 'network isolated' but there is no $edges (the connections it must allow)"
		failed=$((failed + 1))
		continue
	fi
	if [ ! -x "$todokc" ]; then
		echo "FAIL: $todokc is not built"
		failed=$((failed + 1))
		break
	fi
	dir=$(dirname "$src") file=$(basename "$src")
	out=$work/$checked-$(basename "$src" .todok)
	args=()
	[ -f "${src%.todok}.args" ] && read -r -a args <"${src%.todok}.args"
	if ! (cd "$dir" && "$todokc" "$file" --env-file "$root/tests/golden/test.env" \
		${args[@]+"${args[@]}"} -o "$out") >"$work/err" 2>&1; then
		echo "FAIL: $src does not compile"
		sed 's/^/    /' "$work/err" | head -20
		failed=$((failed + 1))
		continue
	fi
	echo "== $src: network isolated, against $edges"
	python3 -B tests/netpol/netpol.py check "$out" --edges "$edges" >"$work/netpol.log" 2>&1
	status=$?
	sed "s|$out/||" "$work/netpol.log"
	tally "$work/netpol.log" "$status"
done
[ "$checked" -eq 0 ] && echo "network-policy: no example or golden stack says 'network isolated' (self-test only)"

echo "network-policy: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
