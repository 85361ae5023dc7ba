# An unknown --profile compiles nothing: every configuration is only
# checked, so no secret value is read (the variable is not set, and that is
# not reported) and only the unknown profile is an error.
cat > shop.todok <<'TODOK'
stack shop {
  secret db { PASSWORD = env("TODOKC_TEST_UNSET_PASSWORD") }
  service web {
    image "shop/web:1.0"
    port 8080
    env { DB_PASSWORD = db.PASSWORD }
  }
  profile prod { service web { replicas 3 } }
}
TODOK
trap 'rm -f shop.todok' EXIT
unset TODOKC_TEST_UNSET_PASSWORD
$TODOKC shop.todok --profile production
