// The Heard language server: thin handlers wired onto a connection (stdio, IPC, or an in-memory
// pair in tests); main.ts creates the real one. The work is elsewhere, as in vscode-eslint's server:
// - clientChannel.ts: what the client can do, requests it may refuse, messages shown once, shutdown;
// - settingsStore.ts: editor settings (asked per document, or pushed) and workspace trust;
// - documentState.ts: the open documents, their caches, debounced checks and results;
// - commands.ts: workspace/executeCommand; codeActions.ts, hover.ts, diagnostics.ts: the features.
import * as fs from 'fs';
import * as path from 'path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver';
import { AnalysisCache, resolveRules } from '../engine';
import { CONFIG_FILE_NAMES } from '../node/config';
import { packageRoot } from '../node/lexiconFiles';
import { folderFor, resolveFor, uriToPath } from './analysis';
import { ClientChannel, negotiate } from './clientChannel';
import { fixAllAction, kindRequested, quickFixes } from './codeActions';
import { Commands } from './commands';
import { OpenDocuments } from './documentState';
import { hoverAt } from './hover';
import {
  CheckWorkspaceMethod,
  FIX_ALL_KIND,
  RulesRequestMethod,
  ServerCommands,
  SETTINGS_SECTION,
  type CheckedFile,
  type CheckWorkspaceParams,
  type CheckWorkspaceResult,
  type RulesParams,
  type RulesResult,
  WorkspaceTrustNotificationMethod,
  type WorkspaceTrustParams,
} from './protocol';
import { ruleDocumentationUri } from './rulePages';
import { SettingsStore } from './settingsStore';
import { checkFile } from './workspaceCheck';

export { negotiate } from './clientChannel';

function serverVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Waits `ms`, or less if the request is cancelled first. */
function delay(ms: number, token: CancellationToken): Promise<void> {
  // A token cancelled before the handler ran never fires its event: check it first.
  if (token.isCancellationRequested) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    const listener = token.onCancellationRequested(done);
    function done() {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createHeardServer(connection: Connection): void {
  const channel = new ClientChannel(connection);
  const settings = new SettingsStore(channel);
  const open = new OpenDocuments(channel, settings);
  const commands = new Commands(channel, open);
  const documents = open.documents;

  connection.onInitialize((params): InitializeResult => {
    const caps = (channel.caps = negotiate(params.capabilities));
    const initial = params.initializationOptions as { heard?: unknown; workspaceTrusted?: unknown } | undefined;
    settings.pushed = initial?.heard;
    settings.workspaceTrusted = initial?.workspaceTrusted !== false;
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    open.folders = roots.map(uriToPath).filter((p): p is string => !!p);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        ...(caps.codeActionLiterals ? { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] } } : {}),
        executeCommandProvider: { commands: Object.values(ServerCommands) },
        ...(caps.pullDiagnostics ? { diagnosticProvider: { identifier: 'heard', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'heard', version: serverVersion() },
    };
  });

  connection.onInitialized(() => {
    const { caps } = channel;
    const bestEffort = channel.bestEffort.bind(channel);
    if (caps.dynamicConfiguration) {
      void bestEffort('client/registerCapability (configuration)', () => connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }));
    }
    if (caps.dynamicWatchers) {
      void bestEffort('client/registerCapability (file watchers)', () =>
        connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: `**/{${CONFIG_FILE_NAMES.join(',')}}` }, { globPattern: '**/*.{yaml,yml}' }],
        }),
      );
    }
    if (caps.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
        open.folders = [...open.folders.filter((f) => !removed.has(f)), ...event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p)];
        open.recheckAll();
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const pushed = params.settings as { heard?: unknown } | undefined;
    if (pushed?.heard !== undefined) settings.pushed = pushed.heard;
    open.recheckAll();
  });

  connection.onNotification(WorkspaceTrustNotificationMethod, (params: WorkspaceTrustParams | undefined) => {
    const trusted = params?.trusted !== false;
    if (trusted === settings.workspaceTrusted) return;
    settings.workspaceTrusted = trusted;
    // Say it again if trust is ever withdrawn.
    channel.forget('untrusted:');
    open.recheckAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    const relevant = params.changes.some((change) => {
      const file = uriToPath(change.uri);
      return !!file && (CONFIG_FILE_NAMES.includes(path.basename(file)) || open.watchedFiles.has(path.resolve(file)));
    });
    if (relevant) open.recheckAll();
  });

  // TextDocuments fires onDidOpen, then onDidChangeContent for the opening text too.
  const justOpened = new Set<string>();
  documents.onDidOpen(({ document }) => justOpened.add(document.uri));

  documents.onDidChangeContent(({ document }) => {
    const s = open.state(document.uri);
    const opened = justOpened.delete(document.uri);
    if (!opened) s.lastChange = Date.now();
    // Pull clients ask for diagnostics themselves after every change.
    if (!channel.caps.pullDiagnostics) open.schedule(document.uri, opened ? 0 : s.debounceMs);
  });

  documents.onDidClose(({ document }) => {
    open.close(document.uri);
    if (!channel.caps.pullDiagnostics && !channel.shuttingDown) void channel.bestEffort('publishing diagnostics', () => connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }));
  });

  connection.onShutdown(() => {
    channel.shuttingDown = true;
    open.cancelAll();
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    channel.refuseAfterShutdown();
    const document = open.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const s = open.state(document.uri);
    // The client pulls on every keystroke and cancels the previous pull: wait out the debounce first.
    const wait = s.lastChange + s.debounceMs - Date.now();
    if (wait > 0) await delay(wait, token);
    // Even with no debounce, let edits and cancellations already received arrive first.
    else if (s.debounceMs <= 0) for (let turn = 0; turn < 2; turn++) await yieldToEventLoop();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const analysed = await open.analysis(document);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (!analysed) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
    const resultId = `${analysed.version}.${analysed.generation}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: analysed.outcome.diagnostics };
  });

  connection.onCodeAction(async (params, token) => {
    channel.refuseAfterShutdown();
    const document = open.get(params.textDocument.uri);
    if (!document) return [];
    const version = document.version;
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const known = open.resultFor(document.uri, version);
    const findings = known?.outcome.status === 'checked' ? known.outcome.findings : undefined;
    if (kindRequested(only, CodeActionKind.QuickFix)) {
      actions.push(...quickFixes(document, params.context.diagnostics, { versioned: channel.caps.versionedEdits, findings }));
    }
    if (kindRequested(only, FIX_ALL_KIND)) {
      const analysed = await open.analysis(document);
      // Refuse to fix text that changed while we were working: the edit would land in the wrong place.
      if (analysed && !token.isCancellationRequested && document.version === version && analysed.version === version && analysed.outcome.status === 'checked') {
        const fixAll = fixAllAction(document, analysed.outcome.findings, channel.caps.versionedEdits);
        if (fixAll) actions.push(fixAll);
      }
    }
    return actions;
  });

  connection.onHover(async (params) => {
    channel.refuseAfterShutdown();
    const document = open.get(params.textDocument.uri);
    if (!document) return null;
    const analysed = await open.analysis(document);
    if (!analysed || analysed.version !== document.version || analysed.outcome.status !== 'checked') return null;
    const { findings, lexicon, resolved } = analysed.outcome;
    return hoverAt(document, document.offsetAt(params.position), findings, lexicon, channel.caps.markdownHover, resolved.config.lexicon);
  });

  connection.onExecuteCommand(async (params) => {
    channel.refuseAfterShutdown();
    return commands.execute(params.command, params.arguments ?? []);
  });

  connection.onRequest(RulesRequestMethod, async (params: RulesParams | undefined): Promise<RulesResult> => {
    channel.refuseAfterShutdown();
    const uri = params?.uri;
    const [forDocument] = await settings.fetch(uri ? [uri] : []).then((list) => (list.length ? list : [settings.current()]));
    const file = uri ? uriToPath(uri) : undefined;
    const resolved = resolveFor(file, forDocument, folderFor(file, open.folders));
    const rules = resolveRules(resolved.lexicon, resolved.config);
    return {
      rules: resolved.lexicon.entries.map(({ entry }) => {
        const rule = rules.get(entry.id);
        return {
          id: entry.id,
          category: entry.category,
          severity: rule?.enabled ? rule.severity : 'off',
          message: entry.message,
          documentation: ruleDocumentationUri(entry, resolved.config.lexicon),
        };
      }),
    };
  });

  connection.onRequest(CheckWorkspaceMethod, async (params: CheckWorkspaceParams, token: CancellationToken): Promise<CheckWorkspaceResult> => {
    channel.refuseAfterShutdown();
    const uris = params.uris ?? [];
    const perFile = await settings.fetch(uris);
    const cache = new AnalysisCache();
    const files: CheckedFile[] = [];
    for (let i = 0; i < uris.length; i++) {
      if (token.isCancellationRequested) break;
      const uri = uris[i];
      const document = open.get(uri);
      if (document) {
        const analysed = await open.analysis(document);
        if (analysed) files.push({ uri, diagnostics: analysed.outcome.diagnostics });
      } else {
        files.push(checkFile(uri, perFile[i], open.folders, cache));
      }
      // Let cancellation and edits in: a large workspace is checked file by file.
      await yieldToEventLoop();
    }
    return { files };
  });

  documents.listen(connection);
}
