# A folder given as the input file (exit status 3).
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/stack.todok"
cd "$tmp" && $TODOKC stack.todok
