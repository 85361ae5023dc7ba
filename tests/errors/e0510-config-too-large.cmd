# A config whose values add up to more than 1 MiB (a data file pasted into a
# config) is more than a ConfigMap may hold.
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
{
	printf 'stack shop {\n  config geo-data {\n    "countries.json" = "'
	head -c 600000 /dev/zero | tr '\0' 'x'
	printf '"\n    "cities.json" = "'
	head -c 600000 /dev/zero | tr '\0' 'y'
	printf '"\n  }\n  service web {\n    image "nginx:1.27"\n    port 80\n'
	printf '    volume geo at "/usr/share/nginx/html/geo" from config geo-data\n  }\n}\n'
} >"$tmp/geo.todok"
cd "$tmp" && $TODOKC geo.todok
