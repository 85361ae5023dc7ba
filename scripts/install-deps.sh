#!/usr/bin/env bash
# install-deps.sh - installs what todokc needs on Debian 12.
#   scripts/install-deps.sh          what the build needs (compiler, flex, bison, libyaml,
#                                    nettle, jansson for the language server)
#   scripts/install-deps.sh --test   also what `make check` uses: cmocka, PyYAML, Node.js
#                                    and the npm packages of the test suites (npm ci),
#                                    clang's fuzzer runtime, valgrind, Vim, Neovim (the
#                                    language server's real client), Emacs with eglot,
#                                    graphviz, CMake and Ninja
# Runs apt-get through sudo when not root.  Safe to run again.
set -eu
cd "$(dirname "$0")/.."
packages="build-essential pkg-config flex bison libyaml-dev nettle-dev libjansson-dev"
if [ "${1:-}" = --test ]; then
	packages="$packages libcmocka-dev python3 python3-yaml jq clang libclang-rt-14-dev
		valgrind vim neovim emacs-nox elpa-eglot graphviz cmake ninja-build groff-base man-db
		faketime"
	# Node.js from Debian only when the machine has none (a newer one may
	# come from elsewhere: it is kept).
	command -v node >/dev/null || packages="$packages nodejs"
	command -v npm >/dev/null || packages="$packages npm"
fi
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
missing=
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi
if [ "${1:-}" = --test ]; then
	for d in tests/k8s tests/editors; do
		[ -f "$d/package-lock.json" ] && (cd "$d" && npm ci --no-audit --no-fund --loglevel=error)
	done
fi
exit 0
