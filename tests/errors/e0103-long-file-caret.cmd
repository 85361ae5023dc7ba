# A mistake on line 100004 of a long generated file: the caret stays under
# the token although the line number is wider than five digits.
{
	printf 'stack shop {\n'
	yes '  # generated' | head -n 100000
	printf '  service web {\n    image "nginx:1.27"\n    port 80 $\n  }\n}\n'
} | $TODOKC -
