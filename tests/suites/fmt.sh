#!/usr/bin/env bash
# fmt.sh - `todokc fmt` (docs/tools.md section 1):
#   - golden layouts: tests/fmt/NAME.todok formats to exactly NAME.formatted,
#     which is formatted already (a fixed point, and --check passes it);
#   - every .todok of examples/ and tests/ (each folder that holds one:
#     the golden and error cases, the hostile ones, the import's goldens,
#     ...) without a syntax error: formatting twice changes nothing, the
#     tokens and comments are the same, in the same order
#     (tests/fmt/tokens.py), and the formatted file compiles exactly as the
#     original (standard output, exit status, and the diagnostics but for
#     their positions), with the case's .args and --env-file test.env as
#     run-corpus.sh runs it; a file with a syntax error is refused (exit
#     status 1, nothing printed) with exactly the compiler's diagnostics
#     (an error case's .err; elsewhere what the compiler prints for it);
#   - the examples already in that layout (fmt --check);
#   - the command line: --check, -w (atomic, the mode kept, through a
#     symbolic link, a file already formatted left alone, a read-only file
#     or a FIFO refused), standard input,
#     files with other errors formatted, exit statuses; and under valgrind.
# Ends with "fmt: N passed, M failed".  Needs python3 for the token check.
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
have_python=true
command -v python3 >/dev/null || { have_python=false; echo "fmt: token checks skipped (no python3)"; }

# 1. Golden layouts.
for t in "$root"/tests/fmt/*.todok; do
	name=$(basename "$t" .todok) want=${t%.todok}.formatted
	if ! "$todokc" fmt "$t" >"$tmp/out" 2>"$tmp/err"; then
		fail "fmt/$name: exit status $?" "$tmp/err"
	elif ! diff -u "$want" "$tmp/out" >"$tmp/diff"; then
		fail "fmt/$name: layout differs from $name.formatted" "$tmp/diff"
	elif ! "$todokc" fmt "$want" | cmp -s - "$want"; then
		fail "fmt/$name: $name.formatted is not a fixed point"
	elif ! "$todokc" fmt --check "$want" >"$tmp/out" 2>&1 || [ -s "$tmp/out" ]; then
		fail "fmt/$name: --check refuses $name.formatted" "$tmp/out"
	else
		pass
	fi
done

# 2. The corpus: copies of each folder, original (a/) and formatted (b/).
# (W0102, a carriage return without a newline, is the one diagnostic the
# formatted file may lose: fmt writes its line ends as LF.)
positionless() {
	sed -E '/"code": "W0102"/d; s/"line": [0-9]+, "column": [0-9]+, "end": \{"line": [0-9]+, "column": [0-9]+\}//g' "$1"
}
compile_both() { # DIR NAME EXTRA...: compiles a/NAME and b/NAME alike; 0 when they agree
	local dir=$1 name=$2 v args=()
	shift 2
	[ -f "$tmp/a/$dir/$name.args" ] && read -r -a args <"$tmp/a/$dir/$name.args"
	for v in a b; do
		(cd "$tmp/$v/$dir" && env -i PATH="$PATH" LC_ALL=C "$todokc" "$name.todok" --env-file test.env \
			--diagnostics=json ${args[@]+"${args[@]}"} "$@") >"$tmp/$v.out" 2>"$tmp/$v.err"
		echo "status $?" >>"$tmp/$v.out"
		positionless "$tmp/$v.err" >>"$tmp/$v.out"
	done
	diff -u "$tmp/a.out" "$tmp/b.out" >"$tmp/diff"
}
refused_as_compiled() { # DIR NAME: fmt's refusal prints what the compiler prints for the file
	local dir=$1 name=$2 s
	if [ "$dir" = tests/errors ]; then
		[ -f "$root/$dir/$name.todok.args" ] || [ -f "$root/$dir/$name.args" ] ||
			(cd "$root/$dir" && env -i PATH="$PATH" LC_ALL=C "$todokc" fmt "$name.todok" 2>&1 |
				diff -u "$name.err" -) >"$tmp/diff"
		return
	fi
	(cd "$tmp/a/$dir" && env -i PATH="$PATH" LC_ALL=C "$todokc" "$name.todok" --env-file test.env \
		-o "$tmp/refused") >/dev/null 2>"$tmp/want"
	s=$?
	(cd "$tmp/a/$dir" && env -i PATH="$PATH" LC_ALL=C "$todokc" fmt "$name.todok") 2>&1 >/dev/null |
		diff -u "$tmp/want" - >"$tmp/diff" && [ "$s" -eq 1 ]
}
dirs=$(cd "$root" && find examples tests -name '*.todok' -printf '%h\n' | LC_ALL=C sort -u)
for dir in $dirs; do
	mkdir -p "$tmp/a/$dir" "$tmp/b/$dir"
	cp -R "$root/$dir/." "$tmp/a/$dir/"
	cp -R "$root/$dir/." "$tmp/b/$dir/"
	for v in a b; do
		[ -f "$tmp/$v/$dir/test.env" ] || cp "$root/tests/golden/test.env" "$tmp/$v/$dir/"
	done
	for t in "$root/$dir"/*.todok; do
		name=$(basename "$t" .todok) case=$dir/$name
		"$todokc" fmt "$t" >"$tmp/b/$dir/$name.todok" 2>"$tmp/err"
		status=$?
		if [ "$status" -ne 0 ]; then
			if [ "$dir" = examples ] || [ "$dir" = tests/golden ]; then
				fail "$case: fmt exit status $status" "$tmp/err"
			elif [ -s "$tmp/b/$dir/$name.todok" ]; then
				fail "$case: fmt refused the file but printed" "$tmp/b/$dir/$name.todok"
			elif [ "$status" -ne 1 ] || ! refused_as_compiled "$dir" "$name"; then
				fail "$case: fmt's refusal (status $status) is not the compiler's diagnostics" "$tmp/diff"
			else
				pass
			fi
			continue
		fi
		if ! "$todokc" fmt "$tmp/b/$dir/$name.todok" | cmp -s - "$tmp/b/$dir/$name.todok"; then
			fail "$case: formatting twice changes the text"
		elif $have_python && ! diff -u <(python3 "$root/tests/fmt/tokens.py" "$t") \
			<(python3 "$root/tests/fmt/tokens.py" "$tmp/b/$dir/$name.todok") >"$tmp/diff"; then
			fail "$case: the tokens or comments differ after formatting" "$tmp/diff"
		elif ! compile_both "$dir" "$name"; then
			fail "$case: the formatted file compiles differently" "$tmp/diff"
		elif [ -f "$root/$dir/$name.json" ] && ! compile_both "$dir" "$name" --format json; then
			fail "$case: the formatted file compiles to different JSON" "$tmp/diff"
		else
			pass
		fi
	done
done

# 3. The command line.
check() { # NAME COMMAND...: one test, the command's output shown if it fails
	local name=$1
	shift
	if (cd "$tmp/cli" && "$@") >"$tmp/log" 2>&1; then
		pass
	else
		fail "cli: $name" "$tmp/log"
	fi
}
mkdir -p "$tmp/cli"
cp "$root/tests/fmt/layout.todok" "$tmp/cli/messy.todok"
cp "$root/tests/fmt/layout.formatted" "$tmp/cli/tidy.todok"
printf 'stack s {\n  service api {\n    image "x"\n    port\n  }\n}\n' >"$tmp/cli/bad.todok"
printf 'stack s {   service api { image "x"  port 80 env { A = nope.KEY  B = env("UNSET_VAR_FMT") } } }\n' \
	>"$tmp/cli/semantic.todok"
T=$todokc

check_cli_check() {
	"$T" fmt --check tidy.todok messy.todok tidy.todok >out 2>err
	[ $? -eq 1 ] && [ "$(cat out)" = messy.todok ] && [ ! -s err ] &&
		"$T" fmt --check tidy.todok >out 2>&1 && [ ! -s out ] &&
		cmp -s messy.todok "$root/tests/fmt/layout.todok"
}
check "--check prints the files not formatted, exit 1, and writes nothing" check_cli_check
# The examples are written as todokc fmt writes them (what a user copies).
check "every examples/*.todok is in todokc fmt's layout (--check)" "$todokc" fmt --check "$root"/examples/*.todok

check_cli_write() {
	cp messy.todok w.todok && chmod 640 w.todok && cp tidy.todok t.todok &&
		touch -d '2001-01-01' t.todok || return 1
	local inode before_t
	inode=$(stat -c %i w.todok) before_t=$(stat -c %i:%Y t.todok)
	"$T" fmt -w w.todok t.todok >out 2>&1 && [ ! -s out ] &&
		cmp -s w.todok "$root/tests/fmt/layout.formatted" &&
		[ "$(stat -c %a w.todok)" = 640 ] && [ "$(stat -c %i w.todok)" != "$inode" ] &&
		[ "$(stat -c %i:%Y t.todok)" = "$before_t" ] &&
		[ -z "$(find . -name '.todokc-tmp-*')" ]
}
check "-w rewrites by rename, keeps the mode, leaves a formatted file alone" check_cli_write

check_cli_symlink() {
	mkdir -p real && cp messy.todok real/target.todok && ln -sf real/target.todok link.todok &&
		"$T" fmt -w link.todok && [ -L link.todok ] &&
		cmp -s real/target.todok "$root/tests/fmt/layout.formatted"
}
check "-w through a symbolic link rewrites the file it names" check_cli_symlink

# A file this user may not write, in a folder it may write: refused, not
# renamed over (as root, the case runs as nobody when setpriv can).
check_cli_read_only() {
	local as=() dir
	dir=$(mktemp -d) && chmod 755 "$dir" && mkdir "$dir/w" && chmod 777 "$dir/w" &&
		cp messy.todok "$dir/w/ro.todok" && chmod 444 "$dir/w/ro.todok" || return 1
	if [ "$(id -u)" = 0 ]; then
		command -v setpriv >/dev/null || { rm -rf "$dir"; return 0; }
		as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	fi
	"${as[@]}" "$T" fmt -w "$dir/w/ro.todok" >out 2>err
	local s=$?
	[ $s -eq 3 ] && grep -q "cannot write '$dir/w/ro.todok': Permission denied" err &&
		cmp -s "$dir/w/ro.todok" messy.todok && [ "$(stat -c %u "$dir/w/ro.todok")" = "$(id -u)" ]
	s=$?
	rm -rf "$dir"
	return $s
}
check "-w refuses a file it may not write, even in a folder it may" check_cli_read_only

check_cli_fifo() {
	rm -f f.todok && mkfifo f.todok && { cat messy.todok >f.todok & } &&
		{ "$T" fmt -w f.todok >out 2>err; [ $? -eq 3 ]; } &&
		grep -q "cannot write 'f.todok': not a regular file" err && [ -p f.todok ]
}
check "-w refuses to replace what is not a regular file (a FIFO)" check_cli_fifo

# Without a writer, an open() of the FIFO would wait for ever: -w and
# --check refuse it before opening it.
check_cli_fifo_alone() {
	rm -f f.todok && mkfifo f.todok &&
		{ timeout 20 "$T" fmt -w f.todok >out 2>err; [ $? -eq 3 ]; } &&
		grep -qx "todokc: error: cannot write 'f.todok': not a regular file" err &&
		{ timeout 20 "$T" fmt --check f.todok >out 2>err; [ $? -eq 3 ]; } && [ ! -s out ] &&
		grep -qx "todokc: error: cannot check 'f.todok': not a regular file" err && [ -p f.todok ]
}
check "-w and --check refuse a FIFO no one writes, without waiting" check_cli_fifo_alone

check_cli_syntax() {
	cp bad.todok b.todok
	"$T" fmt -w b.todok >out 2>err
	[ $? -eq 1 ] && cmp -s b.todok bad.todok && [ ! -s out ] &&
		grep -q "^b.todok:4:9: error: 'port' needs a number after it" err &&
		{ "$T" fmt b.todok >out 2>/dev/null; [ $? -eq 1 ]; } && [ ! -s out ] &&
		{ "$T" fmt --check b.todok >out 2>/dev/null; [ $? -eq 1 ]; } && [ ! -s out ]
}
check "a syntax error: diagnostics, exit 1, the file untouched, nothing printed" check_cli_syntax

check_cli_semantic() {
	"$T" fmt semantic.todok >out 2>err && [ ! -s err ] &&
		[ "$(sed -n 6p out)" = '      A = nope.KEY' ] &&
		[ "$(sed -n 7p out)" = '      B = env("UNSET_VAR_FMT")' ]
}
check "a file with other errors (unknown name, unset env) is formatted" check_cli_semantic

check_cli_stdin() {
	"$T" fmt - <messy.todok >out && cmp -s out tidy.todok &&
		"$T" fmt tidy.todok - <messy.todok >out && cat tidy.todok tidy.todok | cmp -s - out
}
check "standard input ('-'), and several files printed one after the other" check_cli_stdin

check_cli_status() {
	local s
	"$T" fmt missing.todok >out 2>err; s=$?
	[ $s -eq 3 ] && grep -q "cannot read 'missing.todok'" err || return 1
	for args in "" "-w --check tidy.todok" "--bogus tidy.todok" "-w -"; do
		# shellcheck disable=SC2086
		"$T" fmt $args >out 2>err </dev/null; s=$?
		[ $s -eq 2 ] && grep -q '^todokc fmt: error: ' err || { echo "fmt $args: $s"; return 1; }
	done
	"$T" fmt --help | grep -q '^usage: todokc fmt' && "$T" --help | grep -q 'todokc fmt'
}
check "exit status 3 for an unreadable file, 2 for a bad command line" check_cli_status

# A file of 64 MiB (the limit) that formatting makes longer: refused (E0005),
# as the compiler could not read what fmt would write, and left as it is.
check_cli_grows_past_limit() {
	local body='stack s { config c { A = "v" } }' s
	{
		printf '#'
		head -c $((67108864 - ${#body} - 3)) /dev/zero | tr '\0' x
		printf '\n%s\n' "$body"
	} >big.todok && cp big.todok big.orig || return 1
	"$T" fmt big.todok >out 2>err; s=$?
	[ $s -eq 1 ] && [ ! -s out ] && grep -qx "todokc: error: 'big.todok' formatted would be \
67108872 bytes; the limit is 67108864 bytes" err &&
		{ "$T" fmt -w big.todok >out 2>err; [ $? -eq 1 ]; } && cmp -s big.todok big.orig
	s=$?
	rm -f big.todok big.orig
	return $s
}
check "a file that formatting would take past 64 MiB is refused (E0005), not written" \
	check_cli_grows_past_limit

check_cli_valgrind() {
	command -v valgrind >/dev/null && ! grep -qs fsanitize "$root/build/flags" || {
		echo "skip: valgrind (not installed, or a sanitizer build)"
		return 0
	}
	local vg=(valgrind -q --leak-check=full --errors-for-leak-kinds=all --error-exitcode=99)
	cp messy.todok vg.todok
	"${vg[@]}" "$T" fmt "$root"/examples/*.todok "$root"/tests/golden/*.todok >/dev/null &&
		"${vg[@]}" "$T" fmt -w vg.todok && "${vg[@]}" "$T" fmt --check vg.todok &&
		{ "${vg[@]}" "$T" fmt bad.todok 2>/dev/null; [ $? -eq 1 ]; }
}
check "valgrind: fmt, -w, --check and a syntax error: no error, no leak" check_cli_valgrind

finish fmt
