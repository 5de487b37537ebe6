// Runs the client integration suite inside VS Code (`npm run test:vscode`). VS Code cannot be
// downloaded on every machine (this one has no network access for it), so the suite runs only
// when VSCODE_EXECUTABLE names an installed VS Code; otherwise it says so and exits cleanly.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { coreRuleIds, ROOT, TEST_LEXICON } from '../../../test/lsp/client';

/** A scratch copy of the fixture workspace, with settings that check only the test lexicon. */
function prepareWorkspace(): string {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-vscode-'));
  fs.cpSync(path.join(ROOT, 'client', 'src', 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const rules = Object.fromEntries(coreRuleIds().map((id) => [id, 'off']));
  fs.mkdirSync(path.join(workspace, '.vscode'));
  fs.writeFileSync(
    path.join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'heard.lexicon': [TEST_LEXICON], 'heard.rules': rules, 'heard.debounceMs': 20 }, null, 2),
  );
  return workspace;
}

async function main(): Promise<void> {
  const executable = process.env.VSCODE_EXECUTABLE;
  if (!executable) {
    console.log(
      'test:vscode skipped: set VSCODE_EXECUTABLE to an installed VS Code (for example /usr/share/code/code, or ' +
        '"/Applications/Visual Studio Code.app/Contents/MacOS/Electron") to run the client suite. On Linux without a display, ' +
        'run it under xvfb-run -a. The protocol tests (npm run test:lsp) cover the server without VS Code.',
    );
    return;
  }
  if (!fs.existsSync(executable)) throw new Error(`VSCODE_EXECUTABLE does not exist: ${executable}`);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run npm run bundle first');
  const workspace = prepareWorkspace();
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
