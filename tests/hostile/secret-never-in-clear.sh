#!/usr/bin/env bash
# A secret value (from env() and from file()) used where it would be
# written in clear -- image, command, args, labels, annotations, route,
# naming, params -- is an error, and the value appears nowhere in the
# output or the diagnostics; used properly, it appears only base64 in
# the Secret.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mark=ZZsecretMARK42
printf '%s-file' "$mark" >"$tmp/key.txt"
export HOSTILE_SECRET="$mark-env"
n=0
while IFS= read -r use; do
	n=$((n + 1))
	printf 'stack s {\n  secret x { E = env("HOSTILE_SECRET") F = file("key.txt") }\n  %s\n}\n' "$use" >"$tmp/s$n.todok"
	(cd "$tmp" && $TODOKC "s$n.todok" -o "out$n") >"$tmp/out" 2>"$tmp/err"
	s=$?
	if [ "$s" -ne 1 ]; then
		echo "hostile: case $n: exit status $s, expected 1: $use" >&2
		exit 99
	fi
	if grep -rq "$mark" "$tmp/out" "$tmp/err" "$tmp/out$n" 2>/dev/null; then
		echo "hostile: case $n wrote the secret in clear: $use" >&2
		exit 99
	fi
done <<'USES'
service a { image "nginx:${x.E}" expose none }
service a { image "nginx:1" expose none command ["${x.F}"] }
service a { image "nginx:1" expose none args ["--key=${x.E}"] }
service a { image "nginx:1" expose none labels { k = "${x.E}" } }
service a { image "nginx:1" expose none annotations { k = "${x.F}" } }
service a { image "nginx:1" port 80 route "${x.E}" }
service a { image "nginx:1" port 80 readiness http "/${x.E}" }
service a { image "nginx:1" port 80 readiness http "/" header "X" "${x.E}" }
service a { image "nginx:1" expose none volume v at "/${x.F}" temp }
param p = "${x.E}"
naming { workload "{component}-${x.E}" } service a { image "nginx:1" expose none }
config c { K = env("HOSTILE_SECRET") }
service a { image "nginx:1" expose none env { K = env("HOSTILE_SECRET") } }
USES
# Used properly: only base64 in the Secret, nowhere in clear.
printf 'stack s {\n  secret x { E = env("HOSTILE_SECRET") }\n  config c { URL = "db://u:${x.E}@h" }\n  service a { image "nginx:1" expose none requests cpu 100m memory 128Mi env from c env { K = x.E } }\n}\n' >"$tmp/ok.todok"
(cd "$tmp" && $TODOKC ok.todok -o okout) >"$tmp/out" 2>"$tmp/err"
status=$?
if grep -rq "$mark" "$tmp/out" "$tmp/err" "$tmp/okout"; then
	echo "hostile: the secret was written in clear by a valid stack" >&2
	exit 99
fi
cat "$tmp/err" >&2
exit $status
