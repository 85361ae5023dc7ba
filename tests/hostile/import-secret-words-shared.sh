#!/usr/bin/env bash
# todokc import compose: 2,000 secret values of 4 KiB that all start with
# the same words, and a command whose shell line is 100,000 of those words: comparing each
# value at each word would take 800 GiB of comparisons; the import stops
# at its limit with E0809 and writes nothing.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
words=$(printf 'aaaa %.0s' $(seq 1 800))
{
	printf 'services:\n  app:\n    image: example/app:1\n    environment:\n'
	seq 0 1999 | awk -v w="$words" '{ printf "      S%d_TOKEN: \"%s%d\"\n", $1, w, $1 }'
	printf '    command: ["sh", "-c", "run'
	seq 1 100000 | awk '{ printf " aaaa" }'
	printf '"]\n'
} >"$tmp/compose.yaml"
cd "$tmp" && $TODOKC import compose compose.yaml -o app.todok
status=$?
if [ -e app.todok ]; then
	echo "the import wrote a .todok although it failed" >&2
	exit 99
fi
exit "$status"
