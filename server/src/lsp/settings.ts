// Editor settings (`heard.*`), as the client returns them through `workspace/configuration`.
// Values come from user JSON, so every field is checked; a bad value is dropped and reported,
// never passed to the engine.
import * as os from 'os';
import * as path from 'path';
import { CATEGORY_IDS, PROFILES, SEVERITIES, type CategoryId, type HeardConfig, type Profile, type SeveritySetting } from '../engine';

export interface EditorSettings {
  enable: boolean;
  /** `undefined`: the project config file, its `profiles:` globs or front matter decide. */
  profile?: Profile;
  childAge?: number;
  rules: Record<string, SeveritySetting | 'on'>;
  categories: Partial<Record<CategoryId, SeveritySetting>>;
  /** Bytes; `undefined`: the project config file's `maxFileSize`, else DEFAULT_MAX_FILE_SIZE. */
  maxFileSize?: number;
  /** Extra lexicon files (absolute, or relative to the workspace folder). */
  lexicon: string[];
  debounceMs: number;
  /**
   * False in an untrusted workspace: `.heard.yaml`'s `lexicon:` files are not loaded. Set by the
   * server from what the client said at start-up, never read from the client's settings.
   */
  workspaceTrusted?: boolean;
}

export const DEFAULT_DEBOUNCE_MS = 150;
/** The engine tags about 200 KB a second on first sight; above this the editor would wait too long. */
export const DEFAULT_MAX_FILE_SIZE = 512 * 1024;

export const DEFAULT_SETTINGS: EditorSettings = {
  enable: true,
  rules: {},
  categories: {},
  lexicon: [],
  debounceMs: DEFAULT_DEBOUNCE_MS,
};

const RULE_VALUES: readonly string[] = [...SEVERITIES, 'off', 'on'];
const CATEGORY_VALUES: readonly string[] = [...SEVERITIES, 'off'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the `heard` section a client sent. Unknown keys are ignored (clients add their own, such
 * as `trace`); wrong values are left out and described in `problems`.
 */
export function parseSettings(raw: unknown): { settings: EditorSettings; problems: string[] } {
  const settings: EditorSettings = { ...DEFAULT_SETTINGS, rules: {}, categories: {}, lexicon: [] };
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings, problems };
  if (!isRecord(raw)) return { settings, problems: ['heard settings must be an object'] };

  if (raw.enable !== undefined) {
    if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
    else problems.push('heard.enable must be true or false');
  }
  if (raw.profile !== undefined && raw.profile !== null && raw.profile !== 'auto' && raw.profile !== '') {
    if ((PROFILES as readonly unknown[]).includes(raw.profile)) settings.profile = raw.profile as Profile;
    else problems.push(`heard.profile must be one of auto, ${PROFILES.join(', ')}`);
  }
  if (raw.childAge !== undefined && raw.childAge !== null) {
    if (Number.isInteger(raw.childAge) && (raw.childAge as number) >= 0 && (raw.childAge as number) <= 25) settings.childAge = raw.childAge as number;
    else problems.push('heard.childAge must be a whole number from 0 to 25');
  }
  if (raw.rules !== undefined && raw.rules !== null) {
    if (!isRecord(raw.rules)) problems.push('heard.rules must map rule ids to a severity, off or on');
    else
      for (const [id, value] of Object.entries(raw.rules)) {
        if (typeof value === 'string' && RULE_VALUES.includes(value)) settings.rules[id] = value as SeveritySetting | 'on';
        else problems.push(`heard.rules.${id} must be one of ${RULE_VALUES.join(', ')}`);
      }
  }
  if (raw.categories !== undefined && raw.categories !== null) {
    if (!isRecord(raw.categories)) problems.push('heard.categories must map category ids to a severity or off');
    else
      for (const [id, value] of Object.entries(raw.categories)) {
        if (!(CATEGORY_IDS as readonly string[]).includes(id)) problems.push(`heard.categories: unknown category '${id}'`);
        else if (typeof value === 'string' && CATEGORY_VALUES.includes(value)) settings.categories[id as CategoryId] = value as SeveritySetting;
        else problems.push(`heard.categories.${id} must be one of ${CATEGORY_VALUES.join(', ')}`);
      }
  }
  if (raw.maxFileSize !== undefined && raw.maxFileSize !== null) {
    if (Number.isInteger(raw.maxFileSize) && (raw.maxFileSize as number) > 0) settings.maxFileSize = raw.maxFileSize as number;
    else problems.push('heard.maxFileSize must be a positive whole number of bytes');
  }
  if (raw.lexicon !== undefined && raw.lexicon !== null) {
    if (Array.isArray(raw.lexicon) && raw.lexicon.every((p) => typeof p === 'string')) settings.lexicon = (raw.lexicon as string[]).filter((p) => p.trim() !== '');
    else problems.push('heard.lexicon must be a list of file paths');
  }
  if (raw.debounceMs !== undefined && raw.debounceMs !== null) {
    if (Number.isInteger(raw.debounceMs) && (raw.debounceMs as number) >= 0 && (raw.debounceMs as number) <= 10000) settings.debounceMs = raw.debounceMs as number;
    else problems.push('heard.debounceMs must be a whole number of milliseconds from 0 to 10000');
  }
  return { settings, problems };
}

/** Expands `${workspaceFolder}` and `~` in a lexicon path and makes it absolute. */
export function expandPath(p: string, workspaceFolder: string | undefined): string {
  let out = p.trim();
  if (workspaceFolder) out = out.replace(/\$\{workspaceFolder\}/g, workspaceFolder);
  if (out === '~' || out.startsWith('~/')) out = path.join(os.homedir(), out.slice(1));
  return path.resolve(workspaceFolder ?? process.cwd(), out);
}

/** Editor settings as configuration overrides for `resolveSettings` (they win over `.heard.yaml`). */
export function toOverrides(settings: EditorSettings, workspaceFolder: string | undefined): HeardConfig {
  const overrides: HeardConfig = {};
  if (settings.profile) overrides.profile = settings.profile;
  if (settings.childAge !== undefined) overrides.childAge = settings.childAge;
  if (Object.keys(settings.rules).length > 0) overrides.rules = settings.rules;
  if (Object.keys(settings.categories).length > 0) overrides.categories = settings.categories;
  if (settings.maxFileSize !== undefined) overrides.maxFileSize = settings.maxFileSize;
  if (settings.lexicon.length > 0) overrides.lexicon = settings.lexicon.map((p) => expandPath(p, workspaceFolder));
  return overrides;
}
