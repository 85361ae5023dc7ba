#!/usr/bin/env bash
# Every keyword of include/keywords.def as the name of each kind of thing
# (stack, param, config, secret, service, stateful, port, volume,
# container, extra Service) and as each kind of key, in references and
# in 'env from' and 'after': each of these stacks compiles without a
# diagnostic.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
keywords=$(sed -n 's/^KEYWORD([A-Z_]*, "\([a-z]*\)".*/\1/p' ../../include/keywords.def)
[ -n "$keywords" ] || { echo "hostile: no keywords found" >&2; exit 99; }
printf 'not-a-real-password' >"$tmp/key.txt"
n=0
for k in $keywords; do
	n=$((n + 1))
	# Names of things, all in one stack where kinds do not share a name.
	cat >"$tmp/a$n.todok" <<TODOK
stack $k {
  param $k = "1.0"
  config cfg {
    $k = $k
    "$k-q" = "\${$k}"
  }
  secret sec { $k = file("key.txt") }
  service svc {
    image "nginx:\${$k}"
    port $k 8080
    container $k
    env { $k = cfg.$k  other = sec.$k }
    labels { $k = "$k" }
    annotations { $k = "$k" }
    volume $k at "/data" temp
    readiness http "/" on $k
    requests cpu 100m memory 128Mi
    expose clusterip as $k-extra
  }
}
TODOK
	# The keyword as a config, a secret, a service and a stateful.
	cat >"$tmp/b$n.todok" <<TODOK
stack s {
  config $k { $k = "" }
  service a { image "nginx:1" port 80 readiness tcp requests cpu 100m memory 128Mi env from $k env { X = $k.$k } }
}
TODOK
	cat >"$tmp/c$n.todok" <<TODOK
stack s {
  secret $k { $k = file("key.txt") }
  service a { image "nginx:1" port 80 readiness tcp requests cpu 100m memory 128Mi env from $k env { X = $k.$k } }
}
TODOK
	cat >"$tmp/d$n.todok" <<TODOK
stack s {
  service $k { image "nginx:1" port 80 readiness tcp requests cpu 100m memory 128Mi }
  stateful b { image "postgres:13" port 5432 readiness tcp requests cpu 100m memory 128Mi after $k env { URL = $k.url H = $k.host } volume $k at "/d" size 1Gi }
}
TODOK
	for f in a b c d; do
		(cd "$tmp" && $TODOKC "$f$n.todok" >/dev/null 2>"$tmp/err")
		s=$?
		if [ "$s" -ne 0 ] || [ -s "$tmp/err" ]; then
			echo "hostile: keyword '$k' in stack $f: exit status $s" >&2
			cat "$tmp/err" >&2
			exit 99
		fi
	done
done
echo "hostile: $n keywords in 4 stacks each compile"
