-- gongkai: the language server for 政府信息公开工作年度报告.
--
-- Neovim 0.11+: put this folder (editors/neovim) on 'runtimepath', then
--
--   vim.lsp.enable('gongkai')
--
-- and, to change anything, vim.lsp.config('gongkai', { ... }) — for instance
--   vim.lsp.config('gongkai', { settings = { gongkai = { reportFormat = '2021' } } })
--
-- The server attaches to `gongkai` buffers (files named *年度报告*.md/.txt or
-- under a folder holding gongkai.toml: see ftdetect/gongkai.lua) and to
-- Markdown and plain-text buffers that read as a report.

--- Whether a Markdown/plain-text buffer is a 政府信息公开工作年度报告.
---@param bufnr integer
---@return boolean
local function looks_like_report(bufnr)
  local head = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, 400, false), ''):gsub('%s', '')
  for _, marker in ipairs({
    '政府信息公开工作年度报告',
    '政府信息公开年度报告',
    '本年新收政府信息公开申请数量',
    '收到和处理政府信息公开申请情况',
    '主动公开政府信息情况',
  }) do
    if head:find(marker, 1, true) then
      return true
    end
  end
  return false
end

---@type vim.lsp.Config
return {
  cmd = { 'gongkai', 'lsp' },
  filetypes = { 'gongkai', 'markdown', 'text' },
  root_markers = { 'gongkai.toml', '.git' },
  ---@param bufnr integer
  ---@param on_dir fun(root_dir?: string)
  root_dir = function(bufnr, on_dir)
    local ft = vim.bo[bufnr].filetype
    if ft ~= 'gongkai' and not looks_like_report(bufnr) then
      return -- not a report: do not attach
    end
    local name = vim.api.nvim_buf_get_name(bufnr)
    on_dir(vim.fs.root(bufnr, { 'gongkai.toml', '.git' }) or (name ~= '' and vim.fs.dirname(name)) or vim.uv.cwd())
  end,
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
