# W0804: bind mounts of host paths are left out; a healthcheck that runs a
# file of one says it will fail.
. ../import/cmd.sh
compose <<'YAML'
services:
  db:
    image: postgres:16
    volumes:
      - ./healthchecks:/healthchecks:ro
      - type: bind
        source: /etc/localtime
        target: /etc/localtime
    healthcheck:
      test: /healthchecks/postgres.sh
YAML
import_compose compose.yaml >/dev/null
