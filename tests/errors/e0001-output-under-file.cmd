# -o names a folder to create under a file: it cannot be created.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/shop.todok" <<'TODOK'
stack shop {
  service web {
    image "nginx:1.27"
    port 80
    requests cpu 100m memory 128Mi
    readiness tcp
  }
}
TODOK
echo 'not a folder' >"$tmp/build"
cd "$tmp" && $TODOKC shop.todok -o build/manifests
