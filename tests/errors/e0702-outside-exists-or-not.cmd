# Issue 20, finding 11: file("...") gives the same answer for every path
# that leads out of the stack's folder, whether what it leads to exists or
# not (it used to tell them apart: an oracle for which outside paths
# exist): '..', an absolute path, a symbolic link to a file outside, a
# dangling one, a link to a folder outside.  Nothing outside the folder is
# looked at.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
mkdir stack && echo outside >exists.txt
ln -s ../exists.txt stack/link && ln -s ../missing.txt stack/dangling && ln -s .. stack/up
{
	printf 'stack s {\n  secret k {\n'
	printf '    A = file("../exists.txt")\n    B = file("../missing.txt")\n'
	printf '    C = file("%s/exists.txt")\n    D = file("%s/missing.txt")\n' "$tmp" "$tmp"
	printf '    E = file("link")\n    F = file("dangling")\n'
	printf '    G = file("up/exists.txt")\n    H = file("up/missing.txt")\n'
	printf '  }\n}\n'
} >stack/s.todok
# The folder's name shown as its template (of the same length: the carets
# stay in place).
cd stack && $TODOKC s.todok 2>"$tmp/err"
status=$?
sed "s|$tmp|/tmp/todokc-test.XXXXXX|g" "$tmp/err" >&2
exit $status
