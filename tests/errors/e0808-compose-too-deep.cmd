# E0808: mappings and lists nested deeper than 64 levels.
. ../import/cmd.sh
{
	printf 'x-deep: '
	for _ in $(seq 1 70); do printf '['; done
	for _ in $(seq 1 70); do printf ']'; done
	printf '\nservices: {}\n'
} | compose
import_compose compose.yaml
