#!/usr/bin/env bash
# An output file name that todokc wrote before (listed in
# DIR/.todokc-outputs) is now a symbolic link to a file outside DIR:
# todokc never writes through the link (it refuses, exit status 3), and
# the file outside is unchanged.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/out"
printf 'target\n' >"$tmp/target"
ln -s ../target "$tmp/out/01-configmap-s-c.yaml"
{
	echo '# Files written by todokc; it replaces or removes only these.'
	echo '01-configmap-s-c.yaml'
} >"$tmp/out/.todokc-outputs"
printf 'stack s {\n  config c { A = "v" }\n}\n' >"$tmp/s.todok"
(cd "$tmp" && $TODOKC s.todok -o out) >/dev/null
status=$?
if [ "$(cat "$tmp/target")" != target ]; then
	echo "hostile: the file outside DIR was written through the link" >&2
	exit 99
fi
exit $status
