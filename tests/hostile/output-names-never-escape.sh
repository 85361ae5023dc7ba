#!/usr/bin/env bash
# Names that would make output file names leave DIR ('..', '/', naming
# templates with paths) are rejected, and nothing at all is written:
# not DIR, not anything beside it.
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/work"
status=0
n=0
while IFS= read -r stack; do
	n=$((n + 1))
	printf '%s\n' "$stack" >"$tmp/work/s$n.todok"
	(cd "$tmp/work" && $TODOKC "s$n.todok" -o out/dir) >/dev/null 2>>"$tmp/err"
	s=$?
	[ "$n" -eq 1 ] && status=$s
	if [ "$s" -ne 1 ]; then
		echo "hostile: stack $n: exit status $s, expected 1: $stack" >&2
		exit 99
	fi
done <<'STACKS'
stack s { naming { workload "../{component}" } service a { image "x:1" expose none } }
stack s { naming { workload "{component}/x" } service a { image "x:1" expose none } }
stack s { naming { service "../../{component}" } service a { image "x:1" port 80 } }
stack s { naming { config "/tmp/{component}" } config c { A = "v" } }
stack s { naming { secret ".." } secret c { A = "v" } }
stack s { naming { workload "." } service a { image "x:1" expose none } }
stack s { service a.b { image "x:1" expose none } }
stack s { service a..b { image "x:1" expose none } }
stack s { service .. { image "x:1" expose none } }
stack s { service a { image "x:1" port 80 expose clusterip as .. } }
stack s { service a { image "x:1" port 80 expose clusterip as a/b } }
stack .. { }
stack s { namespace .. }
stack s { namespace a/b }
stack s { config c { "../x" = "v" } }
stack s { service a { image "x:1" port 80 route "../x" } }
stack s { service a { image "x:1" expose none container .. } }
STACKS
extra=$(cd "$tmp" && find . -mindepth 1 ! -path ./err ! -path ./work ! -path './work/s*.todok')
if [ -n "$extra" ]; then
	echo "hostile: files written although every compile failed:" $extra >&2
	exit 99
fi
head -n 1 "$tmp/err" >&2
exit $status
