# Standard output whose reader goes away (todokc app.todok | head): the
# write fails with EPIPE, which is exit status 3 with a message, not a
# death by SIGPIPE.  The output (about 600 KB) is more than a pipe holds,
# so todokc is still writing when the reader has gone.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	echo 'stack shop {'
	for i in $(seq 1 300); do
		printf '  service web-%d {\n    image "nginx:1.27"\n    port 80\n' "$i"
		printf '    requests cpu 100m memory 128Mi\n    readiness tcp\n  }\n'
	done
	echo '}'
} >"$tmp/shop.todok"
cd "$tmp" && $TODOKC shop.todok | { head -c 1 >/dev/null; }
exit "${PIPESTATUS[0]}"
