// A real third-party LSP client: headless Neovim runs `heard lsp --stdio` (bin/heard.js), gets
// pushed diagnostics, asks for a quick fix, applies it and sees the finding go. Skipped when
// `nvim` is not installed (Debian: apt-get install neovim).
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, testSettings } from './client';

describe('Neovim as the client (headless)', function () {
  this.timeout(90000);

  it('shows a finding and applies its quick fix over `heard lsp --stdio`', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-nvim-'));
    // Neovim's logs and state go to the scratch folder, not the user's ~/.cache.
    const nvimEnv = { ...process.env, XDG_CACHE_HOME: dir, XDG_STATE_HOME: dir, XDG_DATA_HOME: dir, NVIM_LOG_FILE: path.join(dir, 'nvim.log') };
    if (spawnSync('nvim', ['--version'], { env: nvimEnv }).error) {
      fs.rmSync(dir, { recursive: true, force: true });
      this.skip();
    }
    try {
      const file = path.join(dir, 'note.md');
      fs.writeFileSync(file, 'Amira 😀 chose to go back to the flat.\n');
      const settingsFile = path.join(dir, 'settings.json');
      fs.writeFileSync(settingsFile, JSON.stringify(testSettings()));
      const result = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-c', `luafile ${path.join(ROOT, 'test', 'lsp', 'nvim', 'smoke.lua')}`], {
        env: {
          ...nvimEnv,
          HEARD_SMOKE_FILE: file,
          HEARD_SMOKE_SETTINGS: settingsFile,
          HEARD_SMOKE_CMD: JSON.stringify([process.execPath, path.join(ROOT, 'bin', 'heard.js'), 'lsp', '--stdio']),
        },
        encoding: 'utf8',
        timeout: 80000,
      });
      assert.strictEqual(result.status, 0, `nvim exited with ${result.status}: ${result.stderr}${result.stdout}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
