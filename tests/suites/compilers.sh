#!/usr/bin/env bash
# compilers.sh - todokc builds warning-free (-Wall -Wextra -Werror, the
# flex and bison output included) with both gcc and clang, in a scratch
# copy of the sources, and each build compiles the seed example.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
passed=0 failed=0
for cc in gcc clang; do
	if ! command -v "$cc" >/dev/null; then
		echo "compilers: $cc skipped (not installed)"
		continue
	fi
	work=$(mktemp -d)
	cp -r "$root/Makefile" "$root/mk" "$root/grammar" "$root/src" "$root/include" "$root/examples" "$work/"
	# A build of its own: not the flags of an enclosing make (SANITIZE=1).
	if env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -C "$work" CC="$cc" todokc >"$work/log" 2>&1 &&
	   POSTGRES_PASSWORD=x OPENAI_API_KEY=y "$work/todokc" "$work/examples/todo-chatbot.todok" >/dev/null; then
		echo "ok: $cc ($("$cc" --version | head -1))"
		passed=$((passed + 1))
	else
		echo "FAIL: $cc"
		tail -20 "$work/log"
		failed=$((failed + 1))
	fi
	rm -rf "$work"
done
echo "compilers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
