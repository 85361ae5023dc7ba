#!/usr/bin/env bash
# Under `network isolated`, a database with `allow from` 50,000 services,
# each of which also refers to it and writes its Service's name in a
# literal URL: the clients that `allow from` covers are dropped, and each
# literal is checked against the allowed.  (Both were quadratic in the
# todokc of 7c93129, each client looked for in the whole list: 200,000
# took 14.9 s of CPU, 3.0 s since.)
# N sets the size; HOSTILE_MAKE_ONLY=FILE writes the input there and stops
# (bench/scaling.sh times it at several sizes).
n=${N:-50000}
make_input() {
	printf 'stack s {\n  network isolated\n  stateful db {\n    image "postgres:16"\n    port 5432\n    readiness tcp\n    requests cpu 1 memory 1Gi\n'
	printf '    allow from c1'
	seq 2 "$n" | awk '{ printf ", c%d", $1 }'
	printf '\n  }\n'
	seq 1 "$n" | awk '{ printf "  service c%d { image \"app:1\" expose none requests cpu 10m memory 16Mi env { H = db.host  URL = \"postgres://s-db-service:5432/app\" } }\n", $1 }'
	printf '}\n'
}
if [ -n "${HOSTILE_MAKE_ONLY:-}" ]; then make_input >"$HOSTILE_MAKE_ONLY"; exit 0; fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
make_input >"$tmp/allow.todok"
cd "$tmp" && $TODOKC allow.todok >/dev/null
