# A hostile input can make an error per line: the first 10,000 diagnostics
# are shown, the others counted (a 64 MiB file of stray '$' took minutes
# and gigabytes).  The exit status is still that of an error.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	echo 'stack shop {'
	for i in $(seq 1 10005); do echo '$'; done
	echo '}'
} >"$tmp/shop.todok"
cd "$tmp" && $TODOKC shop.todok 2>&1 >/dev/null | tail -n 1 >&2
exit "${PIPESTATUS[0]}"
