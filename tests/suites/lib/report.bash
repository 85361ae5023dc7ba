# report.bash - the counting helpers of the suites in tests/suites/,
# sourced by them (not a suite: tests/check.sh runs tests/suites/*.sh).
# The suite sets passed=0 failed=0 skipped=0, verbose (1: print every
# check) and tmp (its scratch folder; check shows $tmp/err on failure),
# and ends with "NAME: $passed passed, $failed failed".

pass() {
	passed=$((passed + 1))
	[ "$verbose" = 1 ] && echo "ok: $1"
	return 0
}
# fail DESCRIPTION [FILE-WITH-DETAILS]
fail() {
	failed=$((failed + 1))
	echo "FAIL: $1"
	if [ -n "${2:-}" ] && [ -s "$2" ]; then sed 's/^/    /' "$2" | head -25; fi
	return 0
}
skip() {
	skipped=$((skipped + 1))
	echo "SKIP: $1"
}
# check DESCRIPTION COMMAND...: passes when COMMAND succeeds; on failure
# shows $tmp/err (todokc's stderr of the last run) when it is not empty.
check() {
	local desc=$1
	shift
	if "$@"; then pass "$desc"; else fail "$desc" "$tmp/err"; fi
}
# need SUITE PROGRAM...: each PROGRAM must be built, else the suite fails
# at once.
need() {
	local suite=$1 bin
	shift
	for bin in "$@"; do
		if [ ! -x "$bin" ]; then
			echo "$suite: $bin is not built (make check builds it)"
			echo "$suite: 0 passed, 1 failed"
			exit 1
		fi
	done
}
