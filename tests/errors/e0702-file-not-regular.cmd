# file("...") names a folder, not a file.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/certs"
cat >"$tmp/shop.todok" <<'TODOK'
stack shop {
  secret certs {
    tls.crt = file("certs")
  }
  service web {
    image "nginx:1.27"
    port 443
    volume certs at "/etc/nginx/certs" from secret certs
  }
}
TODOK
cd "$tmp" && $TODOKC shop.todok
