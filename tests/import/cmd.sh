# cmd.sh - sourced by the cases of tests/errors/ that run `todokc import
# compose` (e08xx-*.cmd, w08xx-*.cmd): `compose [FILE]` writes its standard
# input to FILE (compose.yaml) in a fresh folder, `import_compose ARGS...`
# imports there, `repeat N TEXT` prints TEXT N times.  The options that $TODOKC may carry (--diagnostics=json)
# go after `import compose`, where the subcommand reads them.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
compose() { cat >"$tmp/${1:-compose.yaml}"; }
repeat() { local i; for ((i = 0; i < $1; i++)); do printf '%s' "$2"; done; }
import_compose() {
	local bin=${TODOKC%% *} opts=
	[ "$bin" != "$TODOKC" ] && opts=${TODOKC#* }
	# shellcheck disable=SC2086 # the options are words
	(cd "$tmp" && $bin import compose "$@" $opts)
}
