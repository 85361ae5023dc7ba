# An input file that does not exist (exit status 3).
$TODOKC no-such-stack.todok
