# E0801: a Compose file that is not YAML; nothing is written (exit status 1).
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
   ports: ["80"]
YAML
import_compose compose.yaml -o web.todok
status=$?
[ -e "$tmp/web.todok" ] && echo "test: web.todok was written" >&2
exit $status
