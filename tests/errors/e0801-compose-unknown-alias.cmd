# E0801: an alias that names no anchor before it.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    environment: *common
YAML
import_compose compose.yaml
