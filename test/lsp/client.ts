// A minimal LSP client for protocol tests: spawns the real server over stdio, answers the
// requests a client must answer (configuration, registration, edits, show document), records
// what the server pushes, and waits on state with a timeout instead of sleeping.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { parse as parseYaml } from 'yaml';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DiagnosticRefreshRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ConfigurationItem,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowMessageParams,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SERVER = path.join(ROOT, 'out', 'server', 'src', 'lsp', 'main.js');
export const TEST_LEXICON = path.join(ROOT, 'test', 'lsp', 'fixtures', 'lsp-rules.yaml');
/**
 * The server command line (script and arguments, relative to the repository). Set
 * HEARD_LSP_COMMAND="bin/heard.js lsp --stdio" or "dist/server.js --stdio" to run the same
 * suite against the CLI entry or the esbuild bundle.
 */
export const SERVER_ARGS = process.env.HEARD_LSP_COMMAND
  ? process.env.HEARD_LSP_COMMAND.split(/\s+/)
      .filter(Boolean)
      .map((arg, i) => (i === 0 ? path.resolve(ROOT, arg) : arg))
  : [SERVER, '--stdio'];

/** Every core rule id, read straight from the YAML (cheap), so tests can switch them all off. */
export function coreRuleIds(): string[] {
  const dir = path.join(ROOT, 'lexicon');
  const ids: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    const data = parseYaml(fs.readFileSync(path.join(dir, file), 'utf8')) as { entries?: Array<{ id: string }> };
    for (const entry of data?.entries ?? []) ids.push(entry.id);
  }
  return ids;
}

/** Settings that check only the test lexicon. */
export function testSettings(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const rules: Record<string, string> = {};
  for (const id of coreRuleIds()) rules[id] = 'off';
  const extraRules = (extra.rules as Record<string, string> | undefined) ?? {};
  return { enable: true, lexicon: [TEST_LEXICON], debounceMs: 20, ...extra, rules: { ...rules, ...extraRules } };
}

export const PUSH_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
    applyEdit: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      dataSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  window: { showDocument: { support: true } },
};

export const PULL_CAPABILITIES: ClientCapabilities = {
  ...PUSH_CAPABILITIES,
  workspace: { ...PUSH_CAPABILITIES.workspace, diagnostics: { refreshSupport: true } },
  textDocument: { ...PUSH_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcess;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly configurationRequests: ConfigurationItem[][] = [];
  readonly shownDocuments: string[] = [];
  /** `window/logMessage` texts, in order. */
  readonly logs: string[] = [];
  refreshRequests = 0;
  /** What `workspace/configuration` answers for the `heard` section. */
  settings: Record<string, unknown> = testSettings();
  /** Set to hold `workspace/configuration` answers until the promise resolves. */
  holdConfiguration?: Promise<void>;
  /** Open documents as the client sees them (edits from the server are applied here). */
  readonly documents = new Map<string, TextDocument>();
  stderr = '';
  initializeResult?: InitializeResult;

  constructor(args: string[] = SERVER_ARGS) {
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
    });
    this.connection.onNotification(ShowMessageNotification.type, (params) => {
      this.messages.push(params);
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    this.connection.onRequest(ConfigurationRequest.type, async (params) => {
      this.configurationRequests.push(params.items);
      if (this.holdConfiguration) await this.holdConfiguration;
      return params.items.map((item) => (item.section === 'heard' ? this.settings : null));
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshRequests++;
    });
    this.connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.shownDocuments.push(params.uri);
      return { success: true };
    });
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => ({ applied: this.applyEdit(params.edit) }));
    this.connection.listen();
  }

  async initialize(capabilities: ClientCapabilities = PUSH_CAPABILITIES, rootPath = ROOT, initializationOptions?: unknown): Promise<InitializeResult> {
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: fileUri(rootPath),
      workspaceFolders: [{ uri: fileUri(rootPath), name: path.basename(rootPath) }],
      capabilities,
      ...(initializationOptions !== undefined ? { initializationOptions } : {}),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return this.initializeResult;
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<TextDocument> {
    const document = TextDocument.create(uri, languageId, 1, text);
    this.documents.set(uri, document);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return document;
  }

  /** Replaces the whole text (a valid change event under incremental sync too). */
  async change(uri: string, text: string): Promise<TextDocument> {
    const old = this.documents.get(uri)!;
    const document = TextDocument.create(uri, old.languageId, old.version + 1, text);
    this.documents.set(uri, document);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: document.version },
      contentChanges: [{ text }],
    });
    return document;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { heard: null } });
  }

  /** Applies a workspace edit to the client's copy of the documents and tells the server. */
  applyEdit(edit: WorkspaceEdit): boolean {
    const changes: Array<{ uri: string; version?: number | null; edits: Parameters<typeof TextDocument.applyEdits>[1] }> = [];
    for (const change of edit.documentChanges ?? []) {
      if ('textDocument' in change) changes.push({ uri: change.textDocument.uri, version: change.textDocument.version, edits: change.edits as never });
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) changes.push({ uri, edits });
    for (const { uri, version } of changes) {
      const document = this.documents.get(uri);
      // A versioned edit for another version of the document must be refused, as a real client does.
      if (!document || (version !== undefined && version !== null && version !== document.version)) return false;
    }
    for (const { uri, edits } of changes) void this.change(uri, TextDocument.applyEdits(this.documents.get(uri)!, edits));
    return true;
  }

  /** The latest diagnostics published for `uri` for its current version. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    const version = this.documents.get(uri)?.version;
    for (let i = this.published.length - 1; i >= 0; i--) {
      const p = this.published[i];
      if (p.uri === uri && (version === undefined || p.version === undefined || p.version === version)) return p;
    }
    return undefined;
  }

  /** Waits for diagnostics of the document's current version that satisfy `accept`. */
  async diagnosticsFor(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 15000): Promise<PublishDiagnosticsParams> {
    let found: PublishDiagnosticsParams | undefined;
    await waitFor(() => {
      const p = this.latest(uri);
      if (p && accept(p)) found = p;
      return !!found;
    }, timeoutMs, `diagnostics for ${uri}`);
    return found!;
  }

  async shutdown(): Promise<void> {
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 3000);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // The process is killed below either way.
    }
    await withTimeout(new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', () => resolve()))), 3000).catch(() => undefined);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
    this.connection.dispose();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** Polls `condition` every 10 ms until it holds, failing after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * For a `describe` block whose tests each start a server in a fresh project folder: returns
 * `start()`, which makes the folder and a client with `debounceMs: 0`, and shuts every client
 * down and removes every folder after the block.
 */
export function serverPerTest(makeProjectFolder: () => string): () => { client: TestClient; dir: string } {
  const dirs: string[] = [];
  const clients: TestClient[] = [];
  after(async () => {
    for (const client of clients) await client.shutdown();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const client = new TestClient();
    client.settings = { debounceMs: 0 };
    const dir = makeProjectFolder();
    clients.push(client);
    dirs.push(dir);
    return { client, dir };
  };
}
