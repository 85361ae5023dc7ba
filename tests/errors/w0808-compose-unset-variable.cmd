# W0808: a variable that is not set and has no default becomes an empty
# param, as Compose makes it empty.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    ports: ["80"]
    environment:
      SERVER_NAME: ${SERVER_NAME}
YAML
import_compose compose.yaml >/dev/null
