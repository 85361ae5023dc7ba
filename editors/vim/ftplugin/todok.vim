" ftplugin/todok.vim - buffer settings for .todok files: '#' comments,
" two-space indentation, '-' as part of a word (names like app-secrets).
if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

setlocal commentstring=#\ %s
setlocal comments=:#
setlocal formatoptions-=t formatoptions+=croql
setlocal shiftwidth=2 softtabstop=2 expandtab
setlocal iskeyword+=-

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions<'
      \ . ' shiftwidth< softtabstop< expandtab< iskeyword<'
