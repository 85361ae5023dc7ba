# kpt's depends-on names each object with its namespace: a stack without
# one cannot be annotated so.
cat > shop.todok <<'TODOK'
stack shop {
  stateful db {
    image "postgres:16"
    port 5432
  }
  service web {
    image "shop/web:1.0"
    port 8080
    after db
  }
}
TODOK
trap 'rm -f shop.todok' EXIT
$TODOKC shop.todok --order-annotations kpt
