#!/usr/bin/env bash
# selftest.sh - tests the Kubernetes oracle itself (validate.mjs, kustomize-check.sh)
# on the hand-written fixtures in fixtures/.
#
# Usage:  bash tests/k8s/selftest.sh      (after `npm ci` in tests/k8s)
# Prints `ok`/`FAIL` per check and `k8s-selftest: N passed, M failed`; exits 1 on any failure.
set -eu
cd "$(dirname "$0")"

passed=0
failed=0
check() { # check NAME CONDITION...: counts one check
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name"
    fi
}
run() { # run CMD...: sets $out (stdout+stderr) and $rc
    out=$("$@" 2>&1) && rc=0 || rc=$?
}
has_line() { # has_line LINE: $out contains exactly this line
    grep -qxF -- "$1" <<<"$out" || { echo "     missing line: $1"; return 1; }
}

# --- validate.mjs on single files -------------------------------------------
run node validate.mjs fixtures/good.yaml
check "good.yaml exits 0" test "$rc" -eq 0
check "good.yaml: all 9 objects pass" has_line "k8s-validate: 9 passed, 0 failed"
[ "$rc" -eq 0 ] || echo "$out"

run node validate.mjs fixtures/bad.yaml
check "bad.yaml exits 1" test "$rc" -eq 1
B=fixtures/bad.yaml
for line in \
    "$B#0 Deployment/wrong-type: .spec.replicas: must be integer" \
    "$B#1 Deployment/unknown-field: .spec.replicaz: unknown field (not in V1DeploymentSpec)" \
    "$B#1 Deployment/unknown-field: .spec.template.spec.containers[0].imagePullPolicyy: unknown field (not in V1Container)" \
    "$B#2 Service/bad-protocol: .spec.ports[0].protocol: must be equal to one of the allowed values (SCTP, TCP, UDP)" \
    "$B#3 Deploymnet/typo-kind: unknown apiVersion/kind: apps/v1 Deploymnet" \
    "$B#4 Deployment/no-containers: .spec.template.spec: must have required property containers" \
    "$B#5 Secret/not-base64: .data.token: must match format \"byte\"" \
    "$B#6 Deployment/bad-api-version: unknown apiVersion/kind: apps/v2 Deployment" \
    "k8s-validate: 0 passed, 7 failed"; do
    check "bad.yaml: ${line#"$B"}" has_line "$line"
done

# --- validate.mjs on Gateway API objects --------------------------------------
run node validate.mjs fixtures/gateway-good.yaml
check "gateway-good.yaml exits 0" test "$rc" -eq 0
check "gateway-good.yaml: GatewayClass, Gateway, HTTPRoute pass" has_line "k8s-validate: 3 passed, 0 failed"
[ "$rc" -eq 0 ] || echo "$out"

run node validate.mjs fixtures/gateway-bad.yaml
check "gateway-bad.yaml exits 1" test "$rc" -eq 1
G=fixtures/gateway-bad.yaml
S="unknown field (not in the gateway.networking.k8s.io/v1"
for line in \
    "$G#0 HTTPRoute/unknown-field: .metadata.labelz: unknown field (not in V1ObjectMeta)" \
    "$G#0 HTTPRoute/unknown-field: .spec.hostname: $S HTTPRoute schema)" \
    "$G#0 HTTPRoute/unknown-field: .spec.rules[0].matches[0].path.prefix: $S HTTPRoute schema)" \
    "$G#1 HTTPRoute/no-parent-refs: .spec.parentRefs: a route needs at least one parentRef (without one it attaches to no Gateway)" \
    "$G#2 HTTPRoute/empty-parent-refs: .spec.parentRefs: a route needs at least one parentRef (without one it attaches to no Gateway)" \
    "$G#3 HTTPRoute/bad-values: .spec.rules[0].backendRefs[0].port: must be integer" \
    "$G#3 HTTPRoute/bad-values: .spec.rules[0].matches[0].path.type: must be equal to one of the allowed values (Exact, PathPrefix, RegularExpression)" \
    "$G#4 Gateway/no-listeners: .spec: must have required property listeners" \
    "$G#4 Gateway/no-listeners: .spec.listener: $S Gateway schema)" \
    "$G#5 HTTPRoute/bad-version: unknown apiVersion/kind: gateway.networking.k8s.io/v2 HTTPRoute" \
    "k8s-validate: 0 passed, 6 failed"; do
    check "gateway-bad.yaml: ${line#"$G"}" has_line "$line"
done
check "gateway-bad.yaml: exactly 11 output lines" test "$(wc -l <<<"$out")" -eq 11

# --- validate.mjs on directories (JSON List, kustomization.yaml) -------------
run node validate.mjs fixtures/kustomize-good
check "kustomize-good/ exits 0" test "$rc" -eq 0
check "kustomize-good/: 5 objects pass (JSON List expanded)" has_line "k8s-validate: 5 passed, 0 failed"
[ "$rc" -eq 0 ] || echo "$out"

run node validate.mjs fixtures/kustomize-bad
K=fixtures/kustomize-bad/kustomization.yaml
check "kustomize-bad/ exits 1" test "$rc" -eq 1
check "kustomize-bad/: missing resource" has_line "$K: resource missing.yaml is not a manifest file in fixtures/kustomize-bad"
check "kustomize-bad/: unlisted file" has_line "$K: file extra.yaml is not listed in resources"

run node validate.mjs fixtures/kustomize-capital
check "kustomize-capital/ (Kustomization) exits 0" test "$rc" -eq 0
check "kustomize-capital/: 2 objects pass, Kustomization skipped" has_line "k8s-validate: 2 passed, 0 failed"
[ "$rc" -eq 0 ] || echo "$out"

run node validate.mjs fixtures/kustomize-capital-bad
K=fixtures/kustomize-capital-bad/Kustomization
check "kustomize-capital-bad/ exits 1" test "$rc" -eq 1
check "kustomize-capital-bad/: missing resource" has_line "$K: resource missing.yaml is not a manifest file in fixtures/kustomize-capital-bad"
check "kustomize-capital-bad/: unlisted file" has_line "$K: file route.yaml is not listed in resources"

run node validate.mjs fixtures/kustomize-both
check "kustomize-both/ exits 1" test "$rc" -eq 1
check "kustomize-both/: two kustomization files" has_line \
    "fixtures/kustomize-both: both kustomization.yaml and Kustomization: kustomize wants exactly one kustomization file"
run node validate.mjs fixtures/kustomize-none
check "kustomize-none/ exits 1" test "$rc" -eq 1
check "kustomize-none/: no kustomization file" has_line \
    "fixtures/kustomize-none: no kustomization file (kustomization.yaml or Kustomization)"

# --- kustomize-check.sh ------------------------------------------------------
if command -v "${KUBECTL:-kubectl}" >/dev/null 2>&1; then
    run bash kustomize-check.sh fixtures/kustomize-good fixtures/kustomize-capital
    check "kustomize-check kustomize-good/ kustomize-capital/ exit 0" test "$rc" -eq 0
    check "kustomize-check: both good dirs pass" has_line "kustomize-check: 2 passed, 0 failed"
    [ "$rc" -eq 0 ] || echo "$out"
    run bash kustomize-check.sh fixtures/kustomize-bad fixtures/kustomize-no-fifo fixtures/kustomize-both fixtures/kustomize-none
    check "kustomize-check bad dirs exit 1" test "$rc" -eq 1
    check "kustomize-check: order mismatch without fifo" has_line \
        "FAIL fixtures/kustomize-no-fifo: order differs at #0: expected ConfigMap/web, kustomize gave Namespace/shop (sortOptions: {order: fifo}?)"
    check "kustomize-check: two kustomization files" has_line \
        "FAIL fixtures/kustomize-both: expected exactly one of kustomization.yaml and Kustomization, found 2"
    check "kustomize-check: no kustomization file" has_line \
        "FAIL fixtures/kustomize-none: expected exactly one of kustomization.yaml and Kustomization, found 0"
    check "kustomize-check: summary" has_line "kustomize-check: 0 passed, 4 failed"
else
    echo "skip kustomize-check.sh (no kubectl)"
fi

echo "k8s-selftest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
