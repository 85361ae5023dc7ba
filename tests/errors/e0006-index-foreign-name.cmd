# Issue 20, finding 6: the index names a file todokc never writes
# (README.md): refused before anything is removed.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
printf 'stack s {\n  config c { A = "v" }\n}\n' >s.todok
$TODOKC s.todok -o out || exit 99
echo mine >out/README.md
echo README.md >>out/.todokc-outputs
$TODOKC s.todok -o out
status=$?
[ -f out/README.md ] || echo "test: README.md was removed" >&2
exit $status
