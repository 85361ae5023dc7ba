#!/usr/bin/env bash
# import.sh - `todokc import compose`, run by `make check`.
#
#   tests/import/golden/NAME/  a Compose file (compose.yaml or
#                              docker-compose.yml), written for these tests
#                              (never copied from elsewhere), and the files
#                              it reads; `args` holds extra options, `needs` the
#                              constructs of the language the .todok uses
#                              that this todokc may not compile yet.
#     1. imported from its folder: stdout must equal expected.todok, stderr
#        expected.stderr (or nothing), exit status 0;
#     2. compiled by todokc, with the secret values the Compose file means
#        (tests/import/roundtrip.py env), and the manifests checked against
#        what the Compose file means (tests/import/roundtrip.py check);
#     3. the manifests validated against the Kubernetes schemas
#        (tests/k8s/validate.mjs) when tests/k8s/node_modules is there;
#     4. left unchanged by `todokc fmt --check` when this todokc has fmt;
#     5. imported again under valgrind's memcheck (no leak, no invalid
#        access) when valgrind is installed and todokc has no sanitizers.
#   A step this todokc cannot take (a construct of `needs` it does not
#   compile yet, no fmt, no node_modules) is said and skipped.
#   tests/import/hostile/NAME.sh  hostile input, NAME.expect its exit status
#                              and first line of stderr, with bounded memory;
#   and the output file's rules (-o), below.
# Prints one line per failure and ends with "import: N passed, M failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
todokc=${TODOKC:-$root/todokc}
case $todokc in /*) ;; *) todokc=$root/$todokc ;; esac
check=$root/tests/import/roundtrip.py
passed=0 failed=0 skipped=()
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() {
	failed=$((failed + 1))
	echo "FAIL: import/$1"
	[ -n "${2:-}" ] && [ -s "$2" ] && head -40 "$2" | sed 's/^/    /'
	return 0
}
pass() { passed=$((passed + 1)); }

py=
if command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null; then
	py=python3
else
	skipped+=("the round trip (no python3 with PyYAML)")
fi
validate=
if command -v node >/dev/null && [ -d "$root/tests/k8s/node_modules" ]; then
	validate=$root/tests/k8s/validate.mjs
else
	skipped+=("the Kubernetes schemas (no tests/k8s/node_modules)")
fi

# Whether this todokc compiles a construct of the language (a `needs` word).
declare -A probes=(
	[subpath]='volume v at "/v" subpath "x" temp'
	[temp-memory]='volume v at "/v" temp memory'
	[pull]='pull always'
	[labels-workload]='labels workload { a = "b" }'
)
declare -A supported=()
for need in "${!probes[@]}"; do
	printf 'stack p {\n  service s {\n    image "i"\n    expose none\n    %s\n  }\n}\n' \
		"${probes[$need]}" >"$tmp/probe.todok"
	if "$todokc" "$tmp/probe.todok" >/dev/null 2>&1; then
		supported[$need]=1
	fi
done
memcheck=
if command -v valgrind >/dev/null && ! grep -qs fsanitize "$root/build/flags"; then
	memcheck=1
else
	skipped+=("valgrind (not installed, or todokc is built with sanitizers)")
fi
has_fmt=
printf 'stack p {}\n' >"$tmp/fmt.todok"
"$todokc" fmt --check "$tmp/fmt.todok" >/dev/null 2>&1
[ $? -le 1 ] && has_fmt=1
[ -z "$has_fmt" ] && skipped+=("todokc fmt --check (this todokc has no fmt)")

# One case: import, compare, compile, check.
run_case() {
	local dir=$1 name=$2 compose args=() needs missing=
	compose=$(cd "$dir" && ls compose.yaml docker-compose.yml 2>/dev/null | head -1)
	[ -f "$dir/args" ] && read -r -a args <"$dir/args"
	(cd "$dir" && env -i PATH="$PATH" LC_ALL=C "$todokc" import compose "$compose" \
		${args[@]+"${args[@]}"}) >"$tmp/out.todok" 2>"$tmp/err"
	local status=$? expected_err=/dev/null
	[ -f "$dir/expected.stderr" ] && expected_err=$dir/expected.stderr
	if [ $status -ne 0 ]; then
		fail "$name: exit status $status" "$tmp/err"
		return
	elif ! diff -u "$dir/expected.todok" "$tmp/out.todok" >"$tmp/diff"; then
		fail "$name: the .todok differs" "$tmp/diff"
		return
	elif ! diff -u "$expected_err" "$tmp/err" >"$tmp/diff"; then
		fail "$name: the warnings differ" "$tmp/diff"
		return
	fi
	pass
	if [ -n "$memcheck" ]; then
		if (cd "$dir" && env -i PATH="$PATH" LC_ALL=C valgrind -q --leak-check=full \
			--errors-for-leak-kinds=all --error-exitcode=99 "$todokc" import compose "$compose" \
			${args[@]+"${args[@]}"}) >/dev/null 2>"$tmp/err"; then
			pass
		else
			fail "$name: valgrind" "$tmp/err"
		fi
	fi
	for needs in $(cat "$dir/needs" 2>/dev/null); do
		[ -z "${supported[$needs]:-}" ] && missing="$missing $needs"
	done
	if [ -n "$missing" ]; then
		skipped+=("the compile of $name (this todokc has no$missing yet)")
		return
	fi
	[ -z "$py" ] && return
	local opts=()
	for ((i = 0; i < ${#args[@]}; i++)); do
		case ${args[i]} in --env-file | --profile | --expose) opts+=("${args[i]}" "${args[i + 1]}") ;; esac
	done
	(cd "$dir" && $py "$check" env "$compose" "$tmp/out.todok" ${opts[@]+"${opts[@]}"}) >"$tmp/secrets.env"
	if ! (cd "$dir" && env -i PATH="$PATH" LC_ALL=C "$todokc" "$tmp/out.todok" \
		--env-file "$tmp/secrets.env") >"$tmp/manifests.yaml" 2>"$tmp/err"; then
		fail "$name: the .todok does not compile" "$tmp/err"
		return
	fi
	pass
	if (cd "$dir" && $py "$check" check "$compose" "$tmp/out.todok" "$tmp/manifests.yaml" \
		${opts[@]+"${opts[@]}"}) >"$tmp/check" 2>&1; then
		pass
	else
		fail "$name: the manifests do not mean what the Compose file means" "$tmp/check"
	fi
	if [ -n "$validate" ] && grep -q '^kind:' "$tmp/manifests.yaml"; then
		mkdir -p "$tmp/valid"
		cp "$tmp/manifests.yaml" "$tmp/valid/${name//\//-}.yaml"
	fi
	if [ -n "$has_fmt" ]; then
		if "$todokc" fmt --check "$tmp/out.todok" >"$tmp/check" 2>&1; then
			pass
		else
			fail "$name: todokc fmt would change the .todok" "$tmp/check"
		fi
	fi
}

for dir in "$root"/tests/import/golden/*/; do
	[ -f "$dir/expected.todok" ] || continue
	run_case "${dir%/}" "$(basename "$(dirname "$dir")")/$(basename "$dir")"
done

# The manifests of every case against the Kubernetes schemas, in one run.
if [ -n "$validate" ] && [ -d "$tmp/valid" ]; then
	if node "$validate" "$tmp/valid"/*.yaml >"$tmp/check" 2>&1; then
		passed=$((passed + $(ls "$tmp/valid" | wc -l)))
	else
		fail "the manifests are not all valid Kubernetes objects" "$tmp/check"
	fi
fi

. "$root/tests/import/output.sh"
. "$root/tests/import/hostile.sh"

for s in "${skipped[@]+"${skipped[@]}"}"; do
	echo "import: skipped $s"
done
echo "import: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
