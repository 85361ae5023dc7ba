# mk/bench.mk - the benchmark (bench/, docs/benchmarks.md), included by the
# Makefile.  Nothing here runs in `make check`: no time limits there.
#
#   make bench          N = 10 .. 100,000 on standard output, -o DIR up to
#                       10,000, the peers (jsonnet, cdk8s-plus) at 1,000 and
#                       10,000, the seed example: about 10 minutes on 2 cores
#   make bench-quick    N = 10 .. 1,000, 3 runs each, jsonnet at 1,000 only,
#                       no cdk8s-plus: about a minute
#   make bench-scaling  only the scaling on hostile input (bench/scaling.sh)
#   make bench-verify   only that the floor writes todokc's bytes (cmp and
#                       diff -r) for N = 3 .. 10,000; no timing
#   make bench-profile  callgrind (instruction counts) of todokc and the
#                       floor at N = 1,000 and 10,000, with the top functions
#   make bench-memory   where the memory goes: the bytes per component of
#                       each allocation site, per arena, at N = 10,000
#                       (a counting build, bench/memory.sh)
#   make bench-lsp      how long `todokc lsp` takes to re-check a stack of
#                       BENCH_LSP_N (1,000) components after an edit: from
#                       didChange to publishDiagnostics, BENCH_LSP_EDITS (50)
#                       times per kind of edit (bench/lsp.py)
#
# bench/run.sh's settings (BENCH_NS, BENCH_RUNS, ...) pass through the
# environment: `make bench BENCH_NS="1000 10000" BENCH_RUNS=9`.
# Scratch files go to build/bench/ (and a folder in /dev/shm while running).

BENCH_DIR_OUT = build/bench
BENCH_CFLAGS  = -std=c11 -D_XOPEN_SOURCE=700 $(WARNINGS) $(YAML_CFLAGS) $(CFLAGS)

$(BENCH_DIR_OUT)/floor: bench/floor.c bench/job_name.h build/flags
	@mkdir -p $(BENCH_DIR_OUT)
	$(CC) $(BENCH_CFLAGS) -o $@ bench/floor.c $(YAML_LIBS)

$(BENCH_DIR_OUT)/timeit: bench/timeit.c
	@mkdir -p $(BENCH_DIR_OUT)
	$(CC) -std=c11 $(WARNINGS) -O2 -o $@ bench/timeit.c

BENCH_TOOLS = todokc $(BENCH_DIR_OUT)/floor $(BENCH_DIR_OUT)/timeit

bench: $(BENCH_TOOLS)
	bash bench/run.sh
	bash bench/scaling.sh

bench-scaling: todokc $(BENCH_DIR_OUT)/timeit
	bash bench/scaling.sh

bench-quick: $(BENCH_TOOLS)
	BENCH_NS="10 100 1000" BENCH_DIR_NS="10 100 1000" BENCH_DISK_NS="" \
	BENCH_PEER_NS="1000" BENCH_RUNS=3 BENCH_SEED_RUNS=11 BENCH_CDK8S=0 \
		bash bench/run.sh

bench-verify: todokc $(BENCH_DIR_OUT)/floor
	bash bench/verify.sh

bench-profile: todokc $(BENCH_DIR_OUT)/floor
	bash bench/profile.sh

# The counting build: every source again, each allocation counted by its
# site (bench/alloc_count.c); not inlined, so that each site keeps its
# caller, and not position-independent, so that addr2line reads the
# addresses as they are.
COUNT_DIR    = $(BENCH_DIR_OUT)/count
COUNT_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 $(WARNINGS) -Iinclude -Ibuild \
               $(YAML_CFLAGS) $(JSON_CFLAGS) -DTODOKC_COUNT_ALLOC -O1 -g -fno-inline \
               -fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-pie
COUNT_SRC    = src/main.c $(SRC) build/todok.tab.c build/todok.yy.c bench/alloc_count.c

$(COUNT_DIR)/todokc: $(COUNT_SRC) $(HDR) build/todok.tab.h build/todok.yy.h
	@mkdir -p $(COUNT_DIR)
	$(CC) $(COUNT_CFLAGS) -no-pie -rdynamic -o $@ $(COUNT_SRC) \
		$(YAML_LIBS) $(HASH_LIBS) $(JSON_LIBS) -lm

bench-memory: $(COUNT_DIR)/todokc
	bash bench/memory.sh

BENCH_LSP_N     ?= 1000
BENCH_LSP_EDITS ?= 50

bench-lsp: todokc
	python3 bench/lsp.py ./todokc $(BENCH_LSP_N) $(BENCH_LSP_EDITS)

.PHONY: bench bench-quick bench-verify bench-profile bench-memory bench-lsp
