# Issue 20, finding 3: a stack whose manifests would be larger than todokc
# writes in one run.  A 250 kB annotation (below the 256 KiB Kubernetes
# takes, E0517) goes on every object, so 1,100 services make over 512 MiB
# of output, which no limit on the values stops (each is written once).  The rendering stops at the object
# that crosses the limit; nothing is written.  (JSON, as it renders faster
# than YAML; --check renders everything and writes nothing, as -o DIR does
# before its renames.  Standard output is streamed, holds nothing, and has
# no such limit.)
tmp=$(mktemp -d /tmp/todokc-test.XXXXXX) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 99
{
	printf 'stack s {\n  annotations { a = "'
	head -c 250000 /dev/zero | tr '\0' x
	printf '" }\n'
	for i in $(seq 1 1100); do printf '  service c%d { image "nginx:1.27" port 80 readiness tcp requests cpu 10m memory 16Mi }\n' "$i"; done
	echo '}'
} >big.todok
$TODOKC big.todok --format json --check
