# E0803: a top-level key that Compose does not have, with a suggestion.
. ../import/cmd.sh
compose <<'YAML'
service:
  web:
    image: nginx
YAML
import_compose compose.yaml
