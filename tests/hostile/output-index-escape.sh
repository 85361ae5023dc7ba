#!/usr/bin/env bash
# A hostile DIR/.todokc-outputs (the list of files todokc may replace or
# remove) naming '../victim', an absolute path, '.', '..' and a symbolic
# link to a file outside DIR: refused (E0006, exit status 3) before
# anything is written or removed; nothing outside DIR is removed,
# followed or written.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/out"
printf 'victim\n' >"$tmp/victim"
printf 'absolute\n' >"$tmp/absolute"
ln -s ../victim "$tmp/out/stale-link.yaml"
{
	echo '# Files written by todokc; it replaces or removes only these.'
	echo '../victim'
	echo "$tmp/absolute"
	echo 'stale-link.yaml'
	echo '.'
	echo '..'
} >"$tmp/out/.todokc-outputs"
printf 'stack s {\n  config c { A = "v" }\n}\n' >"$tmp/s.todok"
(cd "$tmp" && $TODOKC s.todok -o out) >/dev/null 2>"$tmp/err"
status=$?
sed "s|$tmp|TMP|g" "$tmp/err" >&2
for f in victim absolute; do
	if [ "$(cat "$tmp/$f" 2>/dev/null)" != "$f" ]; then
		echo "hostile: $tmp/$f outside DIR was changed or removed" >&2
		exit 99
	fi
done
if [ -e "$tmp/out/01-configmap-s-c.yaml" ] || [ ! -L "$tmp/out/stale-link.yaml" ]; then
	echo "hostile: DIR was changed although its index was refused" >&2
	exit 99
fi
exit $status
