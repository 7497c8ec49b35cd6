-- Report files get the `gongkai` filetype: Markdown or plain text named
-- *年度报告*, or lying under a folder that holds a gongkai.toml.

---@param path string
---@return string|nil
local function under_gongkai_toml(path)
  if vim.fs.find('gongkai.toml', { upward = true, path = vim.fs.dirname(path), type = 'file', limit = 1 })[1] then
    return 'gongkai'
  end
end

vim.filetype.add({
  pattern = {
    ['.*年度报告[^/]*%.md'] = 'gongkai',
    ['.*年度报告[^/]*%.txt'] = 'gongkai',
    -- Before the extension mapping (markdown/text); falls through when nil.
    ['.*%.md'] = { under_gongkai_toml, { priority = 10 } },
    ['.*%.txt'] = { under_gongkai_toml, { priority = 10 } },
  },
})
