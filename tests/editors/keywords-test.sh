#!/usr/bin/env bash
# keywords-test.sh - drift test: every spelling of include/keywords.def must be
# highlighted, with the group/scope/face of its role, by each editor grammar.
# It writes a buffer with each keyword where the language reads it as a
# keyword, then runs Vim and Emacs on it and tokenizes it with the TextMate
# grammar (vscode-tmgrammar-test assertions generated here).
# Usage: keywords-test.sh [vim|emacs|textmate]...   (default: all three)
# KEYWORDS_DEF=FILE checks another list (to see the test fail on a new word).
# shellcheck disable=SC2317  # the check_TOOL functions are called as "check_$tool"
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
def=${KEYWORDS_DEF:-$root/include/keywords.def}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ $# -gt 0 ] || set -- vim emacs textmate

# "spelling role" for each KEYWORD(TOKEN, "spelling", role) line.
sed -n 's/^[[:space:]]*KEYWORD([[:space:]]*[A-Za-z0-9_]*[[:space:]]*,[[:space:]]*"\([^"]*\)"[[:space:]]*,[[:space:]]*\([a-z_]*\)[[:space:]]*).*/\1 \2/p' \
  "$def" > "$tmp/keywords"
total=$(grep -c '^KEYWORD(' "$def")
if [ "$total" -eq 0 ] || [ "$(wc -l < "$tmp/keywords")" -ne "$total" ]; then
  echo "keywords-test: cannot read the KEYWORD lines of $def" >&2
  exit 1
fi

# The buffer kw.todok, and positions: LINE COL SPELLING ROLE (COL from 1).
{
  echo "stack kw {"
  echo "  service demo {"
  n=2
  while read -r word role; do
    case $role in
      declaration) pre="  "; post=" demo" ;;
      property)    pre="    "; post=" demo" ;;
      resource)    pre="    requests "; post=" 1" ;;
      probe)       pre="    liveness "; post="" ;;
      expose)      pre="    expose "; post="" ;;
      volume)      pre="    volume v "; post=' "/x"' ;;
      modifier)    pre="    port 80 "; post="" ;;
      function)    pre="    KEY = "; post='("x")' ;;
      *) echo "keywords-test: '$word' has role '$role', which no editor test knows" >&2
         pre="    "; post="" ;;
    esac
    n=$((n + 1))
    printf '%s%s%s\n' "$pre" "$word" "$post"
    printf '%d %d %s %s\n' "$n" $((${#pre} + 1)) "$word" "$role" >&3
  done < "$tmp/keywords"
  echo "  }"
  echo "}"
} > "$tmp/kw.todok" 3> "$tmp/positions"

status=0
report() { # TOOL ERRORFILE
  if [ -s "$2" ]; then
    sed "s/^/keywords-test: $1: /" "$2"
    echo "keywords-test: $1: FAILED"
    status=1
  else
    echo "keywords-test: $1: all $total keywords highlighted"
  fi
}

check_vim() {
  local pos=""
  while read -r l c word role; do
    pos="$pos $l:$c $l:$((c + ${#word} - 1))"
  done < "$tmp/positions"
  SYNAT=$pos vim -Nu NONE -i NONE -es --cmd "set rtp^=$root/editors/vim" \
    -S "$here/vim/synat.vim" "$tmp/kw.todok" > "$tmp/vim.out" 2>&1
  # Each keyword gives two lines (first and last character).
  paste -d' ' - - < "$tmp/vim.out" | head -n "$total" | paste -d' ' "$tmp/positions" - |
    awk '{ l = $1; c = $2; word = $3; role = $4
           want = "todok" toupper(substr(role, 1, 1)) substr(role, 2)
           split($0, f, "\t"); g1 = f[3]; h1 = f[4]; sub(/ .*/, "", h1); g2 = f[6]; h2 = f[7]
           okhl = role == "function" || h1 == "Statement" || h1 == "Type"
           if (g1 != want || g2 != want || h2 != h1 || !okhl)
             printf "%s (%s) at %d:%d: group %s/%s (%s), want %s\n", word, role, l, c, g1, g2, h1, want }' \
    > "$tmp/vim.err"
  [ "$(wc -l < "$tmp/vim.out")" -eq $((2 * total + 1)) ] ||
    { echo "vim printed:"; cat "$tmp/vim.out"; } >> "$tmp/vim.err"
  report vim "$tmp/vim.err"
}

check_emacs() {
  TODOK_KW_FILE=$tmp/kw.todok TODOK_KW_POSITIONS=$tmp/positions \
    emacs -Q --batch -L "$root/editors/emacs" -l "$here/emacs/keywords-check.el" \
    > "$tmp/emacs.err" 2>&1
  report emacs "$tmp/emacs.err"
}

check_textmate() {
  local t=$tmp/tm/keywords.todok
  mkdir -p "$tmp/tm"
  { echo '# SYNTAX TEST "source.todok" "keywords of include/keywords.def"'
    local n=0 l c word role scope
    while IFS= read -r line; do
      n=$((n + 1)); echo "$line"
      while read -r l c word role; do
        [ "$l" -eq "$n" ] || continue
        case $role in
          declaration) scope=storage.type.todok ;;
          property)    scope=keyword.control.todok ;;
          function)    scope=support.function.todok ;;
          *)           scope=keyword.other.$role.todok ;;
        esac
        printf '#%*s%s %s\n' $((c - 2)) '' "$(printf '%*s' ${#word} '' | tr ' ' '^')" "$scope"
      done < "$tmp/positions"
    done < "$tmp/kw.todok"
  } > "$t"
  (cd "$here" && ./node_modules/.bin/vscode-tmgrammar-test -c \
    -g "$root/editors/vscode/syntaxes/todok.tmLanguage.json" "$t") > "$tmp/tm.out" 2>&1 ||
    cp "$tmp/tm.out" "$tmp/tm.err"
  touch "$tmp/tm.err"
  report textmate "$tmp/tm.err"
}

for tool in "$@"; do
  case $tool in
    vim|emacs|textmate) "check_$tool" ;;
    *) echo "keywords-test: unknown tool '$tool'" >&2; status=1 ;;
  esac
done
exit $status
