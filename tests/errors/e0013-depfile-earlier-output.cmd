# Without -o, a --depfile that would replace a file todokc keeps in the
# output folder of an earlier run (the folder holds todokc's index) is
# refused too, and the folder is left as it was; another name in that
# folder, or todokc's names in a folder todokc never wrote, are fine.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'stack shop {\n  namespace shop\n}\n' >"$tmp/shop.todok"
cd "$tmp" || exit 99
$TODOKC shop.todok -o out || exit 99
before=$(ls -la --time-style=full-iso out; cat out/*)
for name in out/.todokc-outputs out/01-namespace-shop.yaml; do
	$TODOKC shop.todok --depfile "$name" >/dev/null
	status=$?
done
(cd out && $TODOKC ../shop.todok --depfile .todokc-journal >/dev/null)
[ "$before" = "$(ls -la --time-style=full-iso out; cat out/*)" ] ||
	echo "test: out/ changed although the depfile was refused" >&2
$TODOKC shop.todok --depfile out/shop.d >/dev/null || echo "test: another name is refused" >&2
$TODOKC shop.todok --depfile 01-namespace-shop.yaml >/dev/null ||
	echo "test: a name in a folder todokc never wrote is refused" >&2
$TODOKC shop.todok -o out || echo "test: a later run fails" >&2
exit $status
