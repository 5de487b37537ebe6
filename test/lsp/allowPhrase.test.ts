// "Allow this phrase in this workspace" over stdio: the quick action's command adds the flagged
// words to allow: in the workspace's .heard.yaml (keeping its comments), creates the file when
// there is none, edits it in the editor when it is open there, and the finding goes away.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CodeActionRequest, ExecuteCommandRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { CATEGORY_IDS } from '../../server/src/engine';
import { ServerCommands } from '../../server/src/lsp/protocol';
import { fileUri, PUSH_CAPABILITIES, TEST_LEXICON, serverPerTest, testSettings, type TestClient } from './client';

const CONFIG_WITH_COMMENTS = ['# Our partnership settings', 'lexicon: [org-rules.yaml] # our own words', 'categories:', ...CATEGORY_IDS.map((c) => `  ${c}: off`), 'rules:', '  lsp-chose-to: on', ''].join('\n');

function folder(config?: string): () => string {
  return () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'heard-lsp-allow-')));
    fs.copyFileSync(TEST_LEXICON, path.join(dir, 'org-rules.yaml'));
    if (config !== undefined) fs.writeFileSync(path.join(dir, '.heard.yaml'), config);
    return dir;
  };
}

async function allowAction(client: TestClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction> {
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } })) as CodeAction[];
  const allow = actions.find((a) => a.command?.command === ServerCommands.allowPhrase);
  assert.ok(allow, `an allow action among ${actions.map((a) => a.title).join(' | ')}`);
  return allow;
}

async function run(client: TestClient, action: CodeAction): Promise<{ applied: boolean; configFile: string }> {
  return client.connection.sendRequest(ExecuteCommandRequest.type, { command: action.command!.command, arguments: action.command!.arguments });
}

describe('language server: "Allow this phrase in this workspace"', function () {
  this.timeout(60000);
  const withConfig = serverPerTest(folder(CONFIG_WITH_COMMENTS));
  const withoutConfig = serverPerTest(folder());

  it('adds the words to allow: in .heard.yaml, keeps its comments, and the finding goes away', async () => {
    const { client, dir } = withConfig();
    client.settings = { debounceMs: 0 };
    await client.initialize(PUSH_CAPABILITIES, dir);
    const uri = fileUri(path.join(dir, 'notes', 'visit.md'));
    fs.mkdirSync(path.join(dir, 'notes'));
    await client.open(uri, 'Amira chose to go back.\n');
    const before = await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'lsp-chose-to'));
    const action = await allowAction(client, uri, before.diagnostics.find((d) => d.code === 'lsp-chose-to')!);
    assert.strictEqual(action.title, 'Allow “chose” in this workspace');
    const result = await run(client, action);
    assert.deepStrictEqual(result, { applied: true, configFile: path.join(dir, '.heard.yaml') });
    const written = fs.readFileSync(path.join(dir, '.heard.yaml'), 'utf8');
    assert.ok(written.startsWith(CONFIG_WITH_COMMENTS.trimEnd()), written);
    assert.match(written, /\nallow:\n {2}- chose\n$/);
    const after = await client.diagnosticsFor(uri, (p) => !p.diagnostics.some((d) => d.code === 'lsp-chose-to'));
    assert.deepStrictEqual(after.diagnostics, []);
    // Asked again (another client's stale action): nothing is added twice.
    assert.deepStrictEqual(await run(client, action), { applied: false, configFile: path.join(dir, '.heard.yaml') });
    assert.strictEqual(fs.readFileSync(path.join(dir, '.heard.yaml'), 'utf8'), written);
  });

  it('creates .heard.yaml at the workspace folder when there is none', async () => {
    const { client, dir } = withoutConfig();
    client.settings = testSettings({ debounceMs: 0 });
    await client.initialize(PUSH_CAPABILITIES, dir);
    const uri = fileUri(path.join(dir, 'visit.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    const before = await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'lsp-chose-to'));
    const result = await run(client, await allowAction(client, uri, before.diagnostics.find((d) => d.code === 'lsp-chose-to')!));
    assert.strictEqual(result.applied, true);
    assert.strictEqual(fs.readFileSync(path.join(dir, '.heard.yaml'), 'utf8'), 'allow:\n  - chose\n');
    await client.diagnosticsFor(uri, (p) => !p.diagnostics.some((d) => d.code === 'lsp-chose-to'));
  });

  it('edits the config file in the editor when it is open there (its unsaved text is the one to change)', async () => {
    const { client, dir } = withConfig();
    client.settings = { debounceMs: 0 };
    await client.initialize(PUSH_CAPABILITIES, dir);
    const configUri = fileUri(path.join(dir, '.heard.yaml'));
    const unsaved = `${CONFIG_WITH_COMMENTS}# not saved yet\n`;
    await client.open(configUri, unsaved, 'yaml');
    const uri = fileUri(path.join(dir, 'visit.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    const before = await client.diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.code === 'lsp-chose-to'));
    const result = await run(client, await allowAction(client, uri, before.diagnostics.find((d) => d.code === 'lsp-chose-to')!));
    assert.strictEqual(result.applied, true);
    const edited = client.documents.get(configUri)!.getText();
    assert.ok(edited.startsWith(CONFIG_WITH_COMMENTS.trimEnd()), edited);
    assert.match(edited, /\nallow:\n {2}- chose\n/);
    assert.match(edited, /# not saved yet\n$/);
    assert.strictEqual(fs.readFileSync(path.join(dir, '.heard.yaml'), 'utf8'), CONFIG_WITH_COMMENTS, 'the file on disk is the editor\'s to save');
  });
});
