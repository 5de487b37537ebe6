// The one configuration resolver: the CLI and the language server both call resolveSettings().
// It finds `.heard.yaml` by walking up from the document, validates it, layers the caller's
// overrides (editor settings or CLI flags) on top, loads extra lexicon files and picks the profile
// by glob. Front matter in the document is applied later, by the engine.
import * as fs from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';
import type { ValidateFunction } from 'ajv';
import { newAjv, yaml } from '../engine/libraries';
import { lineOfPath } from '../engine/lexicon';
import { CATEGORY_IDS, PROFILES, SEVERITIES, LexiconError, type CompiledLexicon, type DocumentFormat, type HeardConfig, type Profile } from '../engine';
import { loadLexicon, MAX_LEXICON_BYTES } from './lexiconFiles';
import { ReadRefused, readRegularFile, requireRegularFile } from './safeRead';

export const CONFIG_FILE_NAMES = ['.heard.yaml', '.heard.yml', 'heard.config.yaml'];

/** A configuration problem the user must fix; the message names the file and line. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(file ? `${file}${line ? `:${line}` : ''}: ${message}` : message);
    this.name = 'ConfigError';
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
    categories: { type: 'object', propertyNames: { enum: [...CATEGORY_IDS] }, additionalProperties: severityOrOff },
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
    checks: { type: 'object' },
    recordSeparator: { type: 'string' },
    maxFileSize: { type: 'integer', minimum: 1 },
  },
};
let configValidator: ValidateFunction | undefined;
/** Compiled on first use: most runs read no configuration file. */
const validateConfig = (): ValidateFunction => (configValidator ??= newAjv().compile(CONFIG_SCHEMA));

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

const fileCache = new Map<string, { mtime: number; config: HeardConfig }>();

/** A config file is a few lines; more than this is not one. */
export const MAX_CONFIG_FILE_SIZE = 1024 * 1024;

/** Where each lexicon path of a config file was written (path → file:line), for messages about it. */
const lexiconOrigins = new Map<string, { file: string; line: number }>();

function readConfigText(file: string): string {
  try {
    return readRegularFile(file, MAX_CONFIG_FILE_SIZE).toString('utf8');
  } catch (e) {
    if (!(e instanceof ReadRefused)) throw e;
    throw new ConfigError(e.size !== undefined ? `too large for a config file (more than ${MAX_CONFIG_FILE_SIZE / 1024 / 1024} MB)` : e.message, file);
  }
}

/** Reads and validates a config file (cached until it changes). Throws ConfigError with file:line. */
export function readConfigFile(file: string): HeardConfig {
  let mtime: number;
  try {
    mtime = fs.statSync(file).mtimeMs;
  } catch (e) {
    throw new ConfigError(`cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
  }
  const cached = fileCache.get(file);
  if (cached && cached.mtime === mtime) return cached.config;
  const text = readConfigText(file);
  const counter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(`YAML syntax: ${e.message.split('\n')[0]}`, file, counter.linePos(e.pos[0]).line);
  }
  let data: unknown;
  try {
    // The yaml library refuses documents whose aliases would expand without bound (a "billion laughs").
    data = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as unknown;
  } catch (e) {
    throw new ConfigError(`YAML: ${(e as Error).message.split('\n')[0]}`, file);
  }
  const validate = validateConfig();
  if (!validate(data)) {
    const err = validate.errors![0];
    const keys = err.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const line = lineOfPath(doc, counter, keys);
    const where = err.instancePath ? err.instancePath.slice(1).replace(/\//g, '.') : 'config';
    const detail =
      err.keyword === 'additionalProperties'
        ? `unknown key '${(err.params as { additionalProperty: string }).additionalProperty}'`
        : err.keyword === 'enum'
          ? `must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`
          : (err.message ?? 'is invalid');
    throw new ConfigError(`${where}: ${detail}`, file, line);
  }
  const raw = data as HeardConfig & { 'child-age'?: number };
  const config: HeardConfig = { ...raw };
  if (raw['child-age'] !== undefined && config.childAge === undefined) config.childAge = raw['child-age'];
  delete (config as { 'child-age'?: number })['child-age'];
  if (config.recordSeparator !== undefined) {
    try {
      // As the engine compiles it.
      new RegExp(config.recordSeparator, 'm');
    } catch (e) {
      throw new ConfigError(`recordSeparator: not a valid regular expression: ${(e as Error).message}`, file, lineOfPath(doc, counter, ['recordSeparator']));
    }
  }
  // Paths in a config file are relative to it.
  const dir = path.dirname(file);
  if (config.lexicon) {
    config.lexicon = config.lexicon.map((p, i) => {
      const resolved = path.resolve(dir, p);
      lexiconOrigins.set(resolved, { file, line: lineOfPath(doc, counter, ['lexicon', i]) });
      return resolved;
    });
  }
  fileCache.set(file, { mtime, config });
  return config;
}

/**
 * Each extra lexicon path must name a regular file: a folder, a named pipe or a device gives a
 * message that names the path (and the config line that gave it), never a hang or a stack trace.
 */
function checkLexiconPaths(paths: string[], configFile: string | undefined): void {
  for (const extra of paths) {
    const origin = lexiconOrigins.get(extra);
    const where: [string | undefined, number | undefined] = origin && origin.file === configFile ? [origin.file, origin.line] : [configFile, undefined];
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
  let fromFile = configFile ? readConfigFile(configFile) : {};
  let ignoredLexicon: string[] | undefined;
  if (options.ignoreConfigLexicon && fromFile.lexicon?.length) {
    ignoredLexicon = fromFile.lexicon;
    fromFile = { ...fromFile, lexicon: undefined };
  }
  const overrides = { ...(options.overrides ?? {}) };
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
  checkLexiconPaths(extraLexicon, configFile);
  let lexicon: CompiledLexicon;
  try {
    lexicon = loadLexicon(extraLexicon);
  } catch (e) {
    if (e instanceof LexiconError) throw new ConfigError(e.detail, e.file, e.line);
    // The core lexicon alone never fails here: an error with extra files comes from them.
    if (extraLexicon.length > 0) throw lexiconLoadError(extraLexicon, e, configFile);
    throw e;
  }
  return { config: { ...config, profile }, configFile, ...(ignoredLexicon ? { ignoredLexicon } : {}), lexicon, profile, format: formatForPath(documentPath) };
}
