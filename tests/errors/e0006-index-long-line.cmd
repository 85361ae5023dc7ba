# Issue 20, finding 6: a long line in the index, 4,095 bytes and then
# notes.txt.  It is refused whole (it used to be read in two pieces, and
# the second, notes.txt, was deleted); nothing is removed.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
printf 'stack s {\n  config c { A = "v" }\n}\n' >s.todok
$TODOKC s.todok -o out || exit 99
echo mine >out/notes.txt
{ printf 'x%.0s' $(seq 1 4095); echo notes.txt; } >>out/.todokc-outputs
$TODOKC s.todok -o out
status=$?
[ -f out/notes.txt ] || echo "test: notes.txt was removed" >&2
exit $status
