# install.mk - `make install` and `make uninstall` for todokc.
# Included from the top-level Makefile (run from the top of the tree); until
# then: make -f Makefile -f mk/install.mk install.
#
#   make install   [PREFIX=/usr/local] [DESTDIR=/staging]
#   make uninstall [PREFIX=/usr/local] [DESTDIR=/staging]
#
# Installs, under $(DESTDIR)$(PREFIX):
#   bin/todokc                                   the compiler
#   share/man/man1/todokc.1                      the manual page
#   share/bash-completion/completions/todokc     bash completion
#   share/vim/vimfiles/{ftdetect,syntax,ftplugin,indent}/todok.vim
#   share/emacs/site-lisp/todok-mode.el
#   share/todokc/vscode/                         VS Code extension folder
#   share/todokc/todok.mk                        GNU Make rules (include it)
#   lib/cmake/Todok/                             CMake package (find_package(Todok))
# `uninstall` removes exactly these files, and the folders that only
# todokc uses (share/todokc, lib/cmake/Todok) when they are empty.
# BINDIR, DATADIR, MANDIR and CMAKEDIR may be set to change the layout;
# todok.mk and the CMake package find bin/todokc relative to themselves,
# so keep DATADIR and CMAKEDIR under the same PREFIX as BINDIR.

ifndef TODOK_INSTALL_MK
TODOK_INSTALL_MK := 1
_todok_install_default_goal := $(.DEFAULT_GOAL)

PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share
MANDIR   ?= $(DATADIR)/man
CMAKEDIR ?= $(PREFIX)/lib/cmake/Todok
INSTALL  ?= install
INSTALL_PROGRAM ?= $(INSTALL) -m 755
INSTALL_DATA    ?= $(INSTALL) -m 644

# Source file -> installed path (without DESTDIR), one pair per file.
_todok_vim_parts := ftdetect syntax ftplugin indent
_todok_vscode_files := $(patsubst editors/vscode/%,%,$(sort $(shell \
	find editors/vscode -type f ! -path '*/node_modules/*' ! -name '*.vsix' 2>/dev/null)))
_todok_data_pairs := \
	man/todokc.1=$(MANDIR)/man1/todokc.1 \
	completion/todokc.bash=$(DATADIR)/bash-completion/completions/todokc \
	$(foreach p,$(_todok_vim_parts),editors/vim/$(p)/todok.vim=$(DATADIR)/vim/vimfiles/$(p)/todok.vim) \
	editors/emacs/todok-mode.el=$(DATADIR)/emacs/site-lisp/todok-mode.el \
	$(foreach f,$(_todok_vscode_files),editors/vscode/$(f)=$(DATADIR)/todokc/vscode/$(f)) \
	mk/todok.mk=$(DATADIR)/todokc/todok.mk \
	cmake/TodokConfig.cmake=$(CMAKEDIR)/TodokConfig.cmake \
	cmake/TodokConfigVersion.cmake=$(CMAKEDIR)/TodokConfigVersion.cmake \
	cmake/TodokDepfile.cmake=$(CMAKEDIR)/TodokDepfile.cmake
_todok_src = $(firstword $(subst =, ,$(1)))
_todok_dst = $(word 2,$(subst =, ,$(1)))
_todok_installed := $(BINDIR)/todokc $(foreach p,$(_todok_data_pairs),$(call _todok_dst,$(p)))
# Folders of todokc's own, deepest first: removed by uninstall when empty.
_todok_own_dirs := $(sort $(dir $(filter $(DATADIR)/todokc/%,$(_todok_installed)))) \
	$(DATADIR)/todokc/ $(CMAKEDIR)/

install: todokc $(foreach p,$(_todok_data_pairs),$(call _todok_src,$(p)))
	$(INSTALL) -d '$(DESTDIR)$(BINDIR)'
	$(INSTALL_PROGRAM) todokc '$(DESTDIR)$(BINDIR)/todokc'
	@set -e; $(foreach p,$(_todok_data_pairs), \
	  echo "$(INSTALL_DATA) $(call _todok_src,$(p)) '$(DESTDIR)$(call _todok_dst,$(p))'"; \
	  $(INSTALL) -d '$(DESTDIR)$(dir $(call _todok_dst,$(p)))'; \
	  $(INSTALL_DATA) $(call _todok_src,$(p)) '$(DESTDIR)$(call _todok_dst,$(p))';)

uninstall:
	rm -f $(foreach f,$(_todok_installed),'$(DESTDIR)$(f)')
	@for d in $(foreach d,$(sort $(_todok_own_dirs)),'$(DESTDIR)$(d)'); do echo "$$d"; done | \
	  sort -r | while IFS= read -r d; do \
	    if [ -d "$$d" ]; then rmdir "$$d" 2>/dev/null && echo "rmdir $$d" || true; fi; done

.PHONY: install uninstall

.DEFAULT_GOAL := $(_todok_install_default_goal)
endif
