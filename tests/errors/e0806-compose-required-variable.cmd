# E0806: ${VAR:?message} with VAR not set in the .env file.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: example/web:${TAG:?set TAG to the release to deploy}
YAML
import_compose compose.yaml
