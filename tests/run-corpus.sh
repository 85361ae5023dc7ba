#!/usr/bin/env bash
# run-corpus.sh - the golden and error tests, driven by `make check`.
#
#   tests/golden/NAME.todok  compiled to stdout; must equal NAME.yaml exactly
#                            (and NAME.json with --format json, when present),
#                            with nothing on stderr but NAME.stderr if present.
#   tests/errors/NAME.todok  must fail with exactly NAME.err on stderr and the
#                            exit status in NAME.status (default 1).  A case
#                            that needs a setup is a NAME.cmd shell script
#                            instead (run in the folder, $TODOKC set).
# Every code of include/diagnostics.def must be given by some error case
# (checked with --diagnostics=json).
# Both run from their folder, so messages name NAME.todok.  NAME.args holds
# extra command-line arguments; every test gets --env-file test.env.
# Prints one line per failure and ends with "N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
todokc=${TODOKC:-$root/todokc}
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
	failed=$((failed + 1))
	echo "FAIL: $1"
	[ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -40
}

run() { # dir name extra-args... ; sets $tmp/out, $tmp/err, $status
	local dir=$1 name=$2
	shift 2
	local args=()
	[ -f "$dir/$name.args" ] && read -r -a args < "$dir/$name.args"
	(cd "$dir" && env -i PATH="$PATH" LC_ALL=C "$todokc" "$name.todok" \
		--env-file test.env ${args[@]+"${args[@]}"} "$@") >"$tmp/out" 2>"$tmp/err"
	status=$?
}

for t in "$root"/tests/golden/*.todok; do
	[ -e "$t" ] || continue
	dir=$(dirname "$t") name=$(basename "$t" .todok)
	run "$dir" "$name"
	expected_err=/dev/null
	[ -f "$dir/$name.stderr" ] && expected_err=$dir/$name.stderr
	if [ "$status" -ne 0 ]; then
		fail "golden/$name: exit status $status" "$tmp/err"
	elif ! diff -u "$dir/$name.yaml" "$tmp/out" >"$tmp/diff"; then
		fail "golden/$name: YAML differs" "$tmp/diff"
	elif ! diff -u "$expected_err" "$tmp/err" >"$tmp/diff"; then
		fail "golden/$name: stderr differs" "$tmp/diff"
	else
		passed=$((passed + 1))
	fi
	if [ -f "$dir/$name.json" ]; then
		run "$dir" "$name" --format json
		if [ "$status" -ne 0 ] || ! diff -u "$dir/$name.json" "$tmp/out" >"$tmp/diff"; then
			fail "golden/$name: JSON differs" "$tmp/diff"
		else
			passed=$((passed + 1))
		fi
	fi
done

codes=$tmp/codes
: >"$codes"
for t in "$root"/tests/errors/*.todok "$root"/tests/errors/*.cmd; do
	[ -e "$t" ] || continue
	dir=$(dirname "$t") name=$(basename "${t%.*}")
	if [ "${t##*.}" = cmd ]; then
		(cd "$dir" && env -i PATH="$PATH" LC_ALL=C TODOKC="$todokc" bash "$name.cmd") \
			>"$tmp/out" 2>"$tmp/err"
		status=$?
		(cd "$dir" && env -i PATH="$PATH" LC_ALL=C TODOKC="$todokc --diagnostics=json" \
			bash "$name.cmd") 2>&1 >/dev/null | grep -o '"code": "[EW][0-9]*"' >>"$codes"
	else
		run "$dir" "$name" --diagnostics=json
		grep -o '"code": "[EW][0-9]*"' "$tmp/err" >>"$codes"
		run "$dir" "$name"
	fi
	want=1
	[ -f "$dir/$name.status" ] && want=$(cat "$dir/$name.status")
	if [ "$status" -ne "$want" ]; then
		fail "errors/$name: exit status $status, expected $want" "$tmp/err"
	elif [ -s "$tmp/out" ] && [ "$want" -ne 0 ]; then
		fail "errors/$name: wrote to stdout although the compile failed" "$tmp/out"
	elif ! diff -u "$dir/$name.err" "$tmp/err" >"$tmp/diff"; then
		fail "errors/$name: diagnostics differ" "$tmp/diff"
	else
		passed=$((passed + 1))
	fi
done

# Every diagnostic code has at least one case in tests/errors.
for code in $(sed -n 's/^DIAG(\([EW][0-9]*\),.*/\1/p' "$root/include/diagnostics.def"); do
	if ! grep -q "\"code\": \"$code\"" "$codes"; then
		fail "errors: no test case gives $code"
	else
		passed=$((passed + 1))
	fi
done

echo "corpus: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
