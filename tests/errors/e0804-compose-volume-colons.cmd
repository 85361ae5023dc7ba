# E0804: a short volume with more than SOURCE:TARGET:MODE, which Compose
# refuses ("too many colons").
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    ports: ["80"]
    volumes:
      - ./html:/usr/share/nginx/html:ro:z
YAML
import_compose compose.yaml
