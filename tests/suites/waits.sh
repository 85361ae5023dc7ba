#!/usr/bin/env bash
# waits.sh - what todokc's wait init containers do at run time: every
# example and golden stack with an `after` is compiled, and each wait
# container's command is run against stand-ins for the Service or the
# Kubernetes API it asks (tests/waits/run_waits.py): it must stop exactly
# when its target is ready (a job: succeeded, or already removed).
# Skipped without python3 and PyYAML.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if ! python3 -c 'import yaml' 2>/dev/null; then
	echo "waits: skipped (no python3 with PyYAML)"
	exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
for src in examples/*.todok tests/golden/*.todok; do
	grep -q '^[[:space:]]*after[[:space:]]' "$src" || continue
	dir=$(dirname "$src") file=$(basename "$src")
	args=()
	[ -f "${src%.todok}.args" ] && read -r -a args < "${src%.todok}.args"
	out=$work/$(basename "$src" .todok).yaml
	if ! (cd "$dir" && "$root/todokc" "$file" --env-file "$root/tests/golden/test.env" \
		${args[@]+"${args[@]}"}) >"$out" 2>"$work/err"; then
		echo "FAIL: $src does not compile"
		cat "$work/err"
		failed=$((failed + 1))
		continue
	fi
	python3 -B tests/waits/run_waits.py "$out" >"$work/log" 2>&1
	status=$?
	grep -v '^ok ' "$work/log" | grep -v '^waits:' | sed "s|^|$src: |"
	p=$(sed -n 's/^waits: \([0-9]*\) passed.*/\1/p' "$work/log")
	f=$(sed -n 's/^waits: [0-9]* passed, \([0-9]*\) failed.*/\1/p' "$work/log")
	passed=$((passed + ${p:-0})) failed=$((failed + ${f:-0}))
	[ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ] && failed=$((failed + 1))
done
echo "waits: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
