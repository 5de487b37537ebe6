// The service worker: runs the engine for every page the user switched Heard on for, off the page's
// thread (typing never waits for it), keeps one AnalysisCache per field so an edit re-reads only
// the paragraphs it changed, keeps the registered content script in step with the sites the user
// granted, and sets the toolbar badge. No network request; no text is stored or logged.
import { analyse, AnalysisCache, compileLexicon, deserializeLexicon, type CompiledLexicon, type HeardConfig, type SerializedLexicon } from '../../server/src/engine';
import lexiconJson from 'heard:lexicon-compiled';
import coreLexiconSources from 'heard:lexicon-sources';
import { toPageFinding, badgeText, type Card } from './core/findings';
import { engineConfig, organisationLexiconFile, readManagedPolicy, readUserSettings, type ManagedPolicy } from './core/settings';
import { CONTENT_SCRIPT_ID, PORT_NAME, SETTINGS_KEY, type PageToWorker, type PopupRequest, type WorkerStatus, type WorkerToPage } from './protocol';

interface EngineState {
  lexicon: CompiledLexicon;
  config: HeardConfig;
  status: WorkerStatus;
}

let coreLexicon: CompiledLexicon | undefined;
function core(): CompiledLexicon {
  return (coreLexicon ??= deserializeLexicon(JSON.parse(lexiconJson) as SerializedLexicon));
}

async function readManaged(): Promise<unknown> {
  try {
    return await chrome.storage.managed.get(null);
  } catch {
    // No policy store (Firefox without a policies.json, or a browser without managed storage).
    return {};
  }
}

async function loadState(): Promise<EngineState> {
  const stored = await chrome.storage.sync.get(SETTINGS_KEY);
  const { settings, problems } = readUserSettings(stored[SETTINGS_KEY]);
  const managed = readManagedPolicy(await readManaged());
  const policy: ManagedPolicy = managed.policy;
  const status: WorkerStatus = { problems: [...problems, ...managed.problems], organisationEntries: 0, locked: policy.lockSettings === true, policy };
  let lexicon = core();
  try {
    lexicon = lexiconFor(policy);
    status.organisationEntries = policy.organisationLexicon?.length ?? 0;
  } catch (e) {
    // A broken policy must not stop checking: the core lexicon runs, and the popup says why.
    status.lexiconError = `The organisation lexicon from policy was not used: ${(e as Error).message}`;
  }
  return { lexicon, config: engineConfig(settings, policy), status };
}

/**
 * The core lexicon, or the core compiled from its YAML together with the organisation's entries
 * (in the worker: YAML parsing, the schema check with the validator generated at build time, and
 * compromise's inflection, none of which may evaluate code under the extension's CSP).
 */
function lexiconFor(policy: ManagedPolicy): CompiledLexicon {
  const organisation = organisationLexiconFile(policy);
  return organisation ? compileLexicon(coreLexiconSources, [organisation]) : core();
}

/**
 * For the tests and for an administrator checking a policy in the worker's console: compiles the
 * given entries as a policy would and returns the rule ids found in `sample` (an error says what
 * is wrong with the entries). Reads nothing from any page.
 */
(globalThis as { heardTryOrganisationLexicon?: unknown }).heardTryOrganisationLexicon = (entries: unknown, sample: string) => {
  const { policy, problems } = readManagedPolicy({ organisationLexicon: entries });
  if (problems.length) return { error: problems.join('; ') };
  try {
    const lexicon = lexiconFor(policy);
    return { ruleIds: analyse(sample, { lexicon, format: 'plaintext' }).findings.map((f) => f.ruleId) };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

let state: Promise<EngineState> = loadState();

/** Per port (one page), per field: the field's cache. Dropped with the port. */
const caches = new Map<chrome.runtime.Port, Map<string, AnalysisCache>>();
/** Per port: the cards already sent to that page. */
const cardsSent = new WeakMap<chrome.runtime.Port, Set<string>>();

function post(port: chrome.runtime.Port, message: WorkerToPage): void {
  try {
    port.postMessage(message);
  } catch {
    // The page went away while we worked.
  }
}

async function handle(port: chrome.runtime.Port, message: PageToWorker): Promise<void> {
  const fields = caches.get(port);
  if (!fields) return;
  if (message.type === 'forget') {
    fields.delete(message.field);
    return;
  }
  if (message.type === 'count') {
    const tabId = port.sender?.tab?.id;
    if (tabId === undefined) return;
    await chrome.action.setBadgeText({ tabId, text: badgeText(message.count) }).catch(() => undefined);
    await chrome.action.setBadgeBackgroundColor({ tabId, color: '#8a3b12' }).catch(() => undefined);
    return;
  }
  const { lexicon, config } = await state;
  let cache = fields.get(message.field);
  if (!cache) fields.set(message.field, (cache = new AnalysisCache()));
  const started = performance.now();
  try {
    const result = analyse(message.text, { lexicon, cache, config, format: 'plaintext', profile: config.profile, childAge: config.childAge });
    cache.endPass();
    let sent = cardsSent.get(port);
    if (!sent) cardsSent.set(port, (sent = new Set()));
    const cards: Record<string, Card> = {};
    const findings = result.findings.map((f) => {
      const { finding, card } = toPageFinding(f);
      if (!sent.has(finding.card)) {
        sent.add(finding.card);
        cards[finding.card] = card;
      }
      return finding;
    });
    post(port, { type: 'findings', field: message.field, seq: message.seq, findings, cards, ms: performance.now() - started });
  } catch (e) {
    // The error names the rule or the step, never the text.
    post(port, { type: 'failed', field: message.field, seq: message.seq, error: (e as Error).message });
  }
}

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== PORT_NAME) return;
  caches.set(port, new Map());
  port.onMessage.addListener((message: PageToWorker) => void handle(port, message));
  port.onDisconnect.addListener(() => caches.delete(port));
});

function reanalyseAll(): void {
  for (const [port, fields] of caches) {
    fields.clear();
    cardsSent.delete(port);
    post(port, { type: 'reanalyse' });
  }
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'managed' || (area === 'sync' && SETTINGS_KEY in changes)) {
    state = loadState();
    reanalyseAll();
  }
});

/**
 * The content script runs only where the user granted Heard the site (optional host permissions,
 * asked for from the popup); the registration follows the granted origins.
 */
async function syncContentScripts(): Promise<void> {
  const origins = ((await chrome.permissions.getAll()).origins ?? []).filter((o) => /^https?:\/\//.test(o));
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (origins.length === 0) {
    if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
    return;
  }
  const script = { id: CONTENT_SCRIPT_ID, matches: origins, js: ['content.js'], runAt: 'document_idle' as const, allFrames: false, persistAcrossSessions: true };
  if (existing.length) await chrome.scripting.updateContentScripts([script]);
  else await chrome.scripting.registerContentScripts([script]);
}

let syncing: Promise<void> = Promise.resolve();
function resync(): Promise<void> {
  syncing = syncing.then(syncContentScripts, syncContentScripts);
  return syncing;
}
chrome.runtime.onInstalled.addListener(() => void resync());
chrome.runtime.onStartup.addListener(() => void resync());
chrome.permissions.onAdded.addListener(() => void resync());
chrome.permissions.onRemoved.addListener(() => void resync());

chrome.commands?.onCommand.addListener(async (command, tab) => {
  if (command !== 'next-finding' || tab?.id === undefined) return;
  for (const port of caches.keys()) if (port.sender?.tab?.id === tab.id) post(port, { type: 'next-finding' });
});

chrome.runtime.onMessage.addListener((request: PopupRequest, _sender, reply) => {
  if (request.type === 'status') {
    state.then((s) => reply(s.status), (e: Error) => reply({ problems: [e.message], organisationEntries: 0, locked: false, policy: {} }));
    return true;
  }
  if (request.type === 'activate-tab') {
    // Just granted: check the open page now rather than after a reload.
    resync()
      .then(() => chrome.scripting.executeScript({ target: { tabId: request.tabId }, files: ['content.js'] }))
      .then(() => reply({ ok: true }), (e: Error) => reply({ ok: false, error: e.message }));
    return true;
  }
  return false;
});

// Tell the tests (and anyone reading the worker's console) that the worker is ready: no text here.
(globalThis as { heardReady?: Promise<unknown> }).heardReady = Promise.all([state, resync()]);
