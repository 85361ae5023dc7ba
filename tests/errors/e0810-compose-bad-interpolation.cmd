# E0810: a $ that starts no variable, and a ${ that is not closed.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
    command: echo $1
  api:
    image: example/api:${TAG
YAML
import_compose compose.yaml
