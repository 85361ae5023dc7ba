# todok.mk - GNU Make rules that compile .todok stacks with todokc.
#
# Usage, in your Makefile (set the variables before the include):
#
#   TODOK_SOURCES = stacks/shop.todok stacks/blog.todok  # required
#   TODOK_OUT     = manifests         # output folder (default: out)
#   TODOK_FORMAT  = json              # yaml (default) or json
#   TODOK_FLAGS   = -D tag=1.4.2      # extra todokc options, every stack
#   TODOK_FLAGS_blog = --env-file stacks/blog.env  # options for blog.todok only
#   TODOKC        = /opt/bin/todokc   # default: the todokc installed with this
#                                     # file (PREFIX/bin), else todokc on PATH
#   include /usr/local/share/todokc/todok.mk
#
#   all: todok-all
#
# Each DIR/NAME.todok is compiled with `todokc DIR/NAME.todok -o
# $(TODOK_OUT)/NAME --depfile $(TODOK_OUT)/NAME.d`. The folder is represented
# in make by its $(TODOK_OUT)/NAME/kustomization.yaml: todokc writes that file
# on every successful -o compile and names it in its depfile, so an edit to
# the .todok, to a file it reads through file("..."), or to an --env-file
# recompiles exactly that stack. The depfiles are included here. A change of
# TODOKC, TODOK_FORMAT, TODOK_FLAGS or TODOK_FLAGS_NAME also recompiles (the
# command line is kept in $(TODOK_OUT)/NAME.flags), and so does a newer
# todokc program. Values that env("VAR") takes from the environment are not
# tracked: give them in an --env-file.
#
# Targets:
#   todok-all                            compile every stack that is out of date
#   todok-clean                          remove what todokc wrote (the files
#                                        listed in each NAME/.todokc-outputs),
#                                        the depfiles, and the folders if empty
#   $(TODOK_OUT)/NAME/kustomization.yaml compile one stack
# Variables set here, for your rules: TODOK_NAMES, TODOK_DIRS, TODOK_STAMPS
# (the kustomization.yaml files), TODOK_DEPFILES.
#
# Two sources may not share a file name (they would share a folder).
# Works with make -j. This file does not change your default goal.

TODOK_MK_DIR := $(dir $(lastword $(MAKEFILE_LIST)))
_todok_default_goal := $(.DEFAULT_GOAL)

ifeq ($(origin TODOKC),undefined)
TODOKC := $(or $(wildcard $(abspath $(TODOK_MK_DIR)../../bin/todokc)),todokc)
endif
# The todokc program itself, when it can be found: a new one recompiles.
_todok_exe := $(if $(findstring /,$(firstword $(TODOKC))),$(wildcard $(firstword $(TODOKC))),$(shell command -v $(firstword $(TODOKC)) 2>/dev/null))
TODOK_OUT ?= out
TODOK_FORMAT ?=
TODOK_FLAGS ?=
override TODOK_OUT := $(patsubst %/,%,$(TODOK_OUT))

ifeq ($(strip $(TODOK_SOURCES)),)
$(warning todok.mk: TODOK_SOURCES is empty; set it before the include)
endif
ifneq ($(filter-out %.todok,$(TODOK_SOURCES)),)
$(error todok.mk: not .todok files in TODOK_SOURCES: $(filter-out %.todok,$(TODOK_SOURCES)))
endif

TODOK_NAMES    := $(basename $(notdir $(TODOK_SOURCES)))
TODOK_DIRS     := $(TODOK_NAMES:%=$(TODOK_OUT)/%)
TODOK_STAMPS   := $(TODOK_NAMES:%=$(TODOK_OUT)/%/kustomization.yaml)
TODOK_DEPFILES := $(TODOK_NAMES:%=$(TODOK_OUT)/%.d)
_todok_flagfiles := $(TODOK_NAMES:%=$(TODOK_OUT)/%.flags)

ifneq ($(words $(TODOK_NAMES)),$(words $(sort $(TODOK_NAMES))))
$(error todok.mk: two TODOK_SOURCES have the same file name; they would share a folder in $(TODOK_OUT)/)
endif

vpath %.todok $(sort $(dir $(TODOK_SOURCES)))

# The options of stack $*, other than the input, -o and --depfile.
_todok_options = $(strip $(if $(TODOK_FORMAT),--format $(TODOK_FORMAT)) $(TODOK_FLAGS) $(TODOK_FLAGS_$*))
_todok_quote = '$(subst ','\'',$(1))'

$(TODOK_OUT)/%/kustomization.yaml: %.todok $(TODOK_OUT)/%.flags $(_todok_exe)
	@mkdir -p $(TODOK_OUT)
	$(TODOKC) $< -o $(@D) --depfile $(TODOK_OUT)/$*.d$(if $(_todok_options), $(_todok_options))
	@touch $@

# Rewritten only when the command line changes, so that it triggers a rebuild.
$(_todok_flagfiles): $(TODOK_OUT)/%.flags: _todok_force
	@mkdir -p $(@D)
	@printf '%s\n' $(call _todok_quote,$(TODOKC) $(_todok_options)) | cmp -s - $@ \
	  || printf '%s\n' $(call _todok_quote,$(TODOKC) $(_todok_options)) > $@

todok-all: $(TODOK_STAMPS)

todok-clean:
	@for d in $(TODOK_DIRS); do \
	  if [ -f "$$d/.todokc-outputs" ]; then \
	    echo "todok-clean: $$d"; \
	    sed -e '/^#/d' -e '/\//d' -e '/^$$/d' "$$d/.todokc-outputs" | \
	      while IFS= read -r f; do rm -f "$$d/$$f"; done; \
	    rm -f "$$d/.todokc-outputs"; \
	  fi; \
	  if [ -d "$$d" ]; then rmdir "$$d" 2>/dev/null || echo "todok-clean: kept $$d (other files in it)"; fi; \
	done
	@rm -f $(TODOK_DEPFILES) $(_todok_flagfiles)
	@if [ -d $(TODOK_OUT) ]; then rmdir $(TODOK_OUT) 2>/dev/null || true; fi

.PHONY: todok-all todok-clean _todok_force

-include $(TODOK_DEPFILES)

.DEFAULT_GOAL := $(_todok_default_goal)
