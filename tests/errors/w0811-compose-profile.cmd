# W0811: services of profiles not asked for are left out, with the waits
# for them.
. ../import/cmd.sh
compose <<'YAML'
services:
  app:
    image: example/app
    ports: ["80"]
    depends_on: [seed]
  seed:
    image: example/seed
    profiles: [seed]
YAML
import_compose compose.yaml >/dev/null
