# A string literal of 16 MiB and one byte is longer than todokc accepts.  The
# excerpt of its line is cut, so the output stays short.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack shop {\n  config blob {\n    DATA = "'
	head -c 16777217 /dev/zero | tr '\0' 'x'
	printf '"\n  }\n  service web {\n    image "nginx:1.27"\n    port 80\n    env from blob\n  }\n}\n'
} >"$tmp/blob.todok"
cd "$tmp" && $TODOKC blob.todok
