" syntax/todok.vim - highlighting for .todok stack descriptions (todokc).
" Keyword lists follow the roles of include/keywords.def; the drift test
" tests/editors/keywords-test.sh fails when a keyword there is missing here.
if exists('b:current_syntax')
  finish
endif
" The keyword lists below are continued over several lines.
let s:cpo_save = &cpo
set cpo&vim

" Names such as app-secrets are one word, so 'config' in it is no keyword.
syntax iskeyword @,48-57,_,192-255,45
syntax case match

" Keywords are matches, not :syn keyword, so that a key ('image = ...') or
" a reference's member ('db.port'), defined later, can win over them.
syntax match todokDeclaration /\<\%(cluster\|config\|cron\|job\|namespace
      \\|naming\|network\|param\|profile\|secret\|service\|stack\|stateful\)\>/
syntax match todokProperty    /\<\%(account\|after\|allow\|annotations\|api\|args
      \\|budget\|command\|concurrency\|container\|container-port\|deadline
      \\|env\|expose\|grace\|image\|init\|keep\|labels\|limits\|liveness
      \\|mount\|nodes\|port\|pull\|pull-secret\|quiet\|readiness\|replicas
      \\|requests\|retries\|route\|security\|selector\|sidecar\|start\|startup
      \\|strategy\|timezone\|variant\|volume\)\>/
syntax match todokResource    /\<\%(cpu\|ephemeral-storage\|memory\)\>/
syntax match todokProbe       /\<\%(delay\|every\|exec\|failures\|grpc
      \\|header\|http\|on\|tcp\|timeout\)\>/
syntax match todokExpose      /\<\%(as\|clusterip\|loadbalancer\|nodeport
      \\|none\)\>/
syntax match todokVolume      /\<\%(at\|class\|from\|items\|mode\|size
      \\|subpath\|temp\)\>/
syntax match todokModifier    /\<\%(add\|always\|baseline\|drop\|external
      \\|forbid\|fs-group\|gateway\|group\|if-not-present\|isolated
      \\|max-unavailable\|min-available\|never\|no-escalation\|non-root
      \\|optional\|ordered\|parallel\|path\|pod\|privileged\|public
      \\|read-only\|recreate\|replace\|restricted\|rolling\|surge\|tls\|udp
      \\|unavailable\|user\|workload\)\>/

" Numbers: integer, quantity (150m 0.5 256Mi 1Gi 2G 100k), duration, percentage.
syntax match todokNumber   /\<\d\+\>/
syntax match todokQuantity /\<\d\+\%(\.\d\+\)\=\%([KMGTPE]i\|[numkMGTPE]\)\>/
syntax match todokQuantity /\<\d\+\.\d\+\>/
syntax match todokDuration /\<\d\+s\>/
syntax match todokPercent  /\<\d\+%/

syntax match todokOperator  /=\|\.\.\|->/
syntax match todokDelimiter /[{}[\](),]/

" References name.member (postgres.host, app-secrets.POSTGRES_PASSWORD),
" keys before '=' (POSTGRES_PASSWORD, nginx.conf), and env(...), file(...) and
" field(...).
syntax match todokReference /\<[a-z][-a-z0-9]*\.[A-Za-z_][-A-Za-z0-9_]*\%(\.[-A-Za-z0-9_]\+\)*/
syntax match todokKey       /\<[A-Za-z_][-A-Za-z0-9_.]*\ze\s*=/
syntax match todokFunction  /\<\%(env\|field\|file\)\ze\s*(/

" Strings with escapes, ${REF} interpolations and naming's {stack}/{component}.
syntax region todokString start=/"/ skip=/\\\\\|\\"/ end=/"/ end=/$/ oneline
      \ contains=todokEscapeError,todokEscape,todokInterp,todokPlaceholder
syntax match todokEscapeError /\\./ contained
syntax match todokEscape      /\\\%(["\\ntr$]\|u{\x\+}\)/ contained
syntax match todokPlaceholder /{\%(stack\|component\)}/ contained
syntax region todokInterp matchgroup=todokInterpDelim start=/\${/ end=/}/
      \ contained oneline contains=todokInterpRef
syntax match todokInterpRef /[a-z][-a-z0-9]*\%(\.[A-Za-z_][-A-Za-z0-9_.]*\)\=/ contained

syntax keyword todokTodo TODO FIXME XXX NOTE contained
syntax match todokComment /#.*$/ contains=todokTodo,@Spell

highlight default link todokDeclaration Structure
highlight default link todokProperty    Statement
highlight default link todokResource    Type
highlight default link todokProbe       Keyword
highlight default link todokExpose      Type
highlight default link todokVolume      Keyword
highlight default link todokModifier    StorageClass
highlight default link todokNumber      Number
highlight default link todokQuantity    Number
highlight default link todokDuration    Number
highlight default link todokPercent     Number
highlight default link todokOperator    Operator
highlight default link todokDelimiter   Delimiter
highlight default link todokReference   Identifier
highlight default link todokKey         Identifier
highlight default link todokFunction    Function
highlight default link todokString      String
highlight default link todokEscape      SpecialChar
highlight default link todokEscapeError Error
highlight default link todokPlaceholder SpecialChar
highlight default link todokInterpDelim Delimiter
highlight default link todokInterpRef   todokReference
highlight default link todokTodo        Todo
highlight default link todokComment     Comment

let b:current_syntax = 'todok'
let &cpo = s:cpo_save
unlet s:cpo_save
