# Issue 20, finding 1: a stack that passes --check but whose file name
# (01-configmap-NAME.yaml, 262 bytes) is longer than the file system's
# 255-byte limit.  The name is found before anything is renamed: the run
# fails with nothing changed (no kustomization listing a missing file),
# and the old stack still compiles into the folder.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
long=$(printf 'a%.0s' $(seq 1 240))
printf 'stack s {\n  naming { config "%s" }\n  config c { A = "v" }\n}\n' "$long" >long.todok
printf 'stack s {\n  config c { A = "v" }\n  config d { B = "w" }\n}\n' >old.todok
$TODOKC long.todok --check || { echo "test: the long stack does not pass --check" >&2; exit 99; }
$TODOKC old.todok -o out || exit 99
before=$(cd out && ls -A && cat ./*)
$TODOKC long.todok -o out
status=$?
[ "$(cd out && ls -A && cat ./*)" = "$before" ] || echo "test: the folder was changed" >&2
$TODOKC old.todok -o out || echo "test: the old stack no longer compiles into the folder" >&2
exit $status
