# W0814: settings the .todok can only approximate.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    ports:
      - "8080:80"
      - "127.0.0.1:9000:9000"
    restart: on-failure
    stop_grace_period: 1500ms
    healthcheck:
      test: ["CMD", "true"]
      interval: 2500ms
YAML
import_compose compose.yaml >/dev/null
