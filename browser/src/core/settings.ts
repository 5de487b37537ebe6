// The extension's settings: what the user chose in the popup (chrome.storage.sync), what an
// administrator set by policy (chrome.storage.managed, browser/managed_schema.json), and the engine
// configuration the two make together. Pure, so the merge is unit-tested.
import { CATEGORY_IDS, PROFILES, type CategoryId, type HeardConfig, type LexiconEntry, type Profile, type SeveritySetting } from '../../../server/src/engine/types';
import type { LexiconFile } from '../../../server/src/engine/lexicon';

const SEVERITY_SETTINGS: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

/** What the user sets in the popup. Stored in chrome.storage.sync under `settings`. */
export interface UserSettings {
  profile: Profile;
  /** The child's age for age-dependent rules; null: the age found in the text. */
  childAge: number | null;
  /** Severity per category, or `off`; a category not listed keeps each rule's own severity. */
  categories: Partial<Record<CategoryId, SeveritySetting>>;
  /** Phrases never flagged ("allow this phrase"), lower case. */
  allow: string[];
}

export const DEFAULT_SETTINGS: UserSettings = { profile: 'case-note', childAge: null, categories: {}, allow: [] };

/** What an administrator may set (browser/managed_schema.json). Every key is optional. */
export interface ManagedPolicy {
  profile?: Profile;
  childAge?: number;
  categories?: Partial<Record<CategoryId, SeveritySetting>>;
  rules?: Record<string, SeveritySetting | 'on'>;
  allow?: string[];
  /** The organisation's own lexicon entries, in the core lexicon's format (lexicon/README.md). */
  organisationLexicon?: LexiconEntry[];
  /** When true the policy's profile, age and severities win and the popup shows them read-only. */
  lockSettings?: boolean;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validAge(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 25 ? v : undefined;
}

function validCategories(v: unknown, problems: string[], where: string): Partial<Record<CategoryId, SeveritySetting>> {
  const out: Partial<Record<CategoryId, SeveritySetting>> = {};
  if (v === undefined) return out;
  if (!isRecord(v)) {
    problems.push(`${where}: expected an object of category: severity`);
    return out;
  }
  for (const [k, s] of Object.entries(v)) {
    if (!(CATEGORY_IDS as readonly string[]).includes(k)) problems.push(`${where}: unknown category '${k}'`);
    else if (typeof s !== 'string' || !SEVERITY_SETTINGS.includes(s)) problems.push(`${where}.${k}: '${String(s)}' is not one of ${SEVERITY_SETTINGS.join(', ')}`);
    else out[k as CategoryId] = s as SeveritySetting;
  }
  return out;
}

function validPhrases(v: unknown): string[] {
  return Array.isArray(v) ? [...new Set(v.filter((p): p is string => typeof p === 'string').map((p) => p.trim().toLowerCase()).filter(Boolean))] : [];
}

/**
 * Stored settings made safe to use: anything unreadable falls back to its default and is named in
 * `problems` (the popup shows them), and nothing that is valid is dropped.
 */
export function readUserSettings(raw: unknown): { settings: UserSettings; problems: string[] } {
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings: { ...DEFAULT_SETTINGS }, problems };
  if (!isRecord(raw)) return { settings: { ...DEFAULT_SETTINGS }, problems: ['settings: not an object; using the defaults'] };
  const profile = (PROFILES as readonly unknown[]).includes(raw.profile) ? (raw.profile as Profile) : DEFAULT_SETTINGS.profile;
  if (raw.profile !== undefined && profile !== raw.profile) problems.push(`profile: '${String(raw.profile)}' is not case-note or review`);
  const childAge = raw.childAge === null || raw.childAge === undefined ? null : validAge(raw.childAge) ?? null;
  if (raw.childAge !== null && raw.childAge !== undefined && childAge === null) problems.push(`childAge: '${String(raw.childAge)}' is not a whole number from 0 to 25`);
  return {
    settings: { profile, childAge, categories: validCategories(raw.categories, problems, 'categories'), allow: validPhrases(raw.allow) },
    problems,
  };
}

/** The policy an administrator set, checked the same way (unknown values are named, not fatal). */
export function readManagedPolicy(raw: unknown): { policy: ManagedPolicy; problems: string[] } {
  const problems: string[] = [];
  if (!isRecord(raw)) return { policy: {}, problems };
  const policy: ManagedPolicy = {};
  if (raw.profile !== undefined) {
    if ((PROFILES as readonly unknown[]).includes(raw.profile)) policy.profile = raw.profile as Profile;
    else problems.push(`policy profile: '${String(raw.profile)}' is not case-note or review`);
  }
  if (raw.childAge !== undefined) {
    const age = validAge(raw.childAge);
    if (age === undefined) problems.push(`policy childAge: '${String(raw.childAge)}' is not a whole number from 0 to 25`);
    else policy.childAge = age;
  }
  if (raw.categories !== undefined) policy.categories = validCategories(raw.categories, problems, 'policy categories');
  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) problems.push('policy rules: expected an object of rule id: severity');
    else {
      policy.rules = {};
      for (const [id, s] of Object.entries(raw.rules)) {
        if (typeof s === 'string' && [...SEVERITY_SETTINGS, 'on'].includes(s)) policy.rules[id] = s as SeveritySetting | 'on';
        else problems.push(`policy rules.${id}: '${String(s)}' is not a severity, 'off' or 'on'`);
      }
    }
  }
  if (raw.allow !== undefined) policy.allow = validPhrases(raw.allow);
  if (raw.organisationLexicon !== undefined) {
    if (Array.isArray(raw.organisationLexicon)) policy.organisationLexicon = raw.organisationLexicon as LexiconEntry[];
    else problems.push('policy organisationLexicon: expected a list of lexicon entries');
  }
  if (raw.lockSettings !== undefined) policy.lockSettings = raw.lockSettings === true;
  return { policy, problems };
}

/**
 * The engine configuration: the policy gives the organisation's defaults and the user's choices
 * win, unless the policy locks its settings. Allowed phrases are the union of both lists.
 */
export function engineConfig(user: UserSettings, policy: ManagedPolicy): HeardConfig {
  const locked = policy.lockSettings === true;
  const profile = locked ? policy.profile ?? user.profile : user.profile;
  const childAge = locked && policy.childAge !== undefined ? policy.childAge : user.childAge ?? policy.childAge;
  const categories = locked ? { ...user.categories, ...policy.categories } : { ...policy.categories, ...user.categories };
  const config: HeardConfig = { profile, categories, allow: [...new Set([...(policy.allow ?? []), ...user.allow])] };
  if (childAge !== undefined && childAge !== null) config.childAge = childAge;
  if (policy.rules) config.rules = { ...policy.rules };
  return config;
}

/** The organisation's entries as a lexicon file for `compileLexicon` (JSON is YAML, so no conversion). */
export function organisationLexiconFile(policy: ManagedPolicy): LexiconFile | undefined {
  if (!policy.organisationLexicon || policy.organisationLexicon.length === 0) return undefined;
  return { path: 'managed-policy:organisationLexicon', text: JSON.stringify({ entries: policy.organisationLexicon }, null, 1) };
}

/** The origin pattern a permission is asked for: `https://records.example.org/*`. Only http(s) pages can be switched on. */
export function originPattern(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return `${parsed.protocol}//${parsed.hostname}/*`;
}
