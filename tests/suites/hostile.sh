#!/usr/bin/env bash
# hostile.sh - todokc against hostile input (tests/hostile/), run by
# `make check`.
#
#   tests/hostile/NAME.todok  compiled from tests/hostile/ as
#                             `$TODOKC NAME.todok [NAME.args]`, stdout kept
#   tests/hostile/NAME.sh     a script that makes its (big or special) input
#                             in a temporary folder and runs $TODOKC on it;
#                             its exit status and stderr are the case's.  A
#                             check of its own that fails prints why and
#                             exits 99.
#   tests/hostile/NAME.expect two lines: the expected exit status, and the
#                             expected first line of stderr, or (none) for
#                             an empty stderr; a line "glob:PATTERN" matches
#                             the first line against a bash pattern.
#
# Every case runs under `timeout` (a guard against hangs, not a time
# limit: 60 s for one compile, 900 s for a script of thousands, which a
# sanitizer build on a loaded machine needs), in an empty environment (PATH
# and LC_ALL=C only; a script also gets TODOKC_SANITIZED, true under a
# sanitized build, to try fewer of its thousands), from tests/hostile/.
# Time is not asserted.  Besides the .expect, each case must exit 0-3 (no
# signal, no timeout), a failed .todok compile must write nothing to
# stdout, and no case may create, change or remove a file in
# tests/hostile/.
# TODOKC=... runs another binary (build/fuzz/todokc-asan: make fuzz-asan),
# HOSTILE=PATTERN only the cases whose name matches.
# Prints one line per failure and ends with "hostile: N passed, M failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
todokc=${TODOKC:-$root/todokc}
case $todokc in /*) ;; *) todokc=$root/$todokc ;; esac
only=${HOSTILE:-*}
dir=$root/tests/hostile
passed=0 failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$todokc" ]; then
	echo "hostile: no todokc at $todokc (run make)"
	echo "hostile: 0 passed, 1 failed"
	exit 1
fi

fail() {
	failed=$((failed + 1))
	echo "FAIL: hostile/$1"
	[ -n "${2:-}" ] && [ -s "$2" ] && head -c 2000 "$2" | head -8 | cut -c1-200 | sed 's/^/    /'
	return 0
}

snapshot() {
	(cd "$dir" && find . -printf '%p %s %T@\n' | LC_ALL=C sort)
}
before=$(snapshot)

for t in "$dir"/*.todok "$dir"/*.sh; do
	[ -e "$t" ] || continue
	file=$(basename "$t")
	name=${file%.*}
	# shellcheck disable=SC2053
	[[ $name == $only ]] || continue
	if [ ! -f "$dir/$name.expect" ]; then
		fail "$name: no $name.expect"
		continue
	fi
	want_status=$(sed -n 1p "$dir/$name.expect")
	want_err=$(sed -n 2p "$dir/$name.expect")
	limit=60
	[ "${t##*.}" = sh ] && limit=900
	if [ "${t##*.}" = sh ]; then
		(cd "$dir" && env -i PATH="$PATH" LC_ALL=C TODOKC="$todokc" ${TMPDIR:+TMPDIR="$TMPDIR"} \
			${TODOKC_SANITIZED:+TODOKC_SANITIZED="$TODOKC_SANITIZED"} \
			timeout "$limit" bash "$file") >"$tmp/out" 2>"$tmp/err"
		status=$?
	else
		args=()
		[ -f "$dir/$name.args" ] && read -r -a args <"$dir/$name.args"
		(cd "$dir" && env -i PATH="$PATH" LC_ALL=C ${TMPDIR:+TMPDIR="$TMPDIR"} \
			timeout "$limit" "$todokc" "$file" ${args[@]+"${args[@]}"}) >"$tmp/out" 2>"$tmp/err"
		status=$?
	fi
	got_err=$(head -n 1 "$tmp/err" | head -c 4000)
	[ -s "$tmp/err" ] || got_err="(none)"
	# shellcheck disable=SC2053 # a glob: expectation is a pattern on purpose
	if [ "$status" -eq 124 ]; then
		fail "$name: timed out after $limit s (a hang?)" "$tmp/err"
	elif [ "$status" -gt 3 ]; then
		fail "$name: exit status $status (a signal, a timeout or a failed check)" "$tmp/err"
	elif [ "$status" != "$want_status" ]; then
		fail "$name: exit status $status, expected $want_status" "$tmp/err"
	elif [[ $want_err == glob:* ]] && [[ $got_err != ${want_err#glob:} ]]; then
		fail "$name: first line of stderr does not match ${want_err#glob:}" "$tmp/err"
	elif [[ $want_err != glob:* ]] && [ "$got_err" != "$want_err" ]; then
		fail "$name: first line of stderr differs; expected: $want_err" "$tmp/err"
	elif [ "${t##*.}" = todok ] && [ "$status" -ne 0 ] && [ -s "$tmp/out" ]; then
		fail "$name: wrote to stdout although the compile failed" "$tmp/out"
	else
		passed=$((passed + 1))
	fi
done

after=$(snapshot)
if [ "$before" != "$after" ]; then
	diff <(echo "$before") <(echo "$after") >"$tmp/diff"
	fail "the cases changed files in tests/hostile/" "$tmp/diff"
fi

echo "hostile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
