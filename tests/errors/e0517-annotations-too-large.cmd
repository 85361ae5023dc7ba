# Annotations over the 256 KiB Kubernetes takes on one object: a Service's
# own with the stack's (every object carries those), and a pod's own.  The
# API server refused the objects; the excerpts are cut at their width.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
x=$(head -c 140000 /dev/zero | tr '\0' x)
cat >"$tmp/big.todok" <<TODOK
stack shop {
  annotations { note = "$x" }
  service web {
    image "shop-web:1.0"
    port 80
    readiness tcp
    requests cpu 100m memory 128Mi
    annotations service { more = "$x" }
  }
  service api {
    image "shop-api:1.0"
    port 80
    readiness tcp
    requests cpu 100m memory 128Mi
    annotations pod { a = "$x" b = "$x" }
  }
}
TODOK
cd "$tmp" && $TODOKC big.todok --check
