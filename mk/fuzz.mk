# mk/fuzz.mk - libFuzzer harnesses (tests/fuzz/), included by the Makefile.
#
#   make fuzz [FUZZ_SECONDS=60]  build the harnesses, fuzz each for
#                                FUZZ_SECONDS (one after the other, -jobs=1),
#                                then replay the regression inputs
#                                (tests/fuzz/run.sh says which) through all
#                                of them
#   make fuzz FUZZ_ONLY=fuzz_compile   fuzz only one of them
#   make fuzz-build              build build/fuzz/fuzz_parse, fuzz_compile,
#                                fuzz_listing (the index and journal of an
#                                output folder), fuzz_envfile (--env-file),
#                                fuzz_fmt (todokc fmt), fuzz_lsp (the
#                                language server's reader and its features)
#                                and fuzz_import (the Compose reader and
#                                todokc import compose)
#   make fuzz-replay             only the replay of the regression inputs
#
# Both fail (non-zero) on any crash, sanitizer report, leak or timeout.
# The scratch folder is build/fuzz/: the corpus grows in
# build/fuzz/corpus/NAME across runs, the seeds (examples, golden and
# error cases, small hostile cases) are copied to build/fuzz/seeds on each
# run, crash inputs go to build/fuzz/artifacts/.  Copy a crash input to
# tests/fuzz/crashes/ to keep it as a regression case.
# Needs clang with libFuzzer (clang 14: libclang-rt-14-dev).

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN ?= 8192
FUZZ_TIMEOUT ?= 30
# Extra libFuzzer flags, e.g. FUZZ_FLAGS=-only_ascii=1
FUZZ_FLAGS   ?=
FUZZ_SAN      = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
                -fno-omit-frame-pointer
FUZZ_CFLAGS   = -g -O1 $(FUZZ_SAN) -std=c11 -D_XOPEN_SOURCE=700 -Iinclude -Ibuild \
                $(YAML_CFLAGS) $(JSON_CFLAGS) -Wall -Wextra -Wno-unused-parameter
FUZZ_LIBS     = $(if $(YAML_LIBS),$(YAML_LIBS),-lyaml) $(if $(HASH_LIBS),$(HASH_LIBS),-lnettle) \
                $(if $(JSON_LIBS),$(JSON_LIBS),-ljansson) -lm

FUZZ_DIR      = build/fuzz
FUZZ_HDR      = $(if $(HDR),$(HDR),$(wildcard include/*.h include/*.def))
# The compiler's sources without src/main.c (the Makefile's SRC), and the
# generated scanner and parser.
FUZZ_LIB_SRC  = $(if $(SRC),$(SRC),$(filter-out src/main.c,$(wildcard src/*.c))) \
                build/todok.tab.c build/todok.yy.c
FUZZ_LIB_OBJ  = $(patsubst %.c,$(FUZZ_DIR)/obj/%.o,$(notdir $(FUZZ_LIB_SRC)))
FUZZ_TARGETS  = $(FUZZ_DIR)/fuzz_parse $(FUZZ_DIR)/fuzz_compile $(FUZZ_DIR)/fuzz_listing \
                $(FUZZ_DIR)/fuzz_envfile $(FUZZ_DIR)/fuzz_fmt $(FUZZ_DIR)/fuzz_lsp \
                $(FUZZ_DIR)/fuzz_import

$(FUZZ_DIR)/obj/%.o: src/%.c $(FUZZ_HDR) build/todok.tab.h build/todok.yy.h
	@mkdir -p $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/obj/%.o: build/%.c $(FUZZ_HDR) build/todok.tab.h build/todok.yy.h
	@mkdir -p $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_DIR)/obj/fuzz_parse.o: tests/fuzz/fuzz_parse.c $(FUZZ_HDR) build/todok.tab.h
	@mkdir -p $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Werror -c -o $@ $<

$(FUZZ_DIR)/obj/fuzz_compile.o $(FUZZ_DIR)/obj/fuzz_fmt.o: $(FUZZ_DIR)/obj/%.o: tests/fuzz/%.c \
		$(FUZZ_HDR) build/todok.tab.h tests/fuzz/oracle.h
	@mkdir -p $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Werror -DFUZZ_BASE_DIR='"$(CURDIR)/tests/fuzz/base"' -c -o $@ $<

$(FUZZ_DIR)/obj/fuzz_listing.o $(FUZZ_DIR)/obj/fuzz_envfile.o $(FUZZ_DIR)/obj/fuzz_lsp.o: \
		$(FUZZ_DIR)/obj/%.o: tests/fuzz/%.c tests/fuzz/oracle.h $(FUZZ_HDR) build/todok.tab.h
	@mkdir -p $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Werror -c -o $@ $<

$(FUZZ_DIR)/obj/fuzz_import.o: tests/fuzz/fuzz_import.c tests/fuzz/oracle.h $(FUZZ_HDR) build/todok.tab.h
	@mkdir -p $(FUZZ_DIR)/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Werror -DFUZZ_IMPORT_BASE='"$(CURDIR)/tests/fuzz/import-base"' -c -o $@ $<

$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/fuzz_%.o $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $^ $(FUZZ_LIBS)

fuzz-build: $(FUZZ_TARGETS)

fuzz: $(FUZZ_TARGETS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_MAX_LEN=$(FUZZ_MAX_LEN) FUZZ_TIMEOUT=$(FUZZ_TIMEOUT) \
		FUZZ_FLAGS='$(FUZZ_FLAGS)' FUZZ_ONLY='$(FUZZ_ONLY)' bash tests/fuzz/run.sh all

fuzz-replay: $(FUZZ_TARGETS)
	FUZZ_TIMEOUT=$(FUZZ_TIMEOUT) bash tests/fuzz/run.sh replay

.PHONY: fuzz fuzz-build fuzz-replay
.PRECIOUS: $(FUZZ_DIR)/obj/%.o

# todokc itself under AddressSanitizer and UBSan (no libFuzzer), from the
# same objects, for reproducing reports with the command line:
#   build/fuzz/todokc-asan FILE.todok
#   TODOKC=build/fuzz/todokc-asan bash tests/suites/hostile.sh
$(FUZZ_DIR)/todokc-asan: $(FUZZ_DIR)/obj/main.o $(FUZZ_LIB_OBJ)
	$(FUZZ_CC) -g -fsanitize=address,undefined -o $@ $^ $(FUZZ_LIBS)

fuzz-asan: $(FUZZ_DIR)/todokc-asan

.PHONY: fuzz-asan
