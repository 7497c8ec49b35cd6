-- gongkai with nvim-lspconfig.
--
-- nvim-lspconfig 2.x on Neovim 0.11+ reads lsp/<name>.lua from 'runtimepath',
-- so editors/neovim/lsp/gongkai.lua is all it needs:
--
--   vim.opt.rtp:append('/path/to/gongkai/editors/neovim')
--   vim.lsp.enable('gongkai')
--
-- With the older `require('lspconfig').<name>.setup{}` interface, register the
-- server first:
local configs = require('lspconfig.configs')
local util = require('lspconfig.util')

if not configs.gongkai then
  configs.gongkai = {
    default_config = {
      cmd = { 'gongkai', 'lsp' },
      filetypes = { 'gongkai' }, -- see ftdetect/gongkai.lua, or add 'markdown', 'text'
      root_dir = util.root_pattern('gongkai.toml', '.git'),
      single_file_support = true,
      flags = { exit_timeout = 2000 }, -- let the server shut down on :quit (see lsp/gongkai.lua)
      settings = { gongkai = { reportFormat = 'auto', select = {}, ignore = {}, severity = vim.empty_dict() } },
    },
    docs = { description = 'gongkai: checks 政府信息公开工作年度报告 (docs/editors.md in the gongkai repository)' },
  }
end

require('lspconfig').gongkai.setup({
  -- settings = { gongkai = { reportFormat = '2021', ignore = { 'GK301' } } },
})
