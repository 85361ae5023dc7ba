#!/usr/bin/env bash
# run.sh - runs the libFuzzer harnesses for mk/fuzz.mk (make fuzz,
# make fuzz-replay); the harnesses must already be built in build/fuzz/.
#
#   run.sh all      fuzz fuzz_parse, fuzz_compile, fuzz_listing,
#                   fuzz_envfile, fuzz_fmt, fuzz_lsp and fuzz_import,
#                   each for $FUZZ_SECONDS (default 60), one at a time
#                   (-jobs=1); then replay
#   run.sh replay   run tests/hostile/*.todok, tests/fuzz/listing/*,
#                   tests/fuzz/envfile/*, the Compose files of
#                   tests/import/ and tests/fuzz/crashes/* once through
#                   every harness
# FUZZ_ONLY=NAME fuzzes only that one (the replay still uses all).
# The seeds: .todok files for fuzz_parse, fuzz_compile and fuzz_fmt; indexes
# and journals (tests/fuzz/listing/, and a real index) for fuzz_listing; env
# files (tests/fuzz/envfile/, the tests' test.env files) for fuzz_envfile;
# for fuzz_lsp also the protocol sessions of tests/fuzz/lsp/; the Compose
# files of tests/import/ and tests/fuzz/import/ (those read
# tests/fuzz/import-base/'s folders and links) for fuzz_import.
#
# Prints the executions and time of each run; exits non-zero on any
# crash, sanitizer report, leak or timeout, with the report's tail and the
# crash input's path (build/fuzz/artifacts/).
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
mode=${1:-all}
dir=$root/build/fuzz
seconds=${FUZZ_SECONDS:-60}
max_len=${FUZZ_MAX_LEN:-8192}
timeout=${FUZZ_TIMEOUT:-30}
extra=${FUZZ_FLAGS:-}
harnesses=(fuzz_parse fuzz_compile fuzz_listing fuzz_envfile fuzz_fmt fuzz_lsp fuzz_import)
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
failed=0

for h in "${harnesses[@]}"; do
	if [ ! -x "$dir/$h" ]; then
		echo "fuzz: $dir/$h is not built (make fuzz-build)" >&2
		exit 2
	fi
done

# The dictionary holds every keyword of include/keywords.def.
for kw in $(sed -n 's/^KEYWORD([A-Z_]*, "\([a-z-]*\)".*/\1/p' include/keywords.def); do
	if ! grep -q "^[a-z_0-9]*=\"$kw\"\$" tests/fuzz/todok.dict; then
		echo "fuzz: tests/fuzz/todok.dict lacks the keyword '$kw'" >&2
		failed=1
	fi
done

seed() {
	rm -rf "$dir/seeds"
	mkdir -p "$dir/seeds"
	local f
	for f in examples/*.todok tests/golden/*.todok tests/errors/*.todok; do
		[ -f "$f" ] && cp "$f" "$dir/seeds/$(echo "${f%.todok}" | tr / -).todok"
	done
	# Recorded sessions of the protocol (for fuzz_lsp's stream).
	for f in tests/fuzz/lsp/*; do
		[ -f "$f" ] && cp "$f" "$dir/seeds/lsp-$(basename "$f")"
	done
	# The small hostile cases make good seeds too.
	for f in tests/hostile/*.todok; do
		[ -f "$f" ] && [ "$(wc -c <"$f")" -le "$max_len" ] &&
			cp "$f" "$dir/seeds/hostile-$(basename "$f")"
	done
	rm -rf "$dir/seeds-listing" "$dir/seeds-envfile"
	mkdir -p "$dir/seeds-listing" "$dir/seeds-envfile"
	cp tests/fuzz/listing/* "$dir/seeds-listing/"
	cp tests/fuzz/envfile/* "$dir/seeds-envfile/"
	for f in tests/golden/test.env tests/output/test.env tests/errors/*.env; do
		[ -f "$f" ] && cp "$f" "$dir/seeds-envfile/$(echo "$f" | tr / -)"
	done
	rm -rf "$dir/seeds-import"
	mkdir -p "$dir/seeds-import"
	for f in $(compose_files); do
		[ "$(wc -c <"$f")" -le "$max_len" ] && cp "$f" "$dir/seeds-import/$(echo "$f" | tr / -)"
	done
	echo "fuzz: $(ls "$dir/seeds" | wc -l) seed files in $dir/seeds," \
		"$(ls "$dir/seeds-listing" | wc -l) in seeds-listing, $(ls "$dir/seeds-envfile" | wc -l) in seeds-envfile," \
		"$(ls "$dir/seeds-import" | wc -l) in seeds-import"
}

# The Compose files of the import's tests.
compose_files() {
	ls tests/import/golden/*/compose.yaml tests/import/golden/*/docker-compose.yml \
		tests/fuzz/import/*.yaml 2>/dev/null
}

# The dictionary of harness $1.
dict_of() {
	case $1 in
	fuzz_listing) echo "$root/tests/fuzz/listing.dict" ;;
	fuzz_envfile) echo "$root/tests/fuzz/envfile.dict" ;;
	fuzz_import) echo "$root/tests/fuzz/compose.dict" ;;
	*) echo "$root/tests/fuzz/todok.dict" ;;
	esac
}

# The seed folder of harness $1.
seeds_of() {
	case $1 in
	fuzz_listing) echo "$dir/seeds-listing" ;;
	fuzz_envfile) echo "$dir/seeds-envfile" ;;
	fuzz_import) echo "$dir/seeds-import" ;;
	*) echo "$dir/seeds" ;;
	esac
}

fuzz_one() {
	local h=$1 work=$dir/work/$1
	mkdir -p "$dir/corpus/$h" "$dir/artifacts" "$work"
	rm -f "$work"/fuzz-*.log
	echo "fuzz: $h for ${seconds}s (corpus $dir/corpus/$h, $(ls "$dir/corpus/$h" | wc -l) files)"
	local start end status
	start=$(date +%s)
	# -jobs=1: one worker process, its output in $work/fuzz-0.log.
	(cd "$work" && "$dir/$h" -jobs=1 -max_total_time="$seconds" \
		-dict="$(dict_of "$h")" -max_len="$max_len" -timeout="$timeout" \
		-artifact_prefix="$dir/artifacts/$h-" -print_final_stats=1 $extra \
		"$dir/corpus/$h" "$(seeds_of "$h")") >"$work/driver.log" 2>&1
	status=$?
	end=$(date +%s)
	local log=$work/fuzz-0.log
	[ -f "$log" ] || log=$work/driver.log
	local runs secs execs
	runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
	secs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\2/p' "$log" | tail -1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
	echo "fuzz: $h: ${runs:-${execs:-?}} executions in ${secs:-?} s of fuzzing" \
		"($((end - start)) s wall), corpus now $(ls "$dir/corpus/$h" | wc -l) files," \
		"exit status $status"
	if [ "$status" -ne 0 ]; then
		failed=1
		echo "FAIL: $h crashed (log $log); the report:"
		grep -n -m1 -E '^==[0-9]+==ERROR|runtime error|fuzz oracle failed|ALARM|deadly signal|out-of-memory' "$log" |
			sed 's/^/    /'
		sed -n '/^==[0-9]*==ERROR\|runtime error\|fuzz oracle failed\|ALARM\|out-of-memory/,$p' "$log" |
			head -60 | sed 's/^/    /'
		ls -1t "$dir/artifacts/$h-"* 2>/dev/null | head -3 | sed 's/^/    input: /'
	fi
}

replay() {
	local inputs=() f
	for f in tests/hostile/*.todok tests/fuzz/listing/* tests/fuzz/envfile/* $(compose_files) \
		tests/fuzz/crashes/*; do
		[ -f "$f" ] && [ "$(basename "$f")" != README.md ] && inputs+=("$f")
	done
	if [ ${#inputs[@]} -eq 0 ]; then
		echo "fuzz: replay: no regression inputs"
		return
	fi
	local h status
	for h in "${harnesses[@]}"; do
		mkdir -p "$dir/work/$h"
		"$dir/$h" -timeout="$timeout" -rss_limit_mb=4096 "${inputs[@]}" \
			>"$dir/work/$h/replay.log" 2>&1
		status=$?
		if [ "$status" -ne 0 ]; then
			failed=1
			echo "FAIL: replay through $h, exit status $status:"
			grep -E '^Running: ' "$dir/work/$h/replay.log" | tail -1 | sed 's/^/    /'
			sed -n '/^==[0-9]*==ERROR\|runtime error\|fuzz oracle failed\|ALARM\|out-of-memory/,$p' \
				"$dir/work/$h/replay.log" | head -60 | sed 's/^/    /'
		else
			echo "fuzz: replay: ${#inputs[@]} inputs through $h: no crash"
		fi
	done
}

case $mode in
all)
	seed
	for h in "${harnesses[@]}"; do
		[ -z "${FUZZ_ONLY:-}" ] || [ "$FUZZ_ONLY" = "$h" ] || continue
		fuzz_one "$h"
	done
	replay
	;;
replay)
	replay
	;;
*)
	echo "usage: run.sh all|replay" >&2
	exit 2
	;;
esac
if [ "$failed" -ne 0 ]; then
	echo "fuzz: FAILED"
	exit 1
fi
echo "fuzz: ok"
