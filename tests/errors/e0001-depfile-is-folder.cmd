# A --depfile that names a folder (with or without a final '/') cannot be
# renamed into place: refused before the output folder is written (exit
# status 3, nothing written).
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
mkdir deps
$TODOKC shop.todok -o out --depfile deps
$TODOKC shop.todok --depfile deps/ >stdout
status=$?
[ -e out ] && echo "test: out/ was written although the depfile cannot be" >&2
[ -s stdout ] && echo "test: standard output was written although the depfile cannot be" >&2
exit $status
