# Issue 20, finding 1: DIR/.todokc-outputs is a folder.  Found before
# anything is written (it used to fail at the last rename, after every
# other file had been replaced).
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
printf 'stack s {\n  config c { A = "v" }\n}\n' >s.todok
$TODOKC s.todok -o out || exit 99
rm out/.todokc-outputs && mkdir out/.todokc-outputs
before=$(cd out && ls -A && cat ./*.yaml)
sed 's/A = "v"/A = "changed"/' s.todok >t.todok
$TODOKC t.todok -o out
status=$?
[ "$(cd out && ls -A && cat ./*.yaml)" = "$before" ] || echo "test: the folder was changed" >&2
exit $status
