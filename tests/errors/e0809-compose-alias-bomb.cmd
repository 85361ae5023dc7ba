# E0809: aliases that expand to more than 1,000,000 nodes.
. ../import/cmd.sh
{
	echo 'x-0: &a0 [x, x, x, x, x, x, x, x, x, x]'
	for i in 1 2 3 4 5 6; do
		p=$((i - 1))
		echo "x-$i: &a$i [*a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p]"
	done
	echo 'services: {}'
} | compose
import_compose compose.yaml
