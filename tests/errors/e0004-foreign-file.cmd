# The output folder holds a hand-written file with the name of one todokc
# would write: todokc refuses, touches nothing and writes nothing.
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
mkdir "$tmp/k8s"
echo '# hand-written, keep' >"$tmp/k8s/01-service-shop-web-service.yaml"
cd "$tmp" || exit 99
$TODOKC shop.todok -o k8s
status=$?
[ "$(cat k8s/01-service-shop-web-service.yaml)" = '# hand-written, keep' ] ||
	echo "test: the foreign file was changed" >&2
[ "$(ls -A k8s)" = 01-service-shop-web-service.yaml ] ||
	echo "test: files were written: $(ls -A k8s | tr '\n' ' ')" >&2
exit $status
