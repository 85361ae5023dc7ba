" ftplugin.vim - checks the todok ftplugin's options and b:undo_ftplugin, and
" that reindenting the file Vim was started on (after removing all its
" indentation) with = gives it back. Prints each failure; exits non-zero on one.
filetype plugin indent on
syntax on
doautocmd BufRead
let s:errors = []
function! s:Check(what, got, want) abort
  if a:got !=# a:want
    call add(s:errors, printf('%s: got %s, want %s', a:what, string(a:got), string(a:want)))
  endif
endfunction

call s:Check('filetype', &filetype, 'todok')
call s:Check('commentstring', &commentstring, '# %s')
call s:Check('comments', &comments, ':#')
call s:Check('shiftwidth', &shiftwidth, 2)
call s:Check('expandtab', &expandtab, 1)
call s:Check('indentexpr', &indentexpr, 'GetTodokIndent()')

let s:orig = getline(1, '$')
silent %substitute/^\s\+//e
silent normal! gg=G
let s:new = getline(1, '$')
for s:i in range(len(s:orig))
  call s:Check('indent of line ' . (s:i + 1), s:new[s:i], s:orig[s:i])
endfor

execute b:undo_ftplugin
call s:Check('shiftwidth after b:undo_ftplugin', &shiftwidth, &g:shiftwidth)
call s:Check('commentstring after b:undo_ftplugin', &commentstring, &g:commentstring)

call writefile(s:errors, '/dev/stdout')
if empty(s:errors)
  qa!
endif
cquit!
