# E0802: services is a mapping of names, not a list.
. ../import/cmd.sh
compose <<'YAML'
services:
  - web
  - db
YAML
import_compose compose.yaml
