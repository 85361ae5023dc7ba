# Under --diagnostics=json a bad command line is a JSON line too (code
# E0012, no place), wherever --diagnostics=json stands; exit status 2.
$TODOKC --bogus shop.todok --diagnostics=json
