#!/usr/bin/env bash
# syntax-recovery.sh - one syntax mistake, one error: for N = 1 to 20, a
# stack with N independent mistakes drawn from those newcomers make (the
# list of issue 16: YAML's ':' and '- ' lists, single quotes, '//'
# comments, unquoted images, keys and values, a trailing ',', ';', an
# 'http' probe without a path, a namespace as a string, unknown
# properties, a misspelt resource, 'after' outside its block, a missing
# '}') must give exactly N errors (checked with --diagnostics=json), each
# on the line of its mistake.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
todokc=${TODOKC:-$root/todokc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT && echo "$work"
passed=0 failed=0

# Each mistake is a block of lines for component $1; the line of the
# mistake within it is its MARK comment's (the comment is removed).
mistake() { # kind name
	local n=$2
	case $1 in
	colon) printf '  service %s {\n    image: "x:1" #MARK\n    port 80\n  }\n' "$n" ;;
	quotes) printf "  service %s {\n    image 'x:1' #MARK\n    port 80\n  }\n" "$n" ;;
	slashes) printf '  service %s {\n    // a comment #MARK\n    image "x:1"\n  }\n' "$n" ;;
	image) printf '  service %s {\n    image registry.example.com/x/y:1.0 #MARK\n    port 80\n  }\n' "$n" ;;
	key) printf '  service %s {\n    image "x:1"\n    annotations pod {\n      prometheus.io/scrape = "true" #MARK\n    }\n  }\n' "$n" ;;
	comma) printf '  service %s {\n    image "x:1"\n    env from a, b, #MARK\n    readiness tcp\n  }\n' "$n" ;;
	semicolon) printf '  service %s {\n    image "x:1"; #MARK\n    port 80\n  }\n' "$n" ;;
	http) printf '  service %s {\n    image "x:1"\n    readiness http #MARK\n    after a\n  }\n' "$n" ;;
	namespace) printf '  namespace "shop-${env}" #MARK\n' ;;
	unknown) printf '  service %s {\n    image "x:1"\n    serviceaccount "w" #MARK\n    port 80\n  }\n' "$n" ;;
	typo) printf '  service %s {\n    imag "x:1" #MARK\n    port 80\n  }\n' "$n" ;;
	env) printf '  service %s {\n    image "x:1"\n    env { MODE: "x" } #MARK\n  }\n' "$n" ;;
	dashes) printf '  service %s {\n    image "x:1"\n    after\n      - a #MARK\n      - b\n  }\n' "$n" ;;
	resource) printf '  service %s {\n    image "x:1"\n    requests cpu 100m ephemeral-storag 1Gi #MARK\n  }\n' "$n" ;;
	outside) printf '  service %s {\n    image "x:1"\n  }\n    after a #MARK\n' "$n" ;;
	value) printf '  service %s {\n    image "x:1"\n    env { URL = http://a.example.com/v1 } #MARK\n  }\n' "$n" ;;
	brace) printf '  stateful %s {\n    image "x:1"\n    port 80\n\n  service %s-next { #MARK\n    image "x:1"\n  }\n' "$n" "$n" ;;
	esac
}

kinds=(colon brace quotes slashes image key comma semicolon http namespace unknown typo env
	dashes resource outside value)

for n in $(seq 1 20); do
	src=$work/n$n.todok
	marks=()
	{
		echo 'stack shop {'
		line=2
		for ((k = 0; k < n; k++)); do
			kind=${kinds[k % ${#kinds[@]}]}
			# One missing '}' at most: the brace counts of the file tell it.
			[ "$kind" = brace ] && [ "$k" -ge ${#kinds[@]} ] && kind=colon
			block=$(mistake "$kind" "c$k")
			offset=$(printf '%s\n' "$block" | grep -n '#MARK' | cut -d: -f1)
			marks+=($((line + offset - 1)))
			printf '%s\n' "$block" | sed 's/ #MARK$//'
			line=$((line + $(printf '%s\n' "$block" | wc -l)))
		done
		echo '}'
	} >"$src"
	(cd "$work" && "$todokc" "n$n.todok" --check --diagnostics=json) 2>"$work/err" >/dev/null
	got=$(grep -c '"severity": "error"' "$work/err")
	lines=$(sed -n 's/.*"severity": "error", "code": "[A-Z0-9]*", "file": "[^"]*", "line": \([0-9]*\),.*/\1/p' \
		"$work/err" | tr '\n' ' ')
	want="${marks[*]} "
	if [ "$got" -eq "$n" ] && [ "$lines" = "$want" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: $n mistakes gave $got errors, on lines $lines(expected $want)"
		(cd "$work" && "$todokc" "n$n.todok" --check) 2>&1 | grep -v '^ ' | sed 's/^/    /' | head -40
	fi
done
echo "syntax-recovery: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
