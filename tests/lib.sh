# lib.sh - what the shell suites of tests/suites/ share, sourced at their
# top (fmt.sh, lsp.sh, config-hash.sh, job-names.sh): $root (the repository), $todokc ($TODOKC, or the
# one built here), $tmp (a scratch folder, removed at exit) and the count:
#   pass                     one more test passed
#   fail WHAT [FILE]         one failed: "FAIL: WHAT" and FILE's first lines
#   check WHAT COMMAND...    one test: passed when COMMAND succeeds
#   expect_report NAME WANT GOT LOG
#                            a client's report GOT must be the file WANT
#                            (else the diff and LOG's first lines)
#   finish NAME              "NAME: N passed, M failed"; the exit status
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
todokc=${TODOKC:-$root/todokc}
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass() { passed=$((passed + 1)); }

fail() {
	failed=$((failed + 1))
	echo "FAIL: $1"
	[ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -30
	return 0
}

check() {
	if "${@:2}"; then pass; else fail "$1"; fi
}

expect_report() {
	if diff -u "$2" "$3" >"$tmp/report.diff" 2>&1; then
		pass
		echo "ok: $1"
	else
		fail "$1" "$tmp/report.diff"
		sed 's/^/    /' "$4" | head -20
	fi
}

finish() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
