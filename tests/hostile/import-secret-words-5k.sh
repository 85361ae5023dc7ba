#!/usr/bin/env bash
# todokc import compose: 5,000 secret values of 1 KiB each, every one
# written again in a healthcheck of 5 MiB: each is found (the text's
# words are looked up, not compared with every value) and read from its
# secret, none written in the .todok.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pad=$(printf 'v%.0s' $(seq 1 1000))
{
	printf 'services:\n  app:\n    image: example/app:1\n    environment:\n'
	seq 0 4999 | awk -v pad="$pad" '{ printf "      S%d_PASSWORD: %s%d\n", $1, pad, $1 }'
	printf '    healthcheck:\n      test: ["CMD-SHELL", "check'
	seq 0 4999 | awk -v pad="$pad" '{ printf " --p%d=%s%d", $1, pad, $1 }'
	printf '"]\n'
} >"$tmp/compose.yaml"
cd "$tmp" && $TODOKC import compose compose.yaml >app.todok
status=$?
if [ "$status" -eq 0 ] && grep -q "${pad}0" app.todok; then
	echo "a secret value is written in the .todok" >&2
	exit 99
fi
exit "$status"
