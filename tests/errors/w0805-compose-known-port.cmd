# W0805: a service without ports gets the port its image listens on.
. ../import/cmd.sh
compose <<'YAML'
services:
  cache:
    image: docker.io/library/redis:7-alpine
  queue:
    image: rabbitmq:3
  tool:
    image: example/tool:1
YAML
import_compose compose.yaml >/dev/null
