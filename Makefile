# Makefile for todokc.
#   make            build ./todokc
#   make check      every test (units, golden, errors, and more when the tools are there)
#   make example    compile examples/todo-chatbot.todok into out/
# Generated sources go to build/, never into the tree.

CC       ?= cc
PREFIX   ?= /usr/local
CFLAGS   ?= -O2 -g
WARNINGS  = -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Wno-unused-parameter
YAML_CFLAGS := $(shell pkg-config --cflags yaml-0.1 2>/dev/null)
YAML_LIBS   := $(shell pkg-config --libs yaml-0.1 2>/dev/null || echo -lyaml)
HASH_LIBS   := $(shell pkg-config --libs nettle 2>/dev/null || echo -lnettle)
JSON_CFLAGS := $(shell pkg-config --cflags jansson 2>/dev/null)
JSON_LIBS   := $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson)
ALL_CFLAGS  = -std=c11 -D_XOPEN_SOURCE=700 $(WARNINGS) -Iinclude -Ibuild $(YAML_CFLAGS) $(JSON_CFLAGS) $(CFLAGS) $(SAN_FLAGS)
ifeq ($(SANITIZE),1)
SAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
endif

SRC = \
	src/access.c \
	src/check.c \
	src/check_hosts.c \
	src/check_labels.c \
	src/check_pod.c \
	src/check_review.c \
	src/component.c \
	src/compose_dotenv.c \
	src/compose_env.c \
	src/compose_yaml.c \
	src/cron.c \
	src/depfile.c \
	src/diag.c \
	src/emit_dot.c \
	src/emit_json.c \
	src/emit_yaml.c \
	src/env.c \
	src/fmt.c \
	src/fmt_layout.c \
	src/gitops.c \
	src/hash.c \
	src/import.c \
	src/import_files.c \
	src/import_literals.c \
	src/import_names.c \
	src/import_ports.c \
	src/import_service.c \
	src/import_settings.c \
	src/import_stack.c \
	src/import_volumes.c \
	src/import_write.c \
	src/io.c \
	src/keys.c \
	src/labels.c \
	src/lower.c \
	src/lower_component.c \
	src/lower_rollout.c \
	src/lsp.c \
	src/lsp_complete.c \
	src/lsp_doc.c \
	src/lsp_query.c \
	src/names.c \
	src/naming.c \
	src/netpol.c \
	src/network.c \
	src/objects.c \
	src/order.c \
	src/outdir.c \
	src/output.c \
	src/override.c \
	src/parse.c \
	src/parse_braces.c \
	src/parse_errors.c \
	src/parse_errors_lines.c \
	src/parse_habit_words.c \
	src/parse_habits.c \
	src/parse_recover.c \
	src/parse_words.c \
	src/parse_values.c \
	src/parse_security.c \
	src/pipeline.c \
	src/profile.c \
	src/properties.c \
	src/resolve.c \
	src/security.c \
	src/tools.c \
	src/tree.c \
	src/util.c \
	src/waits.c \
	src/workloads.c
GEN_SRC = build/todok.tab.c build/todok.yy.c
HDR = $(wildcard include/*.h include/*.def)
LIB_OBJ = $(SRC:src/%.c=build/%.o) build/todok.tab.o build/todok.yy.o

all: todokc

# Objects depend on the flags they were built with: changing SANITIZE or
# CFLAGS rebuilds everything.
build/flags: FORCE
	@mkdir -p build
	@echo '$(CC) $(ALL_CFLAGS)' | cmp -s - $@ || echo '$(CC) $(ALL_CFLAGS)' > $@
FORCE:

# One run of each generator makes both of its files (&: groups the targets,
# so that make -j does not run it twice at once).
build/todok.tab.c build/todok.tab.h &: grammar/todok.y
	@mkdir -p build
	bison -Wall -Werror -o build/todok.tab.c --defines=build/todok.tab.h grammar/todok.y

build/todok.yy.c build/todok.yy.h &: grammar/todok.l build/todok.tab.h
	@mkdir -p build
	flex -o build/todok.yy.c --header-file=build/todok.yy.h grammar/todok.l

build/%.o: src/%.c $(HDR) build/todok.tab.h build/todok.yy.h build/flags
	@mkdir -p build
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/todok.tab.o: build/todok.tab.c $(HDR) build/todok.yy.h build/flags
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/todok.yy.o: build/todok.yy.c $(HDR) build/todok.tab.h build/flags
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/libtodokc.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

todokc: build/main.o build/libtodokc.a build/flags
	$(CC) $(ALL_CFLAGS) -o $@ build/main.o build/libtodokc.a $(YAML_LIBS) $(HASH_LIBS) $(JSON_LIBS) -lm

build/main.o: src/main.c $(HDR) build/todok.tab.h build/flags

UNIT_TESTS = $(patsubst tests/unit/%.c,build/tests/%,$(wildcard tests/unit/test_*.c))

build/tests/%: tests/unit/%.c build/libtodokc.a $(HDR) build/flags
	@mkdir -p build/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< build/libtodokc.a $(YAML_LIBS) $(HASH_LIBS) $(JSON_LIBS) -lcmocka -lm

# A test-only build with fault injection (docs/output.md): src/io.c with
# -DTODOKC_FAULTS, the rest as for todokc.  Never installed.
FAULTS_BIN = build/faults/todokc
build/faults/io.o: src/io.c $(HDR) build/todok.tab.h build/todok.yy.h build/flags
	@mkdir -p build/faults
	$(CC) $(ALL_CFLAGS) -DTODOKC_FAULTS -c -o $@ $<

$(FAULTS_BIN): build/main.o build/faults/io.o $(filter-out build/io.o,$(LIB_OBJ)) build/flags
	$(CC) $(ALL_CFLAGS) -o $@ build/main.o build/faults/io.o $(filter-out build/io.o,$(LIB_OBJ)) \
		$(YAML_LIBS) $(HASH_LIBS) $(JSON_LIBS) -lm

check: todokc $(UNIT_TESTS) $(FAULTS_BIN)
	bash tests/check.sh

k8s-validate: todokc
	bash tests/suites/k8s.sh

example: todokc
	POSTGRES_PASSWORD=change-me OPENAI_API_KEY=sk-change-me ./todokc examples/todo-chatbot.todok -o out

clean:
	rm -rf build todokc

.PHONY: all example clean check k8s-validate FORCE

include mk/install.mk
-include mk/fuzz.mk mk/bench.mk
