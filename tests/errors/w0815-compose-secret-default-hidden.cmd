# W0815 on a secret variable whose default is written in the Compose file:
# the excerpt hides the default (a secret's value), as every excerpt of
# the import does.
. ../import/cmd.sh
compose <<'YAML'
services:
  db:
    image: "postgres:${DB_TOKEN:-hunter2-default}"
    environment:
      DB_TOKEN: ${DB_TOKEN:-hunter2-default}
YAML
import_compose compose.yaml >/dev/null
