#!/usr/bin/env bash
# yaml-types.sh - todokc's YAML must mean what its JSON means, types
# included, for a YAML 1.1 reader (PyYAML's safe_load_all): a string that
# comes back as an int, a float, a bool, None or a date is a failure.
#
# For every tests/golden/*.todok and examples/*.todok, and for a stress
# stack written here (strings such as "yes", "0x1F", "2001-12-14", "~" as
# values and as keys), compiles four times from the file's folder, with an
# --env-file made here and the file's NAME.args if any:
#   to standard output, YAML and --format json: the same objects, in order;
#   -o DIR in YAML and in JSON: each NN-kind-name.yaml equals its .json twin
#   and the object at its position on standard output, and each folder's
#   Kustomization lists exactly the other files, in order.
# The comparisons are in tests/suites/yaml_types.py.  Prints one line per
# failure and "yaml-types: N passed, M failed" (N = objects, files and
# kustomizations checked).  Skipped when no python3 has PyYAML.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
todokc=${TODOKC:-$root/todokc}
helper=$root/tests/suites/yaml_types.py

py=
for candidate in python3 /usr/bin/python3; do
	if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
		py=$candidate
		break
	fi
done
if [ -z "$py" ]; then
	echo "yaml-types: skipped (no python3 with PyYAML)"
	exit 0
fi
if [ ! -x "$todokc" ]; then
	echo "FAIL: $todokc is not built"
	echo "yaml-types: 0 passed, 1 failed"
	exit 1
fi

work=$(mktemp -d /tmp/yaml-types.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

# The stress stack: every place a string reaches the YAML (config values
# and keys, env, command, args, labels, annotations, interpolations).
mkdir -p "$work/stress"
cat >"$work/stress/yaml-types-stress.todok" <<'EOF'
# Strings that a YAML 1.1 reader takes for something else unless quoted.
stack types {
  param tag = "1.10"

  secret creds {
    TOKEN = env("YAML_TYPES_TOKEN")
  }

  config plain {
    YES = "yes"
    NO = "no"
    ON_ = "on"
    OFF_ = "Off"
    Y = "y"
    N = "N"
    T = "true"
    F = "False"
    NUL = "NULL"
    TILDE = "~"
    EMPTY = ""
    INT = "8080"
    NEG = "-1"
    POS = "+1"
    FLOAT = "1.0"
    HALF = ".5"
    EXP = "1e3"
    HEX = "0x1F"
    OCT = "010"
    OCT2 = "0o17"
    BIN = "0b101"
    UNDERSCORE = "1_000"
    SEXA = "12:30"
    SEXA2 = "190:20:30"
    INF = ".inf"
    NINF = "-.Inf"
    NAN = ".NaN"
    DATE = "2001-12-14"
    STAMP = "2001-12-14t21:59:43.10-05:00"
    MERGE = "<<"
    VALUE = "="
    LEADING = " leading"
    TRAILING = "trailing "
    COLON = "a: b"
    DASH = "- x"
    HASH = "#not a comment"
    HASH2 = "a #b"
    NEWLINE = "two\nlines"
    TAB = "a\tb"
    CR = "a\rb"
    QUOTES = "say \"hi\" 'there'"
    BACKSLASH = "back\\slash"
    UNICODE = "h\u{E9}llo \u{1F600}"
    DEL = "\u{7F}"
    BEL = "\u{7}"
    NBSP = "\u{A0}"
    BOM = "\u{FEFF}x"
    LINE_SEPARATOR = "a\u{2028}b"
    NEL = "a\u{85}b"
    SPECIALS = "@at `tick !tag &anchor *alias %pct {a} [b] a, b ?q | > \""
    NUMBER = 8080
    ZERO = 0
    QUANTITY = 0.5
    MILLI = 150m
    DURATION = 10s
    PERCENT = 70%
    on = "key on"
    y = "key y"
    "true" = "key true"
    "null" = "key null"
    "1e3" = "key 1e3"
    "0x10" = "key hex"
    "2001-12-14" = "key date"
    ".inf" = "key inf"
    "010" = "key octal"
    "12" = "key int"
  }

  service web {
    image "nginx:${tag}"
    port 8080
    env from plain
    env {
      on = "yes"
      off = "12:30"
      TAGGED = "${tag}"
      HOST = db.host
      PORT = db.port
      URL = db.url
      SECRET = creds.TOKEN
      MIXED = "token=${creds.TOKEN};port=${db.port}"
    }
    command ["yes", "1", "on", "~", ""]
    args ["--level", "0.5", "null", "2001-12-14"]
    labels { tier = "true" on = "no" version = "1.10" }
    annotations { "example.com/n" = "1e3" "example.com/empty" = "" "example.com/y" = "y" }
    after db
  }

  stateful db {
    image "postgres:13"
    port 5432
  }
}
EOF

# The env file: the seed's two variables, and every other env("VAR") the
# inputs read.
env_file=$work/test.env
sources=()
for src in "$root"/tests/golden/*.todok "$root"/examples/*.todok "$work/stress/yaml-types-stress.todok"; do
	[ -e "$src" ] && sources+=("$src")
done
{
	echo "POSTGRES_PASSWORD=x"
	echo "OPENAI_API_KEY=y"
	grep -ho 'env("[A-Za-z_][A-Za-z0-9_]*")' "${sources[@]}" |
		sed 's/^env("\(.*\)")$/\1/' | sort -u |
		grep -v -x -e POSTGRES_PASSWORD -e OPENAI_API_KEY | sed 's/$/=v/'
} >"$env_file"

n=0
for src in "${sources[@]}"; do
	n=$((n + 1))
	dir=$(dirname "$src") file=$(basename "$src") name=$(basename "$src" .todok)
	label=${src#"$root"/}
	out=$work/$n
	mkdir -p "$out"
	args=()
	[ -f "$dir/$name.args" ] && read -r -a args <"$dir/$name.args"
	compiled=true
	for run in "stream.yaml:" "stream.json:--format json" "dir-yaml:-o $out/dir-yaml" \
		"dir-json:--format json -o $out/dir-json"; do
		what=${run%%:*} extra=${run#*:}
		# shellcheck disable=SC2086 # $extra is split on purpose
		(cd "$dir" && env -i PATH="$PATH" LC_ALL=C "$todokc" "$file" --env-file "$env_file" \
			${args[@]+"${args[@]}"} $extra) >"$out/$what.out" 2>"$out/$what.err"
		status=$?
		if [ "$status" -ne 0 ]; then
			echo "FAIL: $label: the $what compile exits with status $status"
			sed 's/^/    /' "$out/$what.err" | head -20
			compiled=false
		fi
	done
	if ! $compiled; then
		failed=$((failed + 1))
		continue
	fi
	mv "$out/stream.yaml.out" "$out/stream.yaml"
	mv "$out/stream.json.out" "$out/stream.json"
	"$py" "$helper" "$label" "$out/stream.yaml" "$out/stream.json" "$out/dir-yaml" "$out/dir-json" \
		>"$out/result" 2>&1
	status=$?
	grep -v '^counts: ' "$out/result"
	counts=$(sed -n 's/^counts: \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$out/result")
	if [ "$status" -ne 0 ] || [ -z "$counts" ]; then
		echo "FAIL: $label: yaml_types.py did not finish (status $status)"
		failed=$((failed + 1))
		continue
	fi
	passed=$((passed + ${counts% *})) failed=$((failed + ${counts#* }))
done

echo "yaml-types: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
