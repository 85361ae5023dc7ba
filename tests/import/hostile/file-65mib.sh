#!/usr/bin/env bash
# A Compose file of 65 MiB: refused (E0005) before it is parsed; nothing
# more than the limit is ever read into memory.
. ../cmd.sh
{
	printf 'services:\n  web:\n    image: nginx\nx-padding: "'
	head -c $((65 * 1024 * 1024)) /dev/zero | tr '\0' 'x'
	printf '"\n'
} | compose
import_compose compose.yaml
