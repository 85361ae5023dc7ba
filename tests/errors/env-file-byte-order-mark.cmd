# An --env-file written by an editor that puts a byte order mark first and
# ends its lines with CR LF: the first variable is read by its name, and
# its value has no '\r' (the Secret's data is "abc", base64 YWJj).
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
printf 'stack s {\n  secret k {\n    A = env("TOKEN")\n  }\n}\n' >s.todok
printf '\357\273\277TOKEN=abc\r\nOTHER=1\r\n' >keys.env
$TODOKC s.todok --env-file keys.env | grep -A1 '^data:' >&2
