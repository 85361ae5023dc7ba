# todokc fmt on a file over the input limit (64 MiB): the error, and exit
# status 1, as the compiler gives (it exited 0 without a word, and
# --check passed the file).  A sparse file: no disk is used.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
truncate -s 67108865 "$tmp/big.todok"
cd "$tmp" && $TODOKC fmt --check big.todok
