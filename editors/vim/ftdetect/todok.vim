" ftdetect/todok.vim - .todok stack descriptions (todokc) get filetype todok.
autocmd BufRead,BufNewFile *.todok setfiletype todok
