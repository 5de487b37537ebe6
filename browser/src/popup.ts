// The popup (also the options page): switch Heard on or off for the current site (a host
// permission asked for at that moment), and choose the profile, the child's age and severities.
// Settings go to chrome.storage.sync; the service worker picks up the change and rechecks.
import { CATEGORY_IDS, type CategoryId, type SeveritySetting } from '../../server/src/engine/types';
import { originPattern, readUserSettings, type UserSettings } from './core/settings';
import { SETTINGS_KEY, type PopupRequest, type WorkerStatus } from './protocol';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const CATEGORY_LABELS: Record<CategoryId, string> = {
  'victim-blaming': 'Victim-blaming',
  adultification: 'Adultifying',
  minimising: 'Minimising',
  'hidden-perpetrator': 'Hidden perpetrator',
  disbelief: 'Disbelieving',
  attendance: 'Attendance',
  jargon: 'Jargon',
  'child-voice': "Child's voice",
  vague: 'Vague',
};
const LEVELS: Array<[SeveritySetting | '', string]> = [['', 'Rule default'], ['error', 'Error'], ['warning', 'Warning'], ['information', 'Information'], ['hint', 'Hint'], ['off', 'Off']];

function ask<T>(request: PopupRequest): Promise<T> {
  return chrome.runtime.sendMessage(request) as Promise<T>;
}

async function load(): Promise<{ settings: UserSettings; problems: string[] }> {
  const stored = await chrome.storage.sync.get(SETTINGS_KEY);
  return readUserSettings(stored[SETTINGS_KEY]);
}

async function save(change: Partial<UserSettings>): Promise<void> {
  const settings = { ...(await load()).settings, ...change };
  await chrome.storage.sync.set({ [SETTINGS_KEY]: settings });
}

function showProblems(problems: string[]): void {
  const list = $('problems');
  list.replaceChildren(...problems.map((p) => Object.assign(document.createElement('li'), { textContent: p })));
}

async function renderSite(): Promise<void> {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  const status = $('site-status');
  const toggle = $<HTMLButtonElement>('site-toggle');
  const pattern = tab?.url ? originPattern(tab.url) : undefined;
  // Opened as the options page (no web page in front): no site to switch.
  if (!tab?.id || !pattern || tab.url?.startsWith(chrome.runtime.getURL(''))) {
    status.textContent = 'Open a case-recording page to switch Heard on for it.';
    toggle.hidden = true;
    return;
  }
  const host = new URL(tab.url!).hostname;
  const on = await chrome.permissions.contains({ origins: [pattern] });
  status.textContent = on ? `Heard checks text boxes on ${host}.` : `Heard is off on ${host}.`;
  toggle.hidden = false;
  toggle.textContent = on ? `Stop checking ${host}` : `Check ${host}`;
  toggle.onclick = async () => {
    if (on) {
      await chrome.permissions.remove({ origins: [pattern] });
      await chrome.tabs.reload(tab.id!);
    } else if (await chrome.permissions.request({ origins: [pattern] })) {
      await ask({ type: 'activate-tab', tabId: tab.id! });
    }
    await renderSite();
    await renderSites();
  };
}

async function renderSites(): Promise<void> {
  const origins = ((await chrome.permissions.getAll()).origins ?? []).filter((o) => /^https?:/.test(o));
  const list = $('sites');
  if (origins.length === 0) {
    list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'None yet.' }));
    return;
  }
  list.replaceChildren(
    ...origins.map((origin) => {
      const li = document.createElement('li');
      li.textContent = origin.replace(/\/\*$/, '');
      const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Remove' });
      remove.setAttribute('aria-label', `Stop checking ${li.textContent}`);
      remove.onclick = async () => {
        // A host the manifest grants (managed deployment) cannot be removed; say so rather than fail silently.
        const removed = await chrome.permissions.remove({ origins: [origin] }).catch(() => false);
        if (!removed) showProblems([`${li.textContent} is set by the extension's installation and cannot be removed here.`]);
        await renderSites();
        await renderSite();
      };
      li.append(remove);
      return li;
    }),
  );
}

function renderAllowed(settings: UserSettings): void {
  const list = $('allowed');
  if (settings.allow.length === 0) {
    list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'None. Use “Allow this phrase” on a card.' }));
    return;
  }
  list.replaceChildren(
    ...settings.allow.map((phrase) => {
      const li = document.createElement('li');
      li.textContent = phrase;
      const remove = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Remove' });
      remove.setAttribute('aria-label', `Flag “${phrase}” again`);
      remove.onclick = async () => {
        const { settings: current } = await load();
        await save({ allow: current.allow.filter((p) => p !== phrase) });
        renderAllowed((await load()).settings);
      };
      li.append(remove);
      return li;
    }),
  );
}

async function init(): Promise<void> {
  const { settings, problems } = await load();
  const status = await ask<WorkerStatus>({ type: 'status' }).catch(() => undefined);
  const locked = status?.locked === true;
  const profile = $<HTMLSelectElement>('profile');
  profile.value = locked && status?.policy.profile ? status.policy.profile : settings.profile;
  profile.onchange = () => void save({ profile: profile.value as UserSettings['profile'] });
  const age = $<HTMLInputElement>('child-age');
  const policyAge = locked ? status?.policy.childAge : undefined;
  age.value = policyAge !== undefined ? String(policyAge) : settings.childAge === null ? '' : String(settings.childAge);
  age.onchange = () => {
    const value = age.value.trim();
    const n = Number(value);
    if (value !== '' && !(Number.isInteger(n) && n >= 0 && n <= 25)) {
      showProblems(["The child's age is a whole number from 0 to 25, or empty."]);
      return;
    }
    showProblems([]);
    void save({ childAge: value === '' ? null : n });
  };
  const categories = $('categories');
  for (const id of CATEGORY_IDS) {
    const row = document.createElement('div');
    row.className = 'category';
    const label = Object.assign(document.createElement('label'), { textContent: CATEGORY_LABELS[id], htmlFor: `cat-${id}` });
    const select = document.createElement('select');
    select.id = `cat-${id}`;
    for (const [value, text] of LEVELS) select.append(new Option(text, value));
    select.value = (locked ? status?.policy.categories?.[id] : undefined) ?? settings.categories[id] ?? '';
    select.disabled = locked;
    select.onchange = async () => {
      const { settings: current } = await load();
      const next = { ...current.categories };
      if (select.value) next[id] = select.value as SeveritySetting;
      else delete next[id];
      await save({ categories: next });
    };
    row.append(label, select);
    categories.append(row);
  }
  profile.disabled = locked;
  age.disabled = locked;
  $('locked').hidden = !locked;
  showProblems([...problems, ...(status?.problems ?? []), ...(status?.lexiconError ? [status.lexiconError] : [])]);
  if (status) {
    if (status.organisationEntries > 0 || status.lexiconError) {
      $('org').hidden = false;
      $('org-status').textContent = status.organisationEntries > 0 ? `${status.organisationEntries} organisation lexicon entries are in use.` : 'The organisation lexicon could not be used (see below).';
    }
  }
  renderAllowed(settings);
  await renderSite();
  await renderSites();
}

void init();
