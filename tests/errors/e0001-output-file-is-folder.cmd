# One of the files an earlier run wrote has been replaced by a folder: that
# file cannot be written, and the compile must leave the output folder as it
# was (all or nothing), not replace the files before it.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
printf 'stack shop {\n  service web {\n    image "nginx:1.27"\n    port 80\n    requests cpu 100m memory 128Mi\n    readiness tcp\n  }\n}\n' >shop.todok
$TODOKC shop.todok -o out 2>/dev/null || exit 99
rm out/02-deployment-shop-web.yaml && mkdir out/02-deployment-shop-web.yaml
cp out/01-service-shop-web-service.yaml before.yaml
sed 's/port 80/port 8080/' shop.todok >new.todok && mv new.todok shop.todok
$TODOKC shop.todok -o out
status=$?
cmp -s before.yaml out/01-service-shop-web-service.yaml ||
	echo "test: out/01-service-shop-web-service.yaml was replaced although the compile failed" >&2
exit $status
