#!/usr/bin/env bash
# check.sh - every test suite, run by `make check`.  Each suite prints its
# own summary; this script adds them up and ends with one line
# "check: N passed, N failed" (tests), exiting non-zero on any failure.
# Suites whose tools are missing (node, vim, emacs, kubectl) say so and
# are skipped.  CHECK_JOBS suites run at a time (default: the number of
# processors); each one's output is printed whole, in the order below,
# once it has ended, with the seconds it took (to see what makes CI slow).
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jobs=${CHECK_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}
logs=$(mktemp -d /tmp/todokc-check.XXXXXX)
trap 'rm -rf "$logs"' EXIT
names=() running=0

# start NAME COMMAND...: runs one suite in the background into its log,
# with at most $jobs running at once.
start() {
	local n=${#names[@]}
	names+=("$1")
	shift
	if [ "$running" -ge "$jobs" ]; then
		wait -n
		running=$((running - 1))
	fi
	{
		local began=$SECONDS
		"$@" >"$logs/$n.log" 2>&1
		echo $? >"$logs/$n.status"
		echo $((SECONDS - began)) >"$logs/$n.seconds"
	} &
	running=$((running + 1))
}

for t in build/tests/test_*; do
	[ -x "$t" ] && start "unit: $(basename "$t")" "$t"
done
start "golden and error corpus" bash tests/run-corpus.sh
# A sanitized build (SANITIZE=1, which CI runs before the plain one) skips
# the suites that look only at the output's bytes or build todokc their own
# way: the plain run checks them, and what they would add under the
# sanitizers the corpus and the other suites already run.
sanitized=false
grep -qs fsanitize build/flags && sanitized=true
export TODOKC_SANITIZED=$sanitized
for s in tests/suites/*.sh; do
	[ -e "$s" ] || continue
	name=$(basename "$s" .sh)
	case " buildsys compilers editors k8s kubectl yaml-types " in
	*" $name "*) if $sanitized; then
		echo "$name: skipped under SANITIZE=1 (the plain run checks it)" >"$logs/skip-$name"
		continue
	fi ;;
	esac
	start "$name" bash "$s"
done
wait

# The counts of a suite's last "N passed, M failed" line (or cmocka's);
# a suite that failed without counting a failure counts one.
total_passed=0 total_failed=0 broken=()
for n in "${!names[@]}"; do
	log=$logs/$n.log
	echo "== ${names[$n]} ($(cat "$logs/$n.seconds" 2>/dev/null || echo '?') s)"
	cat "$log"
	status=$(cat "$logs/$n.status" 2>/dev/null || echo 1)
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
	[ "$status" -ne 0 ] && broken+=("${names[$n]}")
done

cat "$logs"/skip-* 2>/dev/null
echo
[ ${#broken[@]} -gt 0 ] && echo "failing suites: ${broken[*]}"
echo "check: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ] && [ ${#broken[@]} -eq 0 ]
