# A --depfile that names a FIFO (or a device) would be replaced by a
# regular file: refused before anything is written (exit status 3).
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'stack shop {\n}\n' >"$tmp/shop.todok"
cd "$tmp" || exit 99
mkfifo deps.d
$TODOKC shop.todok -o out --depfile deps.d
status=$?
[ -e out ] && echo "test: out/ was written although the depfile cannot be" >&2
[ -p deps.d ] || echo "test: the FIFO was replaced" >&2
exit $status
