#!/usr/bin/env bash
# file("...") naming a symbolic link inside the stack's folder to a file
# outside it: refused (E0702), and the file's content is never printed.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/stack"
printf 'OUTSIDE-CONTENT-7c1\n' >"$tmp/outside.txt"
ln -s ../outside.txt "$tmp/stack/key"
printf 'stack s {\n  secret x { K = file("key") }\n}\n' >"$tmp/stack/s.todok"
(cd "$tmp/stack" && $TODOKC s.todok) >"$tmp/out" 2>"$tmp/err"
status=$?
cat "$tmp/err" >&2
if grep -q OUTSIDE-CONTENT "$tmp/out" "$tmp/err"; then
	echo "hostile: the outside file's content was printed" >&2
	exit 99
fi
exit $status
