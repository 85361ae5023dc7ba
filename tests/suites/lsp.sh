#!/usr/bin/env bash
# lsp.sh - `todokc lsp` (docs/tools.md section 2):
#   - tests/lsp/test_lsp.py: whole sessions with a scripted client (every
#     feature and its exact answers), malformed messages, and no secret
#     value in any byte the server writes (needs python3);
#   - the same under valgrind's memcheck (when installed, and todokc is not
#     built with sanitizers): no invalid access, no leak;
#   - a real client: Neovim's built-in LSP client (tests/lsp/nvim.lua, on
#     tests/lsp/nvim-sample.todok): the diagnostics arrive with the right
#     columns, an edit clears them, formatting gives todokc fmt's text;
#     its report must be tests/lsp/nvim.expected (needs nvim);
#   - another: Emacs's eglot through todok-mode's entry (tests/lsp/eglot.el):
#     the diagnostics, formatting, shutdown (params null) and the exit
#     status; tests/lsp/eglot.expected (needs emacs and eglot).
# Ends with "lsp: N passed, M failed".
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

if command -v python3 >/dev/null; then
	python3 "$root/tests/lsp/test_lsp.py" "$todokc" >"$tmp/py.log" 2>&1
	status=$?
	grep -v '^lsp: ' "$tmp/py.log"
	p=$(sed -n 's/^lsp: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$tmp/py.log")
	f=$(sed -n 's/^lsp: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$tmp/py.log")
	passed=$((passed + ${p:-0})) failed=$((failed + ${f:-1}))
	[ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ] && failed=$((failed + 1))
	echo "scripted client: ${p:-0} passed, ${f:-1} failed"
else
	echo "skip: the scripted client (python3 is not installed)"
fi

# The scripted sessions again with the server under valgrind's memcheck.
if command -v valgrind >/dev/null && command -v python3 >/dev/null &&
	! grep -qs fsanitize "$root/build/flags"; then
	printf '#!/bin/sh\nexec valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99 %s "$@"\n' \
		"$todokc" >"$tmp/todokc-vg"
	chmod +x "$tmp/todokc-vg"
	if python3 "$root/tests/lsp/test_lsp.py" "$tmp/todokc-vg" >"$tmp/vg.log" 2>&1; then
		pass
		echo "ok: valgrind: the scripted sessions, no error, no leak"
	else
		fail "valgrind: the scripted sessions" "$tmp/vg.log"
	fi
else
	echo "skip: the sessions under valgrind (no valgrind, or a sanitizer build)"
fi

if command -v nvim >/dev/null; then
	cp "$root/tests/lsp/nvim-sample.todok" "$tmp/sample.todok"
	(cd "$tmp" && TODOKC=$todokc NVIM_OUT=$tmp/nvim.out timeout 60 nvim --headless -u NONE -i NONE -n \
		sample.todok -c "luafile $root/tests/lsp/nvim.lua") >"$tmp/nvim.log" 2>&1
	expect_report "$(nvim --version | head -1): diagnostics, an incremental change, formatting" \
		"$root/tests/lsp/nvim.expected" "$tmp/nvim.out" "$tmp/nvim.log"
else
	echo "skip: the Neovim client (nvim is not installed)"
fi

# Emacs's eglot (Debian's elpa-eglot) through todok-mode's entry.
eglot_init='(progn (require (quote package))
  (when (file-directory-p "/usr/share/emacs/site-lisp/elpa")
    (add-to-list (quote package-directory-list) "/usr/share/emacs/site-lisp/elpa"))
  (package-initialize))'
if command -v emacs >/dev/null && emacs -Q --batch --eval "$eglot_init" \
	--eval '(kill-emacs (if (require (quote eglot) nil t) 0 1))' >/dev/null 2>&1; then
	mkdir -p "$tmp/eglot"
	cp "$root/tests/lsp/nvim-sample.todok" "$tmp/eglot/sample.todok"
	git -C "$tmp/eglot" init -q 2>/dev/null || mkdir -p "$tmp/eglot/.git"
	version="emacs $(emacs --version | sed -n '1s/^GNU Emacs //p'), eglot $(emacs -Q --batch \
		--eval "$eglot_init" --eval '(princ (package-version-join (package-desc-version
			(cadr (assq (quote eglot) package-alist)))))' 2>/dev/null)"
	(cd "$tmp/eglot" && TODOKC=$todokc timeout 60 emacs -Q --batch -L "$root/editors/emacs" \
		-l "$root/tests/lsp/eglot.el") >"$tmp/eglot.out" 2>"$tmp/eglot.log"
	expect_report "$version: diagnostics, formatting, shutdown and exit" "$root/tests/lsp/eglot.expected" \
		"$tmp/eglot.out" "$tmp/eglot.log"
else
	echo "skip: the eglot client (emacs or eglot is not installed)"
fi

finish lsp
