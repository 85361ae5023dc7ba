#!/usr/bin/env bash
# A name quoted in a message is cut at about 200 bytes: between characters,
# so that --diagnostics=json stays valid UTF-8 (and valid JSON).  (todokc
# 0.1.0 cut inside a character.)
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack s {\n  service web {\n    image "'
	for _ in $(seq 150); do printf '\xc3\xa9'; done
	printf '"\n    port 80\n  }\n}\n'
} >"$tmp/long.todok"
cd "$tmp" || exit 99
$TODOKC --diagnostics=json long.todok >/dev/null 2>"$tmp/err"
status=$?
python3 -c 'import json, sys; [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]' \
	"$tmp/err" || { echo "the JSON diagnostics are not valid UTF-8 JSON" >&2; exit 99; }
head -c 40 "$tmp/err" >&2
echo >&2
exit $status
