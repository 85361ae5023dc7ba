# W0806: a service whose name is not a DNS label is renamed.
. ../import/cmd.sh
compose <<'YAML'
services:
  user_api:
    image: example/user-api
    expose: ["8000"]
  Web:
    image: nginx
    ports: ["80"]
YAML
import_compose compose.yaml >/dev/null
