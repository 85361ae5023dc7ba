# A bad --env-file line in JSON: the file, line and column are fields of
# their own, not only words of the message.
$TODOKC e0003-env-file-line.todok --env-file bad-line.env --diagnostics=json
