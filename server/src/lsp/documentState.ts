// The open documents and what the server knows about each: a paragraph cache, a debounce timer,
// the settings asked for it, and the last result (for a version of the text and a "generation" of
// settings). Results for an older version are dropped; settings are forgotten when the client says
// they changed, or when a config or lexicon file changes (a new generation).
import * as path from 'path';
import { pathToFileURL } from 'url';
import { MessageType, TextDocuments, type TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, type CompiledLexicon } from '../engine';
import { loadLexicon } from '../node/lexiconFiles';
import { checkDocument, errorMessage, formatBytes, uriToPath, type Outcome } from './analysis';
import type { ClientChannel } from './clientChannel';
import { configFileDiagnostics } from './diagnostics';
import { DEFAULT_SETTINGS, type EditorSettings } from './settings';
import type { SettingsStore } from './settingsStore';

export interface Analysed {
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

export class OpenDocuments {
  readonly documents: TextDocuments<TextDocument>;
  private readonly states = new Map<string, DocumentState>();
  /** Workspace folders (paths), from `initialize` and folder changes. */
  folders: string[] = [];
  /** Bumped whenever settings, config files or lexicon files may have changed. */
  private generation = 0;
  /** Lexicon files named by configuration, and config files extended: a change to one re-checks open documents. */
  readonly watchedFiles = new Set<string>();
  /** Config files that have diagnostics published on them (their problems), by URI. */
  private readonly brokenConfigs = new Map<string, string>();

  constructor(
    private readonly channel: ClientChannel,
    private readonly settings: SettingsStore,
  ) {
    this.documents = tolerantDocuments((message) => channel.connection.console.warn(message));
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** The state of a document, created on first use. */
  state(uri: string): DocumentState {
    let s = this.states.get(uri);
    if (!s) this.states.set(uri, (s = { cache: new AnalysisCache(), lastChange: 0, debounceMs: DEFAULT_SETTINGS.debounceMs }));
    return s;
  }

  /** The last result for the document, if it is for `version`. */
  resultFor(uri: string, version: number): Analysed | undefined {
    const known = this.states.get(uri)?.result;
    return known?.version === version ? known : undefined;
  }

  /** Forgets a closed document (and cancels its scheduled check). */
  close(uri: string): void {
    this.states.get(uri)?.cancelTimer?.();
    this.states.delete(uri);
  }

  cancelAll(): void {
    for (const s of this.states.values()) s.cancelTimer?.();
  }

  /** Settings for an open document, asked once per document until the client reports a change. */
  private settingsFor(uri: string): Promise<EditorSettings> {
    const s = this.state(uri);
    if (!s.settings) {
      s.settings = this.settings.fetch([uri]).then(([settings]) => settings);
      s.settings.then((settings) => (s.debounceMs = settings.debounceMs)).catch(() => undefined);
    }
    return s.settings;
  }

  /**
   * The result for the document's current text and settings: reused when it exists, shared when
   * it is being computed, and `undefined` when the text changed while settings were being fetched.
   */
  analysis(document: TextDocument): Promise<Analysed | undefined> {
    const { uri, version } = document;
    const s = this.state(uri);
    const currentGeneration = this.generation;
    if (s.result && s.result.version === version && s.result.generation === currentGeneration) return Promise.resolve(s.result);
    if (s.pending && s.pending.version === version && s.pending.generation === currentGeneration) return s.pending.promise;
    const promise = this.settingsFor(uri).then((settings) => {
      const current = this.documents.get(uri);
      if (this.channel.shuttingDown || !current || current.version !== version || this.generation !== currentGeneration || this.states.get(uri) !== s) return undefined;
      const started = Date.now();
      const outcome = checkDocument(current, settings, this.folders, s.cache);
      this.channel.connection.console.log(`Heard: ${uri} v${version}: ${outcome.status}, ${outcome.diagnostics.length} findings in ${Date.now() - started} ms`);
      this.noteWatchedFiles(outcome);
      this.report(uri, outcome);
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

  /** Checks the document and publishes its diagnostics (push clients). */
  async publish(uri: string): Promise<void> {
    const { channel } = this;
    const document = this.documents.get(uri);
    if (!document || channel.shuttingDown) return;
    const analysed = await this.analysis(document);
    // A newer version is on its way (and scheduled): never show findings for text that is gone.
    if (!analysed || channel.shuttingDown || this.documents.get(uri)?.version !== analysed.version) return;
    await channel.connection.sendDiagnostics({ uri, version: analysed.version, diagnostics: analysed.outcome.diagnostics });
  }

  /** Publishes the document's diagnostics after `delayMs` (the debounce), cancelling an earlier schedule. */
  schedule(uri: string, delayMs: number): void {
    const { channel } = this;
    if (channel.shuttingDown) return;
    const s = this.state(uri);
    s.cancelTimer?.();
    const run = () => {
      s.cancelTimer = undefined;
      this.publish(uri).catch((error) => channel.bestEffort('logging', async () => channel.connection.console.error(`Heard: ${errorMessage(error)}`)));
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
  recheckAll(): void {
    const { channel } = this;
    this.generation++;
    for (const s of this.states.values()) s.settings = undefined;
    if (channel.shuttingDown) return;
    if (channel.caps.pullDiagnostics) {
      if (channel.caps.diagnosticRefresh) void channel.bestEffort('workspace/diagnostic/refresh', () => channel.connection.languages.diagnostics.refresh());
    } else {
      for (const document of this.documents.all()) this.schedule(document.uri, 0);
    }
  }

  /** The lexicon (and its organisation files) of an open document that knows the rule, else the core. */
  lexiconFor(ruleId: string): { lexicon: CompiledLexicon; extraLexicon: string[] } {
    for (const s of this.states.values()) {
      const outcome = s.result?.outcome;
      if (outcome?.status === 'checked' && outcome.lexicon.byId.has(ruleId)) return { lexicon: outcome.lexicon, extraLexicon: outcome.resolved.config.lexicon ?? [] };
    }
    return { lexicon: loadLexicon([]), extraLexicon: [] };
  }

  private noteWatchedFiles(outcome: Outcome): void {
    if (outcome.status !== 'checked') return;
    // Lexicon files and the config files extends: names (a shared file or a package's) are watched alike.
    for (const file of [...(outcome.resolved.config.lexicon ?? []), ...(outcome.resolved.extendedFiles ?? [])]) this.watchedFiles.add(path.resolve(file));
  }

  /** Says what the user must know about an outcome: untrusted lexicons left out, a file too large, an error. */
  private report(uri: string, outcome: Outcome): void {
    const { channel } = this;
    if (outcome.status === 'checked' && outcome.resolved.ignoredLexicon) {
      const { configFile, ignoredLexicon } = outcome.resolved;
      channel.notifyOnce(
        `untrusted:${configFile}`,
        MessageType.Warning,
        `Heard: this workspace is not trusted, so the lexicon files named in ${configFile ?? '.heard.yaml'} (${ignoredLexicon.map((f) => path.basename(f)).join(', ')}) are not loaded; Heard checks with its own lexicon. Trust the workspace to use them.`,
      );
    }
    if (outcome.status === 'too-large') {
      channel.notifyOnce(
        `too-large:${uri}`,
        MessageType.Info,
        `Heard skipped ${path.basename(uriToPath(uri) ?? uri)}: ${formatBytes(outcome.bytes)} is larger than the maximum file size (${formatBytes(outcome.limit)}). Raise heard.maxFileSize (or maxFileSize in .heard.yaml) to check it.`,
      );
    } else if (outcome.status === 'error') {
      channel.notifyOnce(`error:${outcome.reason}`, MessageType.Error, `Heard: ${outcome.reason}`);
    }
    this.reportConfigFile(outcome);
  }

  /**
   * A broken config file gets its problems as diagnostics on the file itself (the Problems panel
   * lists them at their lines, even when the file is not open); they are cleared as soon as a
   * document is checked with that file again.
   */
  private reportConfigFile(outcome: Outcome): void {
    const { channel, brokenConfigs } = this;
    if (outcome.status === 'error' && outcome.config) {
      const uri = pathToFileURL(outcome.config.file).href;
      const key = outcome.reason;
      if (brokenConfigs.get(uri) === key) return;
      brokenConfigs.set(uri, key);
      void channel.bestEffort('publishing diagnostics', () => channel.connection.sendDiagnostics({ uri, diagnostics: configFileDiagnostics(outcome.config!.problems) }));
    } else if (outcome.status === 'checked' && brokenConfigs.size > 0) {
      // The config file, the files it extends and its lexicon files were read without a problem.
      for (const file of [outcome.resolved.configFile, ...(outcome.resolved.extendedFiles ?? []), ...(outcome.resolved.config.lexicon ?? [])]) {
        const uri = file && pathToFileURL(file).href;
        if (uri && brokenConfigs.delete(uri)) void channel.bestEffort('publishing diagnostics', () => channel.connection.sendDiagnostics({ uri, diagnostics: [] }));
      }
    }
  }
}
