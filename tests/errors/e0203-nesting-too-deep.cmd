# Blocks nested 6000 deep (a generated file gone wrong) stop the parser
# with a diagnostic, not a crash.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack shop {\n  bogus '
	for i in $(seq 6000); do printf '{'; done
	for i in $(seq 6000); do printf '}'; done
	printf '\n}\n'
} >"$tmp/deep.todok"
cd "$tmp" && $TODOKC deep.todok
