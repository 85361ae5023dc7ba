#!/usr/bin/env bash
# k8s.sh - the Kubernetes schema oracle over everything todokc emits
# (`make k8s-validate` runs it alone).  Compiles every example and golden
# stack into folders (YAML and JSON) and a stream, validates each object
# against the Kubernetes 1.33 OpenAPI schemas with a strict unknown-field
# pass (tests/k8s/validate.mjs, after its own self-test on tests/k8s/fixtures),
# and, where kubectl is installed, checks
# that `kubectl kustomize` accepts every folder.  Skipped without Node.js.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	echo "k8s: skipped (no node/npm)"
	exit 0
fi
if [ ! -d tests/k8s/node_modules ]; then
	(cd tests/k8s && npm ci --no-audit --no-fund --loglevel=error) || exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
env_file=$work/test.env
cat tests/golden/test.env > "$env_file"
dirs=() streams=() failed=0
: >"$work/log"
for src in examples/*.todok tests/golden/*.todok; do
	name=$(basename "$(dirname "$src")")-$(basename "$src" .todok)
	dir=$(dirname "$src") file=$(basename "$src")
	args=()
	[ -f "${src%.todok}.args" ] && read -r -a args < "${src%.todok}.args"
	for format in yaml json; do
		if ! (cd "$dir" && "$root/todokc" "$file" --env-file "$env_file" ${args[@]+"${args[@]}"} \
			--format $format -o "$work/$name-$format") 2>"$work/err"; then
			echo "FAIL: $src does not compile"; cat "$work/err"; failed=1
			echo "k8s-compile: 0 passed, 1 failed" >>"$work/log"
			continue
		fi
		dirs+=("$work/$name-$format")
	done
	(cd "$dir" && "$root/todokc" "$file" --env-file "$env_file" ${args[@]+"${args[@]}"}) \
		>"$work/$name-stream.yaml" 2>/dev/null && streams+=("$work/$name-stream.yaml")
done
bash tests/k8s/selftest.sh | tee -a "$work/log" || failed=1
node tests/k8s/validate.mjs "${dirs[@]}" "${streams[@]}" | tee -a "$work/log" || failed=1
if command -v kubectl >/dev/null; then
	bash tests/k8s/kustomize-check.sh "${dirs[@]}" | tee -a "$work/log" || failed=1
else
	echo "kustomize-check: skipped (no kubectl)"
fi
# One summary line for tests/check.sh: the sum of both tools' lines.
sed -n 's/^[a-z0-9-]*: \([0-9]*\) passed, \([0-9]*\) failed.*/\1 \2/p' "$work/log" |
	awk -v f="$failed" '{p += $1; q += $2} END {if (f && !q) q = 1; printf "k8s: %d passed, %d failed\n", p, q}'
exit $failed
