# E0805: a short volume's source that does not start with '.', '/' or '~'
# is the name of a volume, as Compose (compose-go's isFilePath) reads it:
# conf/app.conf cannot be one (a name has no '/'), and config.yml, not
# declared, is the file beside the Compose file; both say to write './'.
# A Windows path (C:\...) is a host path, and a volume named as one of the
# top-level volumes stays a claim.
. ../import/cmd.sh
mkdir "$tmp/conf" && echo "listen 80" >"$tmp/conf/app.conf" && echo "a: 1" >"$tmp/config.yml"
compose <<'YAML'
services:
  web:
    image: nginx
    ports: ["80"]
    volumes:
      - conf/app.conf:/etc/app.conf:ro
      - config.yml:/etc/app/config.yml
      - conf:/etc/conf:ro
      - logs/web:/var/log/web
      - C:\data:/data
      - data:/srv
volumes:
  data:
YAML
import_compose compose.yaml
