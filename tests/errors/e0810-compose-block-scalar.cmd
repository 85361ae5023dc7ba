# E0810 in a block scalar (| or >) points at the $ that is wrong, on its
# line of the file, not at the scalar's header: the n-th $ of the value is
# the n-th $ after the header line (a $ of the header's comment is not
# one), folded lines or not.
. ../import/cmd.sh
compose <<'YAML'
services:
  app:
    image: example/app:1
    expose: ["8000"]
    command: |  # costs $$5
      echo "$$HOME"
      echo ${ broken
YAML
import_compose compose.yaml >/dev/null
compose <<'YAML'
services:
  app:
    image: example/app:1
    expose: ["8000"]
    entrypoint: >-
      sh -c "echo $$HOME
        and $$PATH"

      then ${A:-${B:-x}
YAML
import_compose compose.yaml >/dev/null
