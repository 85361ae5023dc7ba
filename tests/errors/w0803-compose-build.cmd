# W0803: build: is left out; the image is the one docker compose build names.
. ../import/cmd.sh
compose <<'YAML'
name: shop
services:
  api:
    build: ./api
    expose: ["8000"]
  web:
    build:
      context: ./web
    image: registry.example.com/shop/web:1.2
    ports: ["80:80"]
YAML
import_compose compose.yaml >/dev/null
