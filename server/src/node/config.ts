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
import { loadLexicon } from './lexiconFiles';

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

/** Reads and validates a config file (cached until it changes). Throws ConfigError with file:line. */
export function readConfigFile(file: string): HeardConfig {
  const mtime = fs.statSync(file).mtimeMs;
  const cached = fileCache.get(file);
  if (cached && cached.mtime === mtime) return cached.config;
  const text = fs.readFileSync(file, 'utf8');
  const counter = new (yaml().LineCounter)();
  const doc = yaml().parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(`YAML syntax: ${e.message.split('\n')[0]}`, file, counter.linePos(e.pos[0]).line);
  }
  const data = (doc.toJS() ?? {}) as unknown;
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
  // Paths in a config file are relative to it.
  const dir = path.dirname(file);
  if (config.lexicon) config.lexicon = config.lexicon.map((p) => path.resolve(dir, p));
  fileCache.set(file, { mtime, config });
  return config;
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
}

export function formatForPath(file: string | undefined): DocumentFormat {
  return file && /\.(md|markdown|mdx|mdown)$/i.test(file) ? 'markdown' : 'plaintext';
}

/** Settings for one document. Throws ConfigError for a broken config or lexicon file. */
export function resolveSettings(documentPath: string | undefined, options: ResolveOptions = {}): ResolvedSettings {
  const startDir = documentPath ? path.dirname(path.resolve(documentPath)) : path.resolve(options.cwd ?? process.cwd());
  const configFile = options.configFile ? path.resolve(options.configFile) : findConfigFile(startDir);
  if (options.configFile && !fs.existsSync(configFile!)) throw new ConfigError(`config file not found: ${configFile}`);
  const fromFile = configFile ? readConfigFile(configFile) : {};
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

  for (const extra of config.lexicon ?? []) {
    if (!fs.existsSync(extra)) throw new ConfigError(`lexicon file not found: ${extra}`, configFile);
  }
  let lexicon: CompiledLexicon;
  try {
    lexicon = loadLexicon(config.lexicon ?? []);
  } catch (e) {
    if (e instanceof LexiconError) throw new ConfigError(e.detail, e.file, e.line);
    throw e;
  }
  return { config: { ...config, profile }, configFile, lexicon, profile, format: formatForPath(documentPath) };
}
