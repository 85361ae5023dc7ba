# A secret file of 2 MiB (a database dump instead of a key) is more than a
# Secret may hold.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
head -c 2097152 /dev/zero >"$tmp/seed.sql"
cat >"$tmp/shop.todok" <<'TODOK'
stack shop {
  secret db-seed {
    seed.sql = file("seed.sql")
  }
  stateful db {
    image "postgres:16"
    port 5432
    volume seed at "/docker-entrypoint-initdb.d" from secret db-seed
  }
}
TODOK
cd "$tmp" && $TODOKC shop.todok
