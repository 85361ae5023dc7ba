# W0813: secret values written in the Compose file are left out of the
# .todok and read with env() at compile time; excerpts do not show them.
. ../import/cmd.sh
compose <<'YAML'
services:
  db:
    image: mysql:8.4
    environment:
      MYSQL_ROOT_PASSWORD: s3cret-root
      MYSQL_USER: app
  app:
    image: example/app
    environment:
      - DATABASE_URL=mysql://app:s3cret-app@db:3306/app
YAML
import_compose compose.yaml >/dev/null
