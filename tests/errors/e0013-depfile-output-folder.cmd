# A --depfile that names the -o folder itself (which does not exist yet):
# refused before the folder is created (exit status 3).
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'stack shop {\n}\n' >"$tmp/shop.todok"
cd "$tmp" || exit 99
$TODOKC shop.todok -o out --depfile ./out
status=$?
[ -e out ] && echo "test: out/ was written although the depfile cannot be" >&2
exit $status
