# E0812: services that wait for each other in a cycle.
. ../import/cmd.sh
compose <<'YAML'
services:
  a:
    image: example/a
    depends_on: [b]
  b:
    image: example/b
    depends_on:
      c:
        condition: service_healthy
  c:
    image: example/c
    links: [a]
YAML
import_compose compose.yaml
