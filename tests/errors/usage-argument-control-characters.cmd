# A control character of the command line (an ESC that would colour the
# terminal, a newline that would start a line of its own) is shown
# escaped as \xHH in a usage error, of todokc and of its subcommands, and
# in a -D NAME the stack does not declare (E0002).
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
printf 'stack shop {\n}\n' >"$tmp/shop.todok"
cd "$tmp" || exit 99
esc=$(printf '\033')
$TODOKC shop.todok -D "tag
=1"
$TODOKC shop.todok -D "t${esc}[31m"
$TODOKC fmt "--fo${esc}[31mrmat" shop.todok
$TODOKC "--fo${esc}[31mrmat" shop.todok
