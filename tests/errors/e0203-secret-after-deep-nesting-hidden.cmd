# The parser stops at blocks nested too deeply, before the rest of the
# line is scanned; a secret written just after that point is still hidden
# in the excerpt (the scanner alone goes over the whole file for the
# secret values).  (Issue 20, finding 10.)
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
{
	printf 'stack s { x '
	head -c 4997 /dev/zero | tr '\0' '{'
	printf ' secret k { A = "hunter2" }\n}\n'
} >deep.todok
$TODOKC deep.todok
