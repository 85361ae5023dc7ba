#!/usr/bin/env bash
# io-hostile.sh - todokc's files against a hostile folder (docs/output.md,
# docs/limits.md).  Issue 20, findings 2, 4, 6, 9 and 11.
#
#   the index, journal and lock  DIR/.todokc-outputs as a FIFO, a link to
#                    /dev/zero or /dev/urandom, a symbolic link out of the
#                    folder and within it, a folder, over the size limit,
#                    with a 4,095-byte or an overlong line, a control
#                    character, no final newline, or a name todokc never
#                    writes; DIR/.todokc-journal and DIR/.todokc-lock
#                    likewise: each an error (E0006, exit 3) within the
#                    timeout, with its exact message, and the folder and
#                    the files outside it exactly as they were;
#   the file() race  a process swaps file("key") between a regular file
#                    and a symbolic link out of the folder (and "sub/"
#                    between a folder and a link out of it), atomically,
#                    while todokc compiles in a loop, through openat2 and
#                    through the fallback walk: never the outside content;
#   short reads      a sysfs file that reports 4096 bytes and holds 4, a
#                    /proc file that reports 0, and one-byte reads of
#                    every input (TODOKC_FAULT=short-reads): the same bytes;
#   the depfile      names with blanks, '#', '$', ':', backslashes and
#                    other characters read back by GNU make as written;
#                    names Make cannot read (newline, other control
#                    characters, ';', '=', a final backslash) refused
#                    (E0008) with nothing written;
#   valgrind         recovery, clean-up, a failure after the commit point, a
#                    tampered index, the fallback walk: no memory error or
#                    leak (when valgrind is there and the build has no
#                    sanitizers).
#
# Time is never asserted.  bash tests/suites/io-hostile.sh [-v]; ends with
# "io-hostile: N passed, M failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
todokc=$root/todokc
faulty=$root/build/faults/todokc
verbose=0
[ "${1:-}" = -v ] && verbose=1
passed=0 failed=0 skipped=0
. "$root/tests/suites/lib/report.bash" # pass, fail, skip, check, need
need io-hostile "$todokc" "$faulty"
tmp=$(mktemp -d)
swapper=
trap '[ -n "$swapper" ] && kill "$swapper" 2>/dev/null; rm -rf "$tmp"' EXIT
export LC_ALL=C
unset TODOKC_FAULT

has() { command -v "$1" >/dev/null 2>&1; }
snap() { # every entry below DIR (type, mode, size, inode, link target) and every file's bytes
	(cd "$1" && find . -mindepth 1 -printf '%p %y %m %s %i %l\n' | sort &&
		find . -type f -exec sha256sum {} + | sort)
}

# --- 1. the index, the journal and the lock --------------------------------

echo "== tampered index, journal and lock"
W=$tmp/w
mkdir -p "$W"
printf 'stack s {\n  config c { A = "v" }\n  config d { B = "w" }\n}\n' >"$W/s.todok"
printf 'stack s {\n  config c { A = "changed" }\n}\n' >"$W/t.todok"
echo victim >"$W/victim"
# tamper DESC FIRST-LINE-OF-STDERR SETUP...: a fresh output in $W/out,
# with README.md and notes.txt of the user's; SETUP (run in $W) tampers
# with it; then a run of t.todok must fail (exit 3) with that message,
# leave $W exactly as it was, and not hang.
tamper() {
	local desc=$1 want=$2
	shift 2
	rm -rf "$W/out"
	(cd "$W" && "$todokc" s.todok -o out) >/dev/null 2>&1
	echo mine >"$W/out/README.md"
	echo mine >"$W/out/notes.txt"
	(cd "$W" && eval "$*")
	local s0 st
	s0=$(snap "$W")
	(cd "$W" && timeout 20 "$todokc" t.todok -o out) >/dev/null 2>"$tmp/err"
	st=$?
	if [ "$st" -ne 3 ]; then
		fail "$desc: exit 3 (got $st)" "$tmp/err"
	elif [ "$(head -n 1 "$tmp/err")" != "$want" ]; then
		echo "expected: $want" >>"$tmp/err"
		fail "$desc: the message" "$tmp/err"
	elif [ "$(snap "$W")" != "$s0" ]; then
		fail "$desc: the folder, and the files beside it, exactly as they were"
	else
		pass "$desc: exit 3, its message, nothing changed"
	fi
}
E="todokc: error: 'out/.todokc-outputs'"
N="not a file todokc wrote; move it away (nothing was written)"
tamper "index a FIFO" "$E is a FIFO, $N" 'rm out/.todokc-outputs && mkfifo out/.todokc-outputs'
tamper "index a link to /dev/zero" "$E is a symbolic link, $N" 'ln -sf /dev/zero out/.todokc-outputs'
tamper "index a link to /dev/urandom" "$E is a symbolic link, $N" 'ln -sf /dev/urandom out/.todokc-outputs'
tamper "index a link to a list outside the folder" "$E is a symbolic link, $N" \
	'printf "README.md\nnotes.txt\n" >list && ln -sf ../list out/.todokc-outputs'
tamper "index a link to a copy inside the folder" "$E is a symbolic link, $N" \
	'cp out/.todokc-outputs out/copy && ln -sf copy out/.todokc-outputs'
tamper "index a folder" "$E is a folder, $N" 'rm out/.todokc-outputs && mkdir out/.todokc-outputs'
tamper "index larger than 64 MiB (sparse)" \
	"$E is larger than the limit of 67108864 bytes (nothing was written)" 'truncate -s 65M out/.todokc-outputs'
tamper "index with a line of 4,095 bytes, then notes.txt" \
	"$E, line 5: the line is longer than the limit of 1024 bytes (nothing was written)" \
	'{ head -c 4095 /dev/zero | tr "\0" x; echo notes.txt; } >>out/.todokc-outputs'
tamper "index with a line of 1 MB" \
	"$E, line 5: the line is longer than the limit of 1024 bytes (nothing was written)" \
	'{ head -c 1000000 /dev/zero | tr "\0" x; echo; } >>out/.todokc-outputs'
tamper "index with a carriage return inside a line" \
	"$E, line 2: the line holds a control character (nothing was written)" \
	'sed -i "2s/^\(.\)/\1\r/" out/.todokc-outputs'
tamper "index cut short (no final newline)" \
	"$E, line 5: the line does not end with a newline (nothing was written)" \
	'printf notes.txt >>out/.todokc-outputs'
for name in README.md notes.txt ../victim "$W/victim" . .. .todokc-outputs .todokc-lock 01-x.txt; do
	tamper "index naming '$name'" \
		"$E, line 5: '$name' is not the name of a file todokc writes (nothing was written)" \
		"echo '$name' >>out/.todokc-outputs"
done
J="todokc: error: 'out/.todokc-journal'"
tamper "journal a FIFO" "$J is a FIFO, $N" 'mkfifo out/.todokc-journal'
tamper "journal a link" "$J is a symbolic link, $N" 'ln -s ../victim out/.todokc-journal'
tamper "journal a folder" "$J is a folder, $N" 'mkdir out/.todokc-journal'
tamper "journal without its end" "$J does not end with the line 'end' (nothing was written)" \
	'echo "remove 01-configmap-s-c.yaml" >out/.todokc-journal'
tamper "journal removing a name todokc never writes" \
	"$J, line 1: not a line todokc writes in its journal (nothing was written)" \
	'printf "remove README.md\nend\n" >out/.todokc-journal'
tamper "journal renaming a file that is no temporary file" \
	"$J, line 1: not a line todokc writes in its journal (nothing was written)" \
	'printf "rename notes.txt 01-configmap-s-c.yaml\nend\n" >out/.todokc-journal'
tamper "journal with a line after its end" \
	"$J, line 2: not a line todokc writes in its journal (nothing was written)" \
	'printf "end\nremove 01-configmap-s-c.yaml\n" >out/.todokc-journal'
tamper "journal renaming a symbolic link" \
	"todokc: error: 'out/.todokc-tmp-abcdef' is a symbolic link, $N" \
	'ln -s ../victim out/.todokc-tmp-abcdef && printf "rename .todokc-tmp-abcdef 01-configmap-s-c.yaml\nend\n" >out/.todokc-journal'
L="todokc: error: 'out/.todokc-lock'"
tamper "lock a link out of the folder" "$L is a symbolic link, $N" 'ln -s ../victim out/.todokc-lock'
tamper "lock a folder" "$L is a folder, $N" 'mkdir out/.todokc-lock'
tamper "lock a FIFO" "$L is a FIFO, $N" 'mkfifo out/.todokc-lock'

# Stray temporary files of todokc's form are removed; others are not.
rm -rf "$W/out"
(cd "$W" && "$todokc" s.todok -o out) >/dev/null 2>&1
echo x >"$W/out/.todokc-tmp-Ab3xY9"
echo x >"$W/out/.todokc-tmp-long-name"
mkdir "$W/out/.todokc-tmp-Qq0000"
(cd "$W" && "$todokc" s.todok -o out) >/dev/null 2>"$tmp/err"
if [ ! -e "$W/out/.todokc-tmp-Ab3xY9" ] && [ -e "$W/out/.todokc-tmp-long-name" ] && [ -d "$W/out/.todokc-tmp-Qq0000" ]; then
	pass "a stray .todokc-tmp-XXXXXX file is removed; other names and folders are left alone"
else
	fail "a stray .todokc-tmp-XXXXXX file is removed; other names and folders are left alone" "$tmp/err"
fi

# --- 2. the file() race ---------------------------------------------------

echo "== file() race"
R=$tmp/race
mkdir -p "$R/stack/sub" "$R/outside"
echo INSIDE-7d2 >"$R/stack/inside.txt"
echo INSIDE-7d2 >"$R/stack/sub/key"
echo OUTSIDE-4b9 >"$R/outside/secret"
echo OUTSIDE-4b9 >"$R/outside/key"
cp "$R/stack/inside.txt" "$R/stack/key"
ln -s ../outside/secret "$R/stack/keyl"
ln -s ../outside "$R/stack/subl"
printf 'stack s {\n  secret x { K = file("key") }\n}\n' >"$R/stack/file.todok"
printf 'stack s {\n  secret x { K = file("sub/key") }\n}\n' >"$R/stack/dir.todok"
inside=$(base64 <"$R/stack/inside.txt")
outside=$(base64 <"$R/outside/secret")
py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
if [ -n "$py" ] && "$py" -c 'import ctypes; ctypes.CDLL(None).renameat2' 2>/dev/null; then
	# Swaps key <-> keyl and sub <-> subl with renameat2(RENAME_EXCHANGE):
	# each name is always there, a regular file (folder) or a link out.
	(cd "$R/stack" && exec "$py" -c '
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
f = libc.renameat2
while True:
    f(-100, b"key", -100, b"keyl", 2)
    f(-100, b"sub", -100, b"subl", 2)
') &
	swapper=$!
	for mode in openat2 no-openat2; do
		for what in file dir; do
			reads_in=0 reads_out=0 refused=0
			for ((i = 0; i < ${RACE_ROUNDS:-200}; i++)); do
				out=$(cd "$R/stack" && TODOKC_FAULT=$([ $mode = no-openat2 ] && echo no-openat2) \
					"$faulty" "$what.todok" 2>"$tmp/err")
				case $out in
				*"$outside"*) reads_out=$((reads_out + 1)) ;;
				*"$inside"*) reads_in=$((reads_in + 1)) ;;
				*) grep -q "outside the folder" "$tmp/err" && refused=$((refused + 1)) ;;
				esac
			done
			if [ "$reads_out" -eq 0 ] && [ "$reads_in" -gt 0 ] && [ "$refused" -gt 0 ]; then
				pass "race ($mode, swapping the $what): 0 outside reads ($reads_in inside, $refused refused)"
			else
				fail "race ($mode, swapping the $what): $reads_out outside reads ($reads_in inside, $refused refused)"
			fi
		done
	done
	kill "$swapper" 2>/dev/null
	wait "$swapper" 2>/dev/null
	swapper=
else
	skip "file() race: python3 with renameat2 is missing"
fi

# --- 3. short reads -------------------------------------------------------

echo "== short reads"
printf 'stack s {\n  secret x { K = file("%s") }\n}\n' online >"$tmp/online.todok"
printf 'stack s {\n  secret x { K = file("%s") }\n}\n' ostype >"$tmp/ostype.todok"
# read_secret DIR STACK: the Secret's value when compiled from DIR (from
# standard input, so that file() is relative to DIR)
read_secret() {
	(cd "$1" && "$todokc" - <"$2") 2>"$tmp/err" | sed -n 's/^  K: //p' | base64 -d 2>/dev/null
}
for f in /sys/devices/system/cpu/online:online /proc/sys/kernel/ostype:ostype; do
	path=${f%%:*} name=${f##*:}
	if [ -r "$path" ]; then
		got=$(read_secret "$(dirname "$path")" "$tmp/$name.todok")
		want=$(cat "$path")
		if [ -n "$want" ] && [ "$got" = "$want" ]; then
			pass "file(\"$path\") that reports $(stat -c %s "$path") bytes: its $(printf '%s\n' "$want" | wc -c) bytes"
		else
			fail "file(\"$path\") that reports $(stat -c %s "$path") bytes: got '$got', expected '$want'" "$tmp/err"
		fi
	else
		skip "$path is not there"
	fi
done
fx=$root/tests/output
for args in "stack.todok --env-file test.env" "- --env-file test.env"; do
	(cd "$fx" && "$todokc" $args <stack.todok) >"$tmp/normal" 2>&1
	(cd "$fx" && TODOKC_FAULT=short-reads "$faulty" $args <stack.todok) >"$tmp/short" 2>&1
	if cmp -s "$tmp/normal" "$tmp/short" && grep -q '^kind: Secret' "$tmp/short"; then
		pass "one-byte reads of the input ($args), env file and file(): the same output"
	else
		fail "one-byte reads of the input ($args), env file and file(): the same output" "$tmp/short"
	fi
done

# --- 4. the depfile -------------------------------------------------------

echo "== depfile names"
# make of its own, not of an enclosing make check (its jobserver)
mk() { env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make "$@"; }
if has make; then
	M=$tmp/mk
	mkdir -p "$M"
	# names that Make reads back: compile, then make rebuilds when the
	# file is touched, and (but for a tab) still runs once it is deleted
	n=0
	for name in 'a b' 'a#b' 'a$b' 'a:b' 'a\b' 'a\ b' 'a\#b' 'a\\:b' 'a%b' 'a*b' "a'b" 'a"b' 'é.txt' "$(printf 'a\tb')"; do
		n=$((n + 1))
		d=$M/$n
		mkdir -p "$d"
		printf 'x\n' >"$d/$name"
		esc=${name//\\/\\\\}
		esc=${esc//\$/\\\$}
		esc=${esc//\"/\\\"}
		esc=${esc//$'\t'/\\t}
		printf 'stack s {\n  secret k { A = file("%s") }\n}\n' "$esc" >"$d/s.todok"
		(cd "$d" && "$todokc" s.todok -o out --depfile deps.d) >/dev/null 2>"$tmp/err" ||
			{ fail "depfile: '$name': compiles" "$tmp/err"; continue; }
		printf 'all: out/Kustomization\ninclude deps.d\nout/Kustomization:\n\t@echo REBUILD\n' >"$d/Makefile"
		touch -d '2000-01-01' "$d/$name" "$d/s.todok"
		touch -d '2000-01-02' "$d/out/Kustomization"
		r1=$(mk -s -C "$d" 2>&1)
		touch -d '2000-01-03' "$d/$name"
		r2=$(mk -s -C "$d" 2>&1)
		rm "$d/$name"
		mk -s -C "$d" >/dev/null 2>"$tmp/err"
		r3=$?
		if [ -n "$r1" ] || [ "$r2" != REBUILD ]; then
			echo "before: $r1; after touching: $r2" >"$tmp/err"
			fail "depfile: '$name' read back by make" "$tmp/err"
		elif [ "$r3" -ne 0 ] && [[ $name != *$'\t'* && $name != *%* ]]; then
			fail "depfile: '$name' deleted, make still runs (its empty rule)" "$tmp/err"
		else
			pass "depfile: '$name' read back by make"
		fi
	done
else
	skip "depfile names: make is not installed"
fi
# names Make cannot read: refused, nothing written
n=0
for spec in 'newline:a\nb:a newline' 'cr:a\rb:a control character' 'esc:a\u{1B}b:a control character' \
	'del:a\u{7F}b:a control character' "semicolon:a;b:';', which starts a recipe" \
	"equals:a=b:'=', which makes an assignment" \
	"bar:a|b:'|', which starts order-only prerequisites" 'backslash:ab\\:a backslash at its end'; do
	IFS=: read -r label literal why <<<"$spec"
	n=$((n + 1))
	d=$tmp/refuse/$n
	mkdir -p "$d"
	file=$(printf '%b' "$(printf '%s' "$literal" | sed 's/\\u{\(..\)}/\\x\1/g; s/\\\\/\\\\\\\\/g')")
	[ "$label" = backslash ] && file='ab\'
	printf 'x\n' >"$d/$file"
	printf 'stack s {\n  secret k { A = file("%s") }\n}\n' "$literal" >"$d/s.todok"
	(cd "$d" && "$todokc" s.todok -o out --depfile deps.d) >/dev/null 2>"$tmp/err"
	st=$?
	if [ "$st" -eq 3 ] && grep -qF "Make cannot read the file name" "$tmp/err" &&
		grep -qF "which holds $why (nothing was written)" "$tmp/err" && [ ! -e "$d/out" ] && [ ! -e "$d/deps.d" ]; then
		pass "depfile: a name with $label refused (E0008), nothing written"
	else
		fail "depfile: a name with $label refused (exit $st), nothing written" "$tmp/err"
	fi
done
mkdir -p "$tmp/odir"
printf 'stack s {\n  config c { A = "v" }\n}\n' >"$tmp/odir/s.todok"
(cd "$tmp/odir" && "$todokc" s.todok -o 'out;rm x' --depfile deps.d) >/dev/null 2>"$tmp/err"
st=$?
if [ "$st" -eq 3 ] && grep -qF "'out;rm x/Kustomization', which holds ';'" "$tmp/err" && [ ! -e "$tmp/odir/out;rm x" ]; then
	pass "depfile: an output folder whose name holds ';' refused before it is created"
else
	fail "depfile: an output folder whose name holds ';' refused before it is created (exit $st)" "$tmp/err"
fi

# --- 5. under valgrind ---------------------------------------------------

echo "== valgrind"
if has valgrind && ! grep -qs fsanitize "$root/build/flags"; then
	V=$tmp/v
	mkdir -p "$V"
	cp "$fx"/stack.todok "$fx"/stack-smaller.todok "$fx"/secret.txt "$fx"/test.env "$V/"
	printf 'A=x\000y\n' >"$V/nul.env"
	ln -s loop "$V/loop"
	printf 'stack s {\n  secret k {\n    A = file("../x")\n    B = file("loop")\n  }\n}\n' >"$V/bad.todok"
	# vg DESC STATUS [TODOKC_FAULT] ARGS...: under memcheck, no error, no leak
	vg() {
		local desc=$1 want=$2 spec=$3 st
		shift 3
		(cd "$V" && TODOKC_FAULT=$spec valgrind -q --leak-check=full --errors-for-leak-kinds=all \
			--error-exitcode=99 "$faulty" "$@") >/dev/null 2>"$tmp/err"
		st=$?
		if [ "$st" -eq "$want" ]; then pass "valgrind: $desc"; else fail "valgrind: $desc (exit $st)" "$tmp/err"; fi
	}
	kill_at() { (cd "$V" && TODOKC_FAULT=$1 "$faulty" stack-smaller.todok --env-file test.env -o out; exit $?) >/dev/null 2>&1; }
	vg "a first run into a new folder" 0 "" stack.todok --env-file test.env -o out
	kill_at rename:4:kill
	vg "completing a journal left by a killed run" 0 "" stack.todok --env-file test.env -o out
	kill_at rename:1:kill
	vg "removing the temporary files of a killed run" 0 "" stack.todok --env-file test.env -o out
	vg "a failure after the commit point" 3 rename:3:fail stack-smaller.todok --env-file test.env -o out
	(cd "$V" && "$todokc" stack.todok --env-file test.env -o out) >/dev/null 2>&1
	echo README.md >>"$V/out/.todokc-outputs"
	vg "a tampered index" 3 "" stack.todok --env-file test.env -o out
	vg "file() through the fallback walk" 0 no-openat2 stack.todok --env-file test.env
	vg "file() leading out, and a loop of links" 1 "" bad.todok
	vg "a NUL in the env file" 1 "" stack.todok --env-file nul.env
else
	skip "valgrind: not installed, or todokc is built with sanitizers"
fi

echo "io-hostile: $passed passed, $failed failed$([ "$skipped" -gt 0 ] && echo " ($skipped skipped)")"
[ "$failed" -eq 0 ]
