# W0812: a line of the .env file that is not KEY=VALUE, and an env_file
# that does not exist.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx:${TAG:-1.27}
    ports: ["80"]
    env_file: web.env
YAML
printf 'TAG=1.27.1\nthis is not a variable\n' | compose .env
import_compose compose.yaml >/dev/null
