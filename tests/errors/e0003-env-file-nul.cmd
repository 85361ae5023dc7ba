# Issue 20, finding 11: a NUL byte in an --env-file value (it used to cut
# the value there, with exit status 0).  The line is named, never its
# value.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
printf 'stack s {\n  secret k { A = env("TOKEN") }\n}\n' >s.todok
printf '# keys\nOTHER=1\nTOKEN=abc\000def\n' >keys.env
$TODOKC s.todok --env-file keys.env
