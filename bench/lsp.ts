// Editing latency: drives the real language server (`heard lsp --stdio`) as an editor would,
// with one large document open, and times each one-character edit from `didChange` to the
// `publishDiagnostics` for that version.
import * as os from 'os';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { kill, memoryOf, spawnTracked } from './lib/processes';
import { randomEdit } from './lib/edits';
import { Random } from './lib/random';
import { nsToMs } from './lib/stats';

export interface EditingRun {
  /** The `heard` settings the client answered `workspace/configuration` with. */
  settings: Record<string, unknown>;
  bytes: number;
  openMs: number;
  diagnosticsAtOpen: number;
  diagnosticsAfter: number;
  /** didChange → publishDiagnostics of that version, per edit. */
  latencies: number[];
  /** The server's own "findings in N ms" log line per edit (analysis only), when it logs one. */
  serverAnalysisMs: number[];
  rssMb: { initialized: number; opened: number; after: number; peak: number };
}

export interface EditingOptions {
  serverArgs: string[];
  cwd: string;
  file: string;
  edits: number;
  seed: number;
  settings: Record<string, unknown>;
  timeoutMs: number;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

export async function measureEditing(options: EditingOptions): Promise<EditingRun> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-bench-lsp-'));
  const child = spawnTracked(process.execPath, options.serverArgs, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const uri = pathToFileURL(options.file).href;
  const waiting = new Map<number, (p: PublishDiagnosticsParams) => void>();
  const analysisLog = new Map<number, number>();

  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== uri || params.version === undefined) return;
    waiting.get(params.version)?.(params);
  });
  connection.onNotification(LogMessageNotification.type, ({ message }) => {
    const m = /v(\d+): \w[\w-]*, \d+ findings in (\d+) ms/.exec(message);
    if (m && message.includes(uri)) analysisLog.set(Number(m[1]), Number(m[2]));
  });
  connection.onNotification(ShowMessageNotification.type, () => undefined);
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'heard' ? options.settings : null)));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  connection.listen();

  const diagnosticsFor = (version: number) =>
    within(new Promise<PublishDiagnosticsParams>((resolve) => waiting.set(version, resolve)), options.timeoutMs, `diagnostics for version ${version}`).finally(() =>
      waiting.delete(version),
    );
  const memory = () => memoryOf(child.pid!) ?? { rssMb: NaN, peakMb: NaN };

  try {
    await within(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(workspace).href,
        workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }],
        capabilities: {
          workspace: { configuration: true },
          textDocument: { synchronization: { dynamicRegistration: false }, publishDiagnostics: { versionSupport: true } },
        },
      }),
      options.timeoutMs,
      'initialize',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    const initialized = memory().rssMb;

    const text = fs.readFileSync(options.file, 'utf8');
    let document = TextDocument.create(uri, 'plaintext', 1, text);
    const opened = diagnosticsFor(1);
    const openStart = process.hrtime.bigint();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const atOpen = await opened;
    const openMs = nsToMs(process.hrtime.bigint() - openStart);
    const openedRss = memory().rssMb;

    const rng = new Random(options.seed);
    const latencies: number[] = [];
    let last = atOpen;
    for (let i = 0; i < options.edits; i++) {
      const edit = randomEdit(rng, document.getText());
      const range = { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.deleteLength) };
      const version = document.version + 1;
      document = TextDocument.update(document, [{ range, text: edit.insert }], version);
      const published = diagnosticsFor(version);
      const start = process.hrtime.bigint();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: edit.insert }] });
      last = await published;
      latencies.push(nsToMs(process.hrtime.bigint() - start));
    }
    const after = memory();
    const serverAnalysisMs = [...analysisLog.entries()].filter(([v]) => v > 1).map(([, ms]) => ms);
    return {
      settings: options.settings,
      bytes: Buffer.byteLength(text),
      openMs,
      diagnosticsAtOpen: atOpen.diagnostics.length,
      diagnosticsAfter: last.diagnostics.length,
      latencies,
      serverAnalysisMs,
      rssMb: { initialized, opened: openedRss, after: after.rssMb, peak: after.peakMb },
    };
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}${stderr ? `\nserver stderr: ${stderr.slice(-1000)}` : ''}`);
  } finally {
    try {
      await within(connection.sendRequest(ShutdownRequest.type), 3000, 'shutdown');
      await connection.sendNotification(ExitNotification.type);
      await within(new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve()))), 3000, 'exit');
    } catch {
      // Killed below either way.
    }
    kill(child);
    connection.dispose();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}
