#!/usr/bin/env bash
# job-names.sh - a job's name carries the hash of its pod template: when
# the job's image changes, its name changes, and nothing else of the
# output does but that image and the places that name the job (the waits
# for it and the Role that lets them ask for it).  And the same job keeps
# its name from one compile to the next.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
work=$tmp
cat >"$work/s.todok" <<'TODOK'
stack s {
  param tag = "1.0"
  stateful db { image "postgres:16.4" port 5432 }
  job migrate { image "app/migrate:${tag}" after db }
  service web { image "app/web:2.0" port 80 after migrate }
}
TODOK
"$root/todokc" "$work/s.todok" -D tag=1.0 >"$work/a.yaml" 2>"$work/err" || cat "$work/err"
"$root/todokc" "$work/s.todok" -D tag=1.0 >"$work/a2.yaml" 2>>"$work/err" || cat "$work/err"
"$root/todokc" "$work/s.todok" -D tag=1.1 >"$work/b.yaml" 2>>"$work/err" || cat "$work/err"
name_a=$(grep -o 's-migrate-[0-9a-f]\{8\}' "$work/a.yaml" | head -1)
name_b=$(grep -o 's-migrate-[0-9a-f]\{8\}' "$work/b.yaml" | head -1)
check "the job is named with a hash" test -n "$name_a"
check "the same input gives the same name" cmp -s "$work/a.yaml" "$work/a2.yaml"
check "a new image gives a new name" test "$name_a" != "$name_b"
# Every line that differs names the job, or is its image.
diff "$work/a.yaml" "$work/b.yaml" | sed -n 's/^[<>] //p' >"$work/changed"
check "something changed" test -s "$work/changed"
others=$(grep -v -e "$name_a" -e "$name_b" -e 'image: app/migrate:1\.[01]$' "$work/changed")
check "only the job's name and image change (not: $others)" test -z "$others"
uses=$(grep -c "$name_b" "$work/b.yaml")
check "the name is in the Job, the Role and the wait ($uses places)" test "$uses" -ge 3
finish job-names
