#!/usr/bin/env bash
# config-hash.sh - rollouts follow configuration (docs/output.md): the
# pod template of each workload that takes a config or a secret carries
# todokc.dev/config-hash, which changes exactly when the content of what
# it takes (by env from, a reference or a volume) changes, and only on
# those workloads; a job whose configuration changed gets a new name.
# External objects take no part, and the hash is the same from run to run.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
work=$tmp
if ! python3 -c 'import yaml' 2>/dev/null; then
	echo "config-hash: python3 with PyYAML is missing; skipped"
	echo "config-hash: 0 passed, 0 failed"
	exit 0
fi
# The stack, with @NAME@ markers that each case below replaces.
cat >"$work/s.todok.in" <<'TODOK'
stack s {
  secret keys { TOKEN = env("TOKEN") }
  secret certs external { tls.crt }
  config web-env { GREETING = "@GREETING@" }
  config ini { app.ini = "@INI@" }
  config shared { REGION = "@REGION@" }
  service web {
    image "app/web:1" port 80
    env from web-env
    env { TOKEN_COPY = keys.TOKEN }
  }
  service files {
    image "app/files:1" port 80
    volume ini at "/etc/app" from config ini
  }
  service region {
    image "app/region:1" port 80
    env { AT = shared.REGION }
  }
  service plain { image "app/plain:1" port 80 }
  service tls {
    image "app/tls:1" port 443
    volume certs at "/certs" from secret certs
  }
  job migrate {
    image "app/migrate:1"
    env from shared
  }
}
TODOK
# compile NAME GREETING INI REGION TOKEN: the YAML in $work/NAME.yaml
compile() {
	sed -e "s|@GREETING@|$2|" -e "s|@INI@|$3|" -e "s|@REGION@|$4|" "$work/s.todok.in" >"$work/$1.todok"
	TOKEN=$5 "$root/todokc" "$work/$1.todok" >"$work/$1.yaml" 2>"$work/$1.err" || cat "$work/$1.err"
}
# hashes NAME: "workload hash" lines, the job by its name without suffix
hashes() {
	python3 - "$work/$1.yaml" <<'PY'
import sys, yaml, re
for d in yaml.safe_load_all(open(sys.argv[1])):
    if d["kind"] not in ("Deployment", "Job"):
        continue
    ann = d["spec"]["template"]["metadata"].get("annotations") or {}
    name = re.sub(r"-[0-9a-f]{8}$", "", d["metadata"]["name"])
    print(name, ann.get("todokc.dev/config-hash", "-"))
PY
}
hash_of() { hashes "$1" | awk -v w="$2" '$1 == w { print $2 }'; }
job_name() { grep -o 's-migrate-[0-9a-f]\{8\}' "$work/$1.yaml" | head -1; }
# changed A B: the workloads whose hash differs between two compiles
changed() { diff <(hashes "$1") <(hashes "$2") | sed -n 's/^> \([^ ]*\) .*/\1/p' | tr '\n' ' '; }

compile base hello "x=1" eu tok1
compile again hello "x=1" eu tok1
compile greeting bonjour "x=1" eu tok1
compile ini hello "x=2" eu tok1
compile region hello "x=1" us tok1
compile token hello "x=1" eu tok2

check "the same input gives the same hashes" cmp -s "$work/base.yaml" "$work/again.yaml"
for w in s-web s-files s-region s-migrate; do
	check "$w takes a config or secret: it has a hash" bash -c '[[ $1 =~ ^[0-9a-f]{16}$ ]]' _ "$(hash_of base $w)"
done
check "s-plain takes nothing: no hash" test "$(hash_of base s-plain)" = "-"
check "s-tls takes only an external secret: no hash" test "$(hash_of base s-tls)" = "-"
check "a config value taken by env from changes s-web only (got: $(changed base greeting))" \
	test "$(changed base greeting)" = "s-web "
check "a config value mounted as a file changes s-files only (got: $(changed base ini))" \
	test "$(changed base ini)" = "s-files "
check "a config value taken by a reference and by env from changes s-region and the job (got: $(changed base region))" \
	test "$(changed base region)" = "s-region s-migrate "
check "a secret value changes s-web only (got: $(changed base token))" \
	test "$(changed base token)" = "s-web "
check "a job whose config changed gets a new name" test "$(job_name base)" != "$(job_name region)"
check "a job whose config did not change keeps its name" test "$(job_name base)" = "$(job_name greeting)"
check "the secret's value is not in the hash's clear text" bash -c '! grep -q tok1 "$1"' _ "$work/base.yaml"
finish config-hash
