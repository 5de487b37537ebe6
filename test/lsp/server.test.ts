// Protocol tests: the real server over stdio, driven the way an editor drives it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  CancellationTokenSource,
  CodeActionRequest,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  HoverRequest,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type MarkupContent,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { FIX_ALL_KIND, ServerCommands, CheckWorkspaceMethod, RulesRequestMethod, type CheckWorkspaceResult, type RulesResult } from '../../server/src/lsp/protocol';
import { fileUri, PULL_CAPABILITIES, ROOT, TEST_LEXICON, TestClient, testSettings, waitFor } from './client';

const ruleIds = (p: PublishDiagnosticsParams | { items: Diagnostic[] }) =>
  ('diagnostics' in p ? p.diagnostics : p.items).map((d) => String(d.code)).sort();
const byRule = (p: PublishDiagnosticsParams, rule: string) => p.diagnostics.find((d) => d.code === rule);

// Emoji (surrogate pairs and a joined sequence), curly quotes and CRLF line endings: ranges are
// UTF-16 and must land on the flagged words in the client's copy of the text.
const MIXED = [
  '# Visit 😀 note',
  '',
  'Amira 👩‍👧 said “hello” and smiled. Amira chose to go back to the flat.',
  '',
  'Amira’s friend is street‑wise, streetwise even 🙂, and a young man waved.',
  '',
].join('\r\n');

async function codeActions(client: TestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const result = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  return (result ?? []) as CodeAction[];
}

describe('language server over stdio (push diagnostics)', function () {
  this.timeout(60000);
  let client: TestClient;
  let tmp: string;

  before(async () => {
    client = new TestClient();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-lsp-'));
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('negotiates capabilities: push diagnostics, incremental sync, code action kinds', () => {
    const caps = client.initializeResult!.capabilities;
    assert.strictEqual(caps.diagnosticProvider, undefined, 'a client without pull support gets pushed diagnostics');
    assert.deepStrictEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.deepStrictEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', FIX_ALL_KIND]);
    assert.ok(caps.hoverProvider);
    assert.strictEqual(client.initializeResult!.serverInfo?.name, 'heard');
  });

  it('publishes diagnostics whose ranges cover the flagged words (emoji, curly quotes, CRLF)', async () => {
    const uri = fileUri(path.join(tmp, 'mixed.md'));
    const document = await client.open(uri, MIXED);
    const published = await client.diagnosticsFor(uri);
    assert.strictEqual(published.version, 1);
    const flagged = published.diagnostics.map((d) => `${d.code}: ${document.getText(d.range)}`).sort();
    assert.deepStrictEqual(flagged, ['lsp-chose-to: chose', 'lsp-streetwise: street‑wise', 'lsp-streetwise: streetwise', 'lsp-young-man: young man'].sort());
    const chose = byRule(published, 'lsp-chose-to')!;
    const offset = MIXED.indexOf('chose');
    assert.deepStrictEqual(chose.range.start, document.positionAt(offset));
    assert.deepStrictEqual(chose.range.start, { line: 2, character: MIXED.split('\r\n')[2].indexOf('chose') });
    const youngMan = byRule(published, 'lsp-young-man')!;
    assert.strictEqual(youngMan.range.start.line, 4);
  });

  it('fills code, rule link, source, category prefix, severity and fix data', async () => {
    const uri = fileUri(path.join(tmp, 'mixed.md'));
    const published = await client.diagnosticsFor(uri);
    const chose = byRule(published, 'lsp-chose-to')!;
    assert.strictEqual(chose.source, 'heard');
    assert.strictEqual(chose.severity, DiagnosticSeverity.Warning);
    assert.strictEqual(chose.message, 'Victim-blaming: test entry for choice wording.', 'a message that names its category is not prefixed twice');
    assert.deepStrictEqual(chose.data, { ruleId: 'lsp-chose-to', text: 'chose', suggestions: ['was pressured'] });
    // An organisation's own entry links to the line of its lexicon file.
    assert.match(chose.codeDescription!.href, new RegExp(`^${fileUri(TEST_LEXICON).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#L\\d+$`));
    const youngMan = byRule(published, 'lsp-young-man')!;
    assert.strictEqual(youngMan.message as string, 'Adultification: Test entry without a category prefix.');
    assert.strictEqual(youngMan.severity, DiagnosticSeverity.Information);
  });

  it('offers a quick fix per suggestion (first preferred), disable-for-line and documentation', async () => {
    const uri = fileUri(path.join(tmp, 'mixed.md'));
    const published = await client.diagnosticsFor(uri);
    const streetwise = published.diagnostics.find((d) => d.code === 'lsp-streetwise')!;
    const actions = await codeActions(client, uri, [streetwise], ['quickfix']);
    assert.deepStrictEqual(
      actions.map((a) => a.title),
      [
        'Replace with “[describe the risk]” (fill in the [brackets])',
        'Replace with “exposed to risk”',
        'Disable lsp-streetwise for this line',
        `Allow “${(streetwise.data as { text: string }).text}” in this workspace`,
        'Open documentation for lsp-streetwise',
      ],
    );
    assert.deepStrictEqual(actions.map((a) => !!a.isPreferred), [true, false, false, false, false]);
    assert.strictEqual(actions[3].command?.command, ServerCommands.allowPhrase);
    assert.strictEqual(actions[4].command?.command, ServerCommands.openRuleDocumentation);
    assert.ok(actions.every((a) => a.kind === 'quickfix'));
    assert.ok(!actions.some((a) => a.kind === FIX_ALL_KIND), 'a quickfix-only request gets no source action');
  });

  it('applies a quick fix and the finding disappears', async () => {
    const uri = fileUri(path.join(tmp, 'fix.md'));
    await client.open(uri, 'Amira chose to go back to the flat.\n');
    const before = await client.diagnosticsFor(uri);
    assert.deepStrictEqual(ruleIds(before), ['lsp-chose-to']);
    const [fix] = await codeActions(client, uri, before.diagnostics, ['quickfix']);
    const edit = fix.edit!.documentChanges![0] as { textDocument: { version: number } };
    assert.strictEqual(edit.textDocument.version, 1, 'quick fixes are versioned edits');
    assert.ok(client.applyEdit(fix.edit!));
    assert.strictEqual(client.documents.get(uri)!.getText(), 'Amira was pressured to go back to the flat.\n');
    const after = await client.diagnosticsFor(uri);
    assert.deepStrictEqual(ruleIds(after), []);
  });

  it('fixes the right words when a client sends the range back in other units, and nothing when the words are gone', async () => {
    const uri = fileUri(path.join(tmp, 'units.md'));
    const text = 'Amira 😀😀 chose to go back.\n';
    await client.open(uri, text);
    const published = await client.diagnosticsFor(uri);
    const chose = byRule(published, 'lsp-chose-to')!;
    // Byte columns, as Neovim 0.7 sends them: each emoji is 4 bytes but 2 UTF-16 code units.
    const bytes = Buffer.byteLength(text.slice(0, text.indexOf('chose')));
    const shifted = { ...chose, range: { start: { line: 0, character: bytes }, end: { line: 0, character: bytes + 5 } } };
    const [fix] = await codeActions(client, uri, [shifted], ['quickfix']);
    assert.ok(client.applyEdit(fix.edit!));
    assert.strictEqual(client.documents.get(uri)!.getText(), 'Amira 😀😀 was pressured to go back.\n');
    await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
    // The old diagnostic again: its words are no longer in the text, so there is nothing to offer.
    assert.deepStrictEqual(await codeActions(client, uri, [chose], ['quickfix']), []);
  });

  it('"Disable for this line" inserts a suppression comment with a reason placeholder', async () => {
    const uri = fileUri(path.join(tmp, 'disable.md'));
    await client.open(uri, 'Intro line.\r\n\r\nAmira chose to go back.\r\nShe is streetwise.\r\n');
    const before = await client.diagnosticsFor(uri);
    assert.deepStrictEqual(ruleIds(before), ['lsp-chose-to', 'lsp-streetwise']);
    const chose = byRule(before, 'lsp-chose-to')!;
    const disable = (await codeActions(client, uri, [chose], ['quickfix'])).find((a) => a.title.startsWith('Disable'))!;
    assert.ok(client.applyEdit(disable.edit!));
    // The line starts a paragraph: the comment goes on its own line above, with the file's line endings.
    assert.strictEqual(client.documents.get(uri)!.getText(), 'Intro line.\r\n\r\n<!-- heard-disable-next-line lsp-chose-to -- reason -->\r\nAmira chose to go back.\r\nShe is streetwise.\r\n');
    const middle = await client.diagnosticsFor(uri, (p) => !byRule(p, 'lsp-chose-to'));
    assert.deepStrictEqual(ruleIds(middle), ['disable-without-reason', 'lsp-streetwise']);
    // Inside a paragraph a comment line would split it: the comment goes at the end of the line.
    const disableStreetwise = (await codeActions(client, uri, middle.diagnostics, ['quickfix'])).find((a) => a.title.startsWith('Disable'))!;
    assert.ok(client.applyEdit(disableStreetwise.edit!));
    assert.match(client.documents.get(uri)!.getText(), /She is streetwise\. <!-- heard-disable-line lsp-streetwise -- reason -->\r\n$/);
    // The placeholder is not a reason: both comments are flagged until the writer gives one.
    const placeholders = await client.diagnosticsFor(uri, (p) => !byRule(p, 'lsp-streetwise'));
    assert.deepStrictEqual(ruleIds(placeholders), ['disable-without-reason', 'disable-without-reason']);
    const [first] = placeholders.diagnostics;
    assert.strictEqual(client.documents.get(uri)!.getText(first.range), 'heard-disable-next-line lsp-chose-to -- reason');
    const actions = await codeActions(client, uri, [first], ['quickfix']);
    assert.deepStrictEqual(
      actions.map((a) => a.title),
      ['Replace with “heard-disable-next-line lsp-chose-to -- [why the wording is kept]” (fill in the [brackets])'],
      'no "disable" or rule page for a finding about a disable comment',
    );
    const text = client.documents.get(uri)!.getText().replace(/-- reason -->/g, '-- quoting the referral as written -->');
    await client.change(uri, text);
    const after = await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
    assert.deepStrictEqual(ruleIds(after), []);
  });

  it('"Open documentation" asks the client to show the rule page', async () => {
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.openRuleDocumentation, arguments: ['lsp-streetwise'] });
    assert.match(client.shownDocuments.at(-1)!, /lsp-rules\.yaml#L\d+$/);
  });

  it('hover does not repeat the message the editor already shows', async () => {
    const uri = fileUri(path.join(tmp, 'mixed.md'));
    const published = await client.diagnosticsFor(uri);
    const streetwise = published.diagnostics.find((d) => d.code === 'lsp-streetwise')!;
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: streetwise.range.start.line, character: streetwise.range.start.character + 2 } });
    const value = (hover!.contents as MarkupContent).value;
    const messageWords = (streetwise.message as string).replace(/^[^:]*: /, '').slice(0, 30);
    assert.ok(!value.replace(/\\/g, '').includes(messageWords), value);
    assert.match(value, /^\*Why it matters:\*/);
  });

  it('hover explains why, gives the preferred wording and cites the source with its link', async () => {
    const uri = fileUri(path.join(tmp, 'mixed.md'));
    const published = await client.diagnosticsFor(uri);
    const streetwise = published.diagnostics.find((d) => d.code === 'lsp-streetwise')!;
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: streetwise.range.start.line, character: streetwise.range.start.character + 2 } });
    const value = (hover!.contents as MarkupContent).value;
    assert.strictEqual((hover!.contents as MarkupContent).kind, 'markdown');
    assert.match(value, /Why it matters:\* Test entry: the label hides how vulnerable the child is\./);
    assert.match(value, /Preferred wording:\* \\\[describe the risk\\\]/);
    assert.match(value, /\[Test guidance on language\]\(https:\/\/example\.org\/guidance\) \(Test Publisher, 2024-11-14\)/);
    assert.deepStrictEqual(hover!.range, streetwise.range);
    const nothing = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.strictEqual(nothing, null);
  });

  it('re-reads settings per document on didChangeConfiguration and re-checks open documents', async () => {
    const uri = fileUri(path.join(tmp, 'settings.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    const before = await client.diagnosticsFor(uri);
    assert.strictEqual(byRule(before, 'lsp-chose-to')!.severity, DiagnosticSeverity.Warning);
    assert.ok(client.configurationRequests.some((items) => items.some((i) => i.scopeUri === uri && i.section === 'heard')), 'settings are asked for with the document as scope');
    const count = client.published.length;
    await client.changeSettings(testSettings({ rules: { 'lsp-chose-to': 'error' }, categories: { adultification: 'off' } }));
    const after = await client.diagnosticsFor(uri, (p) => client.published.indexOf(p) >= count);
    assert.strictEqual(byRule(after, 'lsp-chose-to')!.severity, DiagnosticSeverity.Error);
    const mixed = await client.diagnosticsFor(fileUri(path.join(tmp, 'mixed.md')), (p) => client.published.indexOf(p) >= count);
    assert.deepStrictEqual(ruleIds(mixed), ['lsp-chose-to'], 'every open document is re-checked; the category switched off is gone');
    await client.changeSettings(testSettings());
    await client.diagnosticsFor(uri, (p) => byRule(p, 'lsp-chose-to')?.severity === DiagnosticSeverity.Warning);
  });

  it('re-checks open documents when a project config file changes', async () => {
    const dir = path.join(tmp, 'project');
    fs.mkdirSync(dir);
    const uri = fileUri(path.join(dir, 'note.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    const before = await client.diagnosticsFor(uri);
    assert.strictEqual(byRule(before, 'lsp-chose-to')!.severity, DiagnosticSeverity.Warning);
    const configFile = path.join(dir, '.heard.yaml');
    fs.writeFileSync(configFile, 'rules:\n  lsp-chose-to: hint\n');
    const count = client.published.length;
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(configFile), type: FileChangeType.Created }] });
    const after = await client.diagnosticsFor(uri, (p) => client.published.indexOf(p) >= count);
    assert.strictEqual(byRule(after, 'lsp-chose-to')!.severity, DiagnosticSeverity.Hint, '.heard.yaml applies; the editor settings do not name this rule');
    await client.close(uri);
  });

  it('publishes nothing for a document when heard.enable is false', async () => {
    const uri = fileUri(path.join(tmp, 'disabled.md'));
    await client.changeSettings(testSettings({ enable: false }));
    await client.open(uri, 'Amira chose to go back.\n');
    const published = await client.diagnosticsFor(uri);
    assert.deepStrictEqual(published.diagnostics, []);
    await client.changeSettings(testSettings());
    await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 1);
    await client.close(uri);
  });

  it('fix-all applies only safe rewrites in one versioned edit', async () => {
    const uri = fileUri(path.join(tmp, 'fixall.md'));
    await client.open(uri, 'Amira chose to go back.\n\nShe is streetwise. A young man called.\n');
    const before = await client.diagnosticsFor(uri);
    assert.deepStrictEqual(ruleIds(before), ['lsp-chose-to', 'lsp-streetwise', 'lsp-young-man']);
    const actions = await codeActions(client, uri, [], [FIX_ALL_KIND]);
    assert.deepStrictEqual(actions.map((a) => [a.title, a.kind]), [['Heard: apply 2 safe rewrites', FIX_ALL_KIND]]);
    const change = actions[0].edit!.documentChanges![0] as { textDocument: { version: number }; edits: unknown[] };
    assert.strictEqual(change.textDocument.version, 1);
    assert.strictEqual(change.edits.length, 2);
    assert.ok(client.applyEdit(actions[0].edit!));
    assert.strictEqual(client.documents.get(uri)!.getText(), 'Amira was pressured to go back.\n\nShe is streetwise. A boy called.\n');
    const after = await client.diagnosticsFor(uri);
    // The streetwise rewrite has a [placeholder]: fix-all leaves it for the writer.
    assert.deepStrictEqual(ruleIds(after), ['lsp-streetwise']);
    assert.deepStrictEqual(await codeActions(client, uri, [], [FIX_ALL_KIND]), [], 'nothing safe left to fix');
  });

  it('fix-all refuses when the document changes while it is being computed', async () => {
    const uri = fileUri(path.join(tmp, 'refuse.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    await client.diagnosticsFor(uri);
    let release!: () => void;
    client.holdConfiguration = new Promise<void>((resolve) => (release = resolve));
    const asked = client.configurationRequests.length;
    // New settings: the server must ask again before it can compute fix-all; we hold the answer.
    await client.changeSettings(testSettings());
    const pending = codeActions(client, uri, [], [FIX_ALL_KIND]);
    await waitFor(() => client.configurationRequests.length > asked, 5000, 'the configuration request');
    await client.change(uri, 'Amira chose to go back. She chose to stay.\n');
    client.holdConfiguration = undefined;
    release();
    assert.deepStrictEqual(await pending, []);
    // Once settled, fix-all is offered for the new text.
    await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 2);
    const actions = await codeActions(client, uri, [], [FIX_ALL_KIND]);
    assert.strictEqual((actions[0].edit!.documentChanges![0] as { textDocument: { version: number } }).textDocument.version, 2);
  });

  it('debounces typing and publishes only for the latest version', async () => {
    await client.changeSettings(testSettings({ debounceMs: 400 }));
    const uri = fileUri(path.join(tmp, 'typing.md'));
    await client.open(uri, 'Amira is well.\n');
    await client.diagnosticsFor(uri);
    let text = 'Amira is well.\n';
    for (const word of ['She', 'chose', 'to', 'stay.']) {
      text = text.replace(/\n$/, ` ${word}\n`);
      await client.change(uri, text);
    }
    const latest = await client.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
    assert.strictEqual(latest.version, 5);
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepStrictEqual(versions, [1, 5], 'one publish on open, one after the burst of typing');
    await client.changeSettings(testSettings());
  });

  it('skips a file above the size limit with a one-time message', async () => {
    const uri = fileUri(path.join(tmp, 'large.md'));
    await client.changeSettings(testSettings({ maxFileSize: 1000 }));
    const text = 'Amira chose to go back.\n'.repeat(100);
    await client.open(uri, text);
    const published = await client.diagnosticsFor(uri);
    assert.deepStrictEqual(published.diagnostics, []);
    await waitFor(() => client.messages.some((m) => m.message.includes('large.md')), 5000, 'the size message');
    const notices = () => client.messages.filter((m) => m.message.includes('large.md'));
    assert.strictEqual(notices()[0].type, MessageType.Info);
    assert.match(notices()[0].message, /larger than the maximum file size \(1 KB\)/);
    await client.close(uri);
    const count = client.published.length;
    await client.open(uri, text);
    await client.diagnosticsFor(uri, (p) => client.published.indexOf(p) >= count);
    assert.strictEqual(notices().length, 1, 'the message is shown once');
    await client.close(uri);
    await client.changeSettings(testSettings());
  });

  it('reports a broken project config as a diagnostic and a message, not a crash', async () => {
    const dir = path.join(tmp, 'broken');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, '.heard.yaml'), 'profile: reviews\n');
    const uri = fileUri(path.join(dir, 'note.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    const published = await client.diagnosticsFor(uri);
    assert.strictEqual(published.diagnostics.length, 1);
    assert.match(published.diagnostics[0].message as string, /^Heard could not check this document: .*\.heard\.yaml:1: profile: must be one of case-note, review/);
    await waitFor(() => client.messages.some((m) => m.type === MessageType.Error && m.message.includes('.heard.yaml:1')), 5000, 'the error message');
    await client.close(uri);
  });

  it('shows unknown names in a project config as errors on the config file, at their lines, until fixed', async () => {
    const dir = path.join(tmp, 'misspelt');
    fs.mkdirSync(dir);
    const config = path.join(dir, '.heard.yaml');
    fs.writeFileSync(config, 'profile: review\nrules:\n  lsp-streetwize: error\ncategories:\n  jargn: off\n');
    const uri = fileUri(path.join(dir, 'note.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    const onConfig = await client.diagnosticsFor(fileUri(config), (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(
      onConfig.diagnostics.map((d) => [d.range.start.line, d.severity, d.message]),
      [[4, DiagnosticSeverity.Error, "categories: unknown category 'jargn' (did you mean 'jargon'?)"]],
    );
    // Fixed the category: the rule id is checked against the lexicon next.
    fs.writeFileSync(config, 'profile: review\nrules:\n  lsp-streetwize: error\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(config), type: FileChangeType.Changed }] });
    const second = await client.diagnosticsFor(fileUri(config), (p) => p.diagnostics.some((d) => /lsp-streetwize/.test(d.message as string)));
    assert.strictEqual(second.diagnostics.length, 1);
    assert.strictEqual(second.diagnostics[0].range.start.line, 2);
    assert.match(second.diagnostics[0].message as string, /^rules: unknown rule 'lsp-streetwize' \(did you mean 'lsp-streetwise'/);
    fs.writeFileSync(config, 'profile: review\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(config), type: FileChangeType.Changed }] });
    await client.diagnosticsFor(fileUri(config), (p) => p.diagnostics.length === 0);
    await client.close(uri);
  });

  it('"Set profile for this file" writes front matter through workspace/applyEdit', async () => {
    const uri = fileUri(path.join(tmp, 'profile.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    await client.diagnosticsFor(uri);
    const result = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.setProfile, arguments: [uri, 'review'] });
    assert.deepStrictEqual(result, { applied: true });
    assert.strictEqual(client.documents.get(uri)!.getText(), '---\nprofile: review\n---\n\nAmira chose to go back.\n');
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.setProfile, arguments: [uri, 'case-note'] });
    assert.strictEqual(client.documents.get(uri)!.getText(), '---\nprofile: case-note\n---\n\nAmira chose to go back.\n');
  });

  it('lists rules with their effective severity and documentation (heard/rules)', async () => {
    const result: RulesResult = await client.connection.sendRequest(RulesRequestMethod, { uri: fileUri(path.join(tmp, 'mixed.md')) });
    const streetwise = result.rules.find((r) => r.id === 'lsp-streetwise')!;
    assert.strictEqual(streetwise.severity, 'warning');
    assert.match(streetwise.documentation!, /lsp-rules\.yaml#L\d+$/);
    const core = result.rules.filter((r) => !r.id.startsWith('lsp-'));
    assert.ok(core.every((r) => r.severity === 'off'), 'the test settings switch every core rule off');
    for (const rule of core) {
      assert.ok(rule.documentation?.endsWith(`/docs/rules/${rule.id}.md`) && fs.existsSync(new URL(rule.documentation)), `core rule ${rule.id} links to its generated page`);
    }
  });

  it('checks files on disk for the workspace (heard/checkWorkspace)', async () => {
    const dir = path.join(tmp, 'workspace');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.md'), 'Amira chose to go back.\n');
    fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x41, 0x00, 0x42]));
    fs.writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    const uris = ['a.md', 'binary.txt', 'latin1.txt', 'missing.md'].map((f) => fileUri(path.join(dir, f)));
    const result: CheckWorkspaceResult = await client.connection.sendRequest(CheckWorkspaceMethod, { uris });
    const [a, binary, latin1, missing] = result.files;
    assert.deepStrictEqual((a.diagnostics as Diagnostic[]).map((d) => d.code), ['lsp-chose-to']);
    assert.strictEqual(binary.skipped, 'binary file');
    assert.strictEqual(latin1.skipped, 'not valid UTF-8');
    assert.match(missing.skipped!, /could not read the file/);
  });
});

describe('language server over stdio (pull diagnostics)', function () {
  this.timeout(60000);
  let client: TestClient;
  let tmp: string;

  before(async () => {
    client = new TestClient();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-lsp-pull-'));
    await client.initialize(PULL_CAPABILITIES);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const pull = (uri: string, previousResultId?: string, token?: CancellationTokenSource['token']) =>
    client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) }, token) as Promise<DocumentDiagnosticReport>;

  it('advertises a diagnostic provider and answers pulls instead of pushing', async () => {
    assert.deepStrictEqual(client.initializeResult!.capabilities.diagnosticProvider, { identifier: 'heard', interFileDependencies: false, workspaceDiagnostics: false });
    const uri = fileUri(path.join(tmp, 'pull.md'));
    const document = await client.open(uri, 'Amira chose to go back.\r\nShe is streetwise 😀.\r\n');
    const report = await pull(uri);
    assert.strictEqual(report.kind, DocumentDiagnosticReportKind.Full);
    const items = (report as { items: Diagnostic[] }).items;
    assert.deepStrictEqual(items.map((d) => `${d.code}: ${document.getText(d.range)}`), ['lsp-chose-to: chose', 'lsp-streetwise: streetwise']);
    const again = await pull(uri, report.resultId);
    assert.strictEqual(again.kind, DocumentDiagnosticReportKind.Unchanged, 'same text and settings: unchanged');
    assert.deepStrictEqual(client.published.filter((p) => p.uri === uri), [], 'nothing is pushed to a pull client');
  });

  it('honours cancellation of a pull', async () => {
    // A long debounce: after a change the pull waits, and the client cancels it meanwhile.
    await client.changeSettings(testSettings({ debounceMs: 3000 }));
    const uri = fileUri(path.join(tmp, 'cancel.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    await pull(uri);
    await client.change(uri, 'Amira chose to go back. She chose to stay.\n');
    const source = new CancellationTokenSource();
    const started = Date.now();
    const pending = pull(uri, undefined, source.token);
    source.cancel();
    await assert.rejects(pending, (e: unknown) => e instanceof ResponseError && e.code === LSPErrorCodes.RequestCancelled);
    assert.ok(Date.now() - started < 2000, 'the cancelled pull stops waiting at once');
    const report = await pull(uri);
    assert.strictEqual((report as { items: Diagnostic[] }).items.length, 2);
    await client.changeSettings(testSettings());
  });

  it('asks the client to re-pull when settings change', async () => {
    const before = client.refreshRequests;
    await client.changeSettings(testSettings({ rules: { 'lsp-chose-to': 'hint' } }));
    await waitFor(() => client.refreshRequests > before, 5000, 'a diagnostic refresh request');
    const report = await pull(fileUri(path.join(tmp, 'cancel.md')));
    assert.ok((report as { items: Diagnostic[] }).items.every((d) => d.severity === DiagnosticSeverity.Hint));
  });
});

describe('language server round trip on the largest seed', function () {
  const seed = path.join(ROOT, '..', 'shared', 'seeds', '001_5db1e8f627105674.txt');
  this.timeout(120000);

  it('measures the diagnostics round trip (printed, not asserted)', async function () {
    if (!fs.existsSync(seed)) this.skip();
    const client = new TestClient();
    try {
      // Real settings: the core lexicon, as a user gets it.
      client.settings = { enable: true };
      await client.initialize(undefined, path.dirname(seed));
      const text = fs.readFileSync(seed, 'utf8');
      const uri = fileUri(seed);
      let started = Date.now();
      await client.open(uri, text, 'plaintext');
      const first = await client.diagnosticsFor(uri, () => true, 100000);
      const openMs = Date.now() - started;
      // An edit in one paragraph: only that paragraph is analysed again.
      const document = client.documents.get(uri)!;
      const at = text.indexOf('\n\n', text.length / 2) + 2;
      started = Date.now();
      await client.change(uri, text.slice(0, at) + 'She chose to go back to the flat. ' + text.slice(at));
      const edited = await client.diagnosticsFor(uri, (p) => p.version === 2, 100000);
      const editMs = Date.now() - started;
      // Core rules link to their generated page.
      for (const d of edited.diagnostics.filter((d) => d.code !== 'configuration')) {
        assert.match(d.codeDescription?.href ?? '', new RegExp(`/docs/rules/${d.code}\\.md$`));
      }
      console.log(
        `      seed ${path.basename(seed)} (${Math.round(Buffer.byteLength(text) / 1024)} KB, ${document.lineCount} lines): ` +
          `open → diagnostics ${openMs} ms (${first.diagnostics.length} findings, first check: lexicon load and analysis of every paragraph); ` +
          `edit → diagnostics ${editMs} ms (${edited.diagnostics.length} findings, 150 ms debounce included)`,
      );
    } finally {
      await client.shutdown();
    }
  });
});
