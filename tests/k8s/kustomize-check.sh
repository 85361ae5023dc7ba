#!/usr/bin/env bash
# kustomize-check.sh - check that `kubectl kustomize` accepts todokc output folders.
#
# Usage:  bash tests/k8s/kustomize-check.sh DIR...
#   (needs `npm ci` in tests/k8s for the `yaml` package; KUBECTL=kubectl.1.33 picks another kubectl)
#
# For each DIR (a folder with exactly one kustomization file, named
# kustomization.yaml or Kustomization), runs `kubectl kustomize DIR`
# offline and checks that it succeeds and that it yields the (kind, name) objects
# of the manifest files in DIR (*.yaml and *.json, except the kustomization file;
# a JSON `kind: List` counts as its items), in the order of the kustomization's
# `resources` list (needs `sortOptions: {order: fifo}`; the default order sorts
# by kind). Prints `ok DIR` or `FAIL DIR: reason` per folder, then
# `kustomize-check: N passed, M failed`; exits 1 if any failed.
# Without kubectl: prints `kustomize-check: skipped (no kubectl)` and exits 0.
set -eu

KUBECTL=${KUBECTL:-kubectl}
HERE=$(cd "$(dirname "$0")" && pwd)

if [ $# -eq 0 ]; then
    echo "usage: $0 DIR..." >&2
    exit 2
fi
if ! command -v "$KUBECTL" >/dev/null 2>&1; then
    echo "kustomize-check: skipped (no kubectl)"
    exit 0
fi
if [ ! -d "$HERE/node_modules/yaml" ]; then
    echo "kustomize-check: run 'npm ci' in $HERE first" >&2
    exit 2
fi

# node -e SCRIPT DIR KFILE BUILT: compares the kustomize output (file BUILT)
# with DIR, whose kustomization file is named KFILE.
# Prints the reason and exits 1 on a mismatch.
COMPARE='
const fs = require("node:fs"), path = require("node:path");
const YAML = require(process.env.HERE + "/node_modules/yaml");
const [dir, kfile, built] = process.argv.slice(1);
// "Kind/name" of every object in a YAML stream / JSON file, Lists expanded.
const objects = (text) => YAML.parseAllDocuments(text).flatMap((d) => {
  if (d.errors.length) throw new Error(d.errors[0].message);
  const v = d.toJS();
  if (v == null) return [];
  return v.kind === "List" && Array.isArray(v.items) ? v.items : [v];
}).map((o) => `${o.kind}/${o.metadata?.name}`);
const kust = YAML.parse(fs.readFileSync(path.join(dir, kfile), "utf8"));
const resources = (kust?.resources ?? []).map((r) => path.normalize(String(r)));
const files = fs.readdirSync(dir).filter((n) => /\.(yaml|json)$/.test(n) && n !== kfile).sort();
const fail = (msg) => { console.log(msg); process.exit(1); };
const missing = files.filter((f) => !resources.includes(f));
if (missing.length) fail(`files not in resources: ${missing.join(", ")}`);
const expected = resources.flatMap((r) => objects(fs.readFileSync(path.join(dir, r), "utf8")));
const actual = objects(fs.readFileSync(built, "utf8"));
if (JSON.stringify([...expected].sort()) !== JSON.stringify([...actual].sort()))
  fail(`objects differ: expected [${expected.join(", ")}], kustomize gave [${actual.join(", ")}]`);
const i = expected.findIndex((e, k) => e !== actual[k]);
if (i >= 0) fail(`order differs at #${i}: expected ${expected[i]}, kustomize gave ${actual[i]} (sortOptions: {order: fifo}?)`);
'

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
for dir in "$@"; do
    kfiles=()
    for k in kustomization.yaml Kustomization; do
        if [ -f "$dir/$k" ]; then kfiles+=("$k"); fi
    done
    if [ ${#kfiles[@]} -ne 1 ]; then
        echo "FAIL $dir: expected exactly one of kustomization.yaml and Kustomization, found ${#kfiles[@]}"
        failed=$((failed + 1))
    elif ! "$KUBECTL" kustomize "$dir" >"$tmp/out.yaml" 2>"$tmp/err"; then
        echo "FAIL $dir: kubectl kustomize failed: $(tr '\n' ' ' <"$tmp/err")"
        failed=$((failed + 1))
    elif reason=$(HERE="$HERE" node -e "$COMPARE" "$dir" "${kfiles[0]}" "$tmp/out.yaml" 2>&1); then
        if [ -s "$tmp/err" ]; then sed "s|^|warning $dir: |" "$tmp/err"; fi
        echo "ok $dir"
        passed=$((passed + 1))
    else
        echo "FAIL $dir: $reason"
        failed=$((failed + 1))
    fi
done
echo "kustomize-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
