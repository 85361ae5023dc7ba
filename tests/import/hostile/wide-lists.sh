#!/usr/bin/env bash
# One service with 50,000 environment entries (every key twice), 15,000
# ports, 10,000 mounts of one named volume and 10,000 capabilities, and
# another that waits for 10,000 services: imported (exit status 0) in time
# linear in the file, as each list is indexed (searched, each list would
# take 5*10^7 comparisons or more), and within the memory bound also when
# todokc is built with sanitizers.
. ../cmd.sh
{
	echo 'services:'
	echo '  wide:'
	echo '    image: nginx'
	echo '    environment:'
	seq 1 25000 | awk '{ printf "      - K%d=a\n      - K%d=b\n", $1, $1 }'
	echo '    ports:'
	seq 1 15000 | awk '{ printf "      - \"%d\"\n", $1 }'
	echo '    volumes:'
	seq 1 10000 | awk '{ printf "      - data:/srv/%d\n", $1 }'
	echo '    cap_add:'
	seq 1 10000 | awk '{ printf "      - CAP%d\n", $1 }'
	echo '  waiter:'
	echo '    image: nginx'
	echo '    depends_on:'
	seq 1 10000 | awk '{ printf "      - s%d\n", $1 }'
	seq 1 10000 | awk '{ printf "  s%d: {image: nginx, expose: [\"80\"]}\n", $1 }'
	echo 'volumes:'
	echo '  data:'
} | compose
import_compose compose.yaml -o stack.todok 2>/dev/null || exit
[ "$(grep -c '^      K[0-9]* *= "b"$' "$tmp/stack.todok")" -eq 25000 ] ||
	{ echo "test: not 25,000 environment entries, each the later one" >&2; exit 99; }
