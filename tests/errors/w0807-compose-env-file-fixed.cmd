# W0807 in an env_file: a variable whose default differs from the one its
# param took is fixed there, at that file's line (app.env:LINE:COL).
. ../import/cmd.sh
compose <<'YAML'
services:
  app:
    image: nginx:${TAG:-1}
    ports: ["80"]
    env_file: app.env
YAML
printf '# the version\nVERSION=${TAG:-2}\n' | compose app.env
import_compose compose.yaml >/dev/null
