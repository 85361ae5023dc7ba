# -D whose NAME is not UTF-8 says so (it said the value was not), without
# showing the bytes; a value that is not UTF-8 is named with its param.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'stack shop {\n  param tag = "1"\n}\n' >"$tmp/shop.todok"
cd "$tmp" || exit 99
$TODOKC shop.todok -D "$(printf 'tag=\377')"
$TODOKC shop.todok -D "$(printf '\377tag=1')"
