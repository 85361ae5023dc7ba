# todok.mk - GNU Make rules that compile .todok stacks with todokc.
#
# Usage, in your Makefile (set the variables before the include):
#
#   TODOK_SOURCES = stacks/shop.todok stacks/blog.todok  # required
#   TODOK_OUT     = manifests         # output folder (default: out)
#   TODOK_FORMAT  = json              # yaml (default) or json
#   TODOK_FLAGS   = -D tag=1.4.2      # extra todokc options, every stack
#   TODOK_FLAGS_blog = --env-file stacks/blog.env  # options for blog.todok only
#   TODOK_PROFILES_shop = dev prod    # compile shop.todok once per profile
#   TODOK_FLAGS_shop_prod = --env-file stacks/prod.env  # shop's prod only
#   TODOKC        = /opt/bin/todokc   # default: the todokc installed with this
#                                     # file (PREFIX/bin), else todokc on PATH
#   include /usr/local/share/todokc/todok.mk
#
#   all: todok-all
#
# Each DIR/NAME.todok is compiled with `todokc DIR/NAME.todok -o
# $(TODOK_OUT)/NAME --depfile $(TODOK_OUT)/NAME.d`. The folder is represented
# in make by its $(TODOK_OUT)/NAME/Kustomization: todokc writes that file on
# every successful -o compile and names it first in its depfile, so an edit
# to the .todok, to a file it reads through file("..."), or to an --env-file
# recompiles exactly that stack. The depfiles are included here. A change of
# TODOKC, TODOK_FORMAT, TODOK_FLAGS or TODOK_FLAGS_NAME also recompiles (the
# command line is kept in $(TODOK_OUT)/NAME.flags), and so does a newer
# todokc program. Values that env("VAR") takes from the environment are not
# tracked: give them in an --env-file.
#
# Profiles: with TODOK_PROFILES_NAME = dev prod, NAME.todok is compiled
# instead once per profile (`profile dev { ... }` in the stack), each into
# its own folder, with its own depfile and flags file:
#   todokc DIR/NAME.todok -o $(TODOK_OUT)/NAME/dev --depfile
#          $(TODOK_OUT)/NAME/dev.d ... --profile dev $(TODOK_FLAGS_NAME_dev)
# (command line in $(TODOK_OUT)/NAME/dev.flags), and the same for prod; no
# $(TODOK_OUT)/NAME/Kustomization is made. An edit to the .todok recompiles
# every profile of it; a change of TODOK_FLAGS_NAME_PROFILE recompiles that
# profile only; an --env-file or a file("...") recompiles the profiles that
# read it. todokc checks every profile of the stack on each of these
# compiles, and reads the secret values of the selected profile only. Run
# `make todok-clean` before you change TODOK_PROFILES_NAME: it cleans the
# folders of the current settings only.
#
# Targets:
#   todok-all                        compile every stack (and profile) that
#                                    is out of date
#   todok-clean                      remove what todokc wrote (the files
#                                    listed in each folder's .todokc-outputs),
#                                    the depfiles and flags files, and the
#                                    folders if empty
#   $(TODOK_OUT)/NAME/Kustomization  compile one stack
#   $(TODOK_OUT)/NAME/PROFILE/Kustomization
#                                    compile one profile of a stack
# Variables set here, for your rules: TODOK_NAMES (the stacks), TODOK_DIRS
# (every output folder: $(TODOK_OUT)/NAME, or $(TODOK_OUT)/NAME/PROFILE for
# each profile), TODOK_STAMPS (their Kustomization files), TODOK_DEPFILES.
#
# Two sources may not share a file name (they would share a folder), nor
# may a stack be named NAME_PROFILE when NAME has profile PROFILE (they would
# share TODOK_FLAGS_NAME_PROFILE).
# Works with make -j (each folder, depfile and flags file is written by one
# rule only). This file does not change your default goal.

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

TODOK_NAMES := $(basename $(notdir $(TODOK_SOURCES)))
ifneq ($(words $(TODOK_NAMES)),$(words $(sort $(TODOK_NAMES))))
$(error todok.mk: two TODOK_SOURCES have the same file name; they would share a folder in $(TODOK_OUT)/)
endif

# The compiles: NAME for a stack without profiles, NAME/PROFILE for each
# profile of one with. Compile U writes the folder $(TODOK_OUT)/U, the
# depfile $(TODOK_OUT)/U.d and the flags file $(TODOK_OUT)/U.flags.
_todok_units := $(foreach n,$(TODOK_NAMES),$(if $(strip $(TODOK_PROFILES_$n)),$(addprefix $n/,$(sort $(TODOK_PROFILES_$n))),$n))
TODOK_DIRS     := $(_todok_units:%=$(TODOK_OUT)/%)
TODOK_STAMPS   := $(_todok_units:%=$(TODOK_OUT)/%/Kustomization)
TODOK_DEPFILES := $(_todok_units:%=$(TODOK_OUT)/%.d)
_todok_flagfiles := $(_todok_units:%=$(TODOK_OUT)/%.flags)
# The folders $(TODOK_OUT)/NAME that hold the profile folders.
_todok_profile_units := $(foreach u,$(_todok_units),$(if $(findstring /,$u),$u))
_todok_parents := $(sort $(foreach u,$(_todok_profile_units),$(TODOK_OUT)/$(firstword $(subst /, ,$u))))

_todok_bad_profiles := $(strip $(foreach n,$(TODOK_NAMES),$(foreach p,$(TODOK_PROFILES_$n),$(if $(findstring /,$p),TODOK_PROFILES_$n:$p))))
ifneq ($(_todok_bad_profiles),)
$(error todok.mk: a profile name cannot hold '/': $(_todok_bad_profiles))
endif
_todok_stray := $(strip $(foreach v,$(filter-out $(TODOK_NAMES:%=TODOK_PROFILES_%),$(filter TODOK_PROFILES_%,$(.VARIABLES))),$(if $(strip $($v)),$v)))
ifneq ($(_todok_stray),)
$(warning todok.mk: $(_todok_stray) set, but no TODOK_SOURCES file has that name)
endif
_todok_clash := $(filter $(TODOK_NAMES),$(subst /,_,$(_todok_profile_units)))
ifneq ($(_todok_clash),)
$(error todok.mk: TODOK_FLAGS_$(firstword $(_todok_clash)) would name the options of a stack and of a profile; rename $(firstword $(_todok_clash)).todok)
endif

# The source of stack $1.
_todok_source = $(firstword $(filter $1.todok %/$1.todok,$(TODOK_SOURCES)))
# The options of stack $1 (profile $2, if any), other than the input, -o and
# --depfile.
_todok_options = $(strip $(if $(TODOK_FORMAT),--format $(TODOK_FORMAT)) $(TODOK_FLAGS) $(TODOK_FLAGS_$1) $(if $2,--profile $2 $(TODOK_FLAGS_$1_$2)))
_todok_quote = '$(subst ','\'',$(1))'

# The rules of compile $1 (stack $2, profile $3 or nothing). The options are
# expanded when the recipe runs, so that they may be set after the include.
define _todok_rules
$(TODOK_OUT)/$1/Kustomization: $(call _todok_source,$2) $(TODOK_OUT)/$1.flags $(_todok_exe)
	@mkdir -p $(patsubst %/,%,$(dir $(TODOK_OUT)/$1))
	$$(TODOKC) $(call _todok_source,$2) -o $$(@D) --depfile $(TODOK_OUT)/$1.d$$(if $$(call _todok_options,$2,$3), $$(call _todok_options,$2,$3))
	@touch $$@

# Rewritten only when the command line changes, so that it triggers a rebuild.
$(TODOK_OUT)/$1.flags: _todok_force
	@mkdir -p $$(@D)
	@printf '%s\n' $$(call _todok_quote,$$(TODOKC) $$(call _todok_options,$2,$3)) | cmp -s - $$@ \
	  || printf '%s\n' $$(call _todok_quote,$$(TODOKC) $$(call _todok_options,$2,$3)) > $$@
endef
$(foreach u,$(_todok_units),$(eval $(call _todok_rules,$u,$(firstword $(subst /, ,$u)),$(word 2,$(subst /, ,$u)))))

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
	@for d in $(_todok_parents); do \
	  if [ -d "$$d" ]; then rmdir "$$d" 2>/dev/null || echo "todok-clean: kept $$d (other files in it)"; fi; \
	done
	@if [ -d $(TODOK_OUT) ]; then rmdir $(TODOK_OUT) 2>/dev/null || true; fi

.PHONY: todok-all todok-clean _todok_force

-include $(TODOK_DEPFILES)

.DEFAULT_GOAL := $(_todok_default_goal)
