" Syntax for gongkai report buffers: headings, citations, numbers.
if exists('b:current_syntax')
  finish
endif

syn match gongkaiTitle        /^\s*\S*\d\{4}年度\=政府信息公开\%(工作\)\=年度报告\s*$/
syn match gongkaiHeading      /^\s*#\{1,6}\s.*$/
syn match gongkaiSection      /^\s*\%(\*\*\)\=[一二三四五六七八九十]\{1,2}、[^|\t]\{1,40}$/
syn match gongkaiLabel        /[（(][一二三四五六七八九十]\{1,3}[)）]/
syn match gongkaiCitation     /第[一二三四五六七八九十百零〇]\+条\%(第[一二三四五六七八九十]\+款\)\=\%(第[（(][一二三四五六七八九十]\+[)）]项\)\=/
syn match gongkaiLawTitle     /《[^》]*》/
syn match gongkaiNumber       /\%(^\|[^0-9A-Za-z.]\)\zs[-+]\=\d\+\%(\.\d\+\)\=\ze\%([^0-9A-Za-z.]\|$\)/
syn match gongkaiFullWidth    /[０-９]\+/
syn match gongkaiPipe         /|/
syn region gongkaiComment     start=/<!--/ end=/-->/
syn match gongkaiComment      /^\s*#\s*gongkai-ignore.*$/

hi def link gongkaiTitle     Title
hi def link gongkaiHeading   Title
hi def link gongkaiSection   Statement
hi def link gongkaiLabel     Identifier
hi def link gongkaiCitation  Special
hi def link gongkaiLawTitle  String
hi def link gongkaiNumber    Number
hi def link gongkaiFullWidth Error
hi def link gongkaiPipe      Delimiter
hi def link gongkaiComment   Comment

let b:current_syntax = 'gongkai'
