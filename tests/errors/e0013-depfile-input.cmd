# A --depfile that is a file the compile reads (the .todok file, the
# --env-file, a file("...") secret; by another name too) would replace it:
# refused, the file untouched, nothing written (exit status 3).
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
printf 'stack shop {\n  secret creds {\n    KEY = file("key.txt")\n  }\n}\n' >shop.todok
printf 'hunter2\n' >key.txt
printf 'X=1\n' >test.env
mkdir sub && ln -s ../shop.todok sub/link.todok
before=$(cat shop.todok key.txt test.env)
for d in shop.todok test.env ./key.txt sub/link.todok; do
	$TODOKC shop.todok --env-file test.env --depfile "$d" >stdout
	status=$?
	[ -s stdout ] && echo "test: standard output was written for --depfile $d" >&2
done
[ "$before" = "$(cat shop.todok key.txt test.env)" ] || echo "test: an input was replaced" >&2
exit $status
