// Baselines: the findings a repository already had when it adopted Heard, written once
// (`--write-baseline FILE`), committed, and then left out of the report and the exit code
// (`--baseline FILE`), so CI fails only on new findings.
//
// A finding is identified by its file, its rule, the flagged words and a few words either side of
// them, all normalised (case, spacing, punctuation), and never by its line: adding or removing
// text elsewhere in the file, or re-wrapping the paragraph, keeps its identity. A finding whose own
// sentence is reworded around it counts as new, which is what a reviewer wants to see.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { BaselineOutcome, CheckedFile, CheckReport } from './report';
import { comparePaths } from './report';
import { UsageError } from './io';

export const BASELINE_FORMAT = 1;
/** Words of context on each side of the flagged text. */
const CONTEXT_WORDS = 3;
/** How far to look for them, in characters. */
const CONTEXT_REACH = 120;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const BLANK_LINE = /\n[ \t]*\r?\n/;

export interface BaselineEntry {
  ruleId: string;
  /** The flagged text as it was written, for people reading the file. */
  text: string;
  fingerprint: string;
}

export interface BaselineFile {
  heardBaseline: number;
  /** Paths relative to the baseline file's folder, with `/`. */
  files: Record<string, BaselineEntry[]>;
}

function words(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(WORD) ?? []).map((w) => w.replace(/’/g, "'"));
}

/** The flagged words and up to three words either side of them in the same paragraph, normalised. */
export function fingerprintParts(text: string, offset: number, length: number): { flagged: string; before: string; after: string } {
  const end = offset + length;
  let before = text.slice(Math.max(0, offset - CONTEXT_REACH), offset);
  const blankBefore = before.split(BLANK_LINE);
  before = blankBefore[blankBefore.length - 1];
  const after = text.slice(end, end + CONTEXT_REACH).split(BLANK_LINE)[0];
  const flaggedWords = words(text.slice(offset, end));
  return {
    // A flagged span with no letters (a symbol) is kept as written, spacing collapsed.
    flagged: flaggedWords.length > 0 ? flaggedWords.join(' ') : text.slice(offset, end).replace(/\s+/g, ' ').trim(),
    before: words(before).slice(-CONTEXT_WORDS).join(' '),
    after: words(after).slice(0, CONTEXT_WORDS).join(' '),
  };
}

/** The finding's identity within its file. */
export function findingFingerprint(ruleId: string, text: string, offset: number, length: number): string {
  const { flagged, before, after } = fingerprintParts(text, offset, length);
  return createHash('sha256').update([ruleId, flagged, before, after].join('\u0000')).digest('hex').slice(0, 20);
}

/** How a checked file is named in a baseline: relative to the baseline file's folder. */
export function baselineKey(file: Pick<CheckedFile, 'path' | 'absPath'>, baselineDir: string): string {
  if (!file.absPath) return file.path;
  return path.relative(baselineDir, file.absPath).split(path.sep).join('/');
}

/** Every finding of the run, as a baseline (files and entries in a stable order, for reviewable diffs). */
export function buildBaseline(report: CheckReport, baselineFile: string): BaselineFile {
  const dir = path.dirname(baselineFile);
  const files: Record<string, BaselineEntry[]> = {};
  const keyed = report.files.map((f) => ({ key: baselineKey(f, dir), file: f })).sort((a, b) => comparePaths(a.key, b.key));
  for (const { key, file } of keyed) {
    if (file.findings.length === 0) continue;
    files[key] = file.findings.map((f) => ({ ruleId: f.ruleId, text: f.text, fingerprint: f.fingerprint }));
  }
  return { heardBaseline: BASELINE_FORMAT, files };
}

export function writeBaseline(report: CheckReport, baselineFile: string): number {
  const baseline = buildBaseline(report, baselineFile);
  fs.mkdirSync(path.dirname(baselineFile), { recursive: true });
  fs.writeFileSync(baselineFile, JSON.stringify(baseline, null, 2) + '\n');
  return Object.values(baseline.files).reduce((n, entries) => n + entries.length, 0);
}

export function readBaseline(baselineFile: string, shown: string): BaselineFile {
  let text: string;
  try {
    text = fs.readFileSync(baselineFile, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `baseline file not found: ${shown} (write one with --write-baseline ${shown})` : `cannot read the baseline ${shown}: ${code ?? (e as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${shown} is not a Heard baseline: not valid JSON (${(e as Error).message})`);
  }
  const b = data as Partial<BaselineFile>;
  if (!b || typeof b !== 'object' || typeof b.heardBaseline !== 'number' || !b.files || typeof b.files !== 'object') {
    throw new UsageError(`${shown} is not a Heard baseline (write one with --write-baseline ${shown})`);
  }
  if (b.heardBaseline > BASELINE_FORMAT) throw new UsageError(`${shown} was written by a newer Heard (baseline format ${b.heardBaseline}): update Heard`);
  for (const [key, entries] of Object.entries(b.files)) {
    if (!Array.isArray(entries) || !entries.every((e) => e && typeof e.ruleId === 'string' && typeof e.fingerprint === 'string')) {
      throw new UsageError(`${shown} is not a Heard baseline: the entries for '${key}' are damaged`);
    }
  }
  return b as BaselineFile;
}

/**
 * Takes the findings the baseline holds out of the report (each baseline entry matches one
 * finding, so a second "streetwise" in a paragraph that had one is new), and lists the entries
 * that matched nothing. Entries for files not checked in this run are not stale unless the file
 * is gone: a run over some files says nothing about the others.
 */
export function applyBaseline(report: CheckReport, baseline: BaselineFile, baselineFile: string, shown: string, written: boolean, cwd: string): BaselineOutcome {
  const dir = path.dirname(baselineFile);
  // Stale entries are named as the report names files: relative to the working folder.
  const display = (key: string) => (key === '<stdin>' ? key : path.relative(cwd, path.resolve(dir, key)).split(path.sep).join('/'));
  const outcome: BaselineOutcome = { file: shown, written, matched: 0, stale: [] };
  const checked = new Set<string>();
  for (const file of report.files) {
    const key = baselineKey(file, dir);
    checked.add(key);
    const entries = baseline.files[key] ?? [];
    const remaining = new Map<string, BaselineEntry[]>();
    for (const e of entries) {
      const list = remaining.get(e.fingerprint);
      if (list) list.push(e);
      else remaining.set(e.fingerprint, [e]);
    }
    const kept = [];
    let matched = 0;
    for (const f of file.findings) {
      const list = remaining.get(f.fingerprint);
      if (list && list.length > 0) {
        list.shift();
        matched++;
      } else {
        kept.push(f);
      }
    }
    file.findings = kept;
    file.baselined = matched;
    outcome.matched += matched;
    for (const list of remaining.values()) for (const e of list) outcome.stale.push({ path: file.path, ruleId: e.ruleId, text: e.text });
  }
  for (const [key, entries] of Object.entries(baseline.files)) {
    if (checked.has(key) || fs.existsSync(path.resolve(dir, key))) continue;
    for (const e of entries) outcome.stale.push({ path: display(key), ruleId: e.ruleId, text: e.text });
  }
  outcome.stale.sort((a, b) => comparePaths(a.path, b.path));
  return outcome;
}
