#!/usr/bin/env bash
# run.sh - runs the editor-support tests (editors/) with each tool that is
# installed: TextMate grammar (vscode-tmgrammar-test, via npm), the VS Code
# extension's language client (vscode-client.js), Vim, Emacs (with eglot's
# entry for todokc lsp), and the keywords.def drift test for each. A missing tool is skipped with a
# line saying so. Ends with "editors: N passed, M failed"; exits 1 if M > 0.
# Usage (from anywhere): bash tests/editors/run.sh
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
passed=0 failed=0

check() { # NAME COMMAND...: one test; its output is shown only if it fails
  local name=$1; shift
  if (cd "$root" && "$@") > "$log" 2>&1; then
    passed=$((passed + 1)); echo "PASS: $name"
  else
    failed=$((failed + 1)); echo "FAIL: $name"; sed 's/^/    /' "$log"
  fi
}

vscode_manifest() { # package.json's contributions point at valid files
  node -e '
    const fs = require("fs"), path = require("path"), dir = "editors/vscode";
    const read = f => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    const c = read("package.json").contributes;
    const lang = c.languages.find(l => l.id === "todok");
    if (!lang || !lang.extensions.includes(".todok")) throw "no todok language for .todok";
    const conf = read(lang.configuration);
    if (conf.comments.lineComment !== "#") throw "line comment is not #";
    const g = c.grammars.find(g => g.language === "todok");
    if (read(g.path).scopeName !== g.scopeName || g.scopeName !== "source.todok") throw "bad scopeName";
    const sn = read(c.snippets.find(s => s.language === "todok").path);
    for (const k of ["stack", "service", "stateful", "job", "cron", "sidecar"]) if (!sn[k]) throw "no snippet " + k;
    const pkg = read("package.json"), lock = read("package-lock.json");
    if (!fs.existsSync(path.join(dir, pkg.main))) throw "no " + pkg.main;
    if (!pkg.activationEvents.includes("onLanguage:todok")) throw "not activated for todok";
    for (const [name, v] of Object.entries(pkg.dependencies)) {
      if (!/^[0-9]+[.][0-9]+[.][0-9]+$/.test(v)) throw name + " is not pinned: " + v;
      if (lock.packages["node_modules/" + name].version !== v) throw name + " differs in the lock";
    }'
}

# TextMate grammar (VS Code).
if command -v npm > /dev/null; then
  if [ ! -d "$here/node_modules" ]; then
    echo "npm ci in tests/editors"
    (cd "$here" && npm ci --no-audit --no-fund > "$log" 2>&1) || { echo "npm ci failed:"; cat "$log"; }
  fi
  check "vscode: package.json and its files" vscode_manifest
  check "textmate: assertions in tests/editors/textmate/" \
    "$here/node_modules/.bin/vscode-tmgrammar-test" \
    -g editors/vscode/syntaxes/todok.tmLanguage.json "tests/editors/textmate/*.todok"
  check "textmate: every keyword of keywords.def" bash "$here/keywords-test.sh" textmate
  if [ -x "${TODOKC:-$root/todokc}" ]; then
    check "vscode: the extension's client, and vscode-languageserver-protocol $(node -p \
      'require("./tests/editors/node_modules/vscode-languageserver-protocol/package.json").version' \
      2>/dev/null) against todokc lsp" node "$here/vscode-client.js" "${TODOKC:-$root/todokc}"
  else
    echo "skip: the VS Code client (todokc is not built)"
  fi
else
  echo "skip: TextMate tests (npm is not installed)"
fi

# Vim.
if command -v vim > /dev/null; then
  vim_run() { # SCRIPT: runs Vim headless on the sample with editors/vim first in 'rtp'
    vim -Nu NONE -i NONE -es --cmd "set rtp^=$root/editors/vim" -S "$1" tests/editors/sample.todok
  }
  vim_syntax() { # the groups at the places listed in vim/expected.txt
    grep -v '^#' tests/editors/vim/expected.txt > "$log.want"
    SYNAT=$(cut -f1 "$log.want" | grep -v '^filetype=') vim_run tests/editors/vim/synat.vim |
      diff -u "$log.want" -; local rc=$?
    rm -f "$log.want"; return $rc
  }
  check "vim $(vim --version | sed -n 's/^VIM - Vi IMproved \([0-9.]*\).*/\1/p'): syntax groups (vim/expected.txt)" vim_syntax
  check "vim: ftplugin options and indentation" vim_run tests/editors/vim/ftplugin.vim
  check "vim: every keyword of keywords.def" bash "$here/keywords-test.sh" vim
else
  echo "skip: Vim tests (vim is not installed)"
fi

# Emacs.
if command -v emacs > /dev/null; then
  emacs_compile() { # byte-compiles a copy (no .elc in the tree); a warning fails
    local d; d=$(mktemp -d); cp editors/emacs/todok-mode.el "$d/"
    emacs -Q --batch --eval '(setq byte-compile-error-on-warn t)' \
      -f batch-byte-compile "$d/todok-mode.el"; local rc=$?
    rm -rf "$d"; return $rc
  }
  check "emacs $(emacs --version | sed -n '1s/^GNU Emacs //p'): byte-compiles without warnings" emacs_compile
  check "emacs: ERT tests (emacs/todok-mode-test.el)" emacs -Q --batch -L editors/emacs \
    -l tests/editors/emacs/todok-mode-test.el -f ert-run-tests-batch-and-exit
  check "emacs: every keyword of keywords.def" bash "$here/keywords-test.sh" emacs
else
  echo "skip: Emacs tests (emacs is not installed)"
fi

echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
