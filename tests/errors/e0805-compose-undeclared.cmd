# E0805: a service, volume or secret that the file does not declare.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    depends_on: [api]
    volumes:
      - data:/srv
    secrets:
      - token
YAML
import_compose compose.yaml
