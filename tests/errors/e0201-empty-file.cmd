# An empty input file (a .todok file holds one stack).
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
: >"$tmp/app.todok"
cd "$tmp" && $TODOKC app.todok
