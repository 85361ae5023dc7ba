#!/usr/bin/env bash
# selftest.sh - tests the Pod Security Standards checker psa.py on the
# hand-written fixtures in fixtures/: pod templates that pass, and one
# failing template per rule, each with the exact line psa.py must print.
#
# Usage:  bash tests/psa/selftest.sh      (python3 with PyYAML)
# Prints `ok`/`FAIL` per check and `psa-selftest: N passed, M failed`; exits 1 on any failure.
# The bash -c '...' snippets take their values as "$1".
# shellcheck disable=SC2016
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
psa() { run python3 -B psa.py "$@"; }
has_line() { # has_line LINE: $out contains exactly this line
    grep -qxF -- "$1" <<<"$out" || { echo "     missing line: $1"; return 1; }
}
lines() { # lines N: $out has exactly N lines (no violation beyond the expected ones)
    [ "$(wc -l <<<"$out")" -eq "$1" ] || { echo "     $(wc -l <<<"$out") lines, expected $1:"; while IFS= read -r l; do echo "     | $l"; done <<<"$out"; return 1; }
}
expect_lines() { # expect_lines PREFIX LINE...: each LINE (after PREFIX) is in $out
    local prefix=$1 line rest
    shift
    for line in "$@"; do
        rest=${line#*: }
        check "${line%%: *}: ${rest%%: *}" has_line "$prefix$line"
    done
}

# --- passing pod templates --------------------------------------------------
for level in restricted baseline; do
    psa --level $level fixtures/restricted-good.yaml
    check "restricted-good.yaml at $level: exit 0" test "$rc" -eq 0
    check "restricted-good.yaml at $level: 8 pod templates pass" has_line "psa: 8 passed, 0 failed"
    check "restricted-good.yaml at $level: nothing else printed" lines 1
done
psa --level baseline fixtures/baseline-good.yaml
check "baseline-good.yaml at baseline: exit 0" test "$rc" -eq 0
check "baseline-good.yaml at baseline: passes" has_line "psa: 1 passed, 0 failed"
check "baseline-good.yaml at baseline: nothing else printed" lines 1

# --- restricted, one rule per pod --------------------------------------------
psa --level restricted fixtures/restricted-bad.yaml
R="fixtures/restricted-bad.yaml "
check "restricted-bad.yaml: exit 1" test "$rc" -eq 1
expect_lines "$R" \
    'Pod/escalation-unset container app: allowPrivilegeEscalation != false: container "app" must set securityContext.allowPrivilegeEscalation=false' \
    'Pod/escalation-true container app: allowPrivilegeEscalation != false: container "app" must set securityContext.allowPrivilegeEscalation=false' \
    'Pod/no-drop container app: unrestricted capabilities: container "app" must set securityContext.capabilities.drop=["ALL"]' \
    'Pod/drop-lowercase container app: unrestricted capabilities: container "app" must set securityContext.capabilities.drop=["ALL"]' \
    'Pod/add-chown container app: unrestricted capabilities: container "app" must not include "CHOWN" in securityContext.capabilities.add' \
    'Pod/non-root-unset container app: runAsNonRoot != true: pod or container "app" must set securityContext.runAsNonRoot=true' \
    'Pod/non-root-false container app: runAsNonRoot != true: container "app" must not set securityContext.runAsNonRoot=false' \
    'Pod/user-root pod: runAsUser=0: pod must not set runAsUser=0' \
    'Pod/seccomp-unset container app: seccompProfile: pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"' \
    'Pod/seccomp-unconfined container app: seccompProfile: container "app" must not set securityContext.seccompProfile.type to "Unconfined"' \
    'Pod/volume-nfs volume shared: restricted volume types: volume "shared" uses restricted volume type "nfs"' \
    'Pod/proc-unmasked-userns container app: procMount: container "app" must not set securityContext.procMount to "Unmasked"' \
    'Deployment/init-and-sidecar container wait-for-db: allowPrivilegeEscalation != false: container "wait-for-db" must set securityContext.allowPrivilegeEscalation=false' \
    'Deployment/init-and-sidecar container proxy: unrestricted capabilities: container "proxy" must set securityContext.capabilities.drop=["ALL"]' \
    'Pod/ephemeral container debugger: allowPrivilegeEscalation != false: container "debugger" must set securityContext.allowPrivilegeEscalation=false' \
    'CronJob/report container report: runAsUser=0: container "report" must not set runAsUser=0'
check "restricted-bad.yaml: every template fails" has_line "psa: 0 passed, 15 failed"
check "restricted-bad.yaml: no other line" lines 17

# the same pods at baseline: only the Unconfined seccomp profile breaks it
psa --level baseline fixtures/restricted-bad.yaml
check "restricted-bad.yaml at baseline: exit 1" test "$rc" -eq 1
check "restricted-bad.yaml at baseline: seccomp Unconfined" has_line \
    "${R}Pod/seccomp-unconfined container app: seccompProfile: container \"app\" must not set securityContext.seccompProfile.type to \"Unconfined\""
check "restricted-bad.yaml at baseline: 14 pass" has_line "psa: 14 passed, 1 failed"
check "restricted-bad.yaml at baseline: no other line" lines 2

# baseline-good.yaml breaks restricted (user namespace: runAsNonRoot and runAsUser relaxed)
psa --level restricted fixtures/baseline-good.yaml
B="fixtures/baseline-good.yaml Deployment/legacy "
check "baseline-good.yaml at restricted: exit 1" test "$rc" -eq 1
expect_lines "$B" \
    'container app: allowPrivilegeEscalation != false: container "app" must set securityContext.allowPrivilegeEscalation=false' \
    'container app: unrestricted capabilities: container "app" must set securityContext.capabilities.drop=["ALL"]' \
    'container app: unrestricted capabilities: container "app" must not include "CHOWN", "SETUID" in securityContext.capabilities.add' \
    'container app: procMount: container "app" must not set securityContext.procMount to "Unmasked"' \
    'volume shared: restricted volume types: volume "shared" uses restricted volume type "nfs"'
check "baseline-good.yaml at restricted: no other line" lines 6

# --- baseline, one rule per pod ----------------------------------------------
psa --level baseline fixtures/baseline-bad.yaml
P="fixtures/baseline-bad.yaml "
check "baseline-bad.yaml: exit 1" test "$rc" -eq 1
expect_lines "$P" \
    'Pod/host-namespaces pod: host namespaces: hostNetwork=true, hostPID=true' \
    'Pod/privileged container app: privileged: container "app" must not set securityContext.privileged=true' \
    'Pod/capabilities container app: non-default capabilities: container "app" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add' \
    'Pod/host-path volume docker-sock: hostPath volumes: volume "docker-sock"' \
    'Pod/host-ports container app: hostPort: container "app" uses hostPorts 443, 80' \
    'Pod/apparmor container app: forbidden AppArmor profile: container "app" must not set AppArmor profile type to "Unconfined"' \
    'Pod/apparmor-annotation pod: forbidden AppArmor profile: annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined""' \
    'Pod/selinux pod: seLinuxOptions: pod set forbidden securityContext.seLinuxOptions: type "spc_t"; user may not be set' \
    'Pod/proc-mount container app: procMount: container "app" must not set securityContext.procMount to "Unmasked"' \
    'Pod/seccomp pod: seccompProfile: pod must not set securityContext.seccompProfile.type to "Unconfined"' \
    'Pod/sysctls pod: forbidden sysctls: kernel.msgmax, net.core.somaxconn' \
    'Pod/host-process pod: hostProcess: pod must not set securityContext.windowsOptions.hostProcess=true' \
    'Pod/probe-host container app: probe or lifecycle host: container "app" uses probe or lifecycle hosts "10.0.0.1", "metadata.internal"'
check "baseline-bad.yaml: every template fails" has_line "psa: 0 passed, 13 failed"
check "baseline-bad.yaml: no other line" lines 14

# at restricted, restrictedVolumes replaces hostPathVolumes: one line, its wording
psa --level restricted fixtures/baseline-bad.yaml
check "baseline-bad.yaml at restricted: hostPath as a restricted volume type" has_line \
    "${P}Pod/host-path volume docker-sock: restricted volume types: volume \"docker-sock\" uses restricted volume type \"hostPath\""
check "baseline-bad.yaml at restricted: no hostPath volumes line" bash -c '! grep -q "hostPath volumes" <<<"$1"' _ "$out"

# --- inputs: folders, JSON Lists, errors ----------------------------------------
psa --level restricted fixtures/folder
check "folder/: exit 1" test "$rc" -eq 1
check "folder/: the CronJob in a JSON List" has_line \
    'fixtures/folder/20-jobs.json CronJob/report container report: allowPrivilegeEscalation != false: container "report" must set securityContext.allowPrivilegeEscalation=false'
check "folder/: 3 templates, Kustomization and README.txt not read" has_line "psa: 2 passed, 1 failed"
check "folder/: no other line" lines 2

psa --level restricted fixtures/duplicate-key.yaml fixtures/no-template.yaml fixtures/missing.yaml
check "input errors: exit 1" test "$rc" -eq 1
check "input errors: duplicate key" has_line \
    "fixtures/duplicate-key.yaml: YAML error: duplicate key 'securityContext' in \"fixtures/duplicate-key.yaml\", line 8, column 3"
check "input errors: no pod template" has_line "fixtures/no-template.yaml: Deployment/empty has no pod template at .spec.template"
check "input errors: missing path" has_line "fixtures/missing.yaml: no such file or directory"
check "input errors: each counts as failed" has_line "psa: 0 passed, 3 failed"

psa --level restricted fixtures/no-workloads.yaml
check "no pod templates: exit 1" test "$rc" -eq 1
check "no pod templates: said" has_line "fixtures/no-workloads.yaml: no pod templates"

psa --level privileged fixtures/restricted-good.yaml
check "unknown level: exit 2" test "$rc" -eq 2

echo "psa-selftest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
