# A generated stack of 1,000,001 components is one more than todokc accepts;
# the error points at the first component past the limit.
awk 'BEGIN {
	print "stack s {"
	for (i = 0; i < 1000000; i++)
		printf "service c%d { image \"x\" expose none }%s", i, i % 1000 == 999 ? "\n" : " "
	print "service one-too-many { image \"x\" expose none }"
	print "}"
}' | $TODOKC -
