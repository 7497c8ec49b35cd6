-- gongkai: the language server for 政府信息公开工作年度报告.
--
-- Neovim 0.11+: put this folder (editors/neovim) on 'runtimepath', then
--
--   vim.lsp.enable('gongkai')
--
-- and, to change anything, vim.lsp.config('gongkai', { ... }) — for instance
--   vim.lsp.config('gongkai', { settings = { gongkai = { reportFormat = '2021' } } })
--
-- The client attaches to `gongkai` buffers (files named *年度报告*.md/.txt or
-- under a folder holding gongkai.toml: see ftdetect/gongkai.lua) and to
-- Markdown and plain-text buffers; the server checks only those that read as
-- a report. To leave other Markdown alone entirely:
--   vim.lsp.config('gongkai', { filetypes = { 'gongkai' } })

---@type vim.lsp.Config
return {
  cmd = { 'gongkai', 'lsp' },
  filetypes = { 'gongkai', 'markdown', 'text' },
  root_markers = { 'gongkai.toml', '.git' },
  -- On :quit, wait up to 2 s for the server to shut down (shutdown, exit)
  -- before Neovim exits. Without it (the default is false) Neovim quits at
  -- once and kills the server midway; a late write to the server's closed
  -- pipe then kills Neovim with SIGPIPE (exit status 141) on a busy machine.
  flags = { exit_timeout = 2000 },
  -- What the server reads under its `gongkai` section (also sent as initializationOptions).
  settings = {
    gongkai = {
      reportFormat = 'auto', -- 'auto' | '2019' | '2021'
      select = {}, -- e.g. { 'GK2' }
      ignore = {}, -- e.g. { 'GK301' }
      severity = vim.empty_dict(), -- e.g. { GK203 = 'warning' }
    },
  },
  before_init = function(params, config)
    params.initializationOptions = (config.settings or {}).gongkai
  end,
}
