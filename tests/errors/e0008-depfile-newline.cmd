# Issue 20, finding 2: a file("...") name with newlines that would make
# the depfile run a command (x=1, then a rule "out.d:;touch${IFS}PWNED").
# Make cannot read such a name: refused, and nothing is written.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
name=$(printf 'x=1\nout.d:;touch${IFS}PWNED\ny=')
printf 'secret\n' >"$name"
printf 'stack s {\n  secret k { A = file("x=1\\nout.d:;touch\\${IFS}PWNED\\ny=") }\n}\n' >s.todok
$TODOKC s.todok -o out --depfile out.d
status=$?
[ -e out ] || [ -e out.d ] && echo "test: something was written" >&2
exit $status
