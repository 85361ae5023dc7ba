# E0804: a bind mount's target must be absolute, as Compose refuses one
# that is not (the short syntax and the long), before its source is looked
# at: not W0804's "left out", which would say the mount could be kept.
. ../import/cmd.sh
mkdir -p "$tmp/conf" && echo 'a = 1' >"$tmp/conf/app.ini"
compose <<'YAML'
services:
  web:
    image: example/web:1
    expose: ["8080"]
    volumes:
      - ./conf/app.ini:etc/app.ini:ro
      - type: bind
        source: /etc/localtime
        target: etc/localtime
YAML
import_compose compose.yaml
