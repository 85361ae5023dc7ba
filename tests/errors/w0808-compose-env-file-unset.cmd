# W0808 in an env_file: a line's variable that is not set has its place
# in that file (app.env:LINE:COL), not in the Compose file.
. ../import/cmd.sh
compose <<'YAML'
services:
  app:
    image: nginx:1
    ports: ["80"]
    env_file: app.env
YAML
printf 'LOG_LEVEL=info\nSERVER_NAME=${SERVER_NAME}\n' | compose app.env
import_compose compose.yaml >/dev/null
