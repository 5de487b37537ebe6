-- Neovim's built-in LSP client against `heard lsp --stdio` (run by test/lsp/neovim.test.ts).
-- Written for Neovim 0.7 (Debian bookworm), which has no vim.lsp.start and consumes pushed
-- diagnostics only. Exits 0 on success; on failure prints why to stderr and exits 1.
local function fail(message)
  io.stderr:write('neovim smoke: ' .. message .. '\n')
  vim.cmd('cquit 1')
end

local settings = vim.fn.json_decode(table.concat(vim.fn.readfile(os.getenv('HEARD_SMOKE_SETTINGS')), '\n'))
local file = os.getenv('HEARD_SMOKE_FILE')
local cmd = vim.fn.json_decode(os.getenv('HEARD_SMOKE_CMD'))

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = 'heard',
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(file, ':h'),
  -- 0.7 neither answers workspace/configuration nor sends didChangeConfiguration by itself:
  -- the server also reads `heard` from initializationOptions.
  init_options = { heard = settings },
})
if not id then fail('the server did not start') end
vim.lsp.buf_attach_client(buf, id)

local function heard_diagnostics(rule)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    -- 0.7 keeps `source` on the diagnostic and `code` under user_data.lsp.
    local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code
    if d.source == 'heard' and (rule == nil or code == rule) then table.insert(found, d) end
  end
  return found
end

if not vim.wait(30000, function() return #heard_diagnostics('lsp-chose-to') > 0 end, 50) then fail('no diagnostics') end
local d = heard_diagnostics('lsp-chose-to')[1]
local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
if line:sub(d.col + 1, d.end_col) ~= 'chose' then fail('range covers "' .. line:sub(d.col + 1, d.end_col) .. '"') end

-- The request context needs LSP-shaped diagnostics (with data): 0.7 rebuilds them per line.
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
  context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum), only = { 'quickfix' } },
}, 10000)
local preferred
for _, response in pairs(responses or {}) do
  for _, action in ipairs(response.result or {}) do
    if action.isPreferred then preferred = action end
  end
end
if not preferred then fail('no preferred quick fix') end
vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')

if not vim.wait(30000, function() return #heard_diagnostics('lsp-chose-to') == 0 end, 50) then fail('the finding did not go after the fix') end
local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
if not text:find('was pressured to go back to the flat', 1, true) then fail('unexpected text: ' .. text) end
vim.cmd('qall!')
