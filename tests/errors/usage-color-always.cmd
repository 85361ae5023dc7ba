# --color=always colours the diagnostics although standard error is no
# terminal (for CI logs); --color=never and the default do not.
$TODOKC e0117-stray-semicolon.todok --color=always
$TODOKC e0117-stray-semicolon.todok --color=never
