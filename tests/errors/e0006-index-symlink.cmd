# Issue 20, finding 6: DIR/.todokc-outputs is a symbolic link to a list
# outside the folder naming README.md: it is not trusted (it used to make
# todokc delete DIR/README.md).
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
printf 'stack s {\n  config c { A = "v" }\n}\n' >s.todok
mkdir out && echo mine >out/README.md
printf '# Files written by todokc; it replaces or removes only these.\nREADME.md\n' >list
ln -s ../list out/.todokc-outputs
$TODOKC s.todok -o out
status=$?
[ "$(cat out/README.md 2>/dev/null)" = mine ] || echo "test: README.md was removed" >&2
[ "$(ls -A out | tr '\n' ' ')" = ".todokc-outputs README.md " ] || echo "test: files were written" >&2
exit $status
