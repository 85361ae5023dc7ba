# A --depfile that would replace a file todokc keeps in the -o folder (its
# index, journal, lock, an output file) is refused, and the folder is left
# as it was: a replaced index would make every later run fail (E0006).
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'stack shop {\n  namespace shop\n}\n' >"$tmp/shop.todok"
cd "$tmp" || exit 99
$TODOKC shop.todok -o out || exit 99
before=$(ls -la --time-style=full-iso out; cat out/*)
for name in .todokc-outputs .todokc-journal .todokc-lock 01-namespace-shop.yaml; do
	$TODOKC shop.todok -o out --depfile "out/$name"
	status=$?
done
[ "$before" = "$(ls -la --time-style=full-iso out; cat out/*)" ] ||
	echo "test: out/ changed although the depfile was refused" >&2
$TODOKC shop.todok -o out || echo "test: a later run fails" >&2
exit $status
