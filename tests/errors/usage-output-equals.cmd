# -o=out is not '-o out': the '=' of a long option is refused (exit status
# 2), where it made a folder named '=out' (and -o= one named '=').
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'stack shop {\n}\n' >"$tmp/shop.todok"
cd "$tmp" || exit 99
$TODOKC shop.todok -o=
$TODOKC shop.todok -o=out
status=$?
[ "$(ls)" = shop.todok ] || echo "test: a folder was created" >&2
exit $status
