// The client's integration suite (client/src/test/suite, the @vscode/test-electron kind: a module
// exporting run()) inside code-server's real Node extension host, since no desktop VS Code can be
// downloaded here. The same harness runs a deliberately failing module, to prove a failing test
// fails the run.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { coreRuleIds, TEST_LEXICON } from '../lsp/client';
import { ANSI_COLOURS, CodeServer, runExtensionTests } from './codeServer';
import { ROOT, seconds } from './heardCli';

const CLIENT_SUITE = path.join(ROOT, 'out', 'client', 'src', 'test', 'suite', 'index.js');
const FAILING_SUITE = path.join(__dirname, 'fixtures', 'failing-extension-suite', 'index.js');

/**
 * The workspace the client suite expects (as client/src/test/runTest.ts prepares it): a scratch
 * copy of its fixture folder, with settings that check only the test lexicon.
 */
function clientSuiteWorkspace(): string {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-e2e-exthost-'));
  fs.cpSync(path.join(ROOT, 'client', 'src', 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const rules = Object.fromEntries(coreRuleIds().map((id) => [id, 'off']));
  fs.mkdirSync(path.join(workspace, '.vscode'));
  fs.writeFileSync(
    path.join(workspace, '.vscode', 'settings.json'),
    JSON.stringify({ 'heard.lexicon': [TEST_LEXICON], 'heard.rules': rules, 'heard.debounceMs': 20 }, null, 2),
  );
  return workspace;
}

/** The "N passing" and "N failing" counts of mocha's summary in the output. */
function counts(output: string[]): { passing: number; failing: number } {
  const text = output.join('\n').replace(ANSI_COLOURS, '');
  return { passing: Number(/(\d+) passing/.exec(text)?.[1] ?? 0), failing: Number(/(\d+) failing/.exec(text)?.[1] ?? 0) };
}

describe('VS Code extension host (code-server): the client integration suite', function () {
  this.timeout(240000);
  let server: CodeServer | undefined;
  const workspaces: string[] = [];

  before(async function () {
    for (const built of [CLIENT_SUITE, path.join(ROOT, 'dist', 'extension.js'), path.join(ROOT, 'dist', 'server.js')]) {
      if (!fs.existsSync(built)) throw new Error(`${built} is missing: run npm run build && npm run bundle (npm run test:e2e does)`);
    }
    const workspace = clientSuiteWorkspace();
    workspaces.push(workspace);
    server = await CodeServer.start({ workspace, smokeTestDriver: true, name: 'extension-host' });
  });

  after(async () => {
    await server?.stop();
    for (const workspace of workspaces) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('passes inside the real extension host', async () => {
    const started = Date.now();
    const run = await runExtensionTests(server!, { workspace: workspaces[0], extensionDevelopmentPath: ROOT, extensionTestsPath: CLIENT_SUITE, name: 'client' });
    const { passing, failing } = counts(run.output);
    console.log(`      client suite: exit ${run.exitCode}, ${passing} passing, ${failing} failing (${seconds(started)} s)`);
    assert.strictEqual(run.exitCode, 0, 'the client suite failed: see the output above');
    assert.ok(passing > 0, 'the suite ran tests');
    assert.strictEqual(failing, 0);
    assert.ok(!run.output.some((line) => line.startsWith('blocked requests')), 'no request off 127.0.0.1');
  });

  it('a failing test in the extension host fails the run (harness check)', async () => {
    const started = Date.now();
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-e2e-exthost-failing-'));
    workspaces.push(workspace);
    const run = await runExtensionTests(server!, { workspace, extensionDevelopmentPath: ROOT, extensionTestsPath: FAILING_SUITE, name: 'deliberately-failing', quiet: true });
    const { passing, failing } = counts(run.output);
    console.log(`      deliberately failing module: exit ${run.exitCode}, ${passing} passing, ${failing} failing, as it should (${seconds(started)} s)`);
    assert.notStrictEqual(run.exitCode, 0);
    assert.notStrictEqual(run.exitCode, 'timeout');
    assert.deepStrictEqual({ passing, failing }, { passing: 1, failing: 1 });
  });
});
