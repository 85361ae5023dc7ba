# W0817: docker compose merges an override file beside the Compose file,
# or the files COMPOSE_FILE in the .env file lists; the import reads the
# Compose file it is given only, and says so (at the override file, at the
# .env line).  With COMPOSE_FILE set, docker compose looks for no override.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx:1.27
    ports: ["80"]
YAML
compose compose.override.yaml <<'YAML'
services:
  web:
    environment:
      DEBUG: "1"
YAML
import_compose compose.yaml >/dev/null || exit
printf 'TAG=1\nCOMPOSE_FILE=compose.yaml:compose.prod.yaml\n' | compose .env
import_compose compose.yaml >/dev/null
