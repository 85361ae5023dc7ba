#!/usr/bin/env bash
# selftest.sh - tests the NetworkPolicy evaluator netpol.py on the
# hand-written manifests in fixtures/, against edges files worked out by
# hand: default-deny plus allow policies, named ports, port ranges, UDP,
# namespaceSelector, ipBlock and any-source rules, pods no policy isolates,
# several policies selecting one pod, and edges files wrong both ways.
#
# Usage:  bash tests/netpol/selftest.sh      (python3 with PyYAML)
# Prints `ok`/`FAIL` per check and `netpol-selftest: N passed, M failed`; exits 1 on any failure.
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
netpol() { run python3 -B netpol.py "$@"; }
has_line() { # has_line LINE: $out contains exactly this line
    grep -qxF -- "$1" <<<"$out" || { echo "     missing line: $1"; return 1; }
}
lines() { # lines N: $out has exactly N lines
    [ "$(wc -l <<<"$out")" -eq "$1" ] || { echo "     $(wc -l <<<"$out") lines, expected $1:"; while IFS= read -r l; do echo "     | $l"; done <<<"$out"; return 1; }
}
same() { # same TEXT: $out is exactly TEXT
    [ "$out" = "$1" ] || { diff <(echo "$1") <(echo "$out") | sed 's/^/     /'; return 1; }
}

# --- the edges files that hold ------------------------------------------------
netpol check fixtures/stack --edges fixtures/stack.edges
check "stack/: default deny + allow policies agree with stack.edges" test "$rc" -eq 0
check "stack/: 30 edges" same "netpol: 30 passed, 0 failed"

netpol check fixtures/namespaces.yaml --edges fixtures/namespaces.edges
check "namespaces.yaml: namespaceSelector, both selectors, expressions agree" test "$rc" -eq 0
check "namespaces.yaml: 7 edges" same "netpol: 7 passed, 0 failed"

netpol check fixtures/open.yaml --edges fixtures/open.edges
check "open.yaml: non-isolated pods and empty rules agree with open.edges" test "$rc" -eq 0
check "open.yaml: 32 edges" same "netpol: 32 passed, 0 failed"

# --- matrix: sorted, in the edges format ----------------------------------------
netpol matrix fixtures/namespaces.yaml
check "matrix namespaces.yaml: exit 0" test "$rc" -eq 0
check "matrix namespaces.yaml: sorted, NAMESPACE/NAME, stand-in namespace:monitoring" same \
"legacy/old -> shop/api:8000
legacy/old -> shop/shell:2222
namespace:monitoring -> shop/api:8000
shop/shell -> shop/api:8000
tools/admin -> shop/api:8000
tools/admin -> shop/db:5432
tools/grafana -> shop/api:8000"

netpol matrix fixtures/stack
check "matrix stack/: 30 lines" lines 30
check "matrix stack/: the named port http is 8000" has_line "frontend -> backend:8000"
check "matrix stack/: a named port of a native sidecar" has_line "report -> backend:9901"
check "matrix stack/: UDP written /udp" has_line "report -> statsd:8125/udp"
check "matrix stack/: ipBlock with except" has_line "ip:10.0.0.0/8 -> backend:9090"
check "matrix stack/: the except range is denied" bash -c '! grep -q "^ip:10.96.0.0/12 -> backend" <<<"$1"' _ "$out"
check "matrix stack/: a rule without from admits external" has_line "external -> frontend:8080"
check "matrix stack/: 0.0.0.0/0 except 10/8 admits external" has_line "external -> docs:80"
check "matrix stack/: 0.0.0.0/0 except a global range does not" bash -c \
    '[ "$(grep -c " -> partner:" <<<"$1")" -eq 2 ] && ! grep -q "^external -> partner" <<<"$1"' _ "$out"
check "matrix stack/: the sidecar's named port admin, not another pod's" bash -c \
    '! grep -q -e "^frontend -> backend:9901" -e ":8126" <<<"$1"' _ "$out"
check "matrix stack/: a plain init container's port is no destination" bash -c '! grep -q ":7777" <<<"$1"' _ "$out"
check "matrix stack/: other-namespace only where any source is" bash -c \
    '[ "$(grep "^other-namespace " <<<"$1")" = "other-namespace -> frontend:8080" ]' _ "$out"

# --- an edges file wrong both ways ------------------------------------------------
netpol check fixtures/stack --edges fixtures/wrong.edges
W=fixtures/wrong.edges
check "wrong.edges: exit 1" test "$rc" -eq 1
check "wrong.edges: missing (except range)" has_line \
    "$W:18: missing edge: ip:10.96.0.0/12 -> backend:9090 (listed, but the policies deny it)"
check "wrong.edges: missing (sidecar port)" has_line \
    "$W:20: missing edge: frontend -> backend:9901 (listed, but the policies deny it)"
check "wrong.edges: missing (TCP port of a UDP-only rule, /tcp written)" has_line \
    "$W:32: missing edge: statsd -> statsd:8126 (listed, but the policies deny it)"
check "wrong.edges: extra (ipBlock edge left out)" has_line \
    "$W: extra edge: ip:10.0.0.0/8 -> backend:9090 (the policies allow it, not listed)"
check "wrong.edges: extra (UDP edge left out)" has_line \
    "$W: extra edge: report -> statsd:8125/udp (the policies allow it, not listed)"
check "wrong.edges: a line listed twice" has_line "$W:34: external -> docs:80 listed twice (first on line 33)"
check "wrong.edges: a line that is no edge" has_line "$W:36: not an edge (SOURCE -> DEST:PORT[/udp]): backend => db"
check "wrong.edges: summary" has_line "netpol: 28 passed, 7 failed"
check "wrong.edges: no other line" lines 8

# the other way round: open.edges against stack/ is missing and extra everywhere
netpol check fixtures/stack --edges fixtures/open.edges
check "open.edges against stack/: exit 1" test "$rc" -eq 1
check "open.edges against stack/: 32 missing + 30 extra" has_line "netpol: 0 passed, 62 failed"

# --- what cannot be evaluated ------------------------------------------------------
netpol check fixtures/bad-operator.yaml --edges fixtures/open.edges
check "unknown operator: exit 1" test "$rc" -eq 1
check "unknown operator: said, no comparison" same \
"cannot evaluate the policies: NetworkPolicy/greater: unknown matchExpressions operator 'Gt'
netpol: 0 passed, 1 failed"
netpol matrix fixtures/bad-cidr.yaml
check "bad CIDR: exit 1" test "$rc" -eq 1
check "bad CIDR: said" same "cannot evaluate the policies: NetworkPolicy/bad-cidr: ipBlock CIDR '10.0.0.300/8' is not a network"
netpol check fixtures/no-workloads.yaml --edges fixtures/open.edges
check "no workloads: exit 1" test "$rc" -eq 1
check "no workloads: said" has_line "fixtures/no-workloads.yaml: no workloads"
netpol check fixtures/open.yaml --edges fixtures/missing.edges
check "unreadable edges file: exit 1" test "$rc" -eq 1
check "unreadable edges file: said" has_line "fixtures/missing.edges: cannot read: No such file or directory"
netpol check fixtures/open.yaml
check "check without --edges: exit 2" test "$rc" -eq 2

echo "netpol-selftest: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
