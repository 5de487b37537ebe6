// Command-line arguments: node's own parseArgs, then validation into typed options. Every problem
// becomes a UsageError with a one-line reason (exit code 2).
import * as os from 'os';
import { parseArgs, type ParseArgsConfig } from 'util';
import { CATEGORY_IDS, PROFILES, SEVERITIES, type CategoryId, type HeardConfig, type Severity, type SeveritySetting } from '../engine';
import { UsageError } from './io';
import { parseShard, type Shard } from './jsonlInput';
import type { ReportArgs } from '../report/command';

export const OUTPUT_FORMATS = ['text', 'compact', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export type FixMode = 'none' | 'write' | 'dry-run';

/** Settings shared by every command that reads configuration. */
export interface ConfigArgs {
  configFile?: string;
  /** CLI flags layered over the config file by resolveSettings. */
  overrides: HeardConfig;
}

export interface CheckArgs extends ConfigArgs {
  paths: string[];
  format: OutputFormat;
  failOn: Severity;
  maxWarnings?: number;
  stdin: boolean;
  stdinFilename?: string;
  fix: FixMode;
  /** --fix-read-only: --fix also rewrites files without write permission. */
  fixReadOnly: boolean;
  skipUnreadable: boolean;
  /** Most worker threads to use; 1 checks everything in the main thread. */
  jobs: number;
  ruleDocsUrl?: string;
  /** --baseline FILE: leave out the findings it holds. */
  baseline?: string;
  /** --write-baseline FILE: record every finding of this run in FILE (then compare with it). */
  writeBaseline?: string;
  /** --min-level / --quiet: leave out findings below this level. */
  minLevel?: Severity;
  /** --show-suppressions: list each switched-off finding with its reason (text format). */
  showSuppressions: boolean;
  /** --input jsonl: one record a line, results as JSON lines (jsonlInput.ts). */
  input: 'files' | 'jsonl';
  /** --shard i/n (with --input jsonl): only the records whose id falls in share i of n. */
  shard?: Shard;
}

export interface RulesArgs extends ConfigArgs {
  format: 'text' | 'json';
  ruleId?: string;
}

type Options = NonNullable<ParseArgsConfig['options']>;

const CONFIG_OPTIONS: Options = {
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  category: { type: 'string', multiple: true },
  profile: { type: 'string' },
  'child-age': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const CHECK_OPTIONS: Options = {
  ...CONFIG_OPTIONS,
  format: { type: 'string', short: 'f' },
  'fail-on': { type: 'string' },
  'max-warnings': { type: 'string' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'fix-read-only': { type: 'boolean' },
  'skip-unreadable': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  'rule-docs-url': { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'min-level': { type: 'string' },
  'show-suppressions': { type: 'boolean' },
  input: { type: 'string' },
  shard: { type: 'string' },
};

const RULES_OPTIONS: Options = { ...CONFIG_OPTIONS, format: { type: 'string', short: 'f' } };

type Values = Record<string, string | boolean | string[] | undefined>;

function parse(args: string[], options: Options): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (e) {
    const err = e as Error & { code?: string };
    const option = /'(-[^' ]+)/.exec(err.message)?.[1];
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option '${option}'`);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw new UsageError(/argument missing/.test(err.message) ? `option '${option}' needs a value` : `option '${option}' takes no value`);
    }
    throw new UsageError(err.message.split('\n')[0]);
  }
}

function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${what} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

function integer(value: string, what: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${what} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''} (got '${value}')`);
  }
  return Number(value);
}

/** `id=severity` pairs from repeated --rule / --category flags. */
function settings(values: string[] | undefined, flag: string, allowed: readonly string[]): Array<[string, string]> {
  return (values ?? []).map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--${flag} takes id=level, e.g. --${flag} ${flag === 'rule' ? 'chose-to' : 'jargon'}=off (got '${pair}')`);
    const id = pair.slice(0, at).trim();
    const level = oneOf(pair.slice(at + 1).trim(), allowed, `the level in --${flag} ${pair}`);
    return [id, level];
  });
}

function configArgs(values: Values): ConfigArgs {
  const overrides: HeardConfig = {};
  if (typeof values.profile === 'string') overrides.profile = oneOf(values.profile, PROFILES, '--profile');
  if (typeof values['child-age'] === 'string') overrides.childAge = integer(values['child-age'], '--child-age', 0, 120);
  const rules = settings(values.rule as string[] | undefined, 'rule', [...SEVERITIES, 'off', 'on']);
  if (rules.length > 0) overrides.rules = Object.fromEntries(rules) as Record<string, SeveritySetting | 'on'>;
  const categories = settings(values.category as string[] | undefined, 'category', [...SEVERITIES, 'off']);
  for (const [id] of categories) oneOf(id, CATEGORY_IDS, 'the category in --category');
  if (categories.length > 0) overrides.categories = Object.fromEntries(categories) as Partial<Record<CategoryId, SeveritySetting>>;
  return { configFile: values.config as string | undefined, overrides };
}

/**
 * One worker per core but one: V8 compiles hot code and collects garbage on background threads, and
 * a check leans on them while it warms up. On two cores, two workers took longer than one thread
 * (349 files, 2.5 MB: 2.3 s against 1.9 s; bench/README.md, scaling).
 */
export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/** Arguments of `heard check`; `help` is true when the user asked for the command's help. */
export function parseCheckArgs(args: string[]): CheckArgs & { help: boolean } {
  const { values, positionals } = parse(args, CHECK_OPTIONS);
  const base = configArgs(values);
  if (values.fix && values['fix-dry-run']) throw new UsageError('use either --fix or --fix-dry-run, not both');
  if (values['fix-read-only'] && !values.fix) throw new UsageError('--fix-read-only goes with --fix');
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename needs --stdin');
  if (values.stdin && positionals.length > 0) throw new UsageError('--stdin reads the text from standard input: give no paths with it');
  if (values.stdin && values.fix) throw new UsageError('--fix cannot write to standard input: use --fix-dry-run to see the changes');
  const format = oneOf((values.format as string | undefined) ?? 'text', OUTPUT_FORMATS, '--format');
  if (values['fix-dry-run'] && format !== 'text') throw new UsageError('--fix-dry-run prints a diff, so it only works with --format text');
  if (typeof values['max-file-size'] === 'string') base.overrides.maxFileSize = integer(values['max-file-size'], '--max-file-size', 1);
  if (values.baseline !== undefined && values['write-baseline'] !== undefined) {
    throw new UsageError('use either --baseline FILE (compare with it) or --write-baseline FILE (record this run in it), not both');
  }
  if (values['write-baseline'] !== undefined && values['fix-dry-run']) throw new UsageError('--write-baseline records findings: it cannot be used with --fix-dry-run');
  if (values.quiet && values['min-level'] !== undefined) throw new UsageError('--quiet is --min-level error: use one of them');
  const minLevel = values.quiet ? 'error' : typeof values['min-level'] === 'string' ? oneOf(values['min-level'], SEVERITIES, '--min-level') : undefined;
  if (values['show-suppressions'] && format !== 'text') throw new UsageError('--show-suppressions is for the text format: json and sarif always list suppressions');
  const docsUrl = values['rule-docs-url'] as string | undefined;
  if (docsUrl !== undefined && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(docsUrl)) throw new UsageError(`--rule-docs-url must be an absolute URL (got '${docsUrl}')`);
  const input = oneOf((values.input as string | undefined) ?? 'files', ['files', 'jsonl'] as const, '--input');
  if (values.shard !== undefined && input !== 'jsonl') throw new UsageError('--shard splits JSON-lines records: it goes with --input jsonl');
  if (input === 'jsonl') {
    const clash = ['format', 'fix', 'fix-dry-run', 'stdin', 'stdin-filename', 'baseline', 'write-baseline', 'show-suppressions', 'max-warnings'].find((o) => values[o] !== undefined);
    if (clash) throw new UsageError(`--input jsonl writes one JSON line per record: --${clash} does not apply (see heard check --help)`);
  }
  return {
    ...base,
    help: !!values.help,
    input,
    ...(typeof values.shard === 'string' ? { shard: parseShard(values.shard) } : {}),
    paths: positionals,
    format,
    failOn: oneOf((values['fail-on'] as string | undefined) ?? 'warning', SEVERITIES, '--fail-on'),
    maxWarnings: typeof values['max-warnings'] === 'string' ? integer(values['max-warnings'], '--max-warnings', 0) : undefined,
    stdin: !!values.stdin,
    stdinFilename: values['stdin-filename'] as string | undefined,
    fix: values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : 'none',
    fixReadOnly: !!values['fix-read-only'],
    skipUnreadable: !!values['skip-unreadable'],
    jobs: typeof values.jobs === 'string' ? integer(values.jobs, '--jobs', 1, 256) : defaultJobs(),
    ruleDocsUrl: docsUrl,
    baseline: values.baseline as string | undefined,
    writeBaseline: values['write-baseline'] as string | undefined,
    minLevel,
    showSuppressions: !!values['show-suppressions'],
  };
}

const REPORT_OPTIONS: Options = {
  ...CONFIG_OPTIONS,
  out: { type: 'string', short: 'o' },
  'data-dir': { type: 'string' },
  compare: { type: 'string' },
  'group-by': { type: 'string' },
  title: { type: 'string' },
  'skip-unreadable': { type: 'boolean' },
  'max-file-size': { type: 'string' },
};

/** Arguments of `heard report` (server/src/report/command.ts). */
export function parseReportArgs(args: string[]): ReportArgs & { help: boolean } {
  const { values, positionals } = parse(args, REPORT_OPTIONS);
  const base = configArgs(values);
  if (typeof values['max-file-size'] === 'string') base.overrides.maxFileSize = integer(values['max-file-size'], '--max-file-size', 1);
  const out = values.out as string | undefined;
  if (!values.help && (out === undefined || out === '')) throw new UsageError('heard report needs --out FILE.html, the report to write');
  return {
    ...base,
    help: !!values.help,
    paths: positionals,
    out: out ?? '',
    dataDir: values['data-dir'] as string | undefined,
    compare: values.compare as string | undefined,
    groupBy: (values['group-by'] as string | undefined) ?? 'folder',
    title: (values.title as string | undefined) ?? 'Heard language audit',
    skipUnreadable: !!values['skip-unreadable'],
  };
}

/** Arguments of `heard rules` and `heard explain RULE`. */
export function parseRulesArgs(args: string[], command: 'rules' | 'explain'): RulesArgs & { help: boolean } {
  const { values, positionals } = parse(args, RULES_OPTIONS);
  const base = configArgs(values);
  const format = oneOf((values.format as string | undefined) ?? 'text', ['text', 'json'] as const, '--format');
  if (values.help) return { ...base, format, help: true };
  if (command === 'rules' && positionals.length > 0) throw new UsageError(`heard rules takes no arguments (got '${positionals[0]}'); use heard explain RULE`);
  if (command === 'explain' && positionals.length !== 1) throw new UsageError('heard explain takes one rule id, e.g. heard explain chose-to');
  return { ...base, format, help: false, ruleId: positionals[0] };
}
