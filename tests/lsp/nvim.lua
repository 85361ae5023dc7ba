-- nvim.lua - Neovim's own LSP client (vim.lsp.start_client and
-- buf_attach_client, as in Neovim 0.7) against `todokc lsp`, run by
-- tests/suites/lsp.sh on the file Neovim was started on:
--   1. the diagnostics arrive (Neovim turns the UTF-16 positions into byte
--      columns);
--   2. an edit of the buffer (sent as an incremental change) that fixes
--      the error clears them;
--   3. formatting through the client gives the text of `todokc fmt`.
-- Writes one line per step to $NVIM_OUT, then quits; an error quits too.
local out = {}
local function say(fmt, ...) table.insert(out, string.format(fmt, ...)) end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'todokc',
    cmd = { os.getenv('TODOKC'), 'lsp' },
    root_dir = vim.fn.getcwd(),
  })
  assert(id, 'the client did not start')
  vim.lsp.buf_attach_client(buf, id)
  local got = vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  say('diagnostics %s', got and 'arrived' or 'timed out')
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    say('%d:%d-%d:%d %s %s', d.lnum, d.col, d.end_lnum, d.end_col, d.code or d.user_data and
      d.user_data.lsp and d.user_data.lsp.code or '?', d.message)
  end
  -- Fix the error: the name 'nope' becomes 'db'.
  local line = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  for i, l in ipairs(line) do
    local s = l:find('nope', 1, true)
    if s then vim.api.nvim_buf_set_text(buf, i - 1, s - 1, i - 1, s + 3, { 'db' }) end
  end
  got = vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
  say('after the fix %s', got and 'no diagnostics' or 'still diagnostics')
  vim.lsp.buf.formatting_sync(nil, 10000)
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
  local want = vim.fn.system({ os.getenv('TODOKC'), 'fmt', '-' }, text)
  say('formatting %s', text == want and 'matches todokc fmt' or 'differs:\n' .. text)
  vim.lsp.stop_client(id)
end

local ok, err = pcall(run)
if not ok then say('error: %s', err) end
vim.fn.writefile(out, os.getenv('NVIM_OUT'))
vim.cmd('qa!')
