-- Driven by tests/lsp_nvim.rs: Neovim's own LSP client (0.7 API) against
-- `gongkai lsp` on the seed with one changed number. Writes what it saw as
-- JSON to $GONGKAI_RESULT and exits 0, or exits non-zero.
local bin = os.getenv('GONGKAI_BIN')
local out = os.getenv('GONGKAI_RESULT')
local total_line = tonumber(os.getenv('GONGKAI_TOTAL_LINE')) -- 0-based
local label_line = tonumber(os.getenv('GONGKAI_LABEL_LINE'))

-- Never hang: give up after 20 s.
local timer = vim.loop.new_timer()
timer:start(20000, 0, vim.schedule_wrap(function()
  io.stderr:write('timed out\n')
  vim.cmd('cquit 3')
end))

local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'gongkai',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.getcwd(),
})
if not client_id then
  vim.cmd('cquit 4')
end
vim.lsp.buf_attach_client(buf, client_id)

local result = { diagnostics = {}, hover = vim.NIL, completion = {}, encoding = vim.NIL }
vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(result.diagnostics, {
    code = code, lnum = d.lnum, col = d.col, end_col = d.end_col,
    severity = d.severity, message = d.message,
  })
end

local client = vim.lsp.get_client_by_id(client_id)
result.encoding = client.offset_encoding or vim.NIL

local doc = vim.lsp.util.make_text_document_params(buf)
-- Hover on the changed total.
local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover',
  { textDocument = doc, position = { line = total_line, character = 1 } }, 5000)
for _, res in pairs(hover or {}) do
  if res.result and res.result.contents then
    result.hover = res.result.contents.value
  end
end
-- Completion at a row label of table B.
local completion = vim.lsp.buf_request_sync(buf, 'textDocument/completion',
  { textDocument = doc, position = { line = label_line, character = 1 } }, 5000)
for _, res in pairs(completion or {}) do
  local items = res.result or {}
  if items.items then items = items.items end
  for _, it in ipairs(items) do
    table.insert(result.completion, it.label)
  end
end

local f = io.open(out, 'w')
f:write(vim.fn.json_encode(result))
f:close()
vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
vim.cmd('qall!')
