# An input of 64 MiB and one byte (on standard input) is larger than todokc
# accepts.
{
	printf 'stack shop {\n'
	head -c 67108849 /dev/zero | tr '\0' ' '
	printf '\n}\n'
} | $TODOKC -
