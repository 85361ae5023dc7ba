# E0807: a key given twice in one mapping.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    ports: ["80"]
    image: httpd
YAML
import_compose compose.yaml
