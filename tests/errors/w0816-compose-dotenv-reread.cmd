# W0816: a secret the .todok reads with env("VAR") whose line of the .env
# file (or of an env_file) todokc --env-file, which takes the text after
# '=' as it is, would read otherwise than Compose: quotes, ${...}, a ' #'
# comment, blanks around the value.  A line written literally is no
# warning.  The values are in no message.
. ../import/cmd.sh
compose <<'YAML'
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}
      ADMIN_PASSWORD: ${ADMIN_PASSWORD}
      REPLICA_PASSWORD: ${REPLICA_PASSWORD}
      BACKUP_TOKEN: ${BACKUP_TOKEN}
      PLAIN_TOKEN: ${PLAIN_TOKEN}
    env_file: db.env
YAML
compose .env <<'ENV'
POSTGRES_PASSWORD="s3cret pass"
USER=app
ADMIN_PASSWORD=${USER}-adm1n
REPLICA_PASSWORD=r3plica # the replica's
BACKUP_TOKEN=b4ckup  
PLAIN_TOKEN=pl4in
ENV
compose db.env <<'ENV'
API_KEY='k3y value'
ENV
import_compose compose.yaml >/dev/null
