// What a workspace's own files may do to the language server: in an untrusted VS Code workspace
// the lexicon files named by .heard.yaml are not loaded (and the user is told), as VS Code already
// withholds the workspace's heard.lexicon; "Check workspace" never blocks on a named pipe.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageType } from 'vscode-languageserver-protocol/node';
import { CATEGORY_IDS } from '../../server/src/engine';
import { CheckWorkspaceMethod, WorkspaceTrustNotificationMethod, type CheckWorkspaceResult } from '../../server/src/lsp/protocol';
import { fileUri, PUSH_CAPABILITIES, TEST_LEXICON, TestClient, serverPerTest, waitFor, withTimeout } from './client';

/** A workspace whose .heard.yaml switches the core lexicon off and adds its own lexicon file. */
function workspace(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'heard-lsp-trust-')));
  fs.copyFileSync(TEST_LEXICON, path.join(dir, 'org-rules.yaml'));
  fs.writeFileSync(path.join(dir, '.heard.yaml'), ['lexicon: [org-rules.yaml]', 'categories:', ...CATEGORY_IDS.map((c) => `  ${c}: off`), 'rules:', '  lsp-chose-to: on', ''].join('\n'));
  return dir;
}

describe('language server: workspace files', function () {
  this.timeout(60000);
  const start = serverPerTest(workspace);

  it("ignores .heard.yaml's lexicon: in an untrusted workspace, says so, and loads it once trusted", async () => {
    const { client, dir } = start();
    await client.initialize(PUSH_CAPABILITIES, dir, { workspaceTrusted: false });
    const uri = fileUri(path.join(dir, 'note.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    const untrusted = await client.diagnosticsFor(uri);
    // lsp-chose-to: on names a rule of the ignored file: that is reported as a config problem or
    // simply has nothing to switch on; either way no rule from the workspace's lexicon runs.
    assert.ok(!untrusted.diagnostics.some((d) => String(d.code).startsWith('lsp-')), JSON.stringify(untrusted.diagnostics));
    await waitFor(() => client.messages.some((m) => /not trusted/.test(m.message)), 5000, 'the untrusted-workspace message');
    const message = client.messages.find((m) => /not trusted/.test(m.message))!;
    assert.strictEqual(message.type, MessageType.Warning);
    assert.match(message.message, /the lexicon files named in .*\.heard\.yaml \(org-rules\.yaml\) are not loaded/);

    await client.connection.sendNotification(WorkspaceTrustNotificationMethod, { trusted: true });
    const trusted = await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'lsp-chose-to'));
    assert.deepStrictEqual(trusted.diagnostics.map((d) => d.code), ['lsp-chose-to']);
    assert.strictEqual(client.messages.filter((m) => /not trusted/.test(m.message)).length, 1, 'told once');
  });

  it('loads the lexicon: files when the client says nothing about trust (other editors)', async () => {
    const { client, dir } = start();
    await client.initialize(PUSH_CAPABILITIES, dir);
    const uri = fileUri(path.join(dir, 'note.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    const published = await client.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(published.diagnostics.map((d) => d.code), ['lsp-chose-to']);
    assert.ok(!client.messages.some((m) => /not trusted/.test(m.message)));
  });

  it('"Check workspace" skips a named pipe instead of blocking on it', async function () {
    const { client, dir } = start();
    const pipe = path.join(dir, 'pipe.md');
    if (spawnSync('mkfifo', [pipe]).status !== 0) this.skip();
    fs.writeFileSync(path.join(dir, 'note.md'), 'Amira chose to go back.\n');
    await client.initialize(PUSH_CAPABILITIES, dir);
    const result = await withTimeout(
      client.connection.sendRequest(CheckWorkspaceMethod, { uris: [fileUri(pipe), fileUri(path.join(dir, 'note.md'))] }) as Promise<CheckWorkspaceResult>,
      15000,
    );
    assert.match(result.files[0].skipped ?? '', /a named pipe \(FIFO\), not a regular file/);
    assert.deepStrictEqual(result.files[1].diagnostics.map((d) => (d as { code: string }).code), ['lsp-chose-to']);
  });
});
