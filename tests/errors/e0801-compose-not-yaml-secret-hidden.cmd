# E0801 where the broken line holds a secret's value (a quoted password
# never closed): the file is not parsed, so nothing is known to be a
# secret yet, but a key named like one has its value hidden in excerpts.
. ../import/cmd.sh
compose <<'YAML'
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: "hunter2-in-clear
      POSTGRES_DB: shop
YAML
import_compose compose.yaml -o db.todok
