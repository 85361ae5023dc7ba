# todokc fmt -w and --check refuse a FIFO or a device before opening it
# (an open() of a FIFO no one writes waited for ever): exit status 3.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
mkfifo f.todok
timeout 20 $TODOKC fmt -w f.todok
timeout 20 $TODOKC fmt --check f.todok /dev/null
