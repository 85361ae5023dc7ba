# -o given twice for one folder ("out" and "out/", as an alias and a
# command line may): not two folders, so no error; the stack is written.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cp usage-output-twice.todok "$tmp/shop.todok"
cd "$tmp" && $TODOKC shop.todok -o out -o ./out/ 2>/dev/null || exit $?
[ -f out/Kustomization ] || { echo "test: out/Kustomization was not written" >&2; exit 99; }
$TODOKC shop.todok -o out -o other
