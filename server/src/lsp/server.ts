// The Heard language server. `createHeardServer(connection)` wires every handler onto a connection
// (stdio, IPC, or an in-memory pair in tests); main.ts creates the real one.
//
// Per open document the server keeps a paragraph cache, a debounce timer and the last result
// (for a version of the text and a "generation" of settings). Results for an older version are
// dropped; settings are asked for per document and forgotten when the client says they changed.
import * as fs from 'fs';
import * as path from 'path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  ShowMessageRequest,
  TextDocuments,
  TextDocumentSyncKind,
  TextEdit,
  type CancellationToken,
  type TextDocumentContentChangeEvent,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, resolveRules, type CompiledLexicon, type Profile, PROFILES } from '../engine';
import { CONFIG_FILE_NAMES, MAX_CONFIG_FILE_SIZE } from '../node/config';
import { readRegularFile } from '../node/safeRead';
import { addAllowedPhrase, workspaceConfigFile } from './allowPhrase';
import { loadLexicon, packageRoot } from '../node/lexiconFiles';
import { pathToFileURL } from 'url';
import { checkDocument, errorMessage, folderFor, formatBytes, resolveFor, uriToPath, type Outcome } from './analysis';
import { configFileDiagnostics } from './diagnostics';
import { documentEdit, fixAllAction, kindRequested, quickFixes } from './codeActions';
import { setProfileEdit } from './frontMatter';
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
import { DEFAULT_SETTINGS, parseSettings, type EditorSettings } from './settings';
import { checkFile } from './workspaceCheck';

/** What the client said it can do, reduced to the decisions the server makes. */
interface Negotiated {
  configuration: boolean;
  pullDiagnostics: boolean;
  diagnosticRefresh: boolean;
  codeActionLiterals: boolean;
  versionedEdits: boolean;
  markdownHover: boolean;
  showDocument: boolean;
  dynamicConfiguration: boolean;
  dynamicWatchers: boolean;
  workspaceFolders: boolean;
}

export function negotiate(capabilities: ClientCapabilities): Negotiated {
  const text = capabilities.textDocument;
  const workspace = capabilities.workspace;
  return {
    configuration: !!workspace?.configuration,
    pullDiagnostics: !!text?.diagnostic,
    diagnosticRefresh: !!workspace?.diagnostics?.refreshSupport,
    codeActionLiterals: !!text?.codeAction?.codeActionLiteralSupport,
    versionedEdits: !!workspace?.workspaceEdit?.documentChanges,
    markdownHover: !!text?.hover?.contentFormat?.includes('markdown'),
    showDocument: !!capabilities.window?.showDocument?.support,
    dynamicConfiguration: !!workspace?.didChangeConfiguration?.dynamicRegistration,
    dynamicWatchers: !!workspace?.didChangeWatchedFiles?.dynamicRegistration,
    workspaceFolders: !!workspace?.workspaceFolders,
  };
}

interface Analysed {
  version: number;
  generation: number;
  outcome: Outcome;
}

interface DocumentState {
  cache: AnalysisCache;
  /** Cancels the scheduled check, if any. */
  cancelTimer?: () => void;
  /** When the text last changed (0 until the first edit after opening). */
  lastChange: number;
  debounceMs: number;
  result?: Analysed;
  pending?: { version: number; generation: number; promise: Promise<Analysed | undefined> };
  settings?: Promise<EditorSettings>;
}

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

/** How long to wait for the client's settings before checking with the defaults. */
const CONFIGURATION_TIMEOUT_MS = 10_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Open documents as the client sends them, tolerating a `didOpen` without `text` or `version`
 * (treated as an empty document at version 0) and changes that do not apply (the document keeps
 * its last good text): a client's mistake must never take the server down.
 */
function tolerantDocuments(log: (message: string) => void): TextDocuments<TextDocument> {
  return new TextDocuments<TextDocument>({
    create(uri: string, languageId: string, version: number, content: string): TextDocument {
      if (typeof content !== 'string') log(`Heard: ${uri} was opened without its text; checking it as an empty document until it changes`);
      return TextDocument.create(uri, typeof languageId === 'string' ? languageId : 'plaintext', Number.isInteger(version) ? version : 0, typeof content === 'string' ? content : '');
    },
    update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
      try {
        return TextDocument.update(document, Array.isArray(changes) ? changes : [], Number.isInteger(version) ? version : document.version + 1);
      } catch (error) {
        log(`Heard: ignoring a change to ${document.uri} that does not apply: ${errorMessage(error)}`);
        return document;
      }
    },
  });
}

export function createHeardServer(connection: Connection): void {
  const documents = tolerantDocuments((message) => connection.console.warn(message));
  const states = new Map<string, DocumentState>();
  let caps: Negotiated = negotiate({});
  let folders: string[] = [];
  /** Settings from `didChangeConfiguration` or `initializationOptions`, for clients without `workspace/configuration`. */
  let pushedSettings: unknown;
  /** Bumped whenever settings, config files or lexicon files may have changed. */
  let generation = 0;
  /** Lexicon files named by configuration, and config files extended: a change to one re-checks open documents. */
  const lexiconFiles = new Set<string>();
  const notified = new Set<string>();
  /** Set by `shutdown`: from then on nothing is checked or published, and requests get an error. */
  let shuttingDown = false;
  /** False in an untrusted VS Code workspace (initializationOptions, then heard/didChangeWorkspaceTrust). */
  let workspaceTrusted = true;

  /**
   * Runs a request to the client (or a notification) whose answer the server can do without: an
   * error reply, a closed connection or a client that does not know the method is logged, never
   * thrown. Every request the server sends goes through here or handles its error itself.
   */
  function bestEffort<T>(what: string, send: () => Promise<T>): Promise<T | undefined> {
    let sent: Promise<T>;
    try {
      sent = send();
    } catch (error) {
      sent = Promise.reject(error);
    }
    return sent.catch((error: unknown) => {
      try {
        connection.console.warn(`Heard: ${what} failed: ${errorMessage(error)}`);
      } catch {
        // The connection is gone: nothing to tell.
      }
      return undefined;
    });
  }

  /** Requests that arrive after `shutdown` are refused, as the protocol asks. */
  function refuseAfterShutdown(): void {
    if (shuttingDown) throw new ResponseError(ErrorCodes.InvalidRequest, 'the Heard language server is shutting down');
  }
  /** Config files that have diagnostics published on them (their problems), by URI. */
  const brokenConfigs = new Map<string, string>();

  function notifyOnce(key: string, type: MessageType, message: string): void {
    if (notified.has(key) || shuttingDown) return;
    notified.add(key);
    void bestEffort('window/showMessage', () => connection.sendNotification(ShowMessageNotification.type, { type, message }));
  }

  function state(uri: string): DocumentState {
    let s = states.get(uri);
    if (!s) states.set(uri, (s = { cache: new AnalysisCache(), lastChange: 0, debounceMs: DEFAULT_SETTINGS.debounceMs }));
    return s;
  }

  function readSettings(raw: unknown): EditorSettings {
    const { settings, problems } = parseSettings(raw);
    for (const problem of problems) notifyOnce(`settings:${problem}`, MessageType.Warning, `Heard: ignoring a setting: ${problem}.`);
    return { ...settings, workspaceTrusted };
  }

  function fetchSettings(uris: string[]): Promise<EditorSettings[]> {
    if (!caps.configuration) {
      const settings = readSettings(pushedSettings);
      return Promise.resolve(uris.map(() => settings));
    }
    // An error reply, no reply in time, or an answer that is not one value per item: default settings.
    const asked = bestEffort('workspace/configuration', () => connection.workspace.getConfiguration(uris.map((scopeUri) => ({ scopeUri, section: SETTINGS_SECTION }))));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        connection.console.warn(`Heard: no answer to workspace/configuration in ${CONFIGURATION_TIMEOUT_MS / 1000} s; using default settings`);
        resolve(undefined);
      }, CONFIGURATION_TIMEOUT_MS);
    });
    return Promise.race([asked, timedOut]).then((values: unknown) => {
      clearTimeout(timer);
      return uris.map((_, i) => readSettings(Array.isArray(values) ? values[i] : undefined));
    });
  }

  /** Settings for an open document, asked once per document until the client reports a change. */
  function settingsFor(uri: string): Promise<EditorSettings> {
    const s = state(uri);
    if (!s.settings) {
      s.settings = fetchSettings([uri]).then(([settings]) => settings);
      s.settings.then((settings) => (s.debounceMs = settings.debounceMs)).catch(() => undefined);
    }
    return s.settings;
  }

  function noteLexiconFiles(outcome: Outcome): void {
    if (outcome.status !== 'checked') return;
    // Lexicon files and the config files extends: names (a shared file or a package's) are watched alike.
    for (const file of [...(outcome.resolved.config.lexicon ?? []), ...(outcome.resolved.extendedFiles ?? [])]) lexiconFiles.add(path.resolve(file));
  }

  function report(uri: string, outcome: Outcome): void {
    if (outcome.status === 'checked' && outcome.resolved.ignoredLexicon) {
      const { configFile, ignoredLexicon } = outcome.resolved;
      notifyOnce(
        `untrusted:${configFile}`,
        MessageType.Warning,
        `Heard: this workspace is not trusted, so the lexicon files named in ${configFile ?? '.heard.yaml'} (${ignoredLexicon.map((f) => path.basename(f)).join(', ')}) are not loaded; Heard checks with its own lexicon. Trust the workspace to use them.`,
      );
    }
    if (outcome.status === 'too-large') {
      notifyOnce(
        `too-large:${uri}`,
        MessageType.Info,
        `Heard skipped ${path.basename(uriToPath(uri) ?? uri)}: ${formatBytes(outcome.bytes)} is larger than the maximum file size (${formatBytes(outcome.limit)}). Raise heard.maxFileSize (or maxFileSize in .heard.yaml) to check it.`,
      );
    } else if (outcome.status === 'error') {
      notifyOnce(`error:${outcome.reason}`, MessageType.Error, `Heard: ${outcome.reason}`);
    }
    reportConfigFile(outcome);
  }

  /**
   * A broken config file gets its problems as diagnostics on the file itself (the Problems panel
   * lists them at their lines, even when the file is not open); they are cleared as soon as a
   * document is checked with that file again.
   */
  function reportConfigFile(outcome: Outcome): void {
    if (outcome.status === 'error' && outcome.config) {
      const uri = pathToFileURL(outcome.config.file).href;
      const key = outcome.reason;
      if (brokenConfigs.get(uri) === key) return;
      brokenConfigs.set(uri, key);
      void bestEffort('publishing diagnostics', () => connection.sendDiagnostics({ uri, diagnostics: configFileDiagnostics(outcome.config!.problems) }));
    } else if (outcome.status === 'checked' && brokenConfigs.size > 0) {
      // The config file and its lexicon files were read without a problem.
      for (const file of [outcome.resolved.configFile, ...(outcome.resolved.extendedFiles ?? []), ...(outcome.resolved.config.lexicon ?? [])]) {
        const uri = file && pathToFileURL(file).href;
        if (uri && brokenConfigs.delete(uri)) void bestEffort('publishing diagnostics', () => connection.sendDiagnostics({ uri, diagnostics: [] }));
      }
    }
  }

  /**
   * The result for the document's current text and settings: reused when it exists, shared when
   * it is being computed, and `undefined` when the text changed while settings were being fetched.
   */
  function analysis(document: TextDocument): Promise<Analysed | undefined> {
    const { uri, version } = document;
    const s = state(uri);
    const currentGeneration = generation;
    if (s.result && s.result.version === version && s.result.generation === currentGeneration) return Promise.resolve(s.result);
    if (s.pending && s.pending.version === version && s.pending.generation === currentGeneration) return s.pending.promise;
    const promise = settingsFor(uri).then((settings) => {
      const current = documents.get(uri);
      if (shuttingDown || !current || current.version !== version || generation !== currentGeneration || states.get(uri) !== s) return undefined;
      const started = Date.now();
      const outcome = checkDocument(current, settings, folders, s.cache);
      connection.console.log(`Heard: ${uri} v${version}: ${outcome.status}, ${outcome.diagnostics.length} findings in ${Date.now() - started} ms`);
      noteLexiconFiles(outcome);
      report(uri, outcome);
      return (s.result = { version, generation: currentGeneration, outcome });
    });
    s.pending = { version, generation: currentGeneration, promise };
    // The callers handle a failure; this bookkeeping must not turn it into an unhandled rejection.
    promise
      .finally(() => {
        if (s.pending?.promise === promise) s.pending = undefined;
      })
      .catch(() => undefined);
    return promise;
  }

  async function publish(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document || shuttingDown) return;
    const analysed = await analysis(document);
    // A newer version is on its way (and scheduled): never show findings for text that is gone.
    if (!analysed || shuttingDown || documents.get(uri)?.version !== analysed.version) return;
    await connection.sendDiagnostics({ uri, version: analysed.version, diagnostics: analysed.outcome.diagnostics });
  }

  function schedule(uri: string, delayMs: number): void {
    if (shuttingDown) return;
    const s = state(uri);
    s.cancelTimer?.();
    const run = () => {
      s.cancelTimer = undefined;
      publish(uri).catch((error) => bestEffort('logging', async () => connection.console.error(`Heard: ${errorMessage(error)}`)));
    };
    if (delayMs <= 0) {
      // No debounce, but no analysis per keystroke either. The JSON-RPC layer handles one message
      // per turn of the event loop, so a check on the very next turn ran once per edit of a burst
      // (10,000 edits: 10,001 analyses). Waiting a second turn lets the next queued edit cancel
      // this one: a burst is checked once, at its latest version, as soon as the queue is empty.
      let immediate = setImmediate(() => {
        immediate = setImmediate(run);
      });
      s.cancelTimer = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(run, delayMs);
      s.cancelTimer = () => clearTimeout(timeout);
    }
  }

  /** Settings or configuration files changed: forget settings, re-check every open document. */
  function recheckAll(): void {
    generation++;
    for (const s of states.values()) s.settings = undefined;
    if (shuttingDown) return;
    if (caps.pullDiagnostics) {
      if (caps.diagnosticRefresh) void bestEffort('workspace/diagnostic/refresh', () => connection.languages.diagnostics.refresh());
    } else {
      for (const document of documents.all()) schedule(document.uri, 0);
    }
  }

  /** The lexicon (and its organisation files) of an open document that knows the rule, else the core. */
  function lexiconFor(ruleId: string): { lexicon: CompiledLexicon; extraLexicon: string[] } {
    for (const s of states.values()) {
      const outcome = s.result?.outcome;
      if (outcome?.status === 'checked' && outcome.lexicon.byId.has(ruleId)) return { lexicon: outcome.lexicon, extraLexicon: outcome.resolved.config.lexicon ?? [] };
    }
    return { lexicon: loadLexicon([]), extraLexicon: [] };
  }

  connection.onInitialize((params): InitializeResult => {
    caps = negotiate(params.capabilities);
    const initial = params.initializationOptions as { heard?: unknown; workspaceTrusted?: unknown } | undefined;
    pushedSettings = initial?.heard;
    workspaceTrusted = initial?.workspaceTrusted !== false;
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = roots.map(uriToPath).filter((p): p is string => !!p);
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
        folders = [...folders.filter((f) => !removed.has(f)), ...event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p)];
        recheckAll();
      });
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const settings = params.settings as { heard?: unknown } | undefined;
    if (settings?.heard !== undefined) pushedSettings = settings.heard;
    recheckAll();
  });

  connection.onNotification(WorkspaceTrustNotificationMethod, (params: WorkspaceTrustParams | undefined) => {
    const trusted = params?.trusted !== false;
    if (trusted === workspaceTrusted) return;
    workspaceTrusted = trusted;
    // Say it again if trust is ever withdrawn.
    for (const key of [...notified]) if (key.startsWith('untrusted:')) notified.delete(key);
    recheckAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    const relevant = params.changes.some((change) => {
      const file = uriToPath(change.uri);
      return !!file && (CONFIG_FILE_NAMES.includes(path.basename(file)) || lexiconFiles.has(path.resolve(file)));
    });
    if (relevant) recheckAll();
  });

  // TextDocuments fires onDidOpen, then onDidChangeContent for the opening text too.
  const justOpened = new Set<string>();
  documents.onDidOpen(({ document }) => justOpened.add(document.uri));

  documents.onDidChangeContent(({ document }) => {
    const s = state(document.uri);
    const opened = justOpened.delete(document.uri);
    if (!opened) s.lastChange = Date.now();
    // Pull clients ask for diagnostics themselves after every change.
    if (!caps.pullDiagnostics) schedule(document.uri, opened ? 0 : s.debounceMs);
  });

  documents.onDidClose(({ document }) => {
    const s = states.get(document.uri);
    s?.cancelTimer?.();
    states.delete(document.uri);
    if (!caps.pullDiagnostics && !shuttingDown) void bestEffort('publishing diagnostics', () => connection.sendDiagnostics({ uri: document.uri, diagnostics: [] }));
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    for (const s of states.values()) s.cancelTimer?.();
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    refuseAfterShutdown();
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const s = state(document.uri);
    // The client pulls on every keystroke and cancels the previous pull: wait out the debounce first.
    const wait = s.lastChange + s.debounceMs - Date.now();
    if (wait > 0) await delay(wait, token);
    // Even with no debounce, let edits and cancellations already received arrive first.
    else if (s.debounceMs <= 0) for (let turn = 0; turn < 2; turn++) await yieldToEventLoop();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const analysed = await analysis(document);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    if (!analysed) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
    const resultId = `${analysed.version}.${analysed.generation}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: analysed.outcome.diagnostics };
  });

  connection.onCodeAction(async (params, token) => {
    refuseAfterShutdown();
    const document = documents.get(params.textDocument.uri);
    if (!document) return [];
    const version = document.version;
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const known = states.get(document.uri)?.result;
    const findings = known?.version === version && known.outcome.status === 'checked' ? known.outcome.findings : undefined;
    if (kindRequested(only, CodeActionKind.QuickFix)) {
      actions.push(...quickFixes(document, params.context.diagnostics, { versioned: caps.versionedEdits, findings }));
    }
    if (kindRequested(only, FIX_ALL_KIND)) {
      const analysed = await analysis(document);
      // Refuse to fix text that changed while we were working: the edit would land in the wrong place.
      if (analysed && !token.isCancellationRequested && document.version === version && analysed.version === version && analysed.outcome.status === 'checked') {
        const fixAll = fixAllAction(document, analysed.outcome.findings, caps.versionedEdits);
        if (fixAll) actions.push(fixAll);
      }
    }
    return actions;
  });

  connection.onHover(async (params) => {
    refuseAfterShutdown();
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    const analysed = await analysis(document);
    if (!analysed || analysed.version !== document.version || analysed.outcome.status !== 'checked') return null;
    const { findings, lexicon, resolved } = analysed.outcome;
    return hoverAt(document, document.offsetAt(params.position), findings, lexicon, caps.markdownHover, resolved.config.lexicon);
  });

  connection.onExecuteCommand(async (params) => {
    refuseAfterShutdown();
    const args = params.arguments ?? [];
    if (params.command === ServerCommands.openRuleDocumentation) {
      const ruleId = String(args[0]);
      const { lexicon, extraLexicon } = lexiconFor(ruleId);
      const entry = lexicon.byId.get(ruleId)?.entry;
      const uri = entry && ruleDocumentationUri(entry, extraLexicon);
      // window/showMessageRequest and window/showDocument: an error reply means "not shown".
      if (!uri) {
        void bestEffort('window/showMessageRequest', () => connection.sendRequest(ShowMessageRequest.type, { type: MessageType.Warning, message: `Heard: no documentation found for rule '${ruleId}'.` }));
        return { opened: false };
      }
      if (caps.showDocument) {
        const shown = await bestEffort('window/showDocument', () => connection.window.showDocument({ uri, takeFocus: true }));
        if (shown?.success) return { opened: true };
      }
      void bestEffort('window/showMessageRequest', () => connection.sendRequest(ShowMessageRequest.type, { type: MessageType.Info, message: `Heard: documentation for ${ruleId}: ${uriToPath(uri) ?? uri}` }));
      return { opened: false };
    }
    if (params.command === ServerCommands.setProfile) {
      const [uri, profile] = args as [string, Profile];
      const document = documents.get(uri);
      if (!document) throw new ResponseError(LSPErrorCodes.RequestFailed, `the document is not open: ${uri}`);
      if (!PROFILES.includes(profile)) throw new ResponseError(LSPErrorCodes.RequestFailed, `unknown profile '${profile}'`);
      const edit = documentEdit(document, [setProfileEdit(document, profile)], caps.versionedEdits);
      const result = await bestEffort('workspace/applyEdit', () => connection.workspace.applyEdit({ label: `Set Heard profile to ${profile}`, edit }));
      return { applied: !!result?.applied };
    }
    if (params.command === ServerCommands.allowPhrase) {
      const [uri, phrase] = args as [unknown, unknown];
      const file = typeof uri === 'string' ? uriToPath(uri) : undefined;
      if (!file || typeof phrase !== 'string' || phrase.trim() === '') throw new ResponseError(LSPErrorCodes.RequestFailed, 'expected a document URI and a phrase');
      return allowPhraseInWorkspace(file, phrase.trim());
    }
    throw new ResponseError(LSPErrorCodes.RequestFailed, `unknown command ${params.command}`);
  });

  /**
   * Adds `phrase` to `allow:` in the config file of the document's workspace folder. An open config
   * file is edited in the editor (its unsaved text is the one to change; saving it applies the
   * change); a closed one is written on disk, and open documents are checked again.
   */
  async function allowPhraseInWorkspace(file: string, phrase: string): Promise<{ applied: boolean; configFile: string }> {
    const configFile = workspaceConfigFile(file, folderFor(file, folders) ?? path.dirname(file));
    const configUri = pathToFileURL(configFile).href;
    const open = documents.get(configUri);
    let before: string | undefined;
    try {
      before = open ? open.getText() : fs.existsSync(configFile) ? readRegularFile(configFile, MAX_CONFIG_FILE_SIZE).toString('utf8') : undefined;
    } catch (error) {
      throw new ResponseError(LSPErrorCodes.RequestFailed, `cannot read ${configFile}: ${errorMessage(error)}`);
    }
    const outcome = addAllowedPhrase(before, phrase);
    if (!outcome.changed) {
      void bestEffort('window/showMessage', () => connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Heard: nothing added to ${configFile}: ${outcome.reason}.` }));
      return { applied: false, configFile };
    }
    if (open) {
      const whole = { start: { line: 0, character: 0 }, end: open.positionAt(open.getText().length) };
      const edit = documentEdit(open, [TextEdit.replace(whole, outcome.text)], caps.versionedEdits);
      const result = await bestEffort('workspace/applyEdit', () => connection.workspace.applyEdit({ label: `Allow “${phrase}” in this workspace`, edit }));
      return { applied: !!result?.applied, configFile };
    }
    try {
      fs.writeFileSync(configFile, outcome.text);
    } catch (error) {
      throw new ResponseError(LSPErrorCodes.RequestFailed, `cannot write ${configFile}: ${errorMessage(error)}`);
    }
    recheckAll();
    return { applied: true, configFile };
  }

  connection.onRequest(RulesRequestMethod, async (params: RulesParams | undefined): Promise<RulesResult> => {
    refuseAfterShutdown();
    const uri = params?.uri;
    const [settings] = await fetchSettings(uri ? [uri] : []).then((list) => (list.length ? list : [readSettings(pushedSettings)]));
    const file = uri ? uriToPath(uri) : undefined;
    const resolved = resolveFor(file, settings, folderFor(file, folders));
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
    refuseAfterShutdown();
    const uris = params.uris ?? [];
    const settings = await fetchSettings(uris);
    const cache = new AnalysisCache();
    const files: CheckedFile[] = [];
    for (let i = 0; i < uris.length; i++) {
      if (token.isCancellationRequested) break;
      const uri = uris[i];
      const open = documents.get(uri);
      if (open) {
        const analysed = await analysis(open);
        if (analysed) files.push({ uri, diagnostics: analysed.outcome.diagnostics });
      } else {
        files.push(checkFile(uri, settings[i], folders, cache));
      }
      // Let cancellation and edits in: a large workspace is checked file by file.
      await yieldToEventLoop();
    }
    return { files };
  });

  documents.listen(connection);
}
