" indent/todok.vim - indents .todok files by bracket depth: one shiftwidth
" more after a line that opens '{', '[' or '(', one less on a closing line.
if exists('b:did_indent')
  finish
endif
let b:did_indent = 1

setlocal autoindent
setlocal indentexpr=GetTodokIndent()
setlocal indentkeys=0{,0},0],0),!^F,o,O
let b:undo_indent = 'setlocal autoindent< indentexpr< indentkeys<'

if exists('*GetTodokIndent')
  finish
endif

function! GetTodokIndent() abort
  let prev = prevnonblank(v:lnum - 1)
  if prev == 0
    return 0
  endif
  " The previous line's brackets, outside strings and comments; its leading
  " closers were already taken off its own indent.
  let line = substitute(getline(prev), '"\(\\.\|[^"\\]\)*"', '""', 'g')
  let line = substitute(line, '#.*$', '', '')
  let line = substitute(line, '^\s*[}\])]\+', '', '')
  let net = len(substitute(line, '[^{[(]', '', 'g'))
        \ - len(substitute(line, '[^}\])]', '', 'g'))
  let ind = indent(prev) + net * shiftwidth()
  if getline(v:lnum) =~# '^\s*[}\])]'
    let ind -= shiftwidth()
  endif
  return max([ind, 0])
endfunction
