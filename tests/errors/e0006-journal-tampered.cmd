# A journal (DIR/.todokc-journal, left by an interrupted run) with a line
# todokc does not write: refused before anything is renamed or removed.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
printf 'stack s {\n  config c { A = "v" }\n}\n' >s.todok
$TODOKC s.todok -o out || exit 99
echo victim >victim
printf 'remove 01-configmap-s-c.yaml\nremove ../victim\nend\n' >out/.todokc-journal
$TODOKC s.todok -o out
status=$?
[ -f victim ] && [ -f out/01-configmap-s-c.yaml ] || echo "test: a file was removed" >&2
exit $status
