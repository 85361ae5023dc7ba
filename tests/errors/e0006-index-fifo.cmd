# Issue 20, finding 6: DIR/.todokc-outputs is a FIFO nobody writes to: an
# error at once (it used to block forever).
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
printf 'stack s {\n  config c { A = "v" }\n}\n' >s.todok
mkdir out && mkfifo out/.todokc-outputs
timeout 20 $TODOKC s.todok -o out
