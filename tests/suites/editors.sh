#!/usr/bin/env bash
# editors.sh - the Vim, VS Code (TextMate) and Emacs tests of editors/,
# each run where its tool is installed (tests/editors/run.sh).
exec bash "$(dirname "$0")/../editors/run.sh"
