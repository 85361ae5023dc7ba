# A misspelt option of todokc import compose: its closest option is
# suggested; exit status 2.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
YAML
import_compose compose.yaml --forse
