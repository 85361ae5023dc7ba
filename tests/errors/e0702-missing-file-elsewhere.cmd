# Issue 20, finding 11: a missing file("...") when the .todok is not in
# the current folder says "No such file or directory" (it used to say
# "Invalid argument").
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
mkdir stacks
printf 'stack s {\n  secret k { A = file("missing.pem") }\n}\n' >stacks/s.todok
$TODOKC stacks/s.todok
