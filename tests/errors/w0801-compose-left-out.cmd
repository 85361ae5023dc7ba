# W0801: keys with no counterpart in the .todok are left out, each with why.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    ports: ["80"]
    privileged: true
    network_mode: host
    working_dir: /srv
    extra_hosts: ["db:10.0.0.5"]
networks:
  front: {}
YAML
import_compose compose.yaml >/dev/null
