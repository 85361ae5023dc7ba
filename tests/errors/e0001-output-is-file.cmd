# -o names a file, not a folder: nothing is written (exit status 3).
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
echo 'not a folder' >"$tmp/manifests"
cd "$tmp" && $TODOKC shop.todok -o manifests
