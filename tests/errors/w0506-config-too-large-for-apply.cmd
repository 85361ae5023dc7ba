# A config of 300 kB: Kubernetes takes it (up to 1 MiB), but a client-side
# `kubectl apply` keeps a copy of the object in an annotation of at most
# 256 KiB, and fails.  A warning, which says to apply --server-side.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
x=$(head -c 300000 /dev/zero | tr '\0' x)
cat >"$tmp/big.todok" <<TODOK
stack shop {
  config catalogue { DATA = "$x" }
  service web {
    image "shop-web:1.0"
    port 80
    readiness tcp
    requests cpu 100m memory 128Mi
    env from catalogue
  }
}
TODOK
cd "$tmp" && $TODOKC big.todok --check
