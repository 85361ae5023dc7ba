# Issue 20, finding 11: file("../x") gives the same answer whether the
# outside path exists or not (it used to tell them apart: an oracle for
# which outside paths exist).  Nothing outside the folder is looked at.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
mkdir stack && echo outside >exists.txt
printf 'stack s {\n  secret k {\n    A = file("../exists.txt")\n    B = file("../missing.txt")\n  }\n}\n' >stack/s.todok
cd stack && $TODOKC s.todok
