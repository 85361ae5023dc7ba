# A bad command line of todokc import compose (an unknown option) exits
# with status 2, naming the subcommand.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: nginx
YAML
import_compose compose.yaml --keep-going
