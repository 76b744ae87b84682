import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPO_ROOT } from '../repoPaths';

const README = path.join(REPO_ROOT, 'README.md');
const SERVER = path.join(REPO_ROOT, 'dist', 'server.js');
const PLAN = path.join(REPO_ROOT, 'samples', 'mistakes', 'unknown-names.plan.yaml');
/** A safety net only: a Neovim that never quits is killed, and the test fails on its missing output. */
const KILL_AFTER_MS = 90_000;

/** The README's Neovim 0.7–0.10 snippet, verbatim, between its markers. */
function readmeSnippet(): string {
  const readme = fs.readFileSync(README, 'utf8');
  const match = /<!-- neovim-0\.7 -->\s*```lua\n([\s\S]*?)```\s*<!-- \/neovim-0\.7 -->/.exec(readme);
  assert.ok(match, 'README.md has the Neovim 0.7–0.10 snippet between <!-- neovim-0.7 --> markers');
  return match[1]!;
}

/**
 * Appended to the snippet: once the file is loaded, waits (processing events) until the buffer has
 * diagnostics, then runs the code lens of line 19 (unknown-source's request) as a user would, waits
 * for the message it shows, writes what it saw to ISC_PLAN_NVIM_OUT and quits.
 */
const PROBE = `
local messages = {}
vim.lsp.handlers['window/showMessage'] = function(_, result) table.insert(messages, result.message) end
vim.api.nvim_create_autocmd('VimEnter', { callback = function()
  local buf = vim.api.nvim_get_current_buf()
  local found = vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(list, { code = d.code, line = d.lnum + 1, column = d.col + 1, severity = d.severity })
  end
  local clients = {}
  for _, c in pairs((vim.lsp.get_clients or vim.lsp.get_active_clients)()) do table.insert(clients, c.name) end
  vim.lsp.codelens.refresh()
  vim.wait(60000, function() return #vim.lsp.codelens.get(buf) > 0 end, 50)
  local lenses = {}
  for _, l in ipairs(vim.lsp.codelens.get(buf)) do
    table.insert(lenses, { line = l.range.start.line + 1, command = l.command and l.command.command or '' })
  end
  vim.api.nvim_win_set_cursor(0, { 19, 0 })
  vim.lsp.codelens.run()
  vim.wait(60000, function() return #messages > 0 end, 50)
  local f = assert(io.open(os.getenv('ISC_PLAN_NVIM_OUT'), 'w'))
  f:write(vim.fn.json_encode({ found = found, clients = clients, diagnostics = list, lenses = lenses, messages = messages }))
  f:close()
  vim.cmd('qa!')
end })
`;

interface NeovimResult {
  found: boolean;
  clients: string[];
  diagnostics: { code: string; line: number; column: number; severity: number }[];
  lenses: { line: number; command: string }[];
  messages: string[];
}

function neovimInstalled(): boolean {
  return !spawnSync('nvim', ['--version'], { stdio: 'ignore' }).error;
}

/** Runs `nvim --headless -u <init.lua> <file>` with `isc-plan-language-server` on the PATH. */
function runNeovim(dir: string, initLua: string, file: string): Promise<NeovimResult> {
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const launcher = path.join(bin, 'isc-plan-language-server');
  fs.writeFileSync(launcher, `#!/bin/sh\nexec "${process.execPath}" "${SERVER}" "$@"\n`, { mode: 0o755 });
  const init = path.join(dir, 'init.lua');
  fs.writeFileSync(init, initLua);
  const out = path.join(dir, 'out.json');
  const env = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    ISC_PLAN_NVIM_OUT: out,
    XDG_CONFIG_HOME: path.join(dir, 'config'),
    XDG_CACHE_HOME: path.join(dir, 'cache'),
    XDG_STATE_HOME: path.join(dir, 'state'),
    XDG_DATA_HOME: path.join(dir, 'data'),
  };
  return new Promise((resolve, reject) => {
    const nvim = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', init, file], {
      env,
      stdio: 'ignore',
    });
    const killer = setTimeout(() => nvim.kill('SIGKILL'), KILL_AFTER_MS);
    nvim.on('error', reject);
    nvim.on('exit', (code, signal) => {
      clearTimeout(killer);
      if (!fs.existsSync(out)) {
        reject(new Error(`nvim exited (code ${code}, signal ${signal}) without writing its diagnostics`));
        return;
      }
      resolve(JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimResult);
    });
  });
}

suite('Neovim 0.7+ with the README snippet', () => {
  const installed = neovimInstalled();
  const title = installed
    ? 'a headless Neovim shows our diagnostics and runs a code lens on samples/mistakes/unknown-names.plan.yaml'
    : 'SKIPPED: no `nvim` on the PATH (install Neovim to run the README snippet check)';
  let dir: string;

  setup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'isc-plan-nvim-'));
  });
  teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  test(title, async function () {
    if (!installed) this.skip();
    this.timeout(KILL_AFTER_MS + 10_000);
    const result = await runNeovim(dir, readmeSnippet() + PROBE, PLAN);
    assert.deepEqual(result.clients, ['isc_plan']);
    assert.equal(result.found, true);
    const places = result.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} (severity ${d.severity})`);
    assert.ok(places.includes('19:13 unknown-source (severity 1)'), places.join('\n'));
    assert.ok(places.includes('56:13 unknown-source (severity 1)'), places.join('\n'));
    // Neovim has no iscPlan.dryRun: its lenses run the server's command, which shows the prediction.
    assert.ok(result.lenses.length > 0 && result.lenses.every((l) => l.command === 'isc-plan.predict'));
    assert.ok(result.lenses.some((l) => l.line === 19));
    assert.equal(result.messages.length, 1);
    assert.ok(result.messages[0]!.startsWith('unknown-names.plan.yaml'), result.messages[0]);
    assert.ok(result.messages[0]!.includes('Active Directroy · Modify'), result.messages[0]);
    assert.ok(!result.messages[0]!.includes('Travel Booking ·'), result.messages[0]);
  });
});
