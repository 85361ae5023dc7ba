# Issue 20, finding 5: another run holds the output folder's lock;
# with --fail-if-locked todokc fails at once instead of waiting.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'kill "$holder" 2>/dev/null; rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
printf 'stack s {\n  config c { A = "v" }\n}\n' >s.todok
mkdir out && : >out/.todokc-lock
flock out/.todokc-lock sh -c 'touch locked; sleep 30' &
holder=$!
for _ in $(seq 1 200); do [ -e locked ] && break; sleep 0.05; done
timeout 20 $TODOKC s.todok -o out --fail-if-locked
status=$?
[ -e out/01-configmap-s-c.yaml ] && echo "test: the folder was written" >&2
exit $status
