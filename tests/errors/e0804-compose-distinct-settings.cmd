# E0804: two keys that set one setting to distinct values (Compose
# refuses them: "can't set distinct values on 'scale' and
# 'deploy.replicas'"), and a container_name with more than one replica;
# the same value twice is no error.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    ports: ["80"]
    scale: 2
    cpus: "0.5"
    mem_limit: 512m
    mem_reservation: 128m
    deploy:
      replicas: 3
      resources:
        limits:
          cpus: "1"
          memory: 0.5g
        reservations:
          memory: 256m
YAML
import_compose compose.yaml
compose named.yaml <<'YAML'
services:
  api:
    image: example/api:1
    expose: ["8000"]
    container_name: api-main
    deploy:
      replicas: 2
YAML
import_compose named.yaml
