# E0804: values of the wrong type or form.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    ports: "80:80"
  api:
    image: example/api
    ports: ["80:http"]
    healthcheck:
      test: ["CMD", "true"]
      interval: often
    read_only: maybe
    secrets: [api-key]
secrets:
  api-key:
    environment: "API KEY"
YAML
import_compose compose.yaml
