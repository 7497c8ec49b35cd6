-- Runs after the user's config (test/init-0.11.lua or snippets/nvim-0.10.lua):
-- opens the seed report with one wrong 总计 and checks what Neovim gets.
-- Env: GONGKAI_WORK (folder with the files, see run.sh), GONGKAI_RESULT (JSON out).
local work = assert(vim.env.GONGKAI_WORK)
local results = {}
local function check(name, ok, detail)
  table.insert(results, { name = name, ok = ok and true or false, detail = detail and tostring(detail) or nil })
end
local function finish()
  local f = assert(io.open(vim.env.GONGKAI_RESULT, 'w'))
  f:write(vim.json.encode(results))
  f:close()
  local failed = vim.tbl_filter(function(r) return not r.ok end, results)
  vim.cmd(#failed == 0 and 'qall!' or 'cquit!')
end

-- Never hang: give up after 40 s.
local guard = vim.uv.new_timer()
guard:start(40000, 0, vim.schedule_wrap(function()
  check('finished within 40 s', false)
  finish()
end))

local function clients(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = 'gongkai' })
end

local function open(path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  return vim.api.nvim_get_current_buf()
end

local ok, err = pcall(function()
  -- 1. A file named *年度报告*.txt: filetype gongkai, diagnostics on the wrong 总计.
  local buf = open(work .. '/建国门街道2020年政府信息公开工作年度报告.txt')
  check('report file has filetype gongkai', vim.bo[buf].filetype == 'gongkai', vim.bo[buf].filetype)
  local got = vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'GK201' then return true end
    end
    return false
  end, 50)
  check('gongkai client attached', #clients(buf) == 1)
  check('GK201 diagnostic received', got)
  local gk201
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'GK201' then gk201 = d end
  end
  if gk201 then
    local line = vim.api.nvim_buf_get_lines(buf, gk201.lnum, gk201.lnum + 1, false)[1]
    check('GK201 on the 总计 cell (line 366, byte column 1)', gk201.lnum == 365 and gk201.col == 1 and line == '\t7',
      ('%d:%d %q'):format(gk201.lnum + 1, gk201.col, line))
    check('GK201 is an error', gk201.severity == vim.diagnostic.severity.ERROR)
    check('diagnostic source names gongkai', (gk201.source or ''):find('gongkai') ~= nil, gk201.source)
    local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
      textDocument = { uri = vim.uri_from_bufnr(buf) },
      position = { line = gk201.lnum, character = gk201.col },
    }, 5000)
    local text = ''
    for _, r in pairs(hover or {}) do
      local c = r.result and r.result.contents
      if type(c) == 'table' then text = text .. (c.value or vim.inspect(c)) elseif c then text = text .. c end
    end
    check('hover on the 总计 answers', text ~= '', vim.fn.strcharpart((text:gsub('%s+', ' ')), 0, 30))
  end

  -- 2. A Markdown file that is not a report: the server leaves it alone.
  buf = open(work .. '/notes.md')
  check('notes.md stays markdown', vim.bo[buf].filetype == 'markdown', vim.bo[buf].filetype)
  vim.wait(5000, function() return #clients(buf) == 1 end, 20)
  -- A request answered proves the server has read the buffer.
  local symbols = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol', { textDocument = { uri = vim.uri_from_bufnr(buf) } }, 5000)
  local n = 0
  for _, r in pairs(symbols or {}) do n = n + #(r.result or {}) end
  check('notes.md: answered, no outline', symbols ~= nil and next(symbols) ~= nil and n == 0, n)
  check('notes.md: no diagnostics', #vim.diagnostic.get(buf) == 0, #vim.diagnostic.get(buf))

  -- 3. A plain-text report with an ordinary name: attached by its content.
  buf = open(work .. '/plain/seed.txt')
  check('seed.txt stays text', vim.bo[buf].filetype == 'text', vim.bo[buf].filetype)
  got = vim.wait(15000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == 'GK201' then return true end
    end
    return false
  end, 50)
  check('a text buffer that reads as a report gets diagnostics', got)

  -- 4. Under a folder with gongkai.toml: filetype gongkai whatever the name.
  buf = open(work .. '/project/drafts/draft.md')
  check('draft.md under gongkai.toml has filetype gongkai', vim.bo[buf].filetype == 'gongkai', vim.bo[buf].filetype)
end)
if not ok then check('no Lua error', false, err) end
finish()
