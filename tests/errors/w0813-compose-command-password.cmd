# W0813, W0815: a URL with a password in a command, an entrypoint or a
# healthcheck is a key of `secret secrets`, which reaches the container
# through an env entry ($(VAR), a shell variable); an exec probe cannot
# hold it, so its word is left out.  The password is in no line of the
# .todok (shown here) and in no message.
. ../import/cmd.sh
compose <<'YAML'
services:
  app:
    image: example/app:1
    expose: ["8000"]
    command: ["sh", "-c", "connect --url=postgres://u:hunter2@db/x"]
    entrypoint: migrate --db mysql://root:s3cret@db/app
    healthcheck:
      test: ["CMD", "check", "--url=postgres://u:hunter2@db/x"]
  web:
    image: example/web:1
    expose: ["80"]
    healthcheck:
      test: "curl -f http://admin:pw0rd@localhost/health"
YAML
import_compose compose.yaml >"$tmp/out.todok"
status=$?
grep -E 'URL|hunter2|s3cret|pw0rd|readiness' "$tmp/out.todok" >&2
exit $status
