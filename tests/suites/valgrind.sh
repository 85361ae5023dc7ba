#!/usr/bin/env bash
# valgrind.sh - todokc under valgrind's memcheck on every golden test and
# example, with -o into a folder and to stdout: no leak, no invalid access.
# Skipped when valgrind is not installed.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v valgrind >/dev/null; then
	echo "valgrind: skipped (not installed)"
	exit 0
fi
if grep -qs fsanitize "$root/build/flags"; then
	echo "valgrind: skipped (todokc is built with sanitizers)"
	exit 0
fi
passed=0 failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for src in "$root"/tests/golden/*.todok "$root"/examples/*.todok; do
	dir=$(dirname "$src") file=$(basename "$src")
	args=()
	[ -f "${src%.todok}.args" ] && read -r -a args < "${src%.todok}.args"
	for out in stdout dir; do
		extra=()
		[ $out = dir ] && extra=(-o "$work/out")
		if (cd "$dir" && valgrind -q --leak-check=full --errors-for-leak-kinds=all \
			--error-exitcode=99 "$root/todokc" "$file" --env-file "$root/tests/golden/test.env" \
			${args[@]+"${args[@]}"} "${extra[@]}") >/dev/null 2>"$work/err"; then
			passed=$((passed + 1))
		else
			echo "FAIL: $src ($out)"; head -30 "$work/err"
			failed=$((failed + 1))
		fi
	done
done
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
