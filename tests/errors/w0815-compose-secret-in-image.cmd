# W0815: a secret variable where the .todok cannot hold a secret (an image,
# a label, an exec probe) is left out.
. ../import/cmd.sh
compose <<'YAML'
services:
  web:
    image: registry.example.com/web:${TAG_TOKEN}
    ports: ["80"]
    labels:
      build-token: ${TAG_TOKEN}
    healthcheck:
      test: ["CMD", "check", "--token", "${TAG_TOKEN}"]
YAML
import_compose compose.yaml >/dev/null
