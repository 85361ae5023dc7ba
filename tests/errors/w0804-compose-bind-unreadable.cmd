# W0804: a file of a bind mount that the importer may not read leaves the
# mount out with that reason (the file named in a folder), as the config's
# file of a top-level config is left out (W0801): not an error that
# stops the import.  Run as nobody when run as root, who may read it.
. ../import/cmd.sh
chmod 755 "$tmp"
mkdir "$tmp/conf.d"
echo 'a = 1' >"$tmp/conf.d/a.ini"
echo 'b = 2' >"$tmp/conf.d/b.ini"
echo 'c = 3' >"$tmp/app.ini"
chmod 000 "$tmp/conf.d/b.ini" "$tmp/app.ini"
compose <<'YAML'
services:
  web:
    image: example/web:1
    expose: ["8080"]
    configs: [app]
    volumes:
      - ./app.ini:/etc/web/app.ini
      - ./conf.d:/etc/web/conf.d:ro
configs:
  app:
    file: ./app.ini
YAML
as=
[ "$(id -u)" = 0 ] && as="setpriv --reuid=65534 --regid=65534 --clear-groups"
bin=${TODOKC%% *} opts=
[ "$bin" != "$TODOKC" ] && opts=${TODOKC#* }
# shellcheck disable=SC2086 # the options are words
(cd "$tmp" && $as $bin import compose compose.yaml $opts) >/dev/null
