// The one configuration resolver: the CLI and the language server both call resolveSettings().
// It finds `.heard.yaml` by walking up from the document, validates it, layers the caller's
// overrides (editor settings or CLI flags) on top, loads extra lexicon files and picks the profile
// by glob. Front matter in the document is applied later, by the engine.
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import type AjvClass from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { yaml } from '../engine/libraries';
import { lineOfPath } from '../engine/lexicon';
import { RECORD_CHECK_NAMES } from '../engine/checks';
import { didYouMean } from '../engine/suggest';
import { linearRegex } from '../engine/linearRegex';
import { CATEGORY_IDS, PROFILES, SEVERITIES, LexiconError, type CompiledLexicon, type DocumentFormat, type HeardConfig, type Profile } from '../engine';
import { DIRECTIVE_RULE_IDS } from './directives';
import { resolveExtends, type LoadedConfig } from './extends';
import { loadLexicon, MAX_LEXICON_BYTES } from './lexiconFiles';
import { ReadRefused, readRegularFile, requireRegularFile } from './safeRead';

export const CONFIG_FILE_NAMES = ['.heard.yaml', '.heard.yml', 'heard.config.yaml'];

/** One thing wrong in a configuration file, at a 1-based line. */
export interface ConfigProblem {
  line?: number;
  message: string;
}

/**
 * A configuration problem the user must fix; the message names the file and line. A file with
 * several problems gives one line of the message for each (`problems` holds them all).
 */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    more: ConfigProblem[] = [],
  ) {
    const problems = [{ line, message }, ...more];
    super(problems.map((p) => (file ? `${file}${p.line ? `:${p.line}` : ''}: ${p.message}` : p.message)).join('\n'));
    this.problems = problems;
    this.name = 'ConfigError';
  }

  static of(file: string, problems: ConfigProblem[]): ConfigError {
    return new ConfigError(problems[0].message, file, problems[0].line, problems.slice(1));
  }
}

const severityOrOff = { enum: [...SEVERITIES, 'off'] };
const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    profile: { enum: [...PROFILES] },
    childAge: { type: 'integer', minimum: 0, maximum: 120 },
    'child-age': { type: 'integer', minimum: 0, maximum: 120 },
    attendanceAge: { type: 'integer', minimum: 0, maximum: 25 },
    rules: { type: 'object', additionalProperties: { enum: [...SEVERITIES, 'off', 'on'] } },
    // Category and check names are checked by checkNames(), which can suggest the closest.
    categories: { type: 'object', additionalProperties: severityOrOff },
    profiles: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['files', 'profile'],
        properties: {
          files: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
          profile: { enum: [...PROFILES] },
        },
      },
    },
    lexicon: { type: 'array', items: { type: 'string' } },
    allow: { type: 'array', items: { type: 'string' } },
    ignore: { type: 'array', items: { type: 'string' } },
    checks: { type: 'object', additionalProperties: { anyOf: [{ enum: [...SEVERITIES, 'off', 'on'] }, { type: 'object' }] } },
    recordSeparator: { type: 'string' },
    maxFileSize: { type: 'integer', minimum: 1 },
    // Shared settings this file builds on (extends.ts).
    extends: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  },
};
const CONFIG_KEYS = Object.keys(CONFIG_SCHEMA.properties);
const PROFILE_RULE_KEYS = Object.keys(CONFIG_SCHEMA.properties.profiles.items.properties);
let configValidator: ValidateFunction | undefined;
/** Compiled on first use: most runs read no configuration file. Every problem is reported, not just the first. */
const validateConfig = (): ValidateFunction => {
  if (!configValidator) {
    const Ajv = (require('ajv') as { default: typeof AjvClass }).default;
    configValidator = new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);
  }
  return configValidator;
};

/** Finds the nearest config file at or above `startDir`. */
export function findConfigFile(startDir: string): string | undefined {
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * A config file as read: its settings (with those of the files it extends), where each of its own
 * settings is written, and the files the settings came from.
 */
type ConfigFileData = LoadedConfig;

/** One file's own settings and its `extends:` entries, cached until the file changes. */
const fileCache = new Map<string, { mtime: number; data: ConfigFileData; extendsTargets?: string | string[] }>();

type Keys = Array<string | number>;

/** One schema error in words, with the closest known key for an unknown one. */
function describeSchemaError(err: ErrorObject): { keys: Keys; message: string } | undefined {
  const keys: Keys = err.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
  const where = keys.length > 0 ? keys.join('.') : 'config';
  if (err.keyword === 'additionalProperties') {
    const key = (err.params as { additionalProperty: string }).additionalProperty;
    const known = keys.length === 0 ? CONFIG_KEYS : keys[0] === 'profiles' ? PROFILE_RULE_KEYS : [];
    const label = keys.length === 0 ? `unknown key '${key}'` : `${where}: unknown key '${key}'`;
    return { keys: [...keys, key], message: `${label}${didYouMean(key, known)}` };
  }
  // Under checks:, a bad level fails both branches of the anyOf: the anyOf's message says it once.
  if (err.keyword === 'enum' && keys[0] === 'checks') return undefined;
  if (err.keyword === 'enum') return { keys, message: `${where}: must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` };
  // A `checks:` value is a level or an object of options: say so once, not once per branch.
  if (keys[0] === 'checks' && (err.keyword === 'anyOf' || err.keyword === 'type')) {
    return err.keyword === 'anyOf' ? { keys, message: `${where}: must be one of ${[...SEVERITIES, 'off', 'on'].join(', ')}, or options for the check` } : undefined;
  }
  if (err.keyword === 'required') return { keys, message: `${where}: missing '${(err.params as { missingProperty: string }).missingProperty}'` };
  return { keys, message: `${where}: ${err.message ?? 'is invalid'}` };
}

/** Names the schema cannot check with a useful message: categories and record checks. */
function checkNames(config: Record<string, unknown>, lineOf: ConfigFileData['lineOf']): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const names = (key: string, known: readonly string[], what: string) => {
    const map = config[key];
    if (!map || typeof map !== 'object' || Array.isArray(map)) return;
    for (const name of Object.keys(map)) {
      if (!known.includes(name)) problems.push({ line: lineOf([key, name]), message: `${key}: unknown ${what} '${name}'${didYouMean(name, known)}` });
    }
  };
  names('categories', CATEGORY_IDS, 'category');
  names('checks', RECORD_CHECK_NAMES, 'check');
  return problems;
}

/** A config file is a few lines; more than this is not one. */
export const MAX_CONFIG_FILE_SIZE = 1024 * 1024;

/** Where each lexicon path of a config file was written (path → file:line), for messages about it. */
const lexiconOrigins = new Map<string, { file: string; line: number }>();

/** A config file's text: a regular file only (a named pipe would block, a device fill memory). */
function readConfigText(file: string): string {
  try {
    return readRegularFile(file, MAX_CONFIG_FILE_SIZE).toString('utf8');
  } catch (e) {
    if (!(e instanceof ReadRefused)) throw e;
    throw new ConfigError(e.size !== undefined ? `too large for a config file (more than ${MAX_CONFIG_FILE_SIZE / 1024 / 1024} MB)` : e.message, file);
  }
}

/** Reads and validates a config file and those it extends. Throws ConfigError with file:line. */
function loadConfigFile(file: string, chain: string[] = []): ConfigFileData {
  const { data, extendsTargets } = loadOwnConfigFile(file);
  return resolveExtends(file, data, extendsTargets, chain, { load: loadConfigFile, merge: mergeConfig, error: (message, at, line) => new ConfigError(message, at, line) });
}

/** Reads and validates one config file (cached until it changes). Throws ConfigError with file:line. */
function loadOwnConfigFile(file: string): { data: ConfigFileData; extendsTargets?: string | string[] } {
  let mtime: number;
  try {
    mtime = fs.statSync(file).mtimeMs;
  } catch (e) {
    throw new ConfigError(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
  }
  const cached = fileCache.get(file);
  if (cached && cached.mtime === mtime) return cached;
  const text = readConfigText(file);
  const counter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(`YAML syntax: ${e.message.split('\n')[0]}`, file, counter.linePos(e.pos[0]).line);
  }
  const lineOf = (keys: Keys) => lineOfKeyPath(doc, counter, keys);
  let data: unknown;
  try {
    // The yaml library refuses documents whose aliases would expand without bound (a "billion laughs").
    data = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as unknown;
  } catch (e) {
    throw new ConfigError(`YAML: ${(e as Error).message.split('\n')[0]}`, file);
  }
  const validate = validateConfig();
  const problems: ConfigProblem[] = [];
  if (!validate(data)) {
    const seen = new Set<string>();
    for (const err of validate.errors ?? []) {
      const described = describeSchemaError(err);
      if (!described) continue;
      const problem = { line: lineOf(described.keys), message: described.message };
      const key = `${problem.line}\u0000${problem.message}`;
      if (!seen.has(key)) problems.push(problem);
      seen.add(key);
    }
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) problems.push(...checkNames(data as Record<string, unknown>, lineOf));
  const separator = (data as { recordSeparator?: unknown } | null)?.recordSeparator;
  if (typeof separator === 'string') {
    try {
      new RegExp(separator, 'm');
      try {
        // As the engine compiles it: matched in linear time, so in RE2's syntax.
        linearRegex(separator, { ignoreCase: false, multiline: true });
      } catch (e) {
        problems.push({ line: lineOf(['recordSeparator']), message: `recordSeparator: ${(e as Error).message}` });
      }
    } catch (e) {
      problems.push({ line: lineOf(['recordSeparator']), message: `recordSeparator: not a valid regular expression: ${(e as Error).message}` });
    }
  }
  // Record-check options may hold regexes (`checks: {child-voice: {exclude: [...]}}`): matched in linear time too.
  const checks = (data as { checks?: unknown } | null)?.checks;
  if (checks && typeof checks === 'object' && !Array.isArray(checks)) {
    for (const [name, options] of Object.entries(checks as Record<string, unknown>)) {
      const exclude = options && typeof options === 'object' ? (options as { exclude?: unknown }).exclude : undefined;
      if (!Array.isArray(exclude)) continue;
      exclude.forEach((source, i) => {
        try {
          if (typeof source !== 'string') throw new Error('must be a regular expression (a string)');
          linearRegex(source);
        } catch (e) {
          problems.push({ line: lineOf(['checks', name, 'exclude', i]), message: `checks.${name}.exclude: ${(e as Error).message}` });
        }
      });
    }
  }
  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw ConfigError.of(file, problems);
  }
  const raw = data as HeardConfig & { 'child-age'?: number; extends?: string | string[] };
  const { extends: extendsTargets, ...config } = raw as HeardConfig & { 'child-age'?: number; extends?: string | string[] };
  if (raw['child-age'] !== undefined && config.childAge === undefined) config.childAge = raw['child-age'];
  delete (config as { 'child-age'?: number })['child-age'];
  // Paths in a config file are relative to it.
  const dir = path.dirname(file);
  if (config.lexicon) {
    config.lexicon = config.lexicon.map((p, i) => {
      const resolved = path.resolve(dir, p);
      lexiconOrigins.set(resolved, { file, line: lineOf(['lexicon', i]) });
      return resolved;
    });
  }
  const loaded = { data: { config, lineOf, files: [file] }, extendsTargets };
  fileCache.set(file, { mtime, ...loaded });
  return loaded;
}

/** The line of a key (not its value) at a path, so `rules:\n  streetwize:\n    error` points at the name. */
function lineOfKeyPath(doc: ReturnType<ReturnType<typeof yaml>['parseDocument']>, counter: InstanceType<ReturnType<typeof yaml>['LineCounter']>, keys: Keys): number {
  const last = keys[keys.length - 1];
  if (typeof last === 'string') {
    const map = doc.getIn(keys.slice(0, -1), true);
    if (yaml().isMap(map)) {
      for (const pair of map.items) {
        if (yaml().isScalar(pair.key) && pair.key.value === last && pair.key.range) return counter.linePos(pair.key.range[0]).line;
      }
    }
  }
  return lineOfPath(doc, counter, keys);
}

/** Reads and validates a config file (cached until it changes). Throws ConfigError with file:line. */
export function readConfigFile(file: string): HeardConfig {
  return loadConfigFile(file).config;
}

/** Layers `over` on `base`: scalars replace, rule/category maps merge, lists concatenate. */
export function mergeConfig(base: HeardConfig, over: HeardConfig): HeardConfig {
  const merged: HeardConfig = { ...base };
  for (const [key, value] of Object.entries(over) as Array<[keyof HeardConfig, unknown]>) {
    if (value === undefined) continue;
    if (key === 'rules' || key === 'categories' || key === 'checks') {
      (merged as Record<string, unknown>)[key] = { ...(base[key] as object), ...(value as object) };
    } else if (key === 'lexicon' || key === 'allow' || key === 'ignore' || key === 'profiles') {
      (merged as Record<string, unknown>)[key] = [...((base[key] as unknown[]) ?? []), ...(value as unknown[])];
    } else {
      (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

export interface ResolvedSettings {
  /** The merged configuration passed to the engine. */
  config: HeardConfig;
  configFile?: string;
  /** The config files `configFile` extends, directly or not (extends.ts). */
  extendedFiles?: string[];
  /** Lexicon files the config file names that were not loaded (`ignoreConfigLexicon`). */
  ignoredLexicon?: string[];
  lexicon: CompiledLexicon;
  /** Profile from overrides, glob or config (front matter may still override in the engine). */
  profile?: Profile;
  format: DocumentFormat;
}

export interface ResolveOptions {
  /** Editor settings or CLI flags; they win over the config file. */
  overrides?: HeardConfig;
  /** Use this config file instead of searching (CLI `--config`). */
  configFile?: string;
  /** Where to start searching when the document has no path (stdin, untitled). */
  cwd?: string;
  /**
   * Leave out the config file's `lexicon:` files (an untrusted editor workspace: its files must
   * not add patterns); they are listed in `ignoredLexicon`. Lexicons in `overrides` still load.
   */
  ignoreConfigLexicon?: boolean;
}

export function formatForPath(file: string | undefined): DocumentFormat {
  return file && /\.(md|markdown|mdx|mdown)$/i.test(file) ? 'markdown' : 'plaintext';
}

/** Settings for one document. Throws ConfigError for a broken config or lexicon file. */
export function resolveSettings(documentPath: string | undefined, options: ResolveOptions = {}): ResolvedSettings {
  const startDir = documentPath ? path.dirname(path.resolve(documentPath)) : path.resolve(options.cwd ?? process.cwd());
  const configFile = options.configFile ? path.resolve(options.configFile) : findConfigFile(startDir);
  if (options.configFile && !fs.existsSync(configFile!)) throw new ConfigError(`config file not found: ${configFile}`);
  const loaded = configFile ? loadConfigFile(configFile) : undefined;
  let fromFile = loaded?.config ?? {};
  let ignoredLexicon: string[] | undefined;
  if (options.ignoreConfigLexicon && fromFile.lexicon?.length) {
    ignoredLexicon = fromFile.lexicon;
    fromFile = { ...fromFile, lexicon: undefined };
  }
  const overrides = { ...(options.overrides ?? {}) };
  checkOverrideSeverities(overrides);
  if (overrides.lexicon) overrides.lexicon = overrides.lexicon.map((p) => path.resolve(options.cwd ?? process.cwd(), p));
  const config = mergeConfig(fromFile, overrides);

  let profile: Profile | undefined = options.overrides?.profile;
  if (!profile && documentPath && config.profiles) {
    const base = configFile ? path.dirname(configFile) : startDir;
    const relative = path.relative(base, path.resolve(documentPath)).split(path.sep).join('/');
    for (const rule of config.profiles) {
      if (picomatch(rule.files, { dot: true })(relative)) {
        profile = rule.profile;
        break;
      }
    }
  }
  profile ??= config.profile;

  const extraLexicon = config.lexicon ?? [];
  checkLexiconPaths(extraLexicon, configFile, loaded?.files ?? []);
  let lexicon: CompiledLexicon;
  try {
    lexicon = loadLexicon(extraLexicon);
  } catch (e) {
    if (e instanceof LexiconError) throw new ConfigError(e.detail, e.file, e.line);
    // The core lexicon alone never fails here: an error with extra files comes from them.
    if (extraLexicon.length > 0) throw lexiconLoadError(extraLexicon, e, configFile);
    throw e;
  }
  // Rules of a lexicon left out (untrusted workspace) are not unknown: they just do not run.
  // Each file's rule ids at its own lines (a shared file's rules may come from its own lexicon).
  if (loaded && configFile && !ignoredLexicon) {
    for (const file of loaded.files) {
      const own = loadOwnConfigFile(file).data;
      checkRuleIds(own.config, lexicon, file, own.lineOf);
    }
  }
  const extended = loaded && loaded.files.length > 1 ? { extendedFiles: loaded.files.slice(0, -1) } : {};
  return { config: { ...config, profile }, configFile, ...extended, ...(ignoredLexicon ? { ignoredLexicon } : {}), lexicon, profile, format: formatForPath(documentPath) };
}

/**
 * Severities given as overrides (editor settings, which an editor other than VS Code does not check
 * against the extension's schema) are held to the config file's rules: "maybe" is refused, not
 * passed on as a severity no report knows.
 */
function checkOverrideSeverities(overrides: HeardConfig): void {
  const problems: ConfigProblem[] = [];
  const levels: Record<'rules' | 'categories' | 'checks', readonly string[]> = {
    rules: [...SEVERITIES, 'off', 'on'],
    categories: [...SEVERITIES, 'off'],
    checks: [...SEVERITIES, 'off', 'on'],
  };
  for (const key of ['rules', 'categories', 'checks'] as const) {
    for (const [name, value] of Object.entries((overrides[key] ?? {}) as Record<string, unknown>)) {
      if (key === 'checks' && value !== null && typeof value === 'object' && !Array.isArray(value)) continue;
      if (typeof value !== 'string' || !levels[key].includes(value)) {
        problems.push({ message: `settings: ${key}.${name}: ${JSON.stringify(value)} is not a severity; must be one of ${levels[key].join(', ')}` });
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems[0].message, undefined, undefined, problems.slice(1));
}

/**
 * Each extra lexicon path must name a regular file: a folder, a named pipe or a device gives a
 * message that names the path (and the config line that gave it), never a hang or a stack trace.
 */
function checkLexiconPaths(paths: string[], configFile: string | undefined, configFiles: string[]): void {
  for (const extra of paths) {
    const origin = lexiconOrigins.get(extra);
    const where: [string | undefined, number | undefined] = origin && configFiles.includes(origin.file) ? [origin.file, origin.line] : [configFile, undefined];
    let stat: fs.Stats;
    try {
      stat = fs.statSync(extra);
    } catch {
      throw new ConfigError(`lexicon file not found: ${extra}`, ...where);
    }
    if (stat.isDirectory()) throw new ConfigError(`lexicon: ${extra} is a folder; name the .yaml files in it`, ...where);
    try {
      requireRegularFile(stat);
    } catch (e) {
      throw new ConfigError(`lexicon: ${extra} is ${(e as Error).message}`, ...where);
    }
    if (stat.size > MAX_LEXICON_BYTES) throw new ConfigError(`lexicon: ${extra} is too large for a lexicon file (more than ${MAX_LEXICON_BYTES / 1024 / 1024} MB)`, ...where);
  }
}

/** Why an extra lexicon file could not be loaded when the engine did not say (a YAML alias bomb, a read error). */
function lexiconLoadError(paths: string[], error: unknown, configFile: string | undefined): ConfigError {
  if (error instanceof ReadRefused) return new ConfigError(`lexicon: ${error.message}`, configFile);
  for (const extra of paths) {
    try {
      const doc = yaml().parseDocument(readRegularFile(extra, MAX_LEXICON_BYTES).toString('utf8'));
      doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      return new ConfigError(`YAML: ${(e as Error).message.split('\n')[0]}`, extra);
    }
  }
  return new ConfigError(`could not load the lexicon files ${paths.join(', ')}: ${(error as Error).message}`, configFile);
}

/** Every rule id under `rules:` must name a rule of the lexicon in use (core plus `lexicon:` files). */
function checkRuleIds(config: HeardConfig, lexicon: CompiledLexicon, file: string, lineOf: ConfigFileData['lineOf']): void {
  const known = (id: string) => lexicon.byId.has(id) || DIRECTIVE_RULE_IDS.includes(id);
  const problems: ConfigProblem[] = [];
  for (const id of Object.keys(config.rules ?? {})) {
    if (known(id)) continue;
    const hint = didYouMean(id, [...lexicon.byId.keys(), ...DIRECTIVE_RULE_IDS]);
    const category = (CATEGORY_IDS as readonly string[]).includes(id) ? ` ('${id}' is a category: put it under categories:)` : '';
    problems.push({ line: lineOf(['rules', id]), message: `rules: unknown rule '${id}'${category || hint}` });
  }
  if (problems.length > 0) throw ConfigError.of(file, problems);
}
