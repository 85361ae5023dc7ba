# --profile names a profile the stack declares; a close one is suggested.
cat > shop.todok <<'TODOK'
stack shop {
  service web {
    image "shop/web:1.0"
    port 8080
  }
  profile prod { service web { replicas 3 } }
  profile staging { service web { replicas 2 } }
}
TODOK
trap 'rm -f shop.todok' EXIT
$TODOKC shop.todok --profile prdo
