-- gongkai for Neovim 0.8–0.10 (no vim.lsp.config yet): paste into init.lua.
-- Needs `gongkai` on PATH (or change `cmd`). On 0.11+, prefer lsp/gongkai.lua.

-- Report files get the `gongkai` filetype (see editors/neovim/ftdetect/gongkai.lua).
local function under_gongkai_toml(path)
  local dir = vim.fs.dirname(path)
  if vim.fs.find('gongkai.toml', { upward = true, path = dir, type = 'file', limit = 1 })[1] then
    return 'gongkai'
  end
end
vim.filetype.add({
  pattern = {
    ['.*年度报告[^/]*%.md'] = 'gongkai',
    ['.*年度报告[^/]*%.txt'] = 'gongkai',
    ['.*%.md'] = { under_gongkai_toml, { priority = 10 } },
    ['.*%.txt'] = { under_gongkai_toml, { priority = 10 } },
  },
})

local gongkai_settings = { reportFormat = 'auto', select = {}, ignore = {}, severity = vim.empty_dict() }

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'gongkai', 'markdown', 'text' }, -- the server checks only Markdown/text that reads as a report
  callback = function(args)
    local name = vim.api.nvim_buf_get_name(args.buf)
    local marker = vim.fs.find({ 'gongkai.toml', '.git' }, { upward = true, path = vim.fs.dirname(name) })[1]
    vim.lsp.start({
      name = 'gongkai',
      cmd = { 'gongkai', 'lsp' },
      root_dir = marker and vim.fs.dirname(marker) or vim.fs.dirname(name),
      settings = { gongkai = gongkai_settings },
      init_options = gongkai_settings,
      -- On :quit, let the server shut down before Neovim exits (see lsp/gongkai.lua).
      flags = { exit_timeout = 2000 },
    }, { bufnr = args.buf })
  end,
})
