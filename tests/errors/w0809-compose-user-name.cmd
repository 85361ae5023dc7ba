# W0809: user: given as a name is left out.
. ../import/cmd.sh
compose <<'YAML'
services:
  db:
    image: postgres:16
    user: postgres
  web:
    image: nginx
    ports: ["80"]
    user: "101:nginx"
YAML
import_compose compose.yaml >/dev/null
