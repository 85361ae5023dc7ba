#!/usr/bin/env bash
# Under `network isolated`, 50,000 services that refer to one database and
# also write its Service's name in a literal URL: each literal is checked
# against the database's clients, all 50,000 of them.  (Quadratic in the
# todokc of 7c93129, which went through the list: 200,000 took 8.9 s of
# CPU, 2.3 s since.)
# N sets the size; HOSTILE_MAKE_ONLY=FILE writes the input there and stops
# (bench/scaling.sh times it at several sizes).
n=${N:-50000}
make_input() {
	printf 'stack s {\n  network isolated\n  stateful db { image "postgres:16" port 5432 readiness tcp requests cpu 1 memory 1Gi }\n'
	seq 1 "$n" | awk '{ printf "  service c%d { image \"app:1\" expose none requests cpu 10m memory 16Mi env { H = db.host  URL = \"postgres://s-db-service:5432/app\" } }\n", $1 }'
	printf '}\n'
}
if [ -n "${HOSTILE_MAKE_ONLY:-}" ]; then make_input >"$HOSTILE_MAKE_ONLY"; exit 0; fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
make_input >"$tmp/hub.todok"
cd "$tmp" && $TODOKC hub.todok >/dev/null
