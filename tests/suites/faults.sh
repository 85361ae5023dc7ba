#!/usr/bin/env bash
# faults.sh - the output folder when runs fail, are killed, or run at the
# same time (docs/output.md, "How the folder is updated").  Issue 20,
# findings 1, 5 and 7.
#
#   injected faults  build/faults/todokc (make check builds it; src/io.c
#                    with -DTODOKC_FAULTS) with TODOKC_FAULT=OP:N:MODE makes
#                    the N-th write, rename, fsync or unlink fail (EIO) or
#                    kills the process there.  For every OP and every N of
#                    a run that writes a stack with a Secret and a few
#                    services into a folder holding an older output of
#                    another stack, in both modes: the folder then holds
#                    exactly the old output or the new one, or a journal;
#                    a failed run leaves no temporary file unless it left a
#                    journal; any temporary file holding the Secret is mode
#                    0600; the next normal run succeeds, and leaves exactly
#                    the new output, no temporary file, no journal, no
#                    lock.  A run killed while completing a journal is
#                    completed in turn by the next.
#   kill -9          rounds of a 3,000-service output killed at a random
#                    delay (half of them while the journal is being
#                    applied): the same guarantees.
#   concurrency      100 rounds of two runs of different stacks started
#                    into one folder at once: both succeed, one after the
#                    other; the folder then holds exactly one stack's
#                    output, and the next run succeeds.
#   the lock         a second run waits, saying so on stderr after about
#                    a second, and then writes; --fail-if-locked fails at
#                    once (E0007); no lock file is left behind.
#
# Works in /dev/shm when it is there (a tmpfs: fsync costs nothing), else
# in $TMPDIR.  Time is never asserted.  Run from anywhere:
# bash tests/suites/faults.sh [-v].  Ends with "faults: N passed, M failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
todokc=$root/todokc
faulty=$root/build/faults/todokc
fx=$root/tests/output
verbose=0
[ "${1:-}" = -v ] && verbose=1
passed=0 failed=0 skipped=0

. "$root/tests/suites/lib/report.bash" # pass, fail, skip, check, need
need faults "$todokc" "$faulty"
base=${TMPDIR:-/tmp}
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
tmp=$(mktemp -d "$base/todokc-faults.XXXXXX")
holder=
trap '[ -n "$holder" ] && kill "$holder" 2>/dev/null; rm -rf "$tmp"' EXIT
export LC_ALL=C
unset TODOKC_FAULT

# state DIR [loose]: every entry of DIR (name, type, mode) and the
# checksum of every file; "loose" leaves out the lock and temporary files
# (what a killed run may leave, and the next run removes).
state() {
	(
		cd "$1" || exit 1
		local skip=()
		[ "${2:-}" = loose ] && skip=(! -name .todokc-lock ! -name '.todokc-tmp-*')
		find . -mindepth 1 -maxdepth 1 "${skip[@]}" -printf '%P %y %m\n' | sort
		find . -mindepth 1 -maxdepth 1 -type f "${skip[@]}" -exec sha256sum {} + | sort
	)
}
temps_of() { find "$1" -maxdepth 1 -name '.todokc-tmp-*' -printf '%P\n'; }

# inject SPEC ERR ARGS...: build/faults/todokc with TODOKC_FAULT=SPEC, its
# stderr to ERR; $st.  (In a subshell, so that bash's "Killed" notice of
# a killed run goes nowhere.)
inject() {
	local spec=$1 err=$2
	shift 2
	(TODOKC_FAULT=$spec "$faulty" "$@" >/dev/null 2>"$err"; exit $?) 2>/dev/null
	st=$?
}

# --- the fixtures ----------------------------------------------------------

S=(--env-file "$fx/test.env")
secret_b64=$(base64 -w0 <"$fx/secret.txt")
# Another stack (other names), for the folder's older output.
cat >"$tmp/other.todok" <<'EOF'
stack other {
  secret keys { K = "literal-secret" }
  config settings { MODE = "old" }
  service alpha { image "alpha:1" port 8080 }
  service beta { image "beta:1" port 8081 after alpha }
  stateful gamma { image "gamma:1" port 5432 volume data at "/data" size 1Gi }
}
EOF
# template NAME STACK: the output of STACK in a fresh folder $tmp/tmpl-NAME
template() {
	"$todokc" "$2" "${S[@]}" -o "$tmp/tmpl-$1" >/dev/null 2>"$tmp/err" ||
		{ fail "template $1 compiles" "$tmp/err"; return 1; }
	eval "state_$1=\$(state \"\$tmp/tmpl-\$1\")"
}
# The stacks as $tmp/stack-NAME.todok (file("secret.txt") beside them).
cp "$fx/secret.txt" "$tmp/"
cp "$fx/stack.todok" "$tmp/stack-shop.todok"
cp "$fx/stack-smaller.todok" "$tmp/stack-small.todok"
cp "$tmp/other.todok" "$tmp/stack-other.todok"
template other "$tmp/stack-other.todok"
template small "$tmp/stack-small.todok"
template shop "$tmp/stack-shop.todok"

# --- 1. every injected fault ------------------------------------------------

echo "== injected faults"
D=$tmp/d
# reset FROM: the folder D holds a copy of template FROM
reset() {
	rm -rf "$D" && cp -a "$tmp/tmpl-$1" "$D"
}
# counts FROM STACK: how many of each operation a run of STACK into FROM makes
counts() {
	reset "$1"
	inject count "$tmp/err" "$2" "${S[@]}" -o "$D"
	sed -n 's/^todokc-faults: write \([0-9]*\) rename \([0-9]*\) fsync \([0-9]*\) unlink \([0-9]*\)$/write \1 rename \2 fsync \3 unlink \4/p' "$tmp/err"
}
# Any temporary file holding the Secret's value is mode 0600.
secret_temps_private() {
	local t
	for t in $(temps_of "$D"); do
		if grep -q "$secret_b64" "$D/$t" && [ "$(stat -c %a "$D/$t")" != 600 ]; then
			echo "$t holds the Secret with mode $(stat -c %a "$D/$t")" >"$tmp/err"
			return 1
		fi
	done
}
# after_fault DESC FROM TO MODE STATUS: the state a run from FROM to TO
# left, then the next normal run.
after_fault() {
	local desc=$1 from=$2 to=$3 mode=$4 st=$5 s secret_temp=
	eval "local old=\$state_$from new=\$state_$to"
	if [ "$mode" = kill ] && [ "$st" -ne 137 ]; then
		fail "$desc: killed (exit $st)"
	elif [ "$mode" = fail ] && [ "$st" -ne 3 ]; then
		fail "$desc: exit 3 (got $st)" "$tmp/err"
	fi
	if [ -e "$D/.todokc-journal" ]; then
		secret_temp=$(sed -n 's/^rename \(\S*\) 01-secret-.*/\1/p' "$D/.todokc-journal")
		journals=$((journals + 1))
	else
		if [ "$mode" = fail ]; then s=$(state "$D"); else s=$(state "$D" loose); fi
		if [ "$s" = "$old" ] || [ "$s" = "$new" ]; then
			pass "$desc: the folder holds the old output or the new one"
		else
			diff <(echo "$old") <(echo "$s") >"$tmp/err"
			fail "$desc: the folder holds the old output or the new one" "$tmp/err"
		fi
		if [ "$mode" = fail ] && [ -n "$(temps_of "$D")" ]; then
			fail "$desc: a failed run leaves no temporary file"
		fi
	fi
	check "$desc: a temporary file holding the Secret is mode 0600" secret_temps_private
	[ "$mode" = fail ] && ! grep -q 'Input/output error' "$tmp/err" &&
		fail "$desc: the message gives the reason" "$tmp/err"
	"$todokc" "$tmp/stack-$to.todok" "${S[@]}" -o "$D" >/dev/null 2>"$tmp/err"
	s=$?
	if [ "$s" -eq 0 ] && [ "$(state "$D")" = "$new" ]; then
		pass "$desc: the next run succeeds and leaves exactly the new output"
	else
		diff <(echo "$new") <(state "$D") >>"$tmp/err"
		fail "$desc: the next run succeeds (exit $s) and leaves exactly the new output" "$tmp/err"
	fi
	[ -n "$secret_temp" ] && [ -e "$D/$secret_temp" ] &&
		fail "$desc: the Secret's temporary file $secret_temp survives the next run"
	return 0
}
journals=0 runs=0 nested=0
coverage=()
for pair in "other shop" "shop small"; do
	read -r from to <<<"$pair"
	read -r -a c <<<"$(counts "$from" "$tmp/stack-$to.todok")"
	if [ ${#c[@]} -ne 8 ]; then
		fail "fault counts for $from -> $to" "$tmp/err"
		continue
	fi
	coverage+=("$from->$to: ${c[*]}")
	for ((k = 0; k < 8; k += 2)); do
		op=${c[k]} n_max=${c[k + 1]}
		for ((n = 1; n <= n_max; n++)); do
			for mode in fail kill; do
				reset "$from"
				runs=$((runs + 1))
				inject "$op:$n:$mode" "$tmp/err" "$tmp/stack-$to.todok" "${S[@]}" -o "$D"
				after_fault "$from -> $to, $op $n $mode" "$from" "$to" "$mode" "$st"
			done
		done
	done
done
echo "faults: $runs faulty runs (${coverage[*]}), $journals left a journal"

# A run killed while completing another's journal: the next completes it.
echo "== a recovery killed in turn"
reset other
inject rename:3:kill /dev/null "$tmp/stack-shop.todok" "${S[@]}" -o "$D"
cp -a "$D" "$tmp/journal-left"
check "a run killed at its third rename leaves a journal" test -e "$D/.todokc-journal"
for op in rename fsync unlink; do
	for n in 1 2 3 4; do
		rm -rf "$D" && cp -a "$tmp/journal-left" "$D"
		inject "$op:$n:kill" /dev/null "$tmp/stack-small.todok" "${S[@]}" -o "$D"
		"$todokc" "$tmp/stack-small.todok" "${S[@]}" -o "$D" >/dev/null 2>"$tmp/err"
		st=$?
		nested=$((nested + 1))
		if [ "$st" -eq 0 ] && [ "$(state "$D")" = "$state_small" ]; then
			pass "recovery killed at $op $n: the next run completes it and succeeds"
		else
			fail "recovery killed at $op $n: the next run completes it and succeeds (exit $st)" "$tmp/err"
		fi
	done
done

# Issue 20, finding 7: the temporary files of a killed run, one holding
# the Secret, are removed by the next run.
reset other
inject rename:1:kill /dev/null "$tmp/stack-shop.todok" "${S[@]}" -o "$D"
n_temps=$(temps_of "$D" | wc -l)
held=$(for t in $(temps_of "$D"); do grep -l "$secret_b64" "$D/$t"; done)
check "finding 7: a run killed before its commit leaves $n_temps temporary files, one holding the Secret" \
	test "$n_temps" -gt 1 -a -n "$held"
"$todokc" "$tmp/other.todok" "${S[@]}" -o "$D" >/dev/null 2>"$tmp/err"
check "finding 7: the next run (of another stack) removes them all" test -z "$(temps_of "$D")"
check "finding 7: and leaves exactly its own output" test "$(state "$D")" = "$state_other"

# --- 2. kill -9 at random delays during a large output ----------------------

echo "== kill -9"
big() { # NAME IMAGE FIRST: a stack of 3,000 services
	{
		echo "stack big {"
		echo "  secret keys { K = \"literal\" }"
		for ((i = $3; i < $3 + 3000; i++)); do printf '  service s%d { image "%s" port 8080 }\n' "$i" "$2"; done
		echo "}"
	} >"$tmp/big-$1.todok"
}
big a "nginx:1.25" 0
big b "nginx:1.27" 1000
for x in a b; do
	"$todokc" "$tmp/big-$x.todok" -o "$tmp/tmpl-big$x" >/dev/null 2>"$tmp/err" || fail "big stack $x compiles" "$tmp/err"
	eval "state_big$x=\$(state \"\$tmp/tmpl-big\$x\")"
done
K=$tmp/k
rm -rf "$K" && cp -a "$tmp/tmpl-biga" "$K"
start=$(date +%s%N)
"$todokc" "$tmp/big-b.todok" -o "$K" >/dev/null 2>&1
took=$((($(date +%s%N) - start) / 1000000)) # milliseconds, to spread the delays over
[ "$took" -lt 20 ] && took=20
cur=b rounds=${KILL_ROUNDS:-24} in_journal=0 outcomes_old=0 outcomes_new=0
for ((r = 1; r <= rounds; r++)); do
	next=a
	[ "$cur" = a ] && next=b
	"$todokc" "$tmp/big-$next.todok" -o "$K" >/dev/null 2>&1 &
	pid=$!
	if ((r % 2)); then
		sleep "$(printf '0.%03d' $((RANDOM % took)))"
	else # while the journal is applied
		for ((w = 0; w < 200000; w++)); do [ -e "$K/.todokc-journal" ] && break; done
		sleep "$(printf '0.%03d' $((RANDOM % 30)))"
	fi
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	eval "old=\$state_big$cur new=\$state_big$next"
	if [ -e "$K/.todokc-journal" ]; then
		in_journal=$((in_journal + 1))
		pass "kill round $r: a journal, for the next run to complete"
	else
		s=$(state "$K" loose)
		[ "$s" = "$old" ] && outcomes_old=$((outcomes_old + 1))
		[ "$s" = "$new" ] && outcomes_new=$((outcomes_new + 1))
		if [ "$s" = "$old" ] || [ "$s" = "$new" ]; then
			pass "kill round $r: the old output or the new one"
		else
			fail "kill round $r: the old output or the new one"
		fi
	fi
	"$todokc" "$tmp/big-$next.todok" -o "$K" >/dev/null 2>"$tmp/err"
	st=$?
	if [ "$st" -eq 0 ] && [ "$(state "$K")" = "$new" ]; then
		pass "kill round $r: the next run succeeds, exactly the new output, no temporary file"
	else
		fail "kill round $r: the next run succeeds (exit $st), exactly the new output" "$tmp/err"
	fi
	cur=$next
done
echo "kill -9: $rounds rounds over about $took ms: $in_journal left a journal, $outcomes_old the old output, $outcomes_new the new one"

# --- 3. two runs at once ----------------------------------------------------

echo "== concurrency"
mid() { # NAME: a stack of 40 services named NAME-N
	{
		echo "stack $1 {"
		for ((i = 0; i < 40; i++)); do printf '  service %s%d { image "x:1" port 80 }\n' "$1" "$i"; done
		echo "}"
	} >"$tmp/mid-$1.todok"
	"$todokc" "$tmp/mid-$1.todok" -o "$tmp/tmpl-mid$1" >/dev/null 2>&1
	eval "state_mid$1=\$(state \"\$tmp/tmpl-mid\$1\")"
}
mid p
mid q
C=$tmp/c
bad=0 got_p=0 got_q=0
for ((r = 1; r <= ${CONCURRENT_ROUNDS:-100}; r++)); do
	"$todokc" "$tmp/mid-p.todok" -o "$C" >/dev/null 2>"$tmp/p.err" &
	a=$!
	"$todokc" "$tmp/mid-q.todok" -o "$C" >/dev/null 2>"$tmp/q.err" &
	b=$!
	wait "$a"
	sa=$?
	wait "$b"
	sb=$?
	s=$(state "$C")
	if [ "$sa" -ne 0 ] || [ "$sb" -ne 0 ]; then
		bad=$((bad + 1))
		cat "$tmp/p.err" "$tmp/q.err" >"$tmp/err"
		fail "concurrency round $r: both runs succeed (exit $sa, $sb)" "$tmp/err"
	elif [ "$s" = "$state_midp" ]; then
		got_p=$((got_p + 1))
	elif [ "$s" = "$state_midq" ]; then
		got_q=$((got_q + 1))
	else
		bad=$((bad + 1))
		fail "concurrency round $r: the folder holds exactly one stack's output"
	fi
	if ((r % 2)); then x=p; else x=q; fi
	"$todokc" "$tmp/mid-$x.todok" -o "$C" >/dev/null 2>"$tmp/err" ||
		{ bad=$((bad + 1)); fail "concurrency round $r: the next run succeeds" "$tmp/err"; }
done
[ "$bad" -eq 0 ] && pass "concurrency: ${CONCURRENT_ROUNDS:-100} rounds of two runs at once: both succeed, then one complete output ($got_p p, $got_q q), and the next run succeeds"

# --- 4. the lock --------------------------------------------------------------

echo "== the lock"
L=$tmp/l
mkdir -p "$L/out"
printf 'stack s {\n  config c { A = "v" }\n}\n' >"$L/s.todok"
: >"$L/out/.todokc-lock"
(cd "$L" && exec flock out/.todokc-lock sh -c 'touch held; while [ ! -e release ]; do sleep 0.05; done') &
holder=$!
for _ in $(seq 1 200); do [ -e "$L/held" ] && break; sleep 0.05; done
(cd "$L" && exec "$todokc" s.todok -o out) >/dev/null 2>"$L/err" &
waiter=$!
for _ in $(seq 1 400); do grep -q waiting "$L/err" && break; sleep 0.05; done
check "a second run says on stderr that it waits" \
	grep -qx "todokc: waiting for another run of todokc to finish writing 'out'" "$L/err"
check "and has not written while it waits" test ! -e "$L/out/01-configmap-s-c.yaml"
touch "$L/release"
wait "$waiter"
st=$?
wait "$holder"
holder=
check "then it writes, once the lock is released (exit $st)" test "$st" -eq 0 -a -f "$L/out/01-configmap-s-c.yaml"
check "no lock file is left after a run" test ! -e "$L/out/.todokc-lock"
(cd "$L" && "$todokc" s.todok -o out --fail-if-locked) >/dev/null 2>"$tmp/err"
check "--fail-if-locked writes as usual when nobody holds the lock" test $? -eq 0
mkdir "$L/f" && echo mine >"$L/f/01-configmap-s-c.yaml"
(cd "$L" && "$todokc" s.todok -o f) >/dev/null 2>"$tmp/err"
check "a refused run (E0004) leaves no lock file" test ! -e "$L/f/.todokc-lock" -a "$(ls -A "$L/f")" = 01-configmap-s-c.yaml

# A temporary file that cannot be written (a full disk) names the file as
# every message does, quoted, and says that the run changes nothing.
(cd "$L" && TODOKC_FAULT=write:1:fail exec "$faulty" s.todok -o "out dir") >/dev/null 2>"$tmp/err"
check "a failed write of a temporary file names the file quoted (exit $?)" grep -qx \
	"todokc: error: cannot write 'out dir/01-configmap-s-c.yaml': Input/output error (nothing was written)" \
	"$tmp/err"
(cd "$L" && TODOKC_FAULT=write:3:fail exec "$faulty" s.todok -o "out dir") >/dev/null 2>"$tmp/err"
check "so does a failed write of the index" grep -qx \
	"todokc: error: cannot write 'out dir/.todokc-outputs': Input/output error (nothing was written)" \
	"$tmp/err"
(cd "$L" && TODOKC_FAULT=write:4:fail exec "$faulty" s.todok -o "out dir") >/dev/null 2>"$tmp/err"
check "and of the journal" grep -qx \
	"todokc: error: cannot write 'out dir/.todokc-journal': Input/output error (nothing was written)" \
	"$tmp/err"

echo "faults: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
