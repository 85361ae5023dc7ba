#!/usr/bin/env bash
# kubectl.sh - an output folder is what both kubectl ways of applying it
# expect (docs/output.md): for every example and golden stack,
#   - `kubectl kustomize DIR` lists the objects of DIR's files, in the
#     order of their file names;
#   - every .yaml, .yml and .json file in DIR is one Kubernetes object,
#     so `kubectl apply -f DIR` reads nothing else;
#   - `kubectl apply --dry-run=client -f DIR` reads the folder and accepts
#     every object, against a stand-in for the API server's discovery
#     (tests/kubectl/apiserver.py) on the loopback address;
# and, as a control, a folder holding a kustomization.yaml makes that
# apply fail.  Skipped when kubectl or python3 with PyYAML is missing.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
server=
cleanup() {
	[ -n "$server" ] && kill "$server" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0
check() { # NAME CONDITION...
	if "${@:2}"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: $1"
		[ -s "$work/err" ] && sed 's/^/    /' "$work/err" | head -10
	fi
}
if ! command -v kubectl >/dev/null || ! python3 -c 'import yaml' 2>/dev/null; then
	echo "kubectl: kubectl or python3 with PyYAML is not installed; skipped"
	echo "kubectl: 0 passed, 0 failed"
	exit 0
fi

python3 "$root/tests/kubectl/apiserver.py" "$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
cat >"$work/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: stand-in
  cluster: {server: "http://127.0.0.1:$(cat "$work/port")"}
contexts:
- name: stand-in
  context: {cluster: stand-in, namespace: default}
current-context: stand-in
EOF
export KUBECONFIG=$work/kubeconfig

# The objects of the folder's files in file-name order, and of a stream,
# as "KIND NAME" lines.
files_objects() {
	python3 - "$1" <<'PY'
import json, os, sys, yaml
d = sys.argv[1]
for f in sorted(os.listdir(d)):
    if not f.endswith((".yaml", ".yml", ".json")):
        continue
    docs = [x for x in yaml.safe_load_all(open(os.path.join(d, f))) if x is not None]
    if len(docs) != 1 or not all(k in docs[0] for k in ("apiVersion", "kind", "metadata")):
        print("NOT-AN-OBJECT", f)
        continue
    print(docs[0]["kind"], docs[0]["metadata"]["name"])
PY
}
stream_objects() {
	python3 -c '
import sys, yaml
for d in yaml.safe_load_all(sys.stdin):
    if d: print(d["kind"], d["metadata"]["name"])'
}

for src in "$root"/examples/*.todok "$root"/tests/golden/*.todok; do
	name=$(basename "$(dirname "$src")")-$(basename "$src" .todok)
	args=()
	[ -f "${src%.todok}.args" ] && read -r -a args <"${src%.todok}.args"
	dir=$work/$name
	if ! (cd "$(dirname "$src")" && "$root/todokc" "$(basename "$src")" \
		--env-file "$root/tests/golden/test.env" ${args[@]+"${args[@]}"} -o "$dir") 2>"$work/err"; then
		check "$name compiles" false
		continue
	fi
	files_objects "$dir" >"$work/files"
	check "$name: every .yaml, .yml and .json file is one object" bash -c '! grep -q NOT-AN-OBJECT "$1"' _ "$work/files"
	kubectl kustomize "$dir" 2>"$work/err" | stream_objects >"$work/kustomized"
	check "$name: kubectl kustomize lists the files' objects in order" cmp -s "$work/files" "$work/kustomized"
	kubectl apply --dry-run=client --validate=false -f "$dir" >"$work/applied" 2>"$work/err"
	st=$?
	check "$name: kubectl apply -f DIR exits 0" test "$st" -eq 0
	check "$name: kubectl apply -f DIR creates each object once" \
		test "$(grep -c 'created (dry run)$' "$work/applied")" -eq "$(wc -l <"$work/files")"
done

# Control: what the folder would be with the old kustomization file.
control=$work/control
"$root/todokc" "$root/examples/todo-chatbot.todok" --env-file "$root/tests/golden/test.env" -o "$control" 2>"$work/err"
cp "$control/Kustomization" "$control/kustomization.yaml"
kubectl apply --dry-run=client --validate=false -f "$control" >/dev/null 2>"$work/err"
st=$?
: >"$work/err"
check "control: a folder holding kustomization.yaml is refused by kubectl apply -f" test "$st" -ne 0
echo "kubectl: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
