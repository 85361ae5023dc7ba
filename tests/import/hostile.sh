# hostile.sh - hostile Compose files (tests/import/hostile/NAME.sh, each
# making its input in a temporary folder and running $TODOKC on it), sourced
# by tests/suites/import.sh.  NAME.expect holds the exit status and the first
# line of stderr; every case runs under `timeout 60`, and where GNU time is
# installed its memory is bounded: at most 300 MiB resident.
for t in "$root"/tests/import/hostile/*.sh; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .sh)
	want_status=$(sed -n 1p "${t%.sh}.expect")
	want_err=$(sed -n 2p "${t%.sh}.expect")
	runner=()
	[ -x /usr/bin/time ] && runner=(/usr/bin/time -f '%M' -o "$tmp/rss")
	(cd "$root/tests/import/hostile" && env -i PATH="$PATH" LC_ALL=C TODOKC="$todokc" \
		${TMPDIR:+TMPDIR="$TMPDIR"} ${runner[@]+"${runner[@]}"} timeout 60 bash "$name.sh") \
		>"$tmp/out" 2>"$tmp/err"
	status=$?
	got_err=$(head -n 1 "$tmp/err")
	rss=$([ -s "$tmp/rss" ] && tail -1 "$tmp/rss" || echo 0)
	if [ "$status" != "$want_status" ]; then
		fail "hostile/$name: exit status $status, expected $want_status" "$tmp/err"
	elif [ "$got_err" != "$want_err" ]; then
		fail "hostile/$name: first line of stderr differs; expected: $want_err" "$tmp/err"
	elif [ "$rss" -gt $((300 * 1024)) ]; then
		fail "hostile/$name: $rss KiB resident, more than 300 MiB"
	else
		pass
	fi
	rm -f "$tmp/rss"
done
