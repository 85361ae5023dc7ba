# output.sh - the output file of `todokc import compose -o FILE`, sourced by
# tests/suites/import.sh (which gives $todokc, $tmp, pass and fail): written
# atomically, replacing only a .todok the importer wrote (or anything with
# --force), nothing written when there are errors; and the command line.
out=$tmp/output
mkdir -p "$out"
cat >"$out/compose.yaml" <<'YAML'
services:
  web:
    image: nginx:1.27
    ports: ["8080:80"]
YAML
imp() { (cd "$out" && env -i PATH="$PATH" LC_ALL=C "$todokc" import compose "$@"); }

expect_status() { # NAME WANT GOT
	if [ "$3" -eq "$2" ]; then pass; else fail "output: $1: exit status $3, expected $2" "$out/err"; fi
}

imp compose.yaml >"$out/stdout.todok" 2>/dev/null
imp compose.yaml -o web.todok 2>"$out/err"
expect_status "a new file" 0 $?
if cmp -s "$out/stdout.todok" "$out/web.todok" && [ "$(ls -a "$out" | grep -c todokc-tmp)" -eq 0 ]; then
	pass
else
	fail "output: -o FILE must hold what standard output gets, and no temporary file stay"
fi
imp compose.yaml -o web.todok 2>"$out/err"
expect_status "replacing a .todok it wrote" 0 $?

# A .todok the importer wrote and someone edited since is not replaced.
sed 's/nginx:1.27/nginx:1.28/' "$out/web.todok" >"$out/edited.todok"
imp compose.yaml -o edited.todok 2>"$out/err"
expect_status "a .todok edited since it was imported" 3 $?
grep -q "^todokc: error: 'edited.todok' was changed since todokc import wrote it; nothing was written (--force replaces it)$" "$out/err" \
	&& grep -q 'nginx:1.28' "$out/edited.todok" && pass || fail "output: an edited .todok must be kept, with E0811" "$out/err"

printf 'stack mine {}\n' >"$out/mine.todok"
imp compose.yaml -o mine.todok 2>"$out/err"
expect_status "a file it did not write" 3 $?
if [ "$(cat "$out/mine.todok")" = "stack mine {}" ] && grep -q "^todokc: error: 'mine.todok' exists and was not written by todokc import; nothing was written (--force replaces it)$" "$out/err"; then
	pass
else
	fail "output: a file the importer did not write must be left as it was, with E0811" "$out/err"
fi
imp compose.yaml -o mine.todok --force 2>"$out/err"
expect_status "--force" 0 $?
cmp -s "$out/stdout.todok" "$out/mine.todok" && pass || fail "output: --force must replace the file"

# Through a symbolic link, the file it names is replaced and the link
# kept, as todokc fmt -w does.
printf 'stack linked {}\n' >"$out/linked-target.todok"
ln -s linked-target.todok "$out/link.todok"
imp compose.yaml -o link.todok --force 2>"$out/err"
expect_status "--force through a symbolic link" 0 $?
[ -L "$out/link.todok" ] && cmp -s "$out/stdout.todok" "$out/linked-target.todok" && pass \
	|| fail "output: -o LINK --force must replace the file the link names, and keep the link" "$out/err"
imp compose.yaml -o link.todok 2>"$out/err"
expect_status "a link to a .todok it wrote" 0 $?

mkdir -p "$out/folder.todok"
imp compose.yaml -o folder.todok 2>"$out/err"
expect_status "a folder" 3 $?

printf 'services:\n  web: [\n' >"$out/broken.yaml"
imp broken.yaml -o broken.todok 2>"$out/err"
expect_status "a Compose file with errors" 1 $?
[ -e "$out/broken.todok" ] && fail "output: a failed import must write nothing" || pass
imp missing.yaml -o missing.todok 2>"$out/err"
expect_status "a Compose file that cannot be read" 3 $?
[ -e "$out/missing.todok" ] && fail "output: a failed import must write nothing" || pass

printf 'services:\n  web:\n    image: nginx\n    privileged: true\n' >"$out/warn.yaml"
imp warn.yaml --werror -o warn.todok 2>"$out/err"
expect_status "--werror" 1 $?
[ -e "$out/warn.todok" ] && fail "output: --werror must write nothing when there is a warning" || pass
imp warn.yaml --diagnostics=json 2>"$out/err" >/dev/null
grep -q '^{"severity": "warning", "code": "W0801", "file": "warn.yaml", "line": 4, "column": 5,' "$out/err" \
	&& pass || fail "output: --diagnostics=json" "$out/err"

(cd "$out" && "$todokc" import 2>"$out/err")
expect_status "import without compose" 2 $?
imp 2>"$out/err"
expect_status "no Compose file" 2 $?
imp compose.yaml --expose everywhere 2>"$out/err"
expect_status "a bad --expose" 2 $?
imp --help >"$out/help" 2>&1
expect_status "--help" 0 $?
grep -q '^usage: todokc import compose FILE' "$out/help" && pass || fail "output: --help" "$out/help"

# A file of overrides (services without images) is refused, and the first
# such error says which model to import instead.
printf 'services:\n  web:\n    environment:\n      DEBUG: "1"\n  api:\n    ports: ["9000"]\n' \
	>"$out/override.yaml"
imp override.yaml -o override.todok 2>"$out/err"
expect_status "an override file" 1 $?
note='note: .* `docker compose -f BASE -f THIS config` prints$'
if [ "$(grep -c "error: the service '.*' has neither an image nor a build" "$out/err")" -eq 2 ] &&
	[ "$(grep -c "$note" "$out/err")" -eq 1 ] &&
	[ ! -e "$out/override.todok" ]; then
	pass
else
	fail "output: an override file must be refused, with one note on what to import" "$out/err"
fi
