#!/usr/bin/env bash
# Every keyword of include/keywords.def inserted at each position of a
# valid stack (before each token, and at the end): every variant compiles
# (exit 0) or gives diagnostics (exit 1) -- never a crash, a hang or
# another exit status, and stderr, when not empty, starts with a
# diagnostic.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
keywords=$(sed -n 's/^KEYWORD([A-Z_]*, "\([a-z]*\)".*/\1/p' ../../include/keywords.def)
[ -n "$keywords" ] || { echo "hostile: no keywords found" >&2; exit 99; }
cd "$tmp" || exit 99
# The tokens of a small stack that uses most of the grammar.
tokens=(stack s '{' param p '=' '"1"' config c '{' K '=' p '}' service a '{'
	image '"nginx:${p}"' port http 80 '->' 8080 env '{' X '=' c.K '}' env from c
	readiness http '"/"' on http replicas 1 .. 3 cpu '50%' requests cpu 100m
	memory 64Mi after b '}' stateful b '{' image '"pg:1"' port 5432 volume v
	at '"/d"' size 1Gi '}' '}')
diagnostic='^(v\.todok:[0-9]+:[0-9]+|todokc): (error|warning): '
# Under a sanitized build (seven times slower) each keyword goes to every
# third position, a different third for each keyword, so that every
# position is still tried; the plain build tries them all.
stride=1
[ "${TODOKC_SANITIZED:-false}" = true ] && stride=3
runs=0 nth=0
for k in $keywords; do
	nth=$((nth + 1))
	for ((i = nth % stride; i <= ${#tokens[@]}; i += stride)); do
		variant=("${tokens[@]:0:i}" "$k" "${tokens[@]:i}")
		echo "${variant[*]}" >v.todok
		$TODOKC v.todok --check >/dev/null 2>err
		s=$?
		runs=$((runs + 1))
		first=
		[ -s err ] && read -r first <err
		if [ "$s" -gt 1 ] || { [ -n "$first" ] && ! [[ $first =~ $diagnostic ]]; }; then
			echo "hostile: exit status $s for: ${variant[*]}" >&2
			head -5 err >&2
			exit 99
		fi
	done
done
echo "hostile: $runs variants, none crashed"
