# A file whose name is not UTF-8, under --diagnostics=json: the name's bad
# byte is U+FFFD in the "file" field, so every line is still JSON.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'stack s {\n  config c { K = q }\n}\n' > "$tmp/y$(printf '\377').todok"
cd "$tmp" && $TODOKC --diagnostics=json "y$(printf '\377').todok"
