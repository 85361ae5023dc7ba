# E0802: the top level of a Compose file is a mapping.
. ../import/cmd.sh
compose <<'YAML'
- services
- web
YAML
import_compose compose.yaml
