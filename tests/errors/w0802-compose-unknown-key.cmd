# W0802: a key that Compose does not have, with a suggestion.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    imgae: nginx
    image: nginx
    ports: ["80"]
    healthcheck:
      test: ["CMD", "true"]
      intervall: 5s
YAML
import_compose compose.yaml >/dev/null
