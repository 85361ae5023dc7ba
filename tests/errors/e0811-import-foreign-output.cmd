# E0811: -o names a file that todokc import did not write: it is left as it
# was (exit status 3).
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    ports: ["80"]
YAML
printf 'stack mine {}\n' >"$tmp/stack.todok"
import_compose compose.yaml -o stack.todok
status=$?
[ "$(cat "$tmp/stack.todok")" = "stack mine {}" ] || echo "test: stack.todok was changed" >&2
exit $status
