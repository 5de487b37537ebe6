// The language server never dies of a client's mistakes: error replies to every request it sends,
// a didOpen without text, requests after shutdown; a burst of edits with no debounce is checked
// once, at its latest version; and a fuzz run of random client replies and random edits ends with
// the diagnostics a fresh `heard check` gives for the same text.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fileURLToPath } from 'url';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ErrorCodes,
  ExecuteCommandRequest,
  FileChangeType,
  HoverRequest,
  RegistrationRequest,
  ResponseError,
  ShowDocumentRequest,
  ShowMessageRequest,
  ShutdownRequest,
  type ClientCapabilities,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CATEGORY_IDS } from '../../server/src/engine';
import { CheckWorkspaceMethod, FIX_ALL_KIND, RulesRequestMethod, ServerCommands } from '../../server/src/lsp/protocol';
import { fileUri, PULL_CAPABILITIES, PUSH_CAPABILITIES, ROOT, TEST_LEXICON, TestClient, serverPerTest, waitFor, withTimeout } from './client';

const HEARD = path.join(ROOT, 'bin', 'heard.js');
const LSP_RULES = ['lsp-chose-to', 'lsp-streetwise', 'lsp-young-man'];

/** A folder whose .heard.yaml checks only the LSP test lexicon, for the server and the CLI alike. */
function project(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'heard-lsp-robust-')));
  const config = [
    `lexicon: [${JSON.stringify(TEST_LEXICON)}]`,
    'categories:',
    ...CATEGORY_IDS.map((c) => `  ${c}: off`),
    'rules:',
    ...LSP_RULES.map((id) => `  ${id}: on`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, '.heard.yaml'), config);
  return dir;
}

const failWith = (message: string) => () => {
  throw new ResponseError(ErrorCodes.InternalError, message);
};

/** The server process is still running and never reported an unhandled rejection. */
function assertAlive(client: TestClient): void {
  assert.strictEqual(client.child.exitCode, null, `the server exited: ${client.stderr}`);
  assert.strictEqual(client.child.signalCode, null, `the server was killed: ${client.stderr}`);
  assert.doesNotMatch(client.stderr, /unhandled/i);
}

/** A change that replaces the client's whole copy (handy after server-side edits). */
async function sendChanges(client: TestClient, uri: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
  const old = client.documents.get(uri)!;
  const document = TextDocument.update(TextDocument.create(uri, old.languageId, old.version, old.getText()), changes, old.version + 1);
  client.documents.set(uri, document);
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: document.version }, contentChanges: changes });
}

/** `heard check --format json` on files: each finding as `rule@offset+length`. */
function cliFindings(cwd: string, files: string[]): Map<string, string[]> {
  const run = spawnSync(process.execPath, [HEARD, 'check', '--format', 'json', ...files], { cwd, encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, `heard check failed (${run.status}): ${run.stderr}`);
  const json = JSON.parse(run.stdout) as { files: Array<{ path: string; findings: Array<{ ruleId: string; offset: number; length: number }> }> };
  return new Map(json.files.map((f) => [path.resolve(cwd, f.path), f.findings.map((x) => `${x.ruleId}@${x.offset}+${x.length}`).sort()]));
}

function serverFindings(document: TextDocument, diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .map((d) => {
      const start = document.offsetAt(d.range.start);
      return `${d.code}@${start}+${document.offsetAt(d.range.end) - start}`;
    })
    .sort();
}

describe('language server robustness', function () {
  this.timeout(120000);
  const start = serverPerTest(project);

  it('survives error replies to registerCapability, configuration, showMessageRequest and showDocument', async () => {
    const { client, dir } = start();
    client.connection.onRequest(RegistrationRequest.type, failWith('registration refused'));
    client.connection.onRequest(ConfigurationRequest.type, failWith('no settings today'));
    client.connection.onRequest(ShowMessageRequest.type, failWith('no message boxes'));
    client.connection.onRequest(ShowDocumentRequest.type, failWith('cannot show documents'));
    await client.initialize(PUSH_CAPABILITIES, dir);
    const uri = fileUri(path.join(dir, 'note.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    const published = await client.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
    assert.deepStrictEqual(published.diagnostics.map((d) => d.code), ['lsp-chose-to'], 'default settings when the client cannot give its own');
    // An unknown rule (showMessageRequest), a known one (showDocument, then a message instead).
    const unknown = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.openRuleDocumentation, arguments: ['no-such-rule'] });
    const known = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.openRuleDocumentation, arguments: ['lsp-chose-to'] });
    assert.deepStrictEqual([unknown, known], [{ opened: false }, { opened: false }]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assertAlive(client);
    await client.change(uri, 'Amira chose to go back. She is street-wise.\n');
    const after = await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 2);
    assert.strictEqual(after.version, 2);
    assert.ok(client.logs.some((l) => /client\/registerCapability.*failed: registration refused/.test(l)), 'the failure is logged');
    assertAlive(client);
  });

  it('survives an error reply to workspace/diagnostic/refresh (pull clients)', async () => {
    const { client, dir } = start();
    client.connection.onRequest(DiagnosticRefreshRequest.type, failWith('refresh refused'));
    await client.initialize(PULL_CAPABILITIES, dir);
    const uri = fileUri(path.join(dir, 'note.md'));
    await client.open(uri, 'Amira chose to go back.\n');
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { heard: null } });
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(path.join(dir, '.heard.yaml')), type: FileChangeType.Changed }] });
    await waitFor(() => client.logs.some((l) => l.includes('refresh refused')), 5000, 'the refresh failure to be logged');
    const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as DocumentDiagnosticReport & { items: Diagnostic[] };
    assert.deepStrictEqual(report.items.map((d) => d.code), ['lsp-chose-to']);
    assertAlive(client);
  });

  it('survives a didOpen without text (an empty document until it changes)', async () => {
    const { client, dir } = start();
    await client.initialize(PUSH_CAPABILITIES, dir);
    const uri = fileUri(path.join(dir, 'no-text.md'));
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1 } } as never);
    client.documents.set(uri, TextDocument.create(uri, 'markdown', 1, ''));
    const first = await client.diagnosticsFor(uri);
    assert.deepStrictEqual(first.diagnostics, []);
    await sendChanges(client, uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Amira chose to go back.\n' }]);
    const second = await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 1);
    assert.strictEqual(second.version, 2);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 7 } });
    assert.ok(hover, 'hover works on the document');
    assert.ok(client.logs.some((l) => l.includes('opened without its text')));
    assertAlive(client);
  });

  it('after shutdown, publishes nothing more and refuses requests', async () => {
    const { client, dir } = start();
    client.settings = { debounceMs: 300 };
    await client.initialize(PUSH_CAPABILITIES, dir);
    const uri = fileUri(path.join(dir, 'note.md'));
    await client.open(uri, 'Amira is well.\n');
    await client.diagnosticsFor(uri);
    await client.change(uri, 'Amira chose to go back.\n');
    await client.connection.sendRequest(ShutdownRequest.type);
    const count = client.published.length;
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.strictEqual(client.published.length, count, 'nothing published after shutdown');
    await assert.rejects(
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 7 } }),
      (e: ResponseError<unknown>) => e.code === ErrorCodes.InvalidRequest,
    );
    assertAlive(client);
  });

  it('with debounceMs 0, a burst of edits is checked at its latest version, not once per edit', async () => {
    const { client, dir } = start();
    await client.initialize(PUSH_CAPABILITIES, dir);
    const uri = fileUri(path.join(dir, 'burst.md'));
    let text = 'Amira chose to go back to the flat. She is street-wise.\n\n'.repeat(40);
    await client.open(uri, text);
    await client.diagnosticsFor(uri);
    const checksBefore = client.logs.filter((l) => / v\d+: checked/.test(l)).length;
    const EDITS = 1000;
    const sent: Array<Promise<void>> = [];
    for (let i = 0; i < EDITS; i++) {
      const at = TextDocument.create(uri, 'markdown', 0, text).positionAt(text.length);
      const insert = i % 40 === 39 ? '\n\nJo chose to stay.' : 'x';
      text += insert;
      const version = i + 2;
      client.documents.set(uri, TextDocument.create(uri, 'markdown', version, text));
      sent.push(client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: insert }] }));
    }
    await Promise.all(sent);
    const last = await client.diagnosticsFor(uri, () => true, 60000);
    assert.strictEqual(last.version, EDITS + 1);
    assert.strictEqual(last.diagnostics.filter((d) => d.code === 'lsp-chose-to').length, 40 + 25);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const checks = client.logs.filter((l) => / v\d+: checked/.test(l)).length - checksBefore;
    // Edits arrive over a pipe in chunks, so a few intermediate versions may be checked; never one per edit.
    assert.ok(checks <= EDITS / 10, `${checks} analyses for ${EDITS} edits`);
    const publishedVersions = client.published.filter((p) => p.uri === uri).map((p) => p.version!);
    assert.ok(publishedVersions.length <= EDITS / 10 + 1, `${publishedVersions.length} publishes`);
    assertAlive(client);
  });

  for (const mode of ['push', 'pull'] as const) {
    it(`fuzz (${mode} diagnostics): random client replies and random edits end with the diagnostics of a fresh heard check`, async () => {
      const seed = Number(process.env.HEARD_FUZZ_SEED ?? (mode === 'push' ? 1301 : 1302));
      const { client, dir } = start();
      const fuzz = new Fuzz(client, seed, mode);
      await fuzz.run(dir, Number(process.env.HEARD_FUZZ_STEPS ?? 400));
      const files = [...client.documents.keys()].map((uri) => fileURLToPath(uri));
      for (const uri of client.documents.keys()) fs.writeFileSync(fileURLToPath(uri), client.documents.get(uri)!.getText());
      const expected = cliFindings(dir, files.map((f) => path.relative(dir, f)));
      for (const uri of client.documents.keys()) {
        const document = client.documents.get(uri)!;
        const diagnostics = await fuzz.finalDiagnostics(uri);
        assert.deepStrictEqual(serverFindings(document, diagnostics), expected.get(fileURLToPath(uri)), `${uri} (seed ${seed}; set HEARD_FUZZ_SEED to replay)`);
      }
      assertAlive(client);
      assert.ok(expected.size >= 2, 'at least two documents were compared');
    });
  }
});

type Reply = 'ok' | 'error' | 'null' | 'late' | 'never';

/** Random client behaviour, reproducible from a seed. */
class Fuzz {
  private state: number;
  /** Until the settle phase, replies are random; afterwards every reply is a good one. */
  private settled = false;
  private readonly pending: Array<Promise<unknown>> = [];
  private readonly never: Array<() => void> = [];

  constructor(
    private readonly client: TestClient,
    seed: number,
    private readonly mode: 'push' | 'pull',
  ) {
    this.state = seed >>> 0;
  }

  /** mulberry32 */
  private random(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  private int(n: number): number {
    return Math.floor(this.random() * n);
  }
  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  private reply(allowNever = true): Reply {
    if (this.settled) return 'ok';
    return this.pick<Reply>(allowNever ? ['ok', 'ok', 'error', 'null', 'late', 'never'] : ['ok', 'ok', 'error', 'null', 'late']);
  }

  /** Answers a request as `ok` would, or with an error, null, late, or never. */
  private answer<T>(kind: Reply, ok: () => T): Promise<T | null> | T | null {
    switch (kind) {
      case 'ok':
        return ok();
      case 'error':
        throw new ResponseError(ErrorCodes.InternalError, 'fuzz: the client failed');
      case 'null':
        return null;
      case 'late':
        return new Promise((resolve) => setTimeout(() => resolve(ok()), this.int(150)));
      case 'never':
        // Answered with an error when the run ends, so the connection closes cleanly.
        return new Promise((_, reject) => this.never.push(() => reject(new ResponseError(ErrorCodes.InternalError, 'fuzz: never answered'))));
    }
  }

  private install(): void {
    const { client } = this;
    const settings = () =>
      this.settled ? { debounceMs: 0 } : this.pick<unknown>([{ debounceMs: 0 }, { debounceMs: 5 }, { enable: false }, { rules: { 'lsp-chose-to': 'off' } }, { rules: 5 }, 'nonsense', [1, 2], null]);
    client.connection.onRequest(ConfigurationRequest.type, (params) => this.answer(this.reply(false), () => params.items.map(() => settings())) as never);
    client.connection.onRequest(RegistrationRequest.type, () => this.answer(this.reply(), () => null) as never);
    client.connection.onRequest(DiagnosticRefreshRequest.type, () => this.answer(this.reply(), () => null) as never);
    client.connection.onRequest(ShowMessageRequest.type, () => this.answer(this.reply(), () => null) as never);
    client.connection.onRequest(ShowDocumentRequest.type, () => this.answer(this.reply(), () => ({ success: this.random() < 0.5 })) as never);
    client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => this.answer(this.reply(), () => ({ applied: client.applyEdit(params.edit) })) as never);
  }

  private capabilities(): ClientCapabilities {
    const base = this.mode === 'pull' ? PULL_CAPABILITIES : PUSH_CAPABILITIES;
    // Without showDocument, "open documentation" falls back to window/showMessageRequest.
    return this.random() < 0.5 ? base : { ...base, window: {} };
  }

  /** Sends a request whose answer (or error) does not matter, only that it comes. */
  private request(send: () => Promise<unknown>): void {
    this.pending.push(
      withTimeout(
        send().catch(() => undefined),
        30000,
      ),
    );
  }

  private randomText(): string {
    const words = ['Amira', 'chose', 'to', 'go', 'back', 'street-wise', 'young', 'man', 'She', 'was', 'choosing', 'the', 'flat', '.', ',', '😀', '“said”', '\n', '\n\n', '# Heading\n', '> '];
    const n = 1 + this.int(8);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.pick(words));
    return out.join(this.random() < 0.8 ? ' ' : '');
  }

  /** An offset that does not split a surrogate pair. */
  private offsetIn(text: string): number {
    let at = this.int(text.length + 1);
    if (at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at])) at--;
    return at;
  }

  private randomChange(document: TextDocument): TextDocumentContentChangeEvent {
    const text = document.getText();
    if (this.random() < 0.05) return { text: this.randomText() + '\n' + this.randomText() };
    const a = this.offsetIn(text);
    const b = this.random() < 0.5 ? a : Math.min(text.length, this.offsetIn(text.slice(a)) + a);
    const insert = this.random() < 0.3 ? '' : this.randomText();
    return { range: { start: document.positionAt(a), end: document.positionAt(Math.max(a, b)) }, text: insert };
  }

  async run(dir: string, steps: number): Promise<void> {
    const { client } = this;
    this.install();
    await client.initialize(this.capabilities(), dir);
    const uris = ['a.md', 'b.md', 'c.md'].map((name) => fileUri(path.join(dir, name)));
    await client.open(uris[0], 'Amira chose to go back.\n');
    await client.open(uris[1], '# Visit\n\nShe is street-wise and a young man waved.\n');
    // The third document is opened without text.
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uris[2], languageId: 'markdown', version: 1 } } as never);
    client.documents.set(uris[2], TextDocument.create(uris[2], 'markdown', 1, ''));

    for (let step = 0; step < steps; step++) {
      const uri = this.pick(uris);
      const document = client.documents.get(uri);
      const roll = this.random();
      if (!document) {
        await client.open(uri, this.randomText());
      } else if (roll < 0.6) {
        const changes: TextDocumentContentChangeEvent[] = [];
        let working = document;
        for (let i = 1 + this.int(3); i > 0; i--) {
          const change = this.randomChange(working);
          changes.push(change);
          working = TextDocument.update(TextDocument.create(uri, 'markdown', working.version, working.getText()), [change], working.version);
        }
        await sendChanges(client, uri, changes);
      } else if (roll < 0.65) {
        await client.close(uri);
      } else if (roll < 0.7) {
        await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: this.pick([{ heard: null }, null, { heard: { debounceMs: 0 } }, { heard: 'x' }]) } as never);
      } else if (roll < 0.73) {
        await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: fileUri(path.join(dir, '.heard.yaml')), type: FileChangeType.Changed }] });
      } else if (roll < 0.78) {
        const position = document.positionAt(this.offsetIn(document.getText()));
        this.request(() => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }));
      } else if (roll < 0.83) {
        const only = this.pick([['quickfix'], [FIX_ALL_KIND], undefined]);
        const range = { start: document.positionAt(0), end: document.positionAt(document.getText().length) };
        this.request(() => client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [], ...(only ? { only } : {}) } }));
      } else if (roll < 0.88) {
        const ruleId = this.pick([...LSP_RULES, 'no-such-rule', 'chose-to']);
        this.request(() => client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.openRuleDocumentation, arguments: [ruleId] }));
      } else if (roll < 0.91) {
        const profile = this.pick(['review', 'case-note', 'nonsense']);
        this.request(() => client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.setProfile, arguments: [uri, profile] }));
      } else if (roll < 0.93) {
        this.request(() => client.connection.sendRequest(RulesRequestMethod, { uri }));
      } else if (roll < 0.95) {
        this.request(() => client.connection.sendRequest(CheckWorkspaceMethod, { uris: [uri, fileUri(path.join(dir, 'missing.md'))] }));
      } else if (this.mode === 'pull') {
        this.request(() => client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }));
      }
      if (this.random() < 0.1) await new Promise((resolve) => setTimeout(resolve, this.int(20)));
    }

    // Settle: good replies from now on, every request answered, and settings read again.
    this.settled = true;
    for (const reject of this.never.splice(0)) reject();
    await Promise.all(this.pending);
    for (const uri of uris) if (!client.documents.has(uri)) await client.open(uri, this.randomText());
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { heard: null } });
    // A last edit to each document: its diagnostics can only come from an analysis with the new settings.
    this.mark = client.published.length;
    for (const uri of uris) {
      const document = client.documents.get(uri)!;
      const end = document.positionAt(document.getText().length);
      await sendChanges(client, uri, [{ range: { start: end, end }, text: '\n' }]);
    }
  }

  private mark = 0;

  async finalDiagnostics(uri: string): Promise<Diagnostic[]> {
    const { client } = this;
    if (this.mode === 'push') return (await client.diagnosticsFor(uri, (p) => client.published.indexOf(p) >= this.mark, 30000)).diagnostics;
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const report = (await client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items?: Diagnostic[] };
        if (report.items) return report.items;
      } catch {
        // Server cancelled (the document changed): pull again.
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no diagnostics for ${uri}`);
  }
}
