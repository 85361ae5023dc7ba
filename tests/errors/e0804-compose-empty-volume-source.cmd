# E0804: a short volume whose source is empty, here because its variable
# is not set (W0808 says so first); a long one is anonymous, as in Compose.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    ports: ["80"]
    volumes:
      - ${MEDIA}:/media/
      - type: volume
        source: ${CACHE_VOLUME}
        target: /cache
YAML
import_compose compose.yaml
