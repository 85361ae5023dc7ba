# W0810: a service that others wait for declares no port: nothing can
# wait for it at run time.
. ../import/cmd.sh
compose <<'YAML'
services:
  backend:
    image: example/backend
  proxy:
    image: nginx
    ports: ["80:80"]
    depends_on: [backend]
YAML
import_compose compose.yaml >/dev/null
