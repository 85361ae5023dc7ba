# W0807: variables where the .todok takes none are fixed at import.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    ports: ["${PORT:-8080}:80"]
    deploy:
      replicas: ${REPLICAS:-2}
    environment:
      MODE: ${DEBUG:+debug}
YAML
import_compose compose.yaml >/dev/null
