# A file name with control characters (ESC, a newline) is shown escaped
# before each diagnostic, as in messages: it never colours the terminal
# or starts a line of its own.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
name=$(printf 'a\033[31mb\nc.todok')
printf 'stack shop {\n  service web {\n    image "nginx:1.27"\n    bogus 1\n  }\n}\n' >"$name"
$TODOKC "$name" >/dev/null
