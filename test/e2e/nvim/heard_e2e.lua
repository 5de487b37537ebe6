-- Neovim's built-in LSP client working on one file with `heard lsp --stdio`, as a user would:
-- open the file, wait for the findings, apply one quick fix, apply "fix all", disable each finding
-- that is left with the "Disable <rule> for this line" quick fix, and save. Written for Neovim 0.7
-- (Debian bookworm): no vim.lsp.start, no `nvim -l`.
--
-- Run by test/e2e/neovim.e2e.ts, which checks the report against `heard check`:
--   HEARD_E2E_FILE    the file to edit (a scratch copy; it is saved)
--   HEARD_E2E_CMD     the server command line, as a JSON array
--   HEARD_E2E_FIX     JSON {line, text}: the finding (0-based line, flagged text) to quick-fix first
--   HEARD_E2E_REPORT  where to write the JSON report of every step
-- Exits 0 after writing the report; on a failure writes what it has, with `error`, and exits 1.
local function env(name)
  local value = os.getenv(name)
  if value == nil or value == '' then
    io.stderr:write('heard e2e (neovim): set ' .. name .. '\n')
    vim.cmd('cquit 2')
  end
  return value
end
local file = env('HEARD_E2E_FILE')
local cmd = vim.fn.json_decode(env('HEARD_E2E_CMD'))
local fix_target = vim.fn.json_decode(env('HEARD_E2E_FIX'))
local report_path = env('HEARD_E2E_REPORT')
local TIMEOUT = 30000

local report = { nvim = vim.fn.matchstr(vim.fn.execute('version'), 'NVIM v[^\n]*') }

local function write_report()
  vim.fn.writefile({ vim.fn.json_encode(report) }, report_path)
end

local function fail(message)
  report.error = message
  write_report()
  io.stderr:write('heard e2e (neovim): ' .. message .. '\n')
  vim.cmd('cquit 1')
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)

-- Record the document version of every diagnostics push, to wait for the findings of the text
-- as it is now rather than sleeping.
local published_version = -1
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  default_publish(err, result, ctx, config)
  if result and result.uri == uri then published_version = result.version or published_version end
end

local client_id = vim.lsp.start_client({
  name = 'heard',
  cmd = cmd,
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  -- Neovim calls plain text "text"; LSP calls it "plaintext".
  get_language_id = function(_, filetype)
    return filetype == 'markdown' and 'markdown' or 'plaintext'
  end,
})
if not client_id then fail('the server did not start') end
vim.lsp.buf_attach_client(buf, client_id)

local function buffer_text()
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end

--- Waits for the server's diagnostics of the buffer's current version.
local function wait_for_current_diagnostics(what)
  local ok = vim.wait(TIMEOUT, function()
    return published_version == vim.lsp.util.buf_versions[buf]
  end, 20)
  if not ok then fail('no diagnostics for the current text ' .. what) end
end

--- Heard's diagnostics, each with the text under its range as Neovim sees it (byte columns) and
--- the start column converted back to UTF-16 code units.
local function heard_diagnostics()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'heard' then
      local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
      local _, utf16_column = vim.str_utfindex(line, d.col)
      local text = table.concat(vim.api.nvim_buf_get_text(buf, d.lnum, d.col, d.end_lnum, d.end_col, {}), '\n')
      table.insert(found, {
        code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code,
        severity = d.severity,
        message = d.message,
        line = d.lnum,
        byteColumn = d.col,
        utf16Column = utf16_column,
        endLine = d.end_lnum,
        endByteColumn = d.end_col,
        text = text,
      })
    end
  end
  table.sort(found, function(a, b)
    return a.line < b.line or (a.line == b.line and a.byteColumn < b.byteColumn)
  end)
  return found
end

local function code_actions(range, diagnostics, only)
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = range,
    context = { diagnostics = diagnostics, only = only },
  }, TIMEOUT)
  if not responses then fail('textDocument/codeAction timed out') end
  local actions = {}
  for _, response in pairs(responses) do
    if response.err then fail('textDocument/codeAction failed: ' .. vim.inspect(response.err)) end
    for _, action in ipairs(response.result or {}) do table.insert(actions, action) end
  end
  return actions
end

--- The quick fixes Neovim offers for one diagnostic (the request carries the LSP diagnostics of
--- that line, as `vim.lsp.buf.code_action()` does in 0.7).
local function quick_fixes_for(d)
  local range = { start = { line = d.line, character = d.utf16Column },
    ['end'] = { line = d.line, character = d.utf16Column } }
  return code_actions(range, vim.lsp.diagnostic.get_line_diagnostics(buf, d.line), { 'quickfix' })
end

local function apply(action)
  if not action.edit then fail('the action "' .. action.title .. '" has no edit') end
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
end

local function main()
  -- 1. The findings as they arrive.
  if not vim.wait(TIMEOUT, function() return published_version >= 0 end, 20) then fail('no diagnostics') end
  wait_for_current_diagnostics('after opening')
  report.initial = heard_diagnostics()

  -- 2. The preferred quick fix of one finding.
  local target
  for _, d in ipairs(report.initial) do
    if d.line == fix_target.line and d.text == fix_target.text then target = d end
  end
  if not target then fail('no diagnostic over "' .. fix_target.text .. '" on line ' .. fix_target.line) end
  local actions = quick_fixes_for(target)
  report.quickFix = { titles = {}, target = target }
  -- The line's other findings have quick fixes too: take the preferred one of this finding.
  local preferred
  for _, action in ipairs(actions) do
    table.insert(report.quickFix.titles, action.title)
    local fixes = action.diagnostics and action.diagnostics[1]
    if action.isPreferred and fixes and fixes.code == target.code
      and (fixes.data == nil or fixes.data.text == target.text) then
      preferred = action
    end
  end
  if not preferred then fail('no preferred quick fix for "' .. target.text .. '"') end
  report.quickFix.applied = preferred.title
  apply(preferred)
  report.quickFix.lineAfter = vim.api.nvim_buf_get_lines(buf, target.line, target.line + 1, false)[1]
  wait_for_current_diagnostics('after the quick fix')
  report.quickFix.after = heard_diagnostics()

  -- 3. Fix all (source.fixAll.heard): every safe rewrite at once.
  local last = vim.api.nvim_buf_line_count(buf) - 1
  local whole = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } }
  local fix_all = code_actions(whole, {}, { 'source.fixAll.heard' })
  report.fixAll = { titles = {} }
  for _, action in ipairs(fix_all) do table.insert(report.fixAll.titles, action.title) end
  if #fix_all == 1 then
    apply(fix_all[1])
    wait_for_current_diagnostics('after fix all')
  end
  report.fixAll.text = buffer_text()
  report.fixAll.after = heard_diagnostics()

  -- 4. "Disable <rule> for this line" for each finding that is left (they need facts only the
  --    writer knows), one at a time, as the findings move when a comment line is added.
  report.disabled = {}
  for _ = 1, 200 do
    local left = heard_diagnostics()
    if #left == 0 then break end
    local d = left[1]
    local disable
    for _, action in ipairs(quick_fixes_for(d)) do
      if action.title == 'Disable ' .. d.code .. ' for this line' then disable = action end
    end
    if not disable then fail('no "Disable ' .. d.code .. ' for this line" action') end
    apply(disable)
    table.insert(report.disabled, d.code)
    wait_for_current_diagnostics('after disabling ' .. d.code)
    -- The writer then says why, as Heard asks: a disable comment whose reason is still the
    -- placeholder is itself a finding (disable-without-reason).
    for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
      if line:find('heard%-disable') and line:find('%-%- reason') then
        local said = line:gsub('%-%- reason', '-- checked with the team lead')
        vim.api.nvim_buf_set_lines(buf, i - 1, i, false, { said })
      end
    end
    wait_for_current_diagnostics('after giving the reason for ' .. d.code)
  end
  report.left = heard_diagnostics()

  -- 5. Save.
  vim.cmd('silent write')
  report.saved = buffer_text()
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
  write_report()
  vim.cmd('qall!')
end

-- Any Lua error (a bug here, or an answer of an unexpected shape) fails the run at once.
local ok, err = xpcall(main, debug.traceback)
if not ok then fail(tostring(err)) end
