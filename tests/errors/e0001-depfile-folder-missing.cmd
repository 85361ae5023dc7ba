# A --depfile in a folder that does not exist cannot be written; the compile
# fails (exit status 3), so the output folder must not be written either.
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
cd "$tmp" || exit 99
$TODOKC shop.todok -o out --depfile deps/shop.d
status=$?
[ -e out ] && echo "test: out/ was written although the compile failed" >&2
exit $status
