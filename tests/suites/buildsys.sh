#!/usr/bin/env bash
# buildsys.sh - the build-system integration, end to end (run by make check):
#   1. `make install` with DESTDIR and PREFIX into a temporary folder (through
#      `make -f Makefile -f mk/install.mk` while the top-level Makefile does
#      not include mk/install.mk), and the exact list of installed files;
#   2. the installed man page renders without warnings and documents every
#      option of `todokc --help`; the bash completion offers every one of
#      them, and passes completion-test.sh;
#   3. tests/buildsys/make/ (a Makefile including the installed todok.mk) and
#      tests/buildsys/cmake/ (find_package(Todok) + todok_add_manifests, with
#      the Unix Makefiles generator and with Ninja when installed): a first
#      build writes the manifests, and one stack (web) once per profile into
#      web/dev/ and web/prod/; touching the file that one stack reads
#      through file("...") (or the --env-file of the other) rebuilds exactly
#      that stack; touching web.todok rebuilds both profile folders, a file
#      or an option of one profile only that profile's; a rebuild after that
#      does nothing; todok-clean removes every folder;
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

# The mtime (ns) of each Kustomization under folder $1, one "path time" a line.
stamps() { find "$1" -name Kustomization -printf '%p %T@\n' | sort; }
# Which of the Kustomization files changed between two stamps() lists.
changed() { diff <(printf '%s\n' "$1") <(printf '%s\n' "$2") | sed -n 's/^> \([^ ]*\) .*/\1/p'; }

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
	missing=()
	for section in NAME SYNOPSIS DESCRIPTION OPTIONS OUTPUT "EXIT STATUS" ENVIRONMENT FILES EXAMPLES "SEE ALSO"; do
		grep -q "^$section\$" "$tmp/man.txt" || missing+=("$section")
	done
	check "the man page has every section" \
		bash -c '[ $# -eq 0 ] || { echo "missing: $*"; false; }' _ ${missing[@]+"${missing[@]}"}
else
	skip "man is not installed: rendering not checked"
fi
# The options that the installed completion offers after "todokc -", one a line.
completion_options() {
	bash -c 'source "$1" && COMP_WORDS=(todokc -) COMP_CWORD=1 && _todokc todokc - todokc && printf "%s\n" "${COMPREPLY[@]}"' _ "$1"
}
offered=$(completion_options "$P/share/bash-completion/completions/todokc" 2>&1)
missing=()
# The compiler's options: the synopsis lines of the subcommands (todokc fmt
# [--check | -w] ...) are left out; completion-test.sh checks those.
for opt in $("$P/bin/todokc" --help | grep -vE '^ *todokc [a-z]+ ' |
	grep -oE '(^|[ ,])--?[a-z][-a-z]*' | tr -d ' ,' | sort -u); do
	grep -qx -e "$opt" -e "$opt=.*" <<<"$offered" || missing+=("$opt")
done
check "the bash completion offers every option of todokc --help" \
	bash -c '[ $# -eq 0 ] || { echo "missing: $*"; false; }' _ ${missing[@]+"${missing[@]}"}
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
	[ -f "$dir/Kustomization" ] && [ -f "$dir/.todokc-outputs" ] || { echo "no Kustomization or index in $dir"; return 1; }
	[ ! -e "$dir/kustomization.yaml" ] || { echo "$dir/kustomization.yaml exists beside the Kustomization"; return 1; }
	while IFS= read -r f; do
		[ -s "$dir/$f" ] || { echo "missing $dir/$f"; return 1; }
		[[ $f == *."$ext" ]] || { echo "$f is not .$ext"; return 1; }
		case $f in *-secret-*) [ "$(stat -c %a "$dir/$f")" = 600 ] || { echo "$f is not mode 600"; return 1; } ;; esac
		count=$((count + 1))
	done < <(sed -n 's/^- //p' "$dir/Kustomization")
	[ "$count" -eq "$n" ] || { echo "$dir: $count objects, expected $n"; return 1; }
}
check "make: shop manifests (5 objects) in manifests/shop/" manifests_ok "$m/manifests/shop" yaml 5
check "make: blog manifests (3 objects) in manifests/blog/" manifests_ok "$m/manifests/blog" yaml 3
check "make: web's dev profile (4 objects) in manifests/web/dev/" manifests_ok "$m/manifests/web/dev" yaml 4
check "make: web's prod profile (4 objects) in manifests/web/prod/" manifests_ok "$m/manifests/web/prod" yaml 4
# profile_ok FOLDER: web/dev and web/prod were compiled with their profile
# (and prod with TAG, its TODOK_FLAGS_web_prod), web/ itself was not.
profile_ok() {
	local w=$1 tag=$2
	[ ! -e "$w/Kustomization" ] || { echo "$w/Kustomization was made"; return 1; }
	grep -q 'image: web-site:dev' "$w/dev/04-deployment-web-site.yaml" &&
		grep -q 'namespace: web-dev' "$w/dev/04-deployment-web-site.yaml" &&
		grep -q 'replicas: 1' "$w/dev/04-deployment-web-site.yaml" &&
		grep -q "image: web-site:$tag" "$w/prod/04-deployment-web-site.yaml" &&
		grep -q 'namespace: web-prod' "$w/prod/04-deployment-web-site.yaml" &&
		grep -q 'replicas: 3' "$w/prod/04-deployment-web-site.yaml" ||
		{ grep -H -e image: -e namespace: -e replicas: "$w"/*/04-deployment-web-site.yaml; return 1; }
}
check "make: --profile dev / --profile prod (with TODOK_FLAGS_web_prod) applied, no manifests/web/Kustomization" \
	profile_ok "$m/manifests/web" 1.1
check "make: each profile has its own depfile, first target its Kustomization, and flags file" \
	bash -c 'for p in dev prod; do
		grep -q "^manifests/web/$p/Kustomization " "$1/web/$p.d" && grep -q -e "--profile $p" "$1/web/$p.flags" || { cat "$1/web/$p.d" "$1/web/$p.flags"; exit 1; }
	done
	grep -q "secrets/dev-key.txt" "$1/web/dev.d" && ! grep -q "secrets/prod-key.txt" "$1/web/dev.d" &&
		grep -q "secrets/prod-key.txt" "$1/web/prod.d" && grep -q -- "-D tag=1.1" "$1/web/prod.flags" &&
		grep -q "^manifests/shop/Kustomization " "$1/shop.d"' _ "$m/manifests"
check "make: -D tag=2.1 from TODOK_FLAGS_blog reached the manifests" \
	grep -q 'blog-web:2.1' "$m/manifests/blog/03-deployment-blog-web.yaml"
check "make: todok.mk used the installed $pfx/bin/todokc" grep -q "^$P/bin/todokc stacks/shop.todok" "$tmp/make1.log"

rebuilt() { # LOG BEFORE AFTER FOLDER...: exactly these folders (shop, web/dev) were rebuilt, once each
	local log=$1 c f ok=1
	c=$(changed "$2" "$3")
	shift 3
	[ "$(grep -c 'todokc.* stacks/' "$log")" = $# ] && [ "$(printf '%s\n' "$c" | grep -c .)" = $# ] || ok=
	for f in "$@"; do grep -q "/$f/Kustomization\$" <<<"$c" || ok=; done
	[ -n "$ok" ] || { echo "expected exactly $* to be rebuilt; changed: ${c:-nothing}"; cat "$log"; return 1; }
}
rebuild_only() { rebuilt "$@"; } # LOG BEFORE AFTER STACK: exactly STACK was rebuilt, once
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
check "make: a newer todokc rebuilds every stack and profile" rebuilt "$tmp/make6b.log" "$s5" "$s6" shop blog web/dev web/prod
touch_later "$m/stacks/web.todok"
mk >"$tmp/make9.log" 2>&1
s7=$(stamps "$m/manifests")
check "make: touching web.todok rebuilds exactly its two profile folders" rebuilt "$tmp/make9.log" "$s6" "$s7" web/dev web/prod
touch_later "$m/stacks/secrets/prod-key.txt"
mk >"$tmp/make10.log" 2>&1
s8=$(stamps "$m/manifests")
check "make: touching the file(\"...\") of web's prod profile rebuilds exactly web/prod" rebuilt "$tmp/make10.log" "$s7" "$s8" web/prod
mk TODOK_FLAGS_web_prod='-D tag=1.2' >"$tmp/make11.log" 2>&1
s9=$(stamps "$m/manifests")
check "make: changing TODOK_FLAGS_web_prod rebuilds exactly web/prod" rebuilt "$tmp/make11.log" "$s8" "$s9" web/prod
check "make: ... with the new flags" profile_ok "$m/manifests/web" 1.2
mk TODOK_FLAGS_web_prod='-D tag=1.2' >"$tmp/make12.log" 2>&1
s10=$(stamps "$m/manifests")
check "make: the build after that does nothing" nothing_rebuilt "$tmp/make12.log" "$s9" "$s10"
mk TODOK_FLAGS_web_prod='-D tag=1.2' TODOK_FLAGS_web=--no-wait >"$tmp/make13.log" 2>&1
s11=$(stamps "$m/manifests")
check "make: changing TODOK_FLAGS_web rebuilds both profile folders" rebuilt "$tmp/make13.log" "$s10" "$s11" web/dev web/prod
# A folder that todokc wrote before the kustomization was renamed: its index
# lists kustomization.yaml, and there is no Kustomization. make rebuilds it
# (the stamp is missing), and todokc removes the stale file of its own.
old_layout() {
	local d=$1
	mv "$d/Kustomization" "$d/kustomization.yaml" &&
		sed -i 's/^Kustomization$/kustomization.yaml/' "$d/.todokc-outputs"
}
old_layout "$m/manifests/shop"
mk TODOK_FLAGS_web_prod='-D tag=1.2' TODOK_FLAGS_web=--no-wait >"$tmp/make14.log" 2>&1
check "make: a folder with an old kustomization.yaml of todokc's is rebuilt, the old file removed" \
	bash -c 'grep -q "todokc.* stacks/shop.todok" "$2" && [ "$(grep -c "todokc.* stacks/" "$2")" = 1 ] && ! grep -qx kustomization.yaml "$1/.todokc-outputs" || { cat "$2"; ls -a "$1"; false; }' \
	_ "$m/manifests/shop" "$tmp/make14.log"
check "make: ... and holds the Kustomization alone" manifests_ok "$m/manifests/shop" yaml 5
check "make: todok-clean lists every folder, the profile folders too" \
	bash -c 'make -C "$1" TODOKC_PREFIX="$2" clean >"$3" 2>&1 && for d in shop blog web/dev web/prod; do grep -qx "todok-clean: manifests/$d" "$3" || { cat "$3"; exit 1; }; done && ! grep -q kept "$3" || { cat "$3"; false; }' \
	_ "$m" "$P" "$tmp/make7.log"
check "make: todok-clean removes the manifests, depfiles, flags files and folders" \
	bash -c '[ ! -e "$1/manifests" ] || { find "$1/manifests"; false; }' _ "$m"
mk -j2 >"$tmp/make8.log" 2>&1
every_folder_ok() { # FOLDER: shop, blog, web/dev and web/prod in FOLDER
	manifests_ok "$1/shop" yaml 5 && manifests_ok "$1/blog" yaml 3 &&
		manifests_ok "$1/web/dev" yaml 4 && manifests_ok "$1/web/prod" yaml 4
}
check "make -j2: builds every stack and profile again" every_folder_ok "$m/manifests"
check "make -j2: ... with the right profiles" profile_ok "$m/manifests/web" 1.1
mk -j2 clean >/dev/null 2>&1
check "make -j2 of the two profile folders' Kustomization: builds those only" \
	bash -c 'make -C "$1" TODOKC_PREFIX="$2" -j2 manifests/web/dev/Kustomization manifests/web/prod/Kustomization >"$3" 2>&1 &&
		[ -f "$1/manifests/web/dev/Kustomization" ] && [ -f "$1/manifests/web/prod/Kustomization" ] &&
		[ ! -e "$1/manifests/shop" ] && [ ! -e "$1/manifests/blog" ] || { cat "$3"; false; }' _ "$m" "$P" "$tmp/make15.log"

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
	check "cmake ($label): web's PROFILES dev prod: dev (4 objects) in web_manifests/web/dev/" \
		manifests_ok "$b/web_manifests/web/dev" yaml 4
	check "cmake ($label): ... and prod (4 objects) in web_manifests/web/prod/" \
		manifests_ok "$b/web_manifests/web/prod" yaml 4
	check "cmake ($label): --profile dev / --profile prod (with FLAGS_prod) applied, no web/Kustomization" \
		profile_ok "$b/web_manifests/web" 1.1
	check "cmake ($label): TODOK_OUTPUT_DIRS and TODOK_KUSTOMIZATIONS name both profile folders" \
		grep -qxF -e "-- web_manifests: $b/web_manifests/web/dev;$b/web_manifests/web/prod" \
		-e "-- web_manifests: $b/web_manifests/web/dev/Kustomization;$b/web_manifests/web/prod/Kustomization" \
		"$tmp/$label-configure.log"
	local s0 s1 s2 s3 s4 s5 s6 s7 s8
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
	touch_later "$c/stacks/web.todok"
	"${build[@]}" >"$tmp/$label-6.log" 2>&1
	s5=$(stamps "$b")
	check "cmake ($label): touching web.todok rebuilds exactly its two profile folders" \
		rebuilt "$tmp/$label-6.log" "$s4" "$s5" web/dev web/prod
	touch_later "$c/stacks/secrets/prod-key.txt"
	"${build[@]}" >"$tmp/$label-7.log" 2>&1
	s6=$(stamps "$b")
	check "cmake ($label): touching the file(\"...\") of web's prod profile rebuilds exactly web/prod" \
		rebuilt "$tmp/$label-7.log" "$s5" "$s6" web/prod
	cmake -DWEB_PROD_TAG=1.2 "$b" >"$tmp/$label-reconfigure.log" 2>&1
	"${build[@]}" >"$tmp/$label-8.log" 2>&1
	s7=$(stamps "$b")
	check "cmake ($label): changing FLAGS_prod rebuilds exactly web/prod" \
		rebuilt "$tmp/$label-8.log" "$s6" "$s7" web/prod
	check "cmake ($label): ... with the new flags" profile_ok "$b/web_manifests/web" 1.2
	"${build[@]}" >"$tmp/$label-9.log" 2>&1
	s8=$(stamps "$b")
	check "cmake ($label): the build after that does nothing" nothing_rebuilt "$tmp/$label-9.log" "$s7" "$s8"
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
