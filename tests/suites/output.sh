#!/usr/bin/env bash
# output.sh - the output guarantees of todokc (docs/output.md):
#
#   determinism  every examples/*.todok, tests/golden/*.todok and the
#                fixtures of tests/output/, compiled to stdout (YAML, JSON),
#                into -o DIR (YAML, JSON) and as --emit dot, give the same
#                bytes (and file modes) whatever the locale, TZ, the folder
#                it runs from, the order of the environment and where the
#                secret values come from;
#   JSON         the stdout List parses (python3 -m json.tool, jq) and holds
#                the same objects as the per-file outputs and the YAML;
#   the folder   stale files removed, foreign files never touched, a foreign
#                file named like an output refused (exit 3, nothing
#                changed), DIR created (also nested), DIR a file (exit 3);
#   all or none  an error in the input writes nothing (DIR, stdout,
#                depfile); --check writes nothing;
#   modes        Secrets 0600 whatever the umask, the rest 0644 & ~umask;
#   atomicity    every file goes through a flushed .todokc-tmp-* and a
#                rename; a hard link to an old output keeps the old bytes;
#   I/O errors   unreadable input, unwritable or full DIR, /dev/full as
#                stdout: exit 3, a message naming the file and the reason,
#                the previous output left in place, no .todokc-tmp-* left;
#   --depfile    targets = the outputs, prerequisites = the .todok, each
#                file("...") and the --env-file, escaped as GCC does
#                ("\ ", "$$", "\#"); GNU make reads it and rebuilds when any
#                prerequisite changes;
#   --emit dot   accepted by dot -Tsvg.
#
# Run from the repository root: bash tests/suites/output.sh [-v]
# (-v prints every check, not only failures and skips).  Checks that need
# root (mount, chattr, setpriv) or a missing tool say so in a SKIP line.
# Ends with "output: N passed, M failed"; exits non-zero on any failure.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
todokc=$root/todokc
fx=$root/tests/output
verbose=0
[ "${1:-}" = -v ] && verbose=1
passed=0 failed=0 skipped=0

if [ ! -x "$todokc" ]; then
	echo "output: ./todokc is not built (run make)"
	echo "output: 0 passed, 1 failed"
	exit 1
fi

tmp=$(mktemp -d)
mounts=() immutable=()
cleanup() {
	local m
	for m in ${immutable[@]+"${immutable[@]}"}; do chattr -i "$m" 2>/dev/null; done
	for ((m = ${#mounts[@]} - 1; m >= 0; m--)); do umount "${mounts[m]}" 2>/dev/null || umount -l "${mounts[m]}" 2>/dev/null; done
	chmod -R u+rwX "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
chmod 755 "$tmp" # so that an unprivileged user (setpriv) can reach it

# --- helpers ---------------------------------------------------------------

# pass, fail, skip, check
. "$root/tests/suites/lib/report.bash"
# expect DESCRIPTION STATUS: the last run (tk) exited with STATUS.
expect() {
	if [ "$st" -eq "$2" ]; then pass "$1: exit $2"; else fail "$1: exit $st, expected $2" "$tmp/err"; fi
}
# tk ARGS...: runs todokc from the repository root; $st, $tmp/out, $tmp/err.
tk() {
	"$todokc" "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}
# The stderr of the last run contains each of the strings.
err_has() {
	local s
	for s in "$@"; do grep -qF -- "$s" "$tmp/err" || return 1; done
}
# snap DIR: every entry under DIR (type, mode, size, inode, mtime, link
# target; a folder's own mtime left out, as temporary files change it) and
# the checksum of every file: "untouched" means equal snaps.
snap() {
	(
		cd "$1" || exit 1
		{
			find . -mindepth 1 ! -type d -printf '%p %y %m %s %i %T@ %l\n'
			find . -mindepth 1 -type d -printf '%p %y %m %i\n'
		} | LC_ALL=C sort
		find . -type f -exec sha256sum {} + | LC_ALL=C sort
	)
}
# No temporary file of todokc anywhere under $tmp (or under the given dirs).
no_temps() {
	local found
	found=$(find "${@:-$tmp}" -name '.todokc-tmp-*' 2>/dev/null)
	[ -z "$found" ] || { echo "left behind: $found" >"$tmp/err"; return 1; }
}
# The regular output files of DIR (no kustomization, no index), sorted.
outputs_of() { (cd "$1" && find . -maxdepth 1 -type f -name '[0-9]*' -printf '%P\n' | LC_ALL=C sort); }
same_snap() { [ "$1" = "$2" ] || { diff <(echo "$1") <(echo "$2") >"$tmp/err"; return 1; }; }
mode_of() { stat -c %a "$1"; }
octal() { printf '%o' "$1"; }

# python3 itself, not a version manager's shim (which takes half a second a run)
py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
[ -x "$py" ] || py=python3
S=(--env-file "$fx/test.env")
unset SHOP_TOKEN
is_root=0
[ "$(id -u)" = 0 ] && is_root=1
has() { command -v "$1" >/dev/null 2>&1; }
# unpriv COMMAND...: runs COMMAND as an unprivileged user (root ignores
# file permissions); returns 125 when that is not possible.
unpriv() {
	if [ "$is_root" = 0 ]; then "$@"; return; fi
	has setpriv || return 125
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

# --- 1. determinism --------------------------------------------------------

echo "== determinism"
det_files=()
# A generated stack of 120 objects: three-digit file numbers.
mkdir -p "$tmp/big"
{
	echo "stack big {"
	for i in $(seq 1 60); do printf '  service s%d {\n    image "nginx:1.25"\n    port %d\n  }\n' "$i" $((8000 + i)); done
	echo "}"
} >"$tmp/big/big.todok"
for f in "$root"/examples/*.todok "$root"/tests/golden/*.todok "$fx/stack.todok" "$fx/strings.todok" "$tmp/big/big.todok"; do
	[ -e "$f" ] && det_files+=("$f")
done

# VAR=value lines of an env file, into the array vars.
read_env_file() {
	local line
	vars=()
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line%$'\r'}
		line=${line#"${line%%[![:space:]]*}"}
		case $line in '' | '#'*) continue ;; esac
		vars+=("${line#export }")
	done <"$1"
}

# Installed locales other than C and C.UTF-8 (POSIX and any real ones).
other_locales=()
while IFS= read -r l; do
	case $l in C | C.utf8 | C.UTF-8) ;; *) other_locales+=("$l") ;; esac
done < <(locale -a 2>/dev/null)

# det_variant ID NAME CWD rel|abs LOCALE TZ forward|reverse [envfile] [WRAPPER...]
# compiles $file five ways into $tmp/det/ID/NAME.
det_variant() {
	local id=$1 name=$2 cwd=$3 form=$4 lc=$5 tz=$6 order=$7 secrets=${8:-env}
	shift 8 2>/dev/null || shift $#
	local wrapper=("$@")
	local o=$tmp/det/$id/$name
	mkdir -p "$o"
	local input=$file out=$o
	if [ "$form" = rel ]; then
		input=$(realpath --relative-to="$cwd" "$file")
		out=$(realpath --relative-to="$cwd" "$o")
	fi
	local e=(PATH="$PATH" HOME=/nonexistent)
	[ -n "$lc" ] && e+=(LC_ALL="$lc" LANG="$lc" LC_CTYPE="$lc" LC_NUMERIC="$lc" LC_COLLATE="$lc")
	[ -n "$tz" ] && e+=(TZ="$tz")
	local a=(${args[@]+"${args[@]}"})
	if [ "$secrets" = envfile ]; then
		a+=(--env-file "$envfile")
	else
		e+=(${vars[@]+"${vars[@]}"})
	fi
	if [ "$order" = reverse ]; then
		e+=(ZZ_NOISE=1 AA_NOISE="a b" SOURCE_DATE_EPOCH=1 TMPDIR="$tmp")
		local r=() i
		for ((i = ${#e[@]} - 1; i >= 0; i--)); do r+=("${e[i]}"); done
		e=("${r[@]}")
	fi
	local k
	: >"$o/status"
	for k in stdout.yaml stdout.json dir-yaml dir-json graph.dot; do
		local extra=()
		case $k in
		stdout.json) extra=(--format json) ;;
		dir-yaml) extra=(-o "$out/dir-yaml") ;;
		dir-json) extra=(--format json -o "$out/dir-json") ;;
		graph.dot) extra=(--emit dot) ;;
		esac
		local dest=$o/$k
		case $k in dir-*) dest=/dev/null ;; esac
		(cd "$cwd" && umask 022 && ${wrapper[@]+"${wrapper[@]}"} env -i "${e[@]}" "$todokc" "$input" \
			${a[@]+"${a[@]}"} "${extra[@]}" >"$dest" 2>"$o/$k.stderr")
		echo "$k $?" >>"$o/status"
	done
}

# Compares variant NAME of ID with the base, kind by kind.
det_compare() {
	local id=$1 name=$2 what=$3 b=$tmp/det/$1/base o=$tmp/det/$1/$2 k
	for k in stdout.yaml stdout.json dir-yaml dir-json graph.dot; do
		local desc="determinism: $rel $k: $what"
		if ! grep -qx "$k 0" "$o/status"; then
			fail "$desc: exit status $(grep "^$k " "$o/status" | cut -d' ' -f2)" "$o/$k.stderr"
		elif [ -d "$b/$k" ]; then
			if diff -r "$b/$k" "$o/$k" >"$tmp/diff" 2>&1 &&
				diff <(cd "$b/$k" && find . -printf '%P %y %m\n' | LC_ALL=C sort) \
					<(cd "$o/$k" && find . -printf '%P %y %m\n' | LC_ALL=C sort) >"$tmp/diff" 2>&1; then
				pass "$desc"
			else
				fail "$desc: differs" "$tmp/diff"
			fi
		elif cmp "$b/$k" "$o/$k" >"$tmp/diff" 2>&1; then
			pass "$desc"
		else
			diff "$b/$k" "$o/$k" >>"$tmp/diff"
			fail "$desc: differs" "$tmp/diff"
		fi
	done
}

mkdir -p "$tmp/elsewhere/a/b"
n=0
for file in "${det_files[@]}"; do
	n=$((n + 1))
	id=$n
	rel=${file#"$root"/}
	dir=$(dirname "$file")
	envfile=$dir/test.env
	[ -f "$envfile" ] || envfile=$root/tests/golden/test.env
	read_env_file "$envfile"
	args=()
	[ -f "${file%.todok}.args" ] && read -r -a args <"${file%.todok}.args"

	det_variant "$id" base "$root" rel C UTC forward
	ok=1
	for k in stdout.yaml stdout.json dir-yaml dir-json graph.dot; do
		grep -qx "$k 0" "$tmp/det/$id/base/status" || { ok=0; fail "determinism: $rel $k compiles" "$tmp/det/$id/base/$k.stderr"; }
	done
	[ "$ok" = 1 ] && pass "determinism: $rel compiles five ways (YAML, JSON, -o YAML, -o JSON, dot)"
	[ -s "$tmp/det/$id/base/stdout.json" ] && pass "determinism: $rel JSON output not empty" ||
		fail "determinism: $rel JSON output not empty"

	det_variant "$id" again "$root" rel C UTC forward
	det_compare "$id" again "same conditions, run again"
	det_variant "$id" utf8 "$tmp/elsewhere/a/b" abs C.UTF-8 Asia/Tokyo reverse
	det_compare "$id" utf8 "LC_ALL=C.UTF-8, TZ=Asia/Tokyo, another folder, environment reversed"
	det_variant "$id" infolder "$dir" rel "" America/St_Johns reverse
	det_compare "$id" infolder "no LC_ALL, TZ=America/St_Johns, from the file's folder, environment reversed"
	det_variant "$id" envfile "$root" rel C.UTF-8 UTC forward envfile
	det_compare "$id" envfile "secret values from --env-file instead of the environment"
	for l in ${other_locales[@]+"${other_locales[@]}"}; do
		det_variant "$id" "loc-$l" / abs "$l" Pacific/Chatham forward
		det_compare "$id" "loc-$l" "LC_ALL=$l, TZ=Pacific/Chatham, from /"
	done
	if has faketime; then
		det_variant "$id" faketime "$root" rel C UTC forward env faketime '2001-02-03 04:05:06'
		det_compare "$id" faketime "faketime 2001-02-03"
	fi
done
[ ${#other_locales[@]} -eq 0 ] && skip "determinism: no installed locale besides C and C.UTF-8"
has faketime || skip "determinism: faketime is not installed (runs at different times are still compared)"

# --- 2. JSON ---------------------------------------------------------------

echo "== JSON"
# Runs a Python check that prints "ok: ..." / "FAIL: ..." lines; counts them.
pycheck() { # NAME ARGS... (the script on stdin)
	local name=$1 line rc
	shift
	if ! has "$py"; then
		skip "$name: python3 is missing"
		return
	fi
	"$py" - "$@" >"$tmp/py.out" 2>&1
	rc=$?
	while IFS= read -r line; do
		case $line in
		"ok: "*) pass "${line#ok: }" ;;
		"FAIL: "*) fail "${line#FAIL: }" ;;
		"SKIP: "*) skip "${line#SKIP: }" ;;
		*) echo "    $line" ;;
		esac
	done <"$tmp/py.out"
	[ "$rc" -eq 0 ] || fail "$name: the Python check itself failed (status $rc)"
}

n=0
for file in "${det_files[@]}"; do
	n=$((n + 1))
	rel=${file#"$root"/}
	b=$tmp/det/$n/base
	if ! has "$py"; then
		skip "json: python3 is missing"
	elif "$py" -m json.tool "$b/stdout.json" >/dev/null 2>"$tmp/err"; then
		pass "json: $rel stdout List parses with python3 -m json.tool"
	else
		fail "json: $rel stdout List parses with python3 -m json.tool" "$tmp/err"
	fi
	if has jq; then
		if jq -e '.apiVersion == "v1" and .kind == "List" and (.items | type) == "array"' \
			"$b/stdout.json" >/dev/null 2>"$tmp/err"; then
			pass "json: $rel stdout List parses with jq (apiVersion v1, kind List, items array)"
		else
			fail "json: $rel stdout List parses with jq (apiVersion v1, kind List, items array)" "$tmp/err"
		fi
		bad=
		if ! jq -e -s 'all(type == "object")' "$b"/dir-json/*.json >/dev/null 2>&1; then
			bad=" (all together)"
			for j in "$b"/dir-json/*.json; do
				jq -e 'type == "object"' "$j" >/dev/null 2>&1 || bad="$bad ${j##*/}"
			done
		fi
		[ -z "$bad" ] && pass "json: $rel every -o file parses with jq" ||
			fail "json: $rel -o files jq rejects:$bad"
	else
		skip "json: jq is not installed"
	fi
	pycheck "json: $rel" "$rel" "$b" <<'EOF'
import json, os, re, sys
rel, b = sys.argv[1], sys.argv[2]
try:
    import yaml
    Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
except ImportError:
    yaml = None
def ok(c, d):
    print(("ok: " if c else "FAIL: ") + "json: %s %s" % (rel, d))
    return c
lst = json.load(open(os.path.join(b, "stdout.json")))
ok(isinstance(lst, dict) and list(lst)[:2] == ["apiVersion", "kind"] and "items" in lst
   and set(lst) <= {"apiVersion", "kind", "metadata", "items"},
   "stdout is one object {apiVersion, kind, items}")
items = lst.get("items", [])
def kust(d):
    k = yaml.load(open(os.path.join(d, "Kustomization")), Loader) if yaml else None
    if k is None:  # without PyYAML: the "- NAME" lines
        return [l[2:].strip() for l in open(os.path.join(d, "Kustomization")) if l.startswith("- ")], None
    return k.get("resources", []), k
for fmt in ("json", "yaml"):
    d = os.path.join(b, "dir-" + fmt)
    res, k = kust(d)
    files = sorted(f for f in os.listdir(d) if f not in ("Kustomization", ".todokc-outputs"))
    ok(res == files, "-o %s: Kustomization lists exactly the files, in order (%d)" % (fmt.upper(), len(files)))
    ok(all(f.endswith("." + fmt) for f in files), "-o %s: files end in .%s" % (fmt.upper(), fmt))
    nums = [f.split("-", 1)[0] for f in files]
    ok(nums == ["%0*d" % (max(2, len(str(len(files)))), i + 1) for i in range(len(files))],
       "-o %s: files numbered 01..%02d without gaps" % (fmt.upper(), len(files)))
    if k is not None:
        ok(k.get("apiVersion") == "kustomize.config.k8s.io/v1beta1" and k.get("kind") == "Kustomization"
           and k.get("sortOptions") == {"order": "fifo"},
           "-o %s: Kustomization is YAML, a Kustomization with sortOptions order fifo" % fmt.upper())
    if fmt == "json":
        per = [json.load(open(os.path.join(d, f))) for f in res]
        ok(per == items, "stdout List items equal the -o JSON files in kustomization order")
        stems = [re.sub(r"\.json$", "", f) for f in res]
        ok(all(s.split("-", 2)[1] == o["kind"].lower() and s.split("-", 2)[2] == o["metadata"]["name"]
               for s, o in zip(stems, per)),
           "-o JSON file names are NN-kind-name of their object")
    elif yaml:
        per = [yaml.load(open(os.path.join(d, f)), Loader) for f in res]
        ok(per == items, "-o YAML files hold the same objects as the JSON List")
ok(all(list(o)[:3] == ["apiVersion", "kind", "metadata"] for o in items),
   "every item starts with apiVersion, kind, metadata")
if yaml:
    docs = [x for x in yaml.load_all(open(os.path.join(b, "stdout.yaml")), Loader) if x is not None]
    ok(docs == items, "stdout YAML stream holds the same objects as the JSON List (%d)" % len(items))
else:
    print("SKIP: json: PyYAML is missing, YAML objects not compared with JSON")
EOF
done

# --- 3. the output folder --------------------------------------------------

echo "== output folder"
O=$tmp/o1
tk "$fx/stack.todok" "${S[@]}" -o "$O"
expect "first run into a new DIR" 0
check "new DIR created with the outputs and Kustomization" \
	test -f "$O/Kustomization" -a -f "$O/06-deployment-shop-web.yaml" -a -f "$O/.todokc-outputs"
check "stdout empty with -o" test ! -s "$tmp/out"
# the user's own files
echo "# my notes" >"$O/README"
printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n' >"$O/extra.yaml"
mkdir "$O/mine" && echo keep >"$O/mine/01-secret-shop-creds.yaml"
foreign_snap() { snap "$O" | grep -E '(README|extra\.yaml|mine)'; }
fs0=$(foreign_snap)
tk "$fx/stack.todok" "${S[@]}" -o "$O"
expect "second run, same stack" 0
check "foreign README, extra.yaml, mine/ untouched (inode, mtime, bytes) after a rerun" same_snap "$fs0" "$(foreign_snap)"

before=$(outputs_of "$O")
tk "$fx/stack-smaller.todok" "${S[@]}" -o "$O"
expect "component web removed" 0
after=$(outputs_of "$O")
check "stale files of the removed component are gone" \
	bash -c '! ls "$1" | grep -q shop-web' _ "$O"
check "renumbered: 05-deployment-shop-worker.yaml, no 06- or 07- left" \
	bash -c 'test -f "$1/05-deployment-shop-worker.yaml" && ! ls "$1" | grep -qE "^0[67]-"' _ "$O"
check "Kustomization lists only the new files" \
	bash -c 'diff <(sed -n "s/^- //p" "$1/Kustomization") <(echo "$2")' _ "$O" "$after"
check "the index lists exactly the new outputs and Kustomization" \
	bash -c 'diff <(grep -v "^#" "$1/.todokc-outputs" | LC_ALL=C sort) <(printf "%s\nKustomization\n" "$2" | LC_ALL=C sort)' _ "$O" "$after"
check "foreign files untouched after the component was removed" same_snap "$fs0" "$(foreign_snap)"
[ "$before" != "$after" ] && pass "the removal changed the set of outputs" || fail "the removal changed the set of outputs"

tk "$fx/stack-smaller.todok" "${S[@]}" --format json -o "$O"
expect "switching the same DIR to --format json" 0
check "YAML outputs of the earlier run removed, JSON ones written" \
	bash -c '! ls "$1" | grep -qE "^[0-9].*\.yaml$" && ls "$1" | grep -qE "^01-.*\.json$"' _ "$O"
check "Kustomization stays YAML and lists the .json files" \
	bash -c 'head -1 "$1/Kustomization" | grep -q "^apiVersion: kustomize" && grep -q "^- 01-secret-shop-creds.json$" "$1/Kustomization"' _ "$O"
tk "$fx/stack.todok" "${S[@]}" -o "$O"
expect "back to YAML with web added again" 0
check "foreign files untouched after every run" same_snap "$fs0" "$(foreign_snap)"
check "no .todokc-tmp-* after successful runs" no_temps "$O"

# From 120 objects (001-...) to 7 (01-...) and back: every old name goes.
W=$tmp/width
tk "$tmp/big/big.todok" -o "$W"
expect "120 objects into a new DIR" 0
check "120 objects: files numbered 001..120" test -f "$W/001-service-big-s1-service.yaml" -a -f "$W/120-deployment-big-s60.yaml"
echo mine >"$W/README"
tk "$fx/stack.todok" "${S[@]}" -o "$W"
expect "then 7 objects into the same DIR" 0
check "every three-digit file removed, two-digit ones written" \
	bash -c '[ "$(ls "$1" | grep -cE "^[0-9]{3}-")" = 0 ] && [ "$(ls "$1" | grep -cE "^[0-9]{2}-")" = 7 ]' _ "$W"
check "README kept" test -f "$W/README"
tk "$tmp/big/big.todok" -o "$W"
check "back to 120: no two-digit file left" bash -c '[ "$(ls "$1" | grep -cE "^[0-9]{2}-")" = 0 ]' _ "$W"

# A foreign file named like an output: refused, nothing changes.
refuse() { # DESC DIR FOREIGN-NAME ARGS...
	local desc=$1 d=$2 name=$3
	shift 3
	local s0
	s0=$(snap "$d")
	tk "$@" -o "$d"
	expect "$desc" 3
	check "$desc: the message names $name" err_has "$name" 
	check "$desc: every file of DIR as it was" same_snap "$s0" "$(snap "$d")"
	check "$desc: stdout empty" test ! -s "$tmp/out"
}
F=$tmp/foreign1
mkdir "$F" && echo "mine" >"$F/01-secret-shop-creds.yaml" && echo readme >"$F/README"
refuse "foreign 01-secret-shop-creds.yaml in a DIR without index" "$F" 01-secret-shop-creds.yaml "$fx/stack.todok" "${S[@]}"
check "foreign: no index created" test ! -e "$F/.todokc-outputs"
F=$tmp/foreign2
tk "$fx/stack-smaller.todok" "${S[@]}" -o "$F"
echo "my own web deployment" >"$F/06-deployment-shop-web.yaml"
refuse "foreign 06-deployment-shop-web.yaml not in the index of an earlier run" "$F" 06-deployment-shop-web.yaml "$fx/stack.todok" "${S[@]}"
F=$tmp/foreign3
mkdir "$F" && printf 'resources: [mine.yaml]\n' >"$F/kustomization.yaml"
refuse "the user's own kustomization.yaml" "$F" kustomization.yaml "$fx/stack.todok" "${S[@]}"
F=$tmp/foreign3b
mkdir "$F" && printf 'resources: [mine.yaml]\n' >"$F/Kustomization"
refuse "the user's own Kustomization" "$F" Kustomization "$fx/stack.todok" "${S[@]}"
F=$tmp/older-todokc
mkdir "$F" && printf '# written by todokc\nkustomization.yaml\n' >"$F/.todokc-outputs" &&
	printf 'resources: []\n' >"$F/kustomization.yaml"
tk "$fx/stack.todok" "${S[@]}" -o "$F"
check "an older todokc's kustomization.yaml, listed in the index, is removed" \
	bash -c 'test ! -e "$1/kustomization.yaml" && test -f "$1/Kustomization" && ! grep -qx kustomization.yaml "$1/.todokc-outputs"' _ "$F"
F=$tmp/foreign4
mkdir "$F" && echo victim >"$tmp/victim" && ln -s "$tmp/victim" "$F/02-configmap-shop-settings.yaml"
refuse "a foreign symlink named like an output" "$F" 02-configmap-shop-settings.yaml "$fx/stack.todok" "${S[@]}"
check "the symlink's target untouched" bash -c '[ "$(cat "$1")" = victim ]' _ "$tmp/victim"
F=$tmp/foreign5
mkdir "$F" && echo x >"$F/01-secret-shop-creds.json"
refuse "foreign 01-secret-shop-creds.json with --format json" "$F" 01-secret-shop-creds.json "$fx/stack.todok" "${S[@]}" --format json
check "no .todokc-tmp-* after the refusals" no_temps

# A tampered index naming files outside DIR: refused before anything is
# removed (exit 3), never followed.
F=$tmp/tamper
tk "$fx/stack.todok" "${S[@]}" -o "$F/out"
echo outside >"$F/outside.yaml"
printf '../outside.yaml\n%s\n/%s\n.\n..\n' "$F/outside.yaml" "${F#/}/outside.yaml" >>"$F/out/.todokc-outputs"
t0=$(snap "$F/out")
tk "$fx/stack-smaller.todok" "${S[@]}" -o "$F/out"
expect "index lists ../outside.yaml and absolute paths" 3
check "a tampered index: the message names the line" err_has "'$F/out/.todokc-outputs', line 10: '../outside.yaml' is not the name of a file todokc writes"
check "a file outside DIR named by the index is never removed" test -f "$F/outside.yaml"
check "a tampered index: DIR exactly as it was" same_snap "$t0" "$(snap "$F/out")"

# DIR does not exist yet: created, also nested; trailing slash.
tk "$fx/stack.todok" "${S[@]}" -o "$tmp/new/a/b/c"
expect "nested DIR a/b/c that does not exist" 0
check "nested DIR created with the outputs" test -f "$tmp/new/a/b/c/Kustomization"
(cd "$tmp" && "$todokc" "$fx/stack.todok" "${S[@]}" -o rel/x/y/ >"$tmp/out" 2>"$tmp/err")
st=$?
expect "relative nested DIR with a trailing slash" 0
check "relative nested DIR created" test -f "$tmp/rel/x/y/01-secret-shop-creds.yaml"
mkdir -p "$tmp/real" && ln -s real "$tmp/link"
tk "$fx/stack.todok" "${S[@]}" -o "$tmp/link"
expect "DIR a symlink to a folder" 0
check "DIR symlink kept, files in its target" bash -c 'test -L "$1/link" && test -f "$1/real/Kustomization"' _ "$tmp"

# DIR is a regular file.
echo "not a folder" >"$tmp/afile"
fsnap() { stat -c '%i %Y %s %a' "$1" && sha256sum <"$1"; }
s0=$(fsnap "$tmp/afile")
tk "$fx/stack.todok" "${S[@]}" -o "$tmp/afile"
expect "DIR is a regular file" 3
check "DIR is a file: the message names it" err_has "$tmp/afile"
check "DIR is a file: the message gives the reason" err_has "Not a directory"
check "DIR is a file: file untouched" same_snap "$s0" "$(fsnap "$tmp/afile")"
tk "$fx/stack.todok" "${S[@]}" -o "$tmp/afile/sub"
expect "DIR below a regular file" 3
check "DIR below a file: the message names the path" err_has "$tmp/afile"
check "DIR below a file: file untouched" same_snap "$s0" "$(fsnap "$tmp/afile")"

# --- 4. all or nothing -----------------------------------------------------

echo "== all or nothing"
P=$tmp/prev
tk "$fx/stack.todok" "${S[@]}" -o "$P"
echo mine >"$P/README"
p0=$(snap "$P")
nothing() { # DESC STATUS ARGS... (compiled into $P, into a new DIR, to stdout, with --depfile)
	local desc=$1 want=$2
	shift 2
	tk "$@" -o "$P" --depfile "$tmp/nothing.d"
	expect "$desc, -o an existing DIR" "$want"
	check "$desc: existing DIR exactly as it was" same_snap "$p0" "$(snap "$P")"
	check "$desc: no depfile written" test ! -e "$tmp/nothing.d"
	tk "$@" -o "$tmp/nothing-new"
	expect "$desc, -o a new DIR" "$want"
	check "$desc: the new DIR is not created" test ! -e "$tmp/nothing-new"
	tk "$@"
	expect "$desc, YAML to stdout" "$want"
	check "$desc: nothing on stdout (YAML)" test ! -s "$tmp/out"
	tk "$@" --format json
	check "$desc: nothing on stdout (JSON)" test ! -s "$tmp/out"
}
nothing "error in the input" 1 "$fx/broken.todok" "${S[@]}"
check "error in the input: a diagnostic on stderr" err_has "broken.todok:" "error:"
nothing "a missing env(\"SHOP_TOKEN\")" 1 "$fx/stack.todok"
nothing "-D for an undeclared param" 1 "$fx/stack.todok" "${S[@]}" -D nosuch=1
sed 's/TOKEN   = env("SHOP_TOKEN")/TOKEN   = "literal"/' "$fx/stack.todok" >"$tmp/warn.todok"
cp "$fx/secret.txt" "$tmp/secret.txt"
tk "$tmp/warn.todok" --werror
check "a warning (a literal secret) with --werror fails" test "$st" -ne 0 -a "$st" -ne 3
nothing "a warning with --werror" "$st" "$tmp/warn.todok" --werror
tk "$fx/stack.todok" "${S[@]}" --emit dot -o "$tmp/afile"
expect "--emit dot with -o a DIR that cannot be written" 3
check "--emit dot with a failing -o: nothing on stdout (all or nothing)" test ! -s "$tmp/out"
tk "$fx/stack.todok" "${S[@]}" --check -o "$tmp/check-new" --depfile "$tmp/check.d"
expect "--check of a good stack" 0
check "--check: DIR not created" test ! -e "$tmp/check-new"
check "--check: no depfile" test ! -e "$tmp/check.d"
check "--check: nothing on stdout" test ! -s "$tmp/out"
tk "$fx/stack-smaller.todok" "${S[@]}" --check -o "$P"
check "--check: an existing DIR untouched" same_snap "$p0" "$(snap "$P")"
check "no .todokc-tmp-* after the failed compiles" no_temps

# --- 5. modes --------------------------------------------------------------

echo "== modes"
for um in 022 077 000 027 002; do
	M=$tmp/modes-$um
	for fmt in yaml json; do
		(umask "$um" && "$todokc" "$fx/stack.todok" "${S[@]}" --format $fmt -o "$M-$fmt" >/dev/null 2>"$tmp/err")
		want=$(octal $((0644 & ~8#$um)))
		check "umask $um ($fmt): Secret manifest 0600" test "$(mode_of "$M-$fmt/01-secret-shop-creds.$fmt")" = 600
		bad=
		for f in "$M-$fmt"/*; do
			case $f in *-secret-*) continue ;; esac
			[ "$(mode_of "$f")" = "$want" ] || bad="$bad ${f##*/}=$(mode_of "$f")"
		done
		[ -z "$bad" ] && pass "umask $um ($fmt): every other file $want" || fail "umask $um ($fmt): not $want:$bad"
	done
done
# Modes follow the umask of the run that writes them, also over old files.
M=$tmp/modes-rerun
(umask 000 && "$todokc" "$fx/stack.todok" "${S[@]}" -o "$M" >/dev/null 2>&1)
(umask 077 && "$todokc" "$fx/stack.todok" "${S[@]}" -o "$M" >/dev/null 2>&1)
check "rerun with umask 077 over files written with umask 000: ConfigMap 0600" \
	test "$(mode_of "$M/02-configmap-shop-settings.yaml")" = 600
chmod 644 "$M/01-secret-shop-creds.yaml"
(umask 000 && "$todokc" "$fx/stack.todok" "${S[@]}" -o "$M" >/dev/null 2>&1)
check "a Secret made 0644 by hand is 0600 again after a rerun with umask 000" \
	test "$(mode_of "$M/01-secret-shop-creds.yaml")" = 600

# --- 6. atomic replacement -------------------------------------------------

echo "== atomic replacement"
A=$tmp/atomic
tk "$fx/stack.todok" "${S[@]}" -o "$A"
ln "$A/04-deployment-shop-api.yaml" "$tmp/held"
old_sum=$(sha256sum <"$tmp/held")
ino0=$(stat -c %i "$A/04-deployment-shop-api.yaml")
tk "$fx/stack.todok" "${S[@]}" -o "$A" -D tag=2.0
expect "rerun with -D tag=2.0" 0
check "the new file has the new image" grep -q 'shop-api:2.0' "$A/04-deployment-shop-api.yaml"
check "a hard link to the old file keeps the old bytes (replaced, not rewritten in place)" \
	test "$(sha256sum <"$tmp/held")" = "$old_sum"
check "the output is a new inode" test "$(stat -c %i "$A/04-deployment-shop-api.yaml")" != "$ino0"
if has strace && strace -o /dev/null true 2>/dev/null; then
	# -y: a folder descriptor is shown with its path, as 3</path/to/DIR>
	strace -f -y -o "$tmp/strace.log" -e trace=openat,open,creat,rename,renameat,renameat2,fsync,fdatasync,syncfs,sync \
		"$todokc" "$fx/stack.todok" "${S[@]}" -o "$A" -D tag=3.0 >/dev/null 2>&1
	names=$( (cd "$A" && ls -A) | grep -v '^\.todokc-tmp-')
	bad=
	in_a="([0-9]+<$A>, \"|\"$A/)"
	for f in $names; do
		grep -qE "rename(at2?)?\($in_a\.todokc-tmp-[^\"]+\", $in_a$f\"" "$tmp/strace.log" || bad="$bad $f"
	done
	[ -z "$bad" ] && pass "strace: every file renamed from a .todokc-tmp-* in DIR" ||
		fail "strace: not renamed from a temporary file:$bad"
	if grep -E "open(at)?\(($in_a|AT_FDCWD, \"$A/)[^.][^\"]*\", O_(WR|RDWR)" "$tmp/strace.log" >"$tmp/err"; then
		fail "strace: no output opened for writing under its final name"
	else
		pass "strace: no output opened for writing under its final name"
	fi
	# flushed: an fsync per file, or a syncfs/sync, before the first rename
	awk '/rename(at2?)?\(.*todokc-tmp/ { exit } /(fsync|fdatasync)\([0-9]+(<[^>]*>)?\) += 0/ { f++ } /(syncfs\([0-9]+(<[^>]*>)?\)|sync\(\)) += 0/ { s++ }
		END { print f + 0, s + 0 }' "$tmp/strace.log" >"$tmp/flush"
	read -r nsync nsyncfs <"$tmp/flush"
	nren=$(grep -cE 'rename(at2?)?\(.*todokc-tmp' "$tmp/strace.log")
	check "strace: the temporary files flushed before the first rename ($nsync fsync, $nsyncfs syncfs, $nren renames)" \
		test "$nsyncfs" -gt 0 -o "$nsync" -ge "$nren"
else
	skip "atomic: strace is missing or not permitted"
fi

# --- 7. I/O failures -------------------------------------------------------

echo "== I/O failures"
io_fail() { # DESC MUST-NAME REASON ARGS...; expects exit 3 and no change to $P
	local desc=$1 name=$2 reason=$3
	shift 3
	tk "$@"
	expect "$desc" 3
	check "$desc: the message names $name" err_has "$name"
	[ -n "$reason" ] && check "$desc: the message gives the reason ($reason)" err_has "$reason"
	check "$desc: previous output in place" same_snap "$p0" "$(snap "$P")"
}
p0=$(snap "$P")
io_fail "input is a directory" "$fx" "Is a directory" "$fx" "${S[@]}" -o "$P"
io_fail "input missing" "$tmp/missing.todok" "No such file or directory" "$tmp/missing.todok" "${S[@]}" -o "$P"
io_fail "--env-file missing" "$tmp/missing.env" "No such file or directory" "$fx/stack.todok" --env-file "$tmp/missing.env" -o "$P"
io_fail "--env-file is a directory" "$tmp" "Is a directory" "$fx/stack.todok" --env-file "$tmp" -o "$P"
tk "$fx/stack.todok" "${S[@]}" --env-file "$tmp/missing.env"
check "input errors write nothing on stdout" test ! -s "$tmp/out"

# Unreadable files, as an unprivileged user.
U=$tmp/unpriv
mkdir -m 777 "$U"
cp "$fx"/stack.todok "$fx"/secret.txt "$fx"/test.env "$U/"
chmod 644 "$U"/*
if unpriv true 2>/dev/null; then
	chmod 000 "$U/stack.todok"
	unpriv "$todokc" "$U/stack.todok" --env-file "$U/test.env" >"$tmp/out" 2>"$tmp/err"
	st=$?
	expect "unreadable input (mode 000, unprivileged)" 3
	check "unreadable input: message names it and says Permission denied" err_has "$U/stack.todok" "Permission denied"
	chmod 644 "$U/stack.todok"
	chmod 000 "$U/secret.txt"
	unpriv "$todokc" "$U/stack.todok" --env-file "$U/test.env" >"$tmp/out" 2>"$tmp/err"
	st=$?
	expect "unreadable file(\"secret.txt\") (unprivileged)" 3
	check "unreadable file(...): message names it and says Permission denied" err_has "secret.txt" "Permission denied"
	check "unreadable file(...): nothing on stdout" test ! -s "$tmp/out"
	chmod 644 "$U/secret.txt"
	mkdir -m 777 "$U/out"
	unpriv "$todokc" "$U/stack.todok" --env-file "$U/test.env" -o "$U/out" >/dev/null 2>&1
	chmod 555 "$U/out"
	u0=$(snap "$U/out")
	unpriv "$todokc" "$U/stack.todok" --env-file "$U/test.env" -o "$U/out" -D tag=9 >"$tmp/out" 2>"$tmp/err"
	st=$?
	expect "DIR not writable (mode 555, unprivileged)" 3
	check "DIR not writable: message names DIR and says Permission denied" err_has "$U/out" "Permission denied"
	check "DIR not writable: previous output in place" same_snap "$u0" "$(snap "$U/out")"
	unpriv "$todokc" "$U/stack.todok" --env-file "$U/test.env" -o "$U/out/sub/dir" >"$tmp/out" 2>"$tmp/err"
	st=$?
	expect "DIR cannot be created (parent mode 555, unprivileged)" 3
	check "DIR cannot be created: message names it" err_has "$U/out/sub" "Permission denied"
	chmod 777 "$U/out"
else
	skip "unreadable input / unwritable DIR by permissions: running as root without setpriv"
fi

# Standard output that cannot be written.
for fmt in yaml json; do
	"$todokc" "$fx/stack.todok" "${S[@]}" --format $fmt >/dev/full 2>"$tmp/err"
	st=$?
	expect "stdout is /dev/full ($fmt)" 3
	check "stdout is /dev/full ($fmt): message names standard output and the reason" \
		err_has "standard output" "No space left on device"
done
"$todokc" "$fx/stack.todok" "${S[@]}" --emit dot >/dev/full 2>"$tmp/err"
st=$?
expect "--emit dot to /dev/full" 3
"$todokc" "$fx/stack.todok" "${S[@]}" >&- 2>"$tmp/err"
st=$?
expect "stdout closed" 3
check "stdout closed: message names standard output" err_has "standard output"
"$todokc" --version >/dev/full 2>"$tmp/err"
st=$?
expect "--version to /dev/full" 3
"$todokc" --help >/dev/full 2>"$tmp/err"
st=$?
expect "--help to /dev/full" 3

# Read-only DIR: chattr +i, then a read-only bind mount.
R=$tmp/readonly
tk "$fx/stack.todok" "${S[@]}" -o "$R"
r0=$(snap "$R")
if [ "$is_root" = 1 ] && chattr +i "$R" 2>/dev/null; then
	immutable+=("$R")
	tk "$fx/stack-smaller.todok" "${S[@]}" -o "$R"
	expect "immutable DIR (chattr +i)" 3
	check "immutable DIR: message names DIR and the reason" err_has "$R" "Operation not permitted"
	check "immutable DIR: previous output in place" same_snap "$r0" "$(snap "$R")"
	chattr -i "$R"
else
	skip "chattr +i is not permitted here (not root, or the file system does not support it)"
fi
if [ "$is_root" = 1 ] && mount --bind "$R" "$R" 2>/dev/null; then
	mounts+=("$R")
	if mount -o remount,bind,ro "$R" 2>/dev/null; then
		tk "$fx/stack-smaller.todok" "${S[@]}" -o "$R"
		expect "read-only bind mount as DIR" 3
		check "read-only DIR: message names DIR and the reason" err_has "$R" "Read-only file system"
		check "read-only DIR: previous output in place" same_snap "$r0" "$(snap "$R")"
	else
		skip "remounting a bind mount read-only is not permitted"
	fi
	umount "$R" && unset 'mounts[${#mounts[@]}-1]'
else
	skip "mount --bind is not permitted (read-only DIR)"
fi

# A full disk: a small tmpfs, filled up.
T=$tmp/full
mkdir "$T"
if [ "$is_root" = 1 ] && mount -t tmpfs -o size=256k,mode=755 tmpfs "$T" 2>/dev/null; then
	mounts+=("$T")
	tk "$fx/stack.todok" "${S[@]}" -o "$T/out"
	expect "first run on a 256k tmpfs" 0
	dd if=/dev/zero of="$T/filler" bs=4k >/dev/null 2>&1
	f0=$(snap "$T")
	tk "$fx/stack.todok" "${S[@]}" -o "$T/out" -D tag=2.0
	expect "full disk (tmpfs filled up)" 3
	check "full disk: the message names a file in DIR and the reason" err_has "$T/out/" "No space left on device"
	check "full disk: previous output and the filler in place" same_snap "$f0" "$(snap "$T")"
	check "full disk: no .todokc-tmp-* left" no_temps "$T"
	tk "$fx/stack.todok" "${S[@]}" --format json -o "$T/out2"
	expect "full disk, a new DIR" 3
	check "full disk, new DIR: no .todokc-tmp-* left" no_temps "$T"
	rm -f "$T/filler"
	tk "$fx/stack.todok" "${S[@]}" -o "$T/out" -D tag=2.0
	expect "after freeing space" 0
	umount "$T" && unset 'mounts[${#mounts[@]}-1]'
else
	skip "mount -t tmpfs is not permitted (full disk); /dev/full covers standard output only"
fi

# An unwritable --depfile is an I/O failure too: exit 3, and it should not
# have replaced the previous output first.
p0=$(snap "$P")
tk "$fx/stack-smaller.todok" "${S[@]}" -o "$P" --depfile "$tmp/no/such/dir/deps.d"
expect "--depfile in a folder that does not exist" 3
check "unwritable depfile: the message names it" err_has "$tmp/no/such/dir/deps.d"
check "unwritable depfile: previous output in place (all or nothing)" same_snap "$p0" "$(snap "$P")"

# A depfile in a folder that -o creates (the -o folder's parent, as in
# docs/output.md's profiles: -o out/shop/dev --depfile out/shop/dev.d) is
# written once the run has created it; a depfile beside another folder
# that does not exist is still refused.
tk "$fx/stack-smaller.todok" "${S[@]}" -o "$tmp/new-parent/shop/dev" \
	--depfile "$tmp/new-parent/shop/dev.d"
expect "--depfile in the parent of a new -o folder" 0
check "that depfile is written" grep -q '^.*/new-parent/shop/dev/Kustomization ' \
	"$tmp/new-parent/shop/dev.d"
tk "$fx/stack-smaller.todok" "${S[@]}" -o "$tmp/new-inside" --depfile "$tmp/new-inside/deps.d"
expect "--depfile in a new -o folder" 0
tk "$fx/stack-smaller.todok" "${S[@]}" -o "$tmp/new-other/a" --depfile "$tmp/new-other/b/deps.d"
expect "--depfile beside a new -o folder, in a folder -o does not create" 3
check "and nothing was created" test ! -e "$tmp/new-other"

# A depfile that the last step could not commit, or that would replace a
# file of todokc's or of the compile's, is refused before anything is
# written: exit 3, the previous output in place, nothing on standard
# output, the file named untouched.
mkdir -p "$tmp/depdir" && mkfifo "$tmp/depfifo"
for d in "$tmp/depdir" "$tmp/depdir/" "$tmp/depfifo" "$fx/stack-smaller.todok" "$fx/test.env" \
	"$fx/secret.txt" "$P" "$P/.todokc-outputs" "$P/.todokc-journal" "$P/.todokc-lock" \
	"$P/01-secret-shop-creds.yaml" "$P/Kustomization"; do
	s0=$( [ -f "$d" ] && fsnap "$d")
	tk "$fx/stack-smaller.todok" "${S[@]}" -o "$P" --depfile "$d"
	expect "--depfile ${d#"$tmp/"}" 3
	check "--depfile ${d#"$tmp/"}: previous output in place" same_snap "$p0" "$(snap "$P")"
	check "--depfile ${d#"$tmp/"}: the file untouched" same_snap "$s0" "$( [ -f "$d" ] && fsnap "$d")"
	case $d in "$P"*) continue ;; esac # only the -o folder's
	tk "$fx/stack-smaller.todok" "${S[@]}" --depfile "$d"
	check "--depfile ${d#"$tmp/"}, YAML to stdout: nothing written" test "$st" -eq 3 -a ! -s "$tmp/out"
done
check "no .todokc-tmp-* left after any failure" no_temps

# --- 8. --depfile ----------------------------------------------------------

echo "== depfile"
D=$tmp/'dep dir$x'
mkdir "$D"
# the secret file and the env file have a space, a $ and a # in their names
sed 's/file("secret.txt")/file("my secret\\$1#.txt")/' "$fx/stack.todok" >"$D/app.todok"
cp "$fx/secret.txt" "$D/my secret\$1#.txt"
cp "$fx/test.env" "$D/env #file\$.env"
touch -d '2000-01-01' "$D/app.todok" "$D/my secret\$1#.txt" "$D/env #file\$.env"
OUT="$D/out \$dir"
tk "$D/app.todok" --env-file "$D/env #file\$.env" -o "$OUT" --depfile "$D/deps.d"
expect "depfile: compile with odd paths" 0
check "depfile written" test -s "$D/deps.d"
cp "$D/deps.d" "$tmp/deps.txt" 2>/dev/null
# Parses the depfile as Make does; compares targets and prerequisites.
depcheck() { # DESC CWD DEPFILE OUT-DIR|- PREREQ... (paths relative to CWD)
	pycheck "depfile: $1" "$@" <<'EOF'
import os, sys
desc, cwd, depfile, out, want = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
os.chdir(cwd)
text = open(depfile).read().replace("\\\n", " ")
rules = [l for l in text.split("\n") if l.strip()]
def words(s):
    out, cur, i = [], "", 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s) and s[i + 1] in " \t#\\":
            cur += s[i + 1]; i += 2; continue
        if c == "$" and s[i + 1:i + 2] == "$":
            cur += "$"; i += 2; continue
        if c == "$":
            cur += "<UNESCAPED $>"
        if c in " \t":
            if cur: out.append(cur)
            cur = ""
        else:
            cur += c
        i += 1
    if cur: out.append(cur)
    return out
def split_rule(r):
    i, esc = 0, False
    for i, c in enumerate(r):
        if c == ":" and not esc:
            return words(r[:i]), words(r[i + 1:])
        esc = c == "\\" and not esc
    return None, None
def ok(c, d):
    print(("ok: " if c else "FAIL: ") + "depfile: %s: %s" % (desc, d))
t, p = split_rule(rules[0])
if t is None:
    ok(False, "first line is a rule"); sys.exit()
norm = lambda x: os.path.normpath(x)
if out != "-":
    files = sorted(f for f in os.listdir(out) if f != ".todokc-outputs")
    ok(sorted(norm(x) for x in t) == sorted(norm(os.path.join(out, f)) for f in files),
       "targets are exactly the outputs (%d files incl. Kustomization): %s" % (len(files), t))
    ok(all("//" not in x for x in t), "targets spelled without '//'")
else:
    ok(len(t) >= 1, "has a target")
ok(sorted(norm(x) for x in p) == sorted(norm(x) for x in want),
   "prerequisites are the .todok, each file(...) and the --env-file: %s" % p)
phony = set()
for r in rules[1:]:
    rt, rp = split_rule(r)
    if rt and not rp:
        phony.update(norm(x) for x in rt)
ok(phony >= {norm(x) for x in want[1:]},
   "an empty rule for every prerequisite but the .todok, as gcc -MP (so a deleted file does not break make): %s" % sorted(phony))
EOF
}
depcheck "absolute odd paths" / "$D/deps.d" "$OUT" "$D/app.todok" "$D/my secret\$1#.txt" "$D/env #file\$.env"
# Every profile is checked, and each reads the config's file again: the
# depfile still lists it once.
PD=$tmp/dep-profiles
mkdir "$PD"
printf 'level = info\n' >"$PD/app.conf"
cat >"$PD/app.todok" <<'EOF2'
stack shop {
  config app { app.conf = file("app.conf") }
  service api {
    image "shop/api:1.0"
    expose none
    env from app
  }
  profile dev { service api { image "shop/api:1.1" } }
  profile prod { service api { image "shop/api:2.0" } }
}
EOF2
tk "$PD/app.todok" --profile prod -o "$PD/out" --depfile "$PD/deps.d"
expect "depfile: a stack with profiles" 0
depcheck "with profiles, the config's file once" / "$PD/deps.d" "$PD/out" "$PD/app.todok" "$PD/app.conf"
check "depfile: a space escaped as '\\ ' and \$ as '\$\$' (GCC)" grep -qF 'dep\ dir$$x/my\ secret$$1\#.txt' "$D/deps.d"
check "depfile: the output folder 'out \$dir' escaped" grep -qF 'out\ $$dir/Kustomization' "$D/deps.d"
check "depfile: no unescaped '\$' (a lone \$ Make would expand)" \
	bash -c '! sed "s/\\\$\\\$//g" "$1" | grep -q "\\\$"' _ "$D/deps.d"

# GNU make reads it and rebuilds when a prerequisite changes.
if has make; then
	MK=$tmp/mk
	mkdir "$MK"
	cp "$D/deps.d" "$MK/deps.d"
	esc() { local s=${1//\\/\\\\}; s=${s// /\\ }; s=${s//#/\\#}; printf '%s' "${s//\$/\$\$}"; }
	{
		printf 'all:'
		for f in "$OUT"/*; do printf ' %s' "$(esc "$f")"; done
		printf '\n.PHONY: all\ninclude deps.d\n%%.yaml:\n\t@echo REBUILD "$@"\n'
		printf '%%/Kustomization:\n\t@echo REBUILD "$@"\n'
	} >"$MK/Makefile"
	nout=$(ls "$OUT" | wc -l)
	mk() { make -C "$MK" -n >"$tmp/make.out" 2>"$tmp/err"; }
	check "make: includes the depfile (make -n)" mk
	check "make: outputs up to date right after the compile" bash -c '! grep -q REBUILD "$1"' _ "$tmp/make.out"
	i=0
	for p in "$D/app.todok" "$D/my secret\$1#.txt" "$D/env #file\$.env"; do
		i=$((i + 1))
		touch -d '+1 hour' "$p"
		mk
		c=$(grep -c REBUILD "$tmp/make.out")
		check "make: touching '${p##*/}' rebuilds all $nout outputs (got $c)" test "$c" -eq "$nout"
		touch -d '2000-01-01' "$p"
	done
	for p in "$D/my secret\$1#.txt" "$D/env #file\$.env"; do
		mv "$p" "$tmp/moved"
		if mk; then pass "make: '${p##*/}' deleted, make still runs (empty rule)"; else fail "make: '${p##*/}' deleted, make still runs (empty rule)" "$tmp/err"; fi
		mv "$tmp/moved" "$p"
	done
	mk
	check "make: up to date again" bash -c '! grep -q REBUILD "$1"' _ "$tmp/make.out"
else
	skip "make is not installed"
fi

# Relative paths, run from the stack's folder; --format json; -o DIR/.
(cd "$D" && "$todokc" app.todok --env-file "env #file\$.env" --format json -o "out \$dir" --depfile rel.d >/dev/null 2>"$tmp/err")
depcheck "relative paths, JSON" "$D" rel.d "out \$dir" app.todok "my secret\$1#.txt" "env #file\$.env"
(cd "$D" && "$todokc" app.todok --env-file "env #file\$.env" -o "out2/" --depfile slash.d >/dev/null 2>"$tmp/err")
depcheck "-o DIR/ with a trailing slash" "$D" slash.d "out2" app.todok "my secret\$1#.txt" "env #file\$.env"
# Without -o: the prerequisites still listed.
tk "$fx/stack.todok" "${S[@]}" --depfile "$tmp/stdout.d"
expect "depfile with output on stdout" 0
check "depfile with stdout: YAML still on stdout" grep -q '^kind: Secret' "$tmp/out"
depcheck "output on stdout" / "$tmp/stdout.d" - "$fx/stack.todok" "$fx/secret.txt" "$fx/test.env"
# Input from standard input: "-" is not a file Make could check.
(cd "$fx" && "$todokc" - --env-file test.env --depfile "$tmp/stdin.d" <stack.todok >/dev/null 2>"$tmp/err")
check "input from stdin (-): '-' is not listed as a prerequisite" bash -c '! grep -qE "(^| )-( |$)" "$1"' _ "$tmp/stdin.d"
check "no .todokc-tmp-* left by the depfiles" no_temps

# --- 8b. --env-file given twice -------------------------------------------

echo "== env files"
# Every file is read, in order: the later file's SHOP_TOKEN wins, and a
# variable only the first has is still read.
printf '# the second --env-file\nSHOP_TOKEN=token-from-the-second-file\n' >"$tmp/second.env"
tk "$fx/stack.todok" "${S[@]}" --env-file "$tmp/second.env"
expect "--env-file twice" 0
check "--env-file twice: the later file's value is the Secret's" \
	grep -qF "TOKEN: $(printf token-from-the-second-file | base64)" "$tmp/out"
tk "$fx/stack.todok" --env-file "$tmp/second.env" "${S[@]}"
check "--env-file twice, the other order: the later file's value is the Secret's" \
	grep -qF "TOKEN: $(printf token-from-env-file | base64)" "$tmp/out"
tk "$fx/stack.todok" --env-file "$tmp/no-such.env" "${S[@]}"
expect "--env-file twice, the first missing" 3

# --- 9. --emit dot ---------------------------------------------------------

echo "== dot"
if has dot; then
	for file in "${det_files[@]}" "$fx/stack-smaller.todok"; do
		rel=${file#"$root"/}
		dotf=$tmp/dot.gv
		b=
		for k in "${!det_files[@]}"; do [ "${det_files[k]}" = "$file" ] && b=$tmp/det/$((k + 1))/base/graph.dot; done
		if [ -n "$b" ]; then cp "$b" "$dotf"; else "$todokc" "$file" "${S[@]}" --emit dot >"$dotf" 2>"$tmp/err"; fi
		if dot -Tsvg "$dotf" >"$tmp/dot.svg" 2>"$tmp/err" && [ ! -s "$tmp/err" ] && grep -q '<svg' "$tmp/dot.svg"; then
			pass "dot: $rel --emit dot accepted by dot -Tsvg, no warnings"
		else
			fail "dot: $rel --emit dot accepted by dot -Tsvg, no warnings" "$tmp/err"
		fi
	done
else
	skip "dot: graphviz is not installed (apt-get install graphviz)"
fi
tk "$fx/stack.todok" "${S[@]}" --emit dot
dot_has() {
	local s
	for s in '"component:api" [' '"component:web" [' '"component:worker" [' '"config:settings" [' \
		'"secret:creds" [' '"component:api" -> "component:web"' '"component:api" -> "component:worker"'; do
		grep -qF "$s" "$tmp/out" || { echo "missing: $s" >"$tmp/err"; return 1; }
	done
}
check "dot: every component, config and secret is a node; 'after' edges api -> web, api -> worker" dot_has
check "dot: only the graph on stdout (no manifests)" bash -c '! grep -q "^apiVersion" "$1" && head -1 "$1" | grep -q "^digraph"' _ "$tmp/out"
# The graph shows no secret value: drawn alone, it reads none (SHOP_TOKEN
# is not set and there is no --env-file); a folder written with it does.
tk "$fx/stack.todok" --emit dot
expect "dot without the secrets' values" 0
check "dot without the secrets' values: the graph, no error" \
	bash -c 'head -1 "$1" | grep -q "^digraph" && ! grep -q "error:" "$2"' _ "$tmp/out" "$tmp/err"
tk "$fx/stack.todok" --emit dot -o "$tmp/dot-folder"
expect "dot with -o DIR without the secrets' values" 1
check "dot with -o DIR without the secrets' values: E0701 names the variable" \
	err_has "environment variable 'SHOP_TOKEN' is not set"
tk "$fx/broken.todok" "${S[@]}" --emit dot
expect "dot of a stack with errors" 1
check "dot of a stack with errors: nothing on stdout" test ! -s "$tmp/out"

# A folder committed to git and checked out with core.autocrlf (Git for
# Windows' default) has CR LF line ends: the index is still todokc's, and
# the next run succeeds and writes it with LF again.
tk "$fx/stack-smaller.todok" "${S[@]}" -o "$tmp/crlf"
sed -i 's/$/\r/' "$tmp/crlf/.todokc-outputs" "$tmp/crlf/Kustomization"
tk "$fx/stack-smaller.todok" "${S[@]}" -o "$tmp/crlf"
expect "an index with CR LF line ends (git's autocrlf)" 0
check "the index is written with LF again" test -z "$(tr -cd '\r' <"$tmp/crlf/.todokc-outputs")"

echo
echo "output: $passed passed, $failed failed$([ "$skipped" -gt 0 ] && echo " ($skipped skipped)")"
[ "$failed" -eq 0 ]
