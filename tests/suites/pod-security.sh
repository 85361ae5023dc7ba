#!/usr/bin/env bash
# pod-security.sh - the Pod Security Standards over what todokc emits.
# Runs the checker's self-test (tests/psa/selftest.sh); then compiles every
# examples/*.todok and tests/golden/*.todok with a line `security restricted`
# (or `security baseline`; the first such line decides) into a folder, from
# the file's folder with tests/golden/test.env and the file's NAME.args if
# any, and checks every pod template there at that level with
# tests/psa/psa.py. Prints the tools' lines and the sum of their counts as
# `pod-security: N passed, M failed`. Skipped when no python3 has PyYAML.
#
# Usage:  bash tests/suites/pod-security.sh      (TODOKC=path picks another binary)
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
todokc=${TODOKC:-$root/todokc}
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import yaml' 2>/dev/null; then
	echo "pod-security: skipped (no python3 with PyYAML)"
	exit 0
fi
work=$(mktemp -d /tmp/pod-security.XXXXXX)
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

bash tests/psa/selftest.sh >"$work/selftest.log" 2>&1
status=$?
cat "$work/selftest.log"
tally "$work/selftest.log" "$status"

checked=0
for src in examples/*.todok tests/golden/*.todok; do
	[ -e "$src" ] || continue
	level=$(grep -Eo '^[[:space:]]*security[[:space:]]+(restricted|baseline)' "$src" | head -1 | awk '{print $2}')
	[ -n "$level" ] || continue
	checked=$((checked + 1))
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
	echo "== $src: security $level"
	python3 -B tests/psa/psa.py --level "$level" "$out" >"$work/psa.log" 2>&1
	status=$?
	sed "s|$out/||" "$work/psa.log"
	tally "$work/psa.log" "$status"
done
[ "$checked" -eq 0 ] && echo "pod-security: no example or golden stack says 'security restricted' or 'security baseline' (self-test only)"

echo "pod-security: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
