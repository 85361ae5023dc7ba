# A misspelt option of todokc fmt: its closest option is suggested; exit
# status 2.
$TODOKC fmt --chek shop.todok
