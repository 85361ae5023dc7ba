#!/usr/bin/env bash
# bench/run.sh - the todokc benchmark: how fast todokc compiles and how it
# scales, next to the libyaml floor (bench/floor.c) and to the peers a user
# would use instead (jsonnet, cdk8s-plus).  docs/benchmarks.md has the
# results and what each figure means.  Run it with `make bench` (or
# `make bench-quick`), which builds todokc, build/bench/floor and
# build/bench/timeit first.
#
# Settings (environment):
#   BENCH_NS        the stack sizes, stdout mode   (10 100 1000 10000 100000)
#   BENCH_DIR_NS    the sizes for -o DIR on tmpfs  (10 100 1000 10000 100000)
#   BENCH_DISK_NS   the sizes for -o DIR on disk   (10000)
#   BENCH_PEER_NS   the sizes for the peers        (1000 10000)
#   BENCH_FORMAT_NS the sizes for the jsonnet program that builds its
#                   strings with std.format         (1000)
#   BENCH_RUNS      timed runs per figure, after one warm-up (5); the
#                   median is reported
#   BENCH_PEER_RUNS timed runs of each peer (BENCH_RUNS)
#   BENCH_FORMAT_RUNS timed runs of the std.format jsonnet program (3)
#   BENCH_SEED_RUNS timed runs of the seed example (21)
#   BENCH_CDK8S     0: skip the cdk8s-plus peer (1)
#   BENCH_TMPFS     the tmpfs folder for -o DIR (/dev/shm when writable)
#   BENCH_OUT       the scratch folder (build/bench)
#
# Writes BENCH_OUT/results.tsv (one line per measurement) and
# BENCH_OUT/results.md (the tables, made by bench/report.py), and prints
# the tables.  Fails if todokc and the floor ever differ (cmp), since then
# the ratio would mean nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

TODOKC=${TODOKC:-./todokc}
OUT=${BENCH_OUT:-build/bench}
# An empty setting is kept: BENCH_DISK_NS= skips the disk.
NS=${BENCH_NS-10 100 1000 10000 100000}
DIR_NS=${BENCH_DIR_NS-10 100 1000 10000 100000}
DISK_NS=${BENCH_DISK_NS-10000}
PEER_NS=${BENCH_PEER_NS-1000 10000}
FORMAT_NS=${BENCH_FORMAT_NS-1000}
RUNS=${BENCH_RUNS:-5}
PEER_RUNS=${BENCH_PEER_RUNS:-$RUNS}
FORMAT_RUNS=${BENCH_FORMAT_RUNS:-3}
SEED_RUNS=${BENCH_SEED_RUNS:-21}
CDK8S=${BENCH_CDK8S:-1}
FLOOR=$OUT/floor
TIMEIT=$OUT/timeit
GEN=$OUT/gen
RES=$OUT/results.tsv

if [ -z "${BENCH_TMPFS:-}" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		BENCH_TMPFS=/dev/shm
	else
		BENCH_TMPFS=$OUT/tmp
	fi
fi
SCRATCH=$(mktemp -d "$BENCH_TMPFS/todokc-bench.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT

for f in "$TODOKC" "$FLOOR" "$TIMEIT"; do
	[ -x "$f" ] || { echo "bench: $f is missing: run 'make bench'" >&2; exit 2; }
done
mkdir -p "$OUT" "$GEN" "$OUT/out"
# A copy of the binary under test, so that a rebuild of ./todokc during the
# run (someone else's `make`) cannot change it half-way.
cp "$TODOKC" "$OUT/todokc-under-test"
TODOKC=$OUT/todokc-under-test

load() { cut -d' ' -f1 /proc/loadavg; }
note() { printf '%s\n' "$*" >&2; }

# The machine
{
	printf 'machine\tdate=%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
	printf 'machine\tcpu=%s\n' "$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -1)"
	printf 'machine\tnproc=%s\n' "$(nproc)"
	printf 'machine\tmemory=%s MiB\n' "$(awk '/^MemTotal/ {printf "%d", $2 / 1024}' /proc/meminfo)"
	printf 'machine\tkernel=%s\n' "$(uname -sr)"
	printf 'machine\tcc=%s\n' "$(${CC:-cc} --version 2>/dev/null | head -1)"
	printf 'machine\tlibyaml=%s\n' "$(pkg-config --modversion yaml-0.1 2>/dev/null || echo '?')"
	printf 'machine\ttodokc=%s (%s%s)\n' "$("$TODOKC" --version | cut -d' ' -f2)" \
		"$(git rev-parse --short HEAD 2>/dev/null || echo '?')" \
		"$(git diff --quiet HEAD -- src include grammar 2>/dev/null || echo ', with uncommitted changes')"
	printf 'machine\tuptime=%s\n' "$(uptime | sed 's/^ *//')"
	printf 'machine\ttmpfs=%s\n' "$BENCH_TMPFS"
} > "$RES"

# The stacks
all_ns=$(printf '%s\n' $NS $DIR_NS $DISK_NS $PEER_NS | sort -n | uniq)
for n in $all_ns; do
	if [ ! -s "$GEN/stack-$n.todok" ] || [ bench/gen.py -nt "$GEN/stack-$n.todok" ]; then
		python3 bench/gen.py "$n" "$GEN"
	fi
done
ENV_FILE=$GEN/bench.env

# timeit's fields, prefixed: "todokc_wall_med=..." and so on.
measure() { # PREFIX TIMEIT-ARGS...
	local prefix=$1
	shift
	"$TIMEIT" "$@" | tr ' ' '\n' | sed "s/^/${prefix}_/" | tr '\n' '\t'
}

# todokc and the floor in turn (timeit --vs): todokc_..., floor_... and
# pair_wall_med, pair_cpu_med (the median of the runs' ratios).
measure_pair() { # TIMEIT-ARGS... (todokc's, then --vs and the floor's)
	"$TIMEIT" "$@" | tr ' ' '\n' |
		sed -e '/^pair_/b' -e 's/^vs_/floor_/' -e '/^floor_/b' -e 's/^/todokc_/' | tr '\n' '\t'
}

# The seed example (examples/todo-chatbot.todok), standard output and -o DIR.
note "bench: the seed example, $SEED_RUNS runs"
export POSTGRES_PASSWORD=change-me OPENAI_API_KEY=sk-change-me
{
	printf 'seed\tN=3\tload=%s\t' "$(load)"
	measure todokc -r "$SEED_RUNS" -w 3 -o "$SCRATCH/seed.yaml" -- \
		"$TODOKC" examples/todo-chatbot.todok
	measure todokc_dir -r "$SEED_RUNS" -w 3 -d "$SCRATCH/seed" -- \
		"$TODOKC" examples/todo-chatbot.todok -o "$SCRATCH/seed"
	printf 'in_bytes=%s\n' "$(wc -c < examples/todo-chatbot.todok)"
} >> "$RES"

# Standard output: todokc and the floor, per N.
for n in $NS; do
	note "bench: N=$n, standard output (load $(load))"
	in=$GEN/stack-$n.todok
	t_out=$OUT/out/todokc-$n.yaml
	f_out=$OUT/out/floor-$n.yaml
	{
		printf 'stdout\tN=%s\tload=%s\t' "$n" "$(load)"
		measure_pair -r "$RUNS" -o "$t_out" -- "$TODOKC" --env-file "$ENV_FILE" "$in" \
			--vs -o "$f_out" -- "$FLOOR" "$n"
		if cmp -s "$t_out" "$f_out"; then same=yes; else same=NO; fi
		printf 'in_bytes=%s\tidentical=%s\tload_after=%s\n' "$(wc -c < "$in")" "$same" "$(load)"
	} >> "$RES"
	if [ "$same" != yes ]; then
		echo "bench: N=$n: todokc and the floor wrote different YAML ($t_out, $f_out)" >&2
		exit 1
	fi
	rm -f "$t_out" "$f_out"
done

# -o DIR: one file per object.  On tmpfs (the compiler's own cost) and on
# the disk under BENCH_OUT (what a user sees; the file system dominates).
dir_mode() { # KIND FOLDER N
	local kind=$1 base=$2 n=$3
	local in=$GEN/stack-$n.todok
	note "bench: N=$n, -o DIR on $kind (load $(load))"
	{
		printf 'dir\tN=%s\tfs=%s\tload=%s\t' "$n" "$kind" "$(load)"
		measure_pair -r "$RUNS" -d "$base/todokc" -- \
			"$TODOKC" --env-file "$ENV_FILE" "$in" -o "$base/todokc" \
			--vs -d "$base/floor" -- "$FLOOR" "$n" -o "$base/floor"
		if diff -rq -x .todokc-outputs "$base/todokc" "$base/floor" > /dev/null; then
			same=yes
		else
			same=NO
		fi
		printf 'in_bytes=%s\tidentical=%s\tload_after=%s\n' "$(wc -c < "$in")" "$same" "$(load)"
	} >> "$RES"
	if [ "$same" != yes ]; then
		echo "bench: N=$n: todokc -o and floor -o wrote different files ($base)" >&2
		exit 1
	fi
	rm -rf "$base/todokc" "$base/floor"
}
for n in $DIR_NS; do
	dir_mode tmpfs "$SCRATCH" "$n"
done
for n in $DISK_NS; do
	mkdir -p "$OUT/out/disk"
	dir_mode disk "$OUT/out/disk" "$n"
done

# Peers: jsonnet (Debian's, C++), and cdk8s-plus from npm when node is here.
JSONNET=$(command -v jsonnet || true)
if [ -z "$JSONNET" ]; then
	printf 'skip\tjsonnet is not installed (apt-get install -y jsonnet): no jsonnet figures\n' >> "$RES"
	note "bench: jsonnet is not installed (apt-get install -y jsonnet): skipped"
fi
CDK8S_DIR=$OUT/cdk8s
if [ "$CDK8S" = 1 ]; then
	if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
		printf 'skip\tnode or npm is missing: no cdk8s-plus figures\n' >> "$RES"
		note "bench: node or npm is missing: cdk8s-plus skipped"
		CDK8S=0
	elif ! cmp -s bench/cdk8s/package.json "$CDK8S_DIR/package.json" ||
	     [ ! -d "$CDK8S_DIR/node_modules/cdk8s-plus-33" ]; then
		note "bench: installing cdk8s-plus into $CDK8S_DIR (npm)"
		mkdir -p "$CDK8S_DIR"
		cp bench/cdk8s/package.json "$CDK8S_DIR/"
		if ! (cd "$CDK8S_DIR" && npm install --no-audit --no-fund --loglevel=error > npm.log 2>&1); then
			printf 'skip\tnpm install of cdk8s-plus failed (see %s/npm.log): no cdk8s-plus figures\n' \
				"$CDK8S_DIR" >> "$RES"
			note "bench: npm install of cdk8s-plus failed: skipped"
			CDK8S=0
		fi
	fi
	[ "$CDK8S" = 1 ] && cp bench/cdk8s/synth.mjs "$CDK8S_DIR/"
else
	printf 'skip\tcdk8s-plus not measured (BENCH_CDK8S=0)\n' >> "$RES"
fi

# The peers are written for the mix without jobs, sidecars, accounts and
# `security restricted` (bench/gen.py's stack-N-peers.todok): todokc is
# timed on that stack here, next to them.
for n in $PEER_NS; do
	in=$GEN/stack-$n-peers.todok
	{
		printf 'peer\tN=%s\tload=%s\t' "$n" "$(load)"
		note "bench: N=$n, todokc for the peers (load $(load))"
		measure todokc -r "$RUNS" -o "$OUT/out/todokc-$n.yaml" -- "$TODOKC" --env-file "$ENV_FILE" "$in"
		if [ -n "$JSONNET" ]; then
			note "bench: N=$n, jsonnet (load $(load))"
			measure jsonnet -r "$PEER_RUNS" -o "$OUT/out/jsonnet-$n.yaml" -- "$JSONNET" -y \
				--ext-str DB_PASSWORD=bench-db-password --ext-str API_KEY=sk-bench-api-key \
				"$GEN/stack-$n.jsonnet"
			if ! python3 -c 'import yaml' 2> /dev/null; then
				same=unchecked
			elif python3 bench/same_objects.py "$OUT/out/todokc-$n.yaml" "$OUT/out/jsonnet-$n.yaml" > /dev/null; then
				same=yes
			else
				same=NO
			fi
			printf 'jsonnet_same_objects=%s\t' "$same"
			if printf '%s\n' $FORMAT_NS | grep -qx "$n"; then
				note "bench: N=$n, jsonnet with std.format (load $(load))"
				measure jsonnet_fmt -r "$FORMAT_RUNS" -o "$OUT/out/jsonnet-$n.yaml" -- "$JSONNET" -y \
					--ext-str DB_PASSWORD=bench-db-password --ext-str API_KEY=sk-bench-api-key \
					"$GEN/stack-$n-format.jsonnet"
			fi
		fi
		if [ "$CDK8S" = 1 ]; then
			note "bench: N=$n, cdk8s-plus (load $(load))"
			measure cdk8s -r "$PEER_RUNS" -d "$SCRATCH/cdk8s" -- \
				node "$CDK8S_DIR/synth.mjs" "$GEN/stack-$n.json" "$SCRATCH/cdk8s"
		fi
		printf 'load_after=%s\n' "$(load)"
	} >> "$RES"
	rm -f "$OUT/out/todokc-$n.yaml" "$OUT/out/jsonnet-$n.yaml"
done

printf 'machine\tuptime_after=%s\n' "$(uptime | sed 's/^ *//')" >> "$RES"
python3 bench/report.py "$RES" | tee "$OUT/results.md"
