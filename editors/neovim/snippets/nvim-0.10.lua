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

local function looks_like_report(bufnr)
  local head = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, 400, false), ''):gsub('%s', '')
  for _, marker in ipairs({ '政府信息公开工作年度报告', '政府信息公开年度报告', '本年新收政府信息公开申请数量' }) do
    if head:find(marker, 1, true) then
      return true
    end
  end
  return false
end

local gongkai_settings = { reportFormat = 'auto', select = {}, ignore = {}, severity = vim.empty_dict() }

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'gongkai', 'markdown', 'text' },
  callback = function(args)
    if vim.bo[args.buf].filetype ~= 'gongkai' and not looks_like_report(args.buf) then
      return
    end
    local name = vim.api.nvim_buf_get_name(args.buf)
    local marker = vim.fs.find({ 'gongkai.toml', '.git' }, { upward = true, path = vim.fs.dirname(name) })[1]
    vim.lsp.start({
      name = 'gongkai',
      cmd = { 'gongkai', 'lsp' },
      root_dir = marker and vim.fs.dirname(marker) or vim.fs.dirname(name),
      settings = { gongkai = gongkai_settings },
      init_options = gongkai_settings,
    }, { bufnr = args.buf })
  end,
})
