#!/usr/bin/env bash
# completion-test.sh - tests completion/todokc.bash in plain bash (no
# bash-completion needed): sources it, sets COMP_WORDS/COMP_CWORD as bash
# would, calls the completion function and compares COMPREPLY.
# Usage: bash tests/buildsys/completion-test.sh [path/to/todokc.bash]
# Ends with "completion: N passed, M failed"; exits 1 if M > 0.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
script=${1:-$here/../../completion/todokc.bash}
script=$(cd "$(dirname "$script")" && pwd)/$(basename "$script")
passed=0 failed=0
work=$(mktemp -d "${TMPDIR:-/tmp}/todokc-completion.XXXXXX")
trap 'rm -rf "$work"' EXIT

# shellcheck source=/dev/null
source "$script"
if [ "$(complete -p todokc 2>/dev/null)" != "complete -F _todokc todokc" ]; then
	echo "FAIL: sourcing $script does not register _todokc for todokc"
	failed=$((failed + 1))
fi

cd "$work" || exit 1
mkdir -p 'sub dir' out
touch other.todok 'two words.todok' notes.txt prod.env 'sub dir/inner.todok'
cat > app.todok <<'EOF'
stack app {
  param tag = "latest"
  param image-repo = "example.org/app"
  # param old-tag = "1.0"      (a comment: not offered)
  service web { image "${image-repo}/web:${tag}" port 80 }

  profile dev { param tag = "dev" }
  profile prod-eu {
    param tag = "1.0"
    service web { replicas 3 }
  }
  profile staging{
  }
  # profile old {
}
EOF

# expect "WORD1|WORD2|...|CURRENT" "sorted expected candidates, | separated"
# The last word is the one being completed. Words "=" stand for bash's split
# of --opt=value at '=' (COMP_WORDBREAKS).
expect() {
	local rest=$1
	COMP_WORDS=()
	while [[ $rest == *'|'* ]]; do
		COMP_WORDS+=("${rest%%|*}")
		rest=${rest#*|}
	done
	COMP_WORDS+=("$rest")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="${COMP_WORDS[*]}"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_todokc todokc "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	local got
	got=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | paste -sd '|')
	if [ "$got" = "$2" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: completing [${COMP_WORDS[*]}]"
		echo "    expected: $2"
		echo "    got:      $got"
	fi
}

all_options='--capacity|--check|--color=|--depfile|--diagnostics=json|--diagnostics=text|--emit|--env-file|--fail-if-locked|--format|--help|--job-wait-image|--no-wait|--order-annotations|--profile|--version|--wait-image|--werror|-D|-o'
expect 'todokc|-' "$all_options"
expect 'todokc|app.todok|--' "$(tr '|' '\n' <<<"$all_options" | grep -e '^--' | paste -sd '|')"
expect 'todokc|--w' '--wait-image|--werror'
expect 'todokc|--dep' '--depfile'
expect 'todokc|--diag' '--diagnostics=json|--diagnostics=text'
expect 'todokc|--color=' '--color=always|--color=auto|--color=never'
# option values, as "--opt VALUE", "--opt=VALUE" split at '=', and unsplit
expect 'todokc|--format|' 'json|yaml'
expect 'todokc|--format|j' 'json'
expect 'todokc|--format|=|' 'json|yaml'
expect 'todokc|--format|=|y' 'yaml'
expect 'todokc|--format=j' '--format=json'
expect 'todokc|--emit|' 'dot'
expect 'todokc|--emit|=|d' 'dot'
expect 'todokc|--diagnostics|=|' 'json|text'
expect 'todokc|--diagnostics|t' 'text'
expect 'todokc|--capacity|' 'cpu=|memory='
expect 'todokc|--wait-image|' ''
expect 'todokc|--job-wait-image|' ''
expect 'todokc|--ord' '--order-annotations'
expect 'todokc|--order-annotations|' 'argocd|kpt'
expect 'todokc|--order-annotations|k' 'kpt'
expect 'todokc|--order-annotations|=|a' 'argocd'
expect 'todokc|--order-annotations=' '--order-annotations=argocd|--order-annotations=kpt'
expect 'todokc|app.todok|--order-annotations|=|' 'argocd|kpt'
# --profile offers the profiles of the input, wherever it is on the line
expect 'todokc|--pro' '--profile'
expect 'todokc|app.todok|--profile|' 'dev|prod-eu|staging'
expect 'todokc|app.todok|--profile|p' 'prod-eu'
expect 'todokc|app.todok|--profile|=|s' 'staging'
expect 'todokc|app.todok|--profile=d' '--profile=dev'
expect 'todokc|--profile|' ''
expect 'todokc|--profile|d' ''
expect 'todokc|--format|yaml|--profile|dev|app.todok|--profile|' 'dev|prod-eu|staging'
expect 'todokc|other.todok|--profile|' ''
expect 'todokc|app.todok|--profile|x' ''
# -D offers the params of the input, wherever it is on the line
expect 'todokc|app.todok|-D|' 'image-repo=|tag='
expect 'todokc|-D|t' ''
expect 'todokc|app.todok|-D|t' 'tag='
expect 'todokc|app.todok|-Dim' '-Dimage-repo='
expect 'todokc|--format|json|app.todok|-D|' 'image-repo=|tag='
# the values of --profile, --order-annotations and --job-wait-image are not the input
expect 'todokc|--profile|dev|app.todok|-D|' 'image-repo=|tag='
expect 'todokc|--order-annotations|kpt|app.todok|-D|' 'image-repo=|tag='
expect 'todokc|--job-wait-image|img.todok|-D|' ''
expect 'todokc|--job-wait-image|img:1|app.todok|-D|' 'image-repo=|tag='
# a -D value split at '=' (-Dtag=1, -D tag=1) is not the input
expect 'todokc|-Dtag|=|1|app.todok|--profile|' 'dev|prod-eu|staging'
expect 'todokc|-D|tag|=|1|app.todok|--profile|' 'dev|prod-eu|staging'
expect 'todokc|-D|tag|=|1.0|app.todok|-D|' 'image-repo=|tag='
# files and folders
expect 'todokc|' 'app.todok|fmt|import|lsp|other.todok|out|sub dir|two words.todok'
# subcommands: the first word only; after fmt, its options and .todok files;
# after lsp nothing but --help
expect 'todokc|f' 'fmt'
expect 'todokc|app.todok|f' ''
expect 'todokc|fmt|-' '--check|--help|-w'
expect 'todokc|fmt|' 'app.todok|other.todok|out|sub dir|two words.todok'
expect 'todokc|fmt|-w|a' 'app.todok'
expect 'todokc|l' 'lsp'
expect 'todokc|lsp|' ''
expect 'todokc|lsp|-' '--help'
expect 'todokc|a' 'app.todok'
expect 'todokc|t' 'two words.todok'
expect 'todokc|sub dir/' 'sub dir/inner.todok'
expect 'todokc|app.todok|-o|' 'out|sub dir'
expect 'todokc|app.todok|-o|o' 'out'
expect 'todokc|app.todok|--env-file|p' 'prod.env'
expect 'todokc|app.todok|--env-file|' 'app.todok|notes.txt|other.todok|out|prod.env|sub dir|two words.todok'
expect 'todokc|app.todok|--depfile|=|n' 'notes.txt'
expect 'todokc|--check|' 'app.todok|other.todok|out|sub dir|two words.todok'
expect 'todokc|--no-wait|o' 'other.todok|out'

# the import subcommand, with Compose files
touch compose.yaml docker-compose.yml
expect 'todokc|imp' 'import'
expect 'todokc|import|' 'compose'
expect 'todokc|import|compose|' 'compose.yaml|docker-compose.yml|out|sub dir'
expect 'todokc|import|compose|compose.yaml|--ex' '--expose'
expect 'todokc|import|compose|compose.yaml|--expose|' 'clusterip|loadbalancer|nodeport'
expect 'todokc|import|compose|compose.yaml|-o|' 'app.todok|other.todok|out|sub dir|two words.todok'
expect 'todokc|import|compose|compose.yaml|--f' '--force'

echo "completion: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
