" synat.vim - for each "LINE:COL" in $SYNAT, prints
"   LINE:COL <TAB> text there <TAB> syntax group <TAB> highlight group
" for the file Vim was started on, then "filetype=...", to stdout.
filetype plugin indent on
syntax on
doautocmd BufRead
let s:out = []
for s:pos in split($SYNAT)
  let [s:l, s:c] = map(split(s:pos, ':'), 'str2nr(v:val)')
  let s:id = synID(s:l, s:c, 1)
  let s:text = matchstr(getline(s:l), '\%' . s:c . 'c\S\{1,16}')
  call add(s:out, printf("%d:%d\t%s\t%s\t%s", s:l, s:c, s:text,
        \ synIDattr(s:id, 'name'), synIDattr(synIDtrans(s:id), 'name')))
endfor
call add(s:out, 'filetype=' . &filetype)
call writefile(s:out, '/dev/stdout')
qa!
