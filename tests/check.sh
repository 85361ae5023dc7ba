#!/usr/bin/env bash
# check.sh - every test suite, run by `make check`.  Each suite prints its
# own summary; this script adds them up and ends with one line
# "check: N passed, N failed" (tests), exiting non-zero on any failure.
# Suites whose tools are missing (node, vim, emacs, kubectl) say so and
# are skipped.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
total_passed=0 total_failed=0 broken=()

# Runs one suite and adds up its "N passed, M failed" (or cmocka's) lines.
suite() {
	local name=$1
	shift
	echo "== $name"
	local log
	log=$(mktemp)
	"$@" 2>&1 | tee "$log"
	local status=${PIPESTATUS[0]}
	local p f
	p=$(sed -n 's/.*[^0-9]\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p; s/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\1/p' "$log" | tail -1)
	f=$(sed -n 's/.*[^0-9]\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2/p; s/^\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed.*/\2/p' "$log" | tail -1)
	if [ -z "$p" ]; then # cmocka
		p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
	fi
	p=${p:-0} f=${f:-0}
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	total_passed=$((total_passed + p)) total_failed=$((total_failed + f))
	[ "$status" -ne 0 ] && broken+=("$name")
	rm -f "$log"
}

for t in build/tests/test_*; do
	[ -x "$t" ] && suite "unit: $(basename "$t")" "$t"
done
suite "golden and error corpus" bash tests/run-corpus.sh
for s in tests/suites/*.sh; do
	[ -e "$s" ] && suite "$(basename "$s" .sh)" bash "$s"
done

echo
[ ${#broken[@]} -gt 0 ] && echo "failing suites: ${broken[*]}"
echo "check: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ] && [ ${#broken[@]} -eq 0 ]
