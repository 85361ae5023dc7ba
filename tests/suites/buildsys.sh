#!/usr/bin/env bash
# buildsys.sh - the build-system integration, end to end (run by make check):
#   1. `make install` with DESTDIR and PREFIX into a temporary folder (through
#      `make -f Makefile -f mk/install.mk` while the top-level Makefile does
#      not include mk/install.mk), and the exact list of installed files;
#   2. the installed man page renders without warnings and documents every
#      option of `todokc --help`; the bash completion (completion-test.sh);
#   3. tests/buildsys/make/ (a Makefile including the installed todok.mk) and
#      tests/buildsys/cmake/ (find_package(Todok) + todok_add_manifests, with
#      the Unix Makefiles generator and with Ninja when installed): a first
#      build writes the manifests; touching the file that one stack reads
#      through file("...") (or the --env-file of the other) rebuilds exactly
#      that stack; a rebuild after that does nothing;
#   4. `make uninstall` leaves no file in the prefix.
# Each project is copied to a temporary folder, removed at the end.
# Prints one line per test and ends with "buildsys: N passed, M failed".
# The bash -c '...' snippets take their values as "$1"...; A && B || C here
# means "check A and B, else report".
# shellcheck disable=SC2016,SC2015
set -u
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
here=$root/tests/buildsys
# `make install` keeps the variables given to an enclosing make (make check
# SANITIZE=1), so that it does not rebuild todokc differently; nothing else
# here sees the enclosing make's options, variables or jobserver.
parent_vars=
case " ${MAKEFLAGS:-} " in *" -- "*) parent_vars=${MAKEFLAGS#* -- } ;; esac
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
passed=0 failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/todokc-buildsys.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
log=$tmp/log

pass() { passed=$((passed + 1)); echo "PASS: $1"; }
fail() {
	failed=$((failed + 1))
	echo "FAIL: $1"
	[ -n "${2:-}" ] && [ -s "$2" ] && tail -n 30 "$2" | sed 's/^/    /'
	return 0
}
skip() { echo "SKIP: $1"; }
# check NAME COMMAND...: one test; the log is shown if it fails.
check() {
	local name=$1
	shift
	if "$@" >"$log" 2>&1; then pass "$name"; else fail "$name" "$log"; fi
}

# The mtime (ns) of each kustomization.yaml under folder $1, one "path time" a line.
stamps() { find "$1" -name kustomization.yaml -printf '%p %T@\n' | sort; }
# Which of the kustomization.yaml files changed between two stamps() lists.
changed() { diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") | sed -n 's/^> \([^ ]*\) .*/\1/p'; }
# How many lines of build log $1 run todokc on stack $2 (a file name).
runs() { grep -c "todokc.* stacks/$2" "$1"; }

# --- 1. install --------------------------------------------------------------
make_install=(make -C "$root")
[ -n "$parent_vars" ] && make_install=(env MAKEFLAGS="-- $parent_vars" make -C "$root")
how="make install (mk/install.mk included by the Makefile)"
if ! grep -Eq '^[[:space:]]*-?include[[:space:]]+([^#]*[[:space:]])?mk/install\.mk' "$root/Makefile"; then
	make_install+=(-f Makefile -f mk/install.mk)
	how="make -f Makefile -f mk/install.mk install"
fi
dest=$tmp/dest pfx=/opt/todokc
P=$dest$pfx
if "${make_install[@]}" install DESTDIR="$dest" PREFIX="$pfx" >"$log" 2>&1; then
	pass "$how, DESTDIR=... PREFIX=..."
else
	fail "make install DESTDIR=... PREFIX=..." "$log"
	echo "buildsys: $passed passed, $failed failed"
	exit 1
fi

expected_files() {
	echo bin/todokc
	echo share/man/man1/todokc.1
	echo share/bash-completion/completions/todokc
	for p in ftdetect syntax ftplugin indent; do echo "share/vim/vimfiles/$p/todok.vim"; done
	echo share/emacs/site-lisp/todok-mode.el
	(cd "$root/editors/vscode" && find . -type f ! -path '*/node_modules/*' ! -name '*.vsix') |
		sed 's|^\./|share/todokc/vscode/|'
	echo share/todokc/todok.mk
	for f in TodokConfig TodokConfigVersion TodokDepfile; do echo "lib/cmake/Todok/$f.cmake"; done
}
expected_files | sort >"$tmp/expected"
(cd "$P" && find . -type f | sed 's|^\./||' | sort) >"$tmp/installed"
check "install puts exactly the expected files under DESTDIR/PREFIX" diff "$tmp/expected" "$tmp/installed"
check "nothing is installed outside DESTDIR/PREFIX" \
	bash -c '[ -z "$(find "$1" -mindepth 1 -maxdepth 1 ! -name opt)" ] && [ -z "$(find "$1/opt" -mindepth 1 -maxdepth 1 ! -name todokc)" ]' _ "$dest"
check "installed bin/todokc is executable and runs" "$P/bin/todokc" --version
version=$("$P/bin/todokc" --version | awk '{print $2}')
check "the CMake package version is todokc's ($version)" \
	grep -q "PACKAGE_VERSION \"$version\"" "$P/lib/cmake/Todok/TodokConfigVersion.cmake"

# --- 2. man page and completion ----------------------------------------------
man1=$P/share/man/man1/todokc.1
check "the man page's version is todokc's ($version)" grep -q "^\.TH TODOKC 1 .*\"todokc $version\"" "$man1"
if command -v groff >/dev/null; then
	check "groff -man -Tutf8 -ww -z: no warnings" \
		bash -c 'out=$(groff -man -Tutf8 -ww -z "$1" 2>&1) && [ -z "$out" ] || { echo "$out"; false; }' _ "$man1"
else
	skip "groff is not installed: man page warnings not checked"
fi
if command -v man >/dev/null; then
	check "man -l renders the installed page without warnings" \
		bash -c 'MANWIDTH=100 man --warnings -l "$1" >"$2" 2>"$2.err" && [ ! -s "$2.err" ] && grep -q "EXIT STATUS" "$2" || { cat "$2.err"; false; }' _ "$man1" "$tmp/man.txt"
	missing=()
	for opt in $("$P/bin/todokc" --help | grep -oE '(^|[ ,])--?[a-z][-a-z]*' | tr -d ' ,' | sort -u); do
		grep -q -e "$opt" "$tmp/man.txt" || missing+=("$opt")
	done
	check "the man page documents every option of todokc --help" \
		bash -c '[ $# -eq 0 ] || { echo "missing: $*"; false; }' _ ${missing[@]+"${missing[@]}"}
	for section in NAME SYNOPSIS DESCRIPTION OPTIONS OUTPUT "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
		grep -q "^$section\$" "$tmp/man.txt" || missing+=("$section")
	done
	check "the man page has every section" \
		bash -c '[ $# -eq 0 ] || { echo "missing: $*"; false; }' _ ${missing[@]+"${missing[@]}"}
else
	skip "man is not installed: rendering not checked"
fi
if bash "$here/completion-test.sh" "$P/share/bash-completion/completions/todokc" >"$tmp/completion.log" 2>&1; then
	pass "bash completion ($(tail -n 1 "$tmp/completion.log"))"
else
	fail "bash completion" "$tmp/completion.log"
fi

# --- 3a. a Make project including share/todokc/todok.mk -----------------------
m=$tmp/make
cp -R "$here/make" "$m"
mk() { make -C "$m" TODOKC_PREFIX="$P" "$@"; }
if mk >"$tmp/make1.log" 2>&1; then
	pass "make: first build"
else
	fail "make: first build" "$tmp/make1.log"
fi
manifests_ok() { # FOLDER EXT NOBJECTS: every listed file exists, secrets 0600
	local dir=$1 ext=$2 n=$3 f count=0
	[ -f "$dir/kustomization.yaml" ] && [ -f "$dir/.todokc-outputs" ] || { echo "no kustomization.yaml or index in $dir"; return 1; }
	while IFS= read -r f; do
		[ -s "$dir/$f" ] || { echo "missing $dir/$f"; return 1; }
		[[ $f == *."$ext" ]] || { echo "$f is not .$ext"; return 1; }
		case $f in *-secret-*) [ "$(stat -c %a "$dir/$f")" = 600 ] || { echo "$f is not mode 600"; return 1; } ;; esac
		count=$((count + 1))
	done < <(sed -n 's/^- //p' "$dir/kustomization.yaml")
	[ "$count" -eq "$n" ] || { echo "$dir: $count objects, expected $n"; return 1; }
}
check "make: shop manifests (5 objects) in manifests/shop/" manifests_ok "$m/manifests/shop" yaml 5
check "make: blog manifests (3 objects) in manifests/blog/" manifests_ok "$m/manifests/blog" yaml 3
check "make: -D tag=2.1 from TODOK_FLAGS_blog reached the manifests" \
	grep -q 'blog-web:2.1' "$m/manifests/blog/03-deployment-blog-web.yaml"
check "make: todok.mk used the installed $pfx/bin/todokc" grep -q "^$P/bin/todokc stacks/shop.todok" "$tmp/make1.log"

rebuild_only() { # LOG BEFORE AFTER STACK: exactly STACK was rebuilt, once
	local c
	c=$(changed "$2" "$3")
	[ "$(runs "$1" "$4.todok")" = 1 ] && [ "$(grep -c 'todokc.* stacks/' "$1")" = 1 ] &&
		[ "$(printf '%s\n' "$c" | grep -c .)" = 1 ] && [[ $c == */"$4"/kustomization.yaml ]] ||
		{ echo "expected only $4 to be rebuilt; changed: ${c:-nothing}"; cat "$1"; return 1; }
}
nothing_rebuilt() { # LOG BEFORE AFTER
	[ "$(grep -c 'todokc.* stacks/' "$1")" = 0 ] && [ "$2" = "$3" ] ||
		{ echo "expected no rebuild; changed: $(changed "$2" "$3")"; cat "$1"; return 1; }
}
# touch_later FILE: touch it at least 10 ms after the outputs were written
# (file systems keep coarse times), without a time in the future.
touch_later() { sleep 1; touch "$1"; }

s0=$(stamps "$m/manifests")
mk >"$tmp/make2.log" 2>&1
s1=$(stamps "$m/manifests")
check "make: a second build does nothing" nothing_rebuilt "$tmp/make2.log" "$s0" "$s1"
touch_later "$m/stacks/secrets/db-password.txt"
mk >"$tmp/make3.log" 2>&1
s2=$(stamps "$m/manifests")
check "make: touching the file(\"...\") secret rebuilds exactly shop" rebuild_only "$tmp/make3.log" "$s1" "$s2" shop
mk >"$tmp/make4.log" 2>&1
s3=$(stamps "$m/manifests")
check "make: the build after that does nothing" nothing_rebuilt "$tmp/make4.log" "$s2" "$s3"
touch_later "$m/stacks/blog.env"
mk >"$tmp/make5.log" 2>&1
s4=$(stamps "$m/manifests")
check "make: touching blog's --env-file rebuilds exactly blog" rebuild_only "$tmp/make5.log" "$s3" "$s4" blog
mk TODOK_FLAGS_blog='--env-file stacks/blog.env -D tag=2.2' >"$tmp/make6.log" 2>&1
s5=$(stamps "$m/manifests")
check "make: changing blog's flags rebuilds exactly blog" rebuild_only "$tmp/make6.log" "$s4" "$s5" blog
touch_later "$P/bin/todokc"
mk >"$tmp/make6b.log" 2>&1
s6=$(stamps "$m/manifests")
check "make: a newer todokc rebuilds both stacks" \
	bash -c '[ "$(grep -c "todokc.* stacks/" "$1")" = 2 ] && [ "$(diff <(echo "$2") <(echo "$3") | grep -c "^>")" = 2 ] || { cat "$1"; false; }' \
	_ "$tmp/make6b.log" "$s5" "$s6"
mk clean >"$tmp/make7.log" 2>&1
check "make: todok-clean removes the manifests, depfiles and folders" \
	bash -c '[ ! -e "$1/manifests" ] || { find "$1/manifests"; false; }' _ "$m"
mk -j2 >"$tmp/make8.log" 2>&1
check "make -j2: builds both stacks again" manifests_ok "$m/manifests/shop" yaml 5

# --- 3b. a CMake project with find_package(Todok) ---------------------------
cmake_project() { # GENERATOR LABEL
	local gen=$1 label=$2 c=$tmp/cmake-$2 b
	b=$c/build
	cp -R "$here/cmake" "$c"
	if cmake -S "$c" -B "$b" -G "$gen" -DCMAKE_PREFIX_PATH="$P" >"$tmp/$label-configure.log" 2>&1; then
		pass "cmake ($label): configure with find_package(Todok 0.1)"
	else
		fail "cmake ($label): configure with find_package(Todok 0.1)" "$tmp/$label-configure.log"
		return
	fi
	check "cmake ($label): TODOKC_EXECUTABLE is the installed $pfx/bin/todokc" \
		grep -qx "TODOKC_EXECUTABLE:FILEPATH=$P/bin/todokc" "$b/CMakeCache.txt"
	local build=(cmake --build "$b")
	if "${build[@]}" >"$tmp/$label-1.log" 2>&1; then
		pass "cmake ($label): first build"
	else
		fail "cmake ($label): first build" "$tmp/$label-1.log"
		return
	fi
	check "cmake ($label): shop manifests (5 objects, yaml)" manifests_ok "$b/shop_manifests/shop" yaml 5
	check "cmake ($label): blog manifests (3 objects, FORMAT json, OUTPUT_DIR manifests)" \
		manifests_ok "$b/manifests/blog" json 3
	local s0 s1 s2 s3 s4
	s0=$(stamps "$b")
	"${build[@]}" >"$tmp/$label-2.log" 2>&1
	s1=$(stamps "$b")
	check "cmake ($label): a second build does nothing" nothing_rebuilt "$tmp/$label-2.log" "$s0" "$s1"
	touch_later "$c/stacks/secrets/db-password.txt"
	"${build[@]}" >"$tmp/$label-3.log" 2>&1
	s2=$(stamps "$b")
	check "cmake ($label): touching the file(\"...\") secret rebuilds exactly shop" \
		rebuild_only "$tmp/$label-3.log" "$s1" "$s2" shop
	"${build[@]}" >"$tmp/$label-4.log" 2>&1
	s3=$(stamps "$b")
	check "cmake ($label): the build after that does nothing" nothing_rebuilt "$tmp/$label-4.log" "$s2" "$s3"
	touch_later "$c/stacks/blog.env"
	"${build[@]}" >"$tmp/$label-5.log" 2>&1
	s4=$(stamps "$b")
	check "cmake ($label): touching blog's ENV_FILE rebuilds exactly blog" \
		rebuild_only "$tmp/$label-5.log" "$s3" "$s4" blog
}
if command -v cmake >/dev/null; then
	cmake_project "Unix Makefiles" makefiles
	if command -v ninja >/dev/null; then
		cmake_project Ninja ninja
	else
		skip "ninja is not installed (Debian: apt-get install ninja-build): the CMake Ninja generator is not tested"
	fi
	# find_package(Todok 9) must fail: the version file rejects it.
	mkdir -p "$tmp/cmake-version"
	printf 'cmake_minimum_required(VERSION 3.20)\nproject(v NONE)\nfind_package(Todok 9 REQUIRED)\n' \
		>"$tmp/cmake-version/CMakeLists.txt"
	check "cmake: find_package(Todok 9) is refused by TodokConfigVersion.cmake" \
		bash -c '! cmake -S "$1" -B "$1/b" -DCMAKE_PREFIX_PATH="$2" && ! grep -q TODOKC_EXECUTABLE "$1/b/CMakeCache.txt"' _ "$tmp/cmake-version" "$P"
else
	skip "cmake is not installed: the CMake package is not tested"
fi

# --- 4. uninstall ------------------------------------------------------------
if "${make_install[@]}" uninstall DESTDIR="$dest" PREFIX="$pfx" >"$log" 2>&1; then
	pass "make uninstall DESTDIR=... PREFIX=..."
else
	fail "make uninstall DESTDIR=... PREFIX=..." "$log"
fi
check "uninstall leaves no file in the prefix" bash -c '[ -z "$(find "$1" -type f)" ] || { find "$1" -type f; false; }' _ "$dest"
check "uninstall removes todokc's own folders (share/todokc, lib/cmake/Todok)" \
	bash -c '[ ! -e "$1/share/todokc" ] && [ ! -e "$1/lib/cmake/Todok" ]' _ "$P"

# The same with PREFIX alone (no DESTDIR).
prefix_only() {
	local p2=$tmp/prefix
	"${make_install[@]}" install PREFIX="$p2" || return 1
	(cd "$p2" && find . -type f | sed 's|^\./||' | sort) >"$tmp/installed2"
	diff "$tmp/expected" "$tmp/installed2" || return 1
	"${make_install[@]}" uninstall PREFIX="$p2" || return 1
	[ -z "$(find "$p2" -type f)" ] || { find "$p2" -type f; return 1; }
}
check "install/uninstall with PREFIX only: the same files, then none" prefix_only

echo "buildsys: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
