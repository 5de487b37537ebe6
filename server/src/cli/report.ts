// What a check run produces, independent of the output format: per-file findings with 1-based
// positions, the files that could not be read, and the summary the formats and exit code use.
import { CATEGORY_IDS, SEVERITIES, type CategoryId, type LexiconEntry, type Severity, type SourceCitation } from '../engine';

/** A finding as reported: 1-based lines and UTF-16 columns; `endColumn` is just past the last character. */
export interface ReportedFinding {
  ruleId: string;
  category: CategoryId;
  severity: Severity;
  message: string;
  why: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** UTF-16 offset and length in the checked text (for .docx, the extracted text). */
  offset: number;
  length: number;
  text: string;
  suggestions: string[];
  sources: SourceCitation[];
  /** The first rewrite is safe and `--fix` would apply it (text files only). */
  fixable: boolean;
  /** Why the first rewrite is offered but never applied here: it could change the meaning (the entry's `fixNotSafe`). */
  fixNotSafe?: string;
  /** Identity that survives edits elsewhere in the file (baseline.ts). */
  fingerprint: string;
  /** PDF input: the 1-based page, and the line on that page (`line` is the line of the extracted text). */
  page?: number;
  pageLine?: number;
}

/** A finding switched off by a `heard-disable…` comment, with the reason the comment gives. */
export interface ReportedSuppression extends ReportedFinding {
  /** The reason after `--` in the comment; empty when none was given. */
  reason: string;
  /** 1-based line (for .docx, paragraph) of the comment. */
  directiveLine: number;
}

export interface AppliedFixReport {
  ruleId: string;
  line: number;
  column: number;
  from: string;
  to: string;
}

export interface FixReport {
  applied: AppliedFixReport[];
  /** True once the fixed text is on disk (--fix). */
  written: boolean;
  /** Unified diff of the change (--fix-dry-run). */
  diff?: string;
  /** Why nothing was written although fixes were found (a .docx, a file changed meanwhile, a write error). */
  notWritten?: string;
  /** A failure that leaves the run incomplete (exit code 2). */
  error?: boolean;
  /** Not written by choice (read-only, a link out of the checked folders, another owner): said, not an error. */
  skipped?: boolean;
  /** Written over the file's own bytes (it has other hard links, or another owner), not replaced. */
  inPlace?: boolean;
}

export interface CheckedFile {
  /** Path relative to the working directory, with forward slashes (or the --stdin-filename). */
  path: string;
  /** `docx` files are reported by paragraph: `line` is the paragraph number; `pdf` findings also carry page and pageLine. */
  kind: 'text' | 'docx' | 'pdf';
  /** Absolute path on disk; absent for standard input without --stdin-filename. */
  absPath?: string;
  findings: ReportedFinding[];
  /** Findings switched off by heard-disable comments, in document order. */
  suppressions: ReportedSuppression[];
  /** Findings left out because the baseline holds them (--baseline). */
  baselined?: number;
  /** The text of each line (for .docx, each paragraph) a finding starts on, by 1-based number. */
  sourceLines: Record<number, string>;
  fix?: FixReport;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface CheckReport {
  files: CheckedFile[];
  skipped: SkippedFile[];
  /** Lexicon entries of every lexicon used, by rule id (SARIF rule descriptions). */
  rules: Map<string, LexiconEntry>;
  /** Set when a baseline was used (--baseline or --write-baseline). */
  baseline?: BaselineOutcome;
  /** Findings below --min-level, counted and left out. */
  belowMinLevel?: { level: Severity; count: number };
}

/** What comparing the run with a baseline file found. */
export interface BaselineOutcome {
  /** The baseline file as given on the command line. */
  file: string;
  /** True when this run wrote it (--write-baseline). */
  written: boolean;
  /** Findings that were in the baseline and are not reported. */
  matched: number;
  /** Baseline entries that no longer match a finding: fixed, reworded, or their file is gone. */
  stale: Array<{ path: string; ruleId: string; text: string }>;
}

export type SeverityCounts = Record<Severity, number>;

export interface Summary {
  files: number;
  filesWithFindings: number;
  findings: number;
  bySeverity: SeverityCounts;
  byCategory: Record<CategoryId, number>;
  /** Findings per category and severity (the text format's table). */
  byCategorySeverity: Record<CategoryId, SeverityCounts>;
  byRule: Record<string, number>;
  suppressed: number;
  /** Suppressed findings per rule id. */
  suppressedByRule: Record<string, number>;
  /** Suppressing comments with no reason. */
  suppressedWithoutReason: number;
  /** Reported findings whose first rewrite --fix would apply. */
  fixable: number;
  skipped: number;
  fixed: number;
  /** Findings matched by the baseline (not reported), and stale baseline entries. */
  baselined: number;
  stale: number;
  /** Findings below --min-level (not reported). */
  belowMinLevel: number;
}

const zeroSeverities = (): SeverityCounts => ({ error: 0, warning: 0, information: 0, hint: 0 });

export function summarise(report: CheckReport): Summary {
  const summary: Summary = {
    files: report.files.length,
    filesWithFindings: 0,
    findings: 0,
    bySeverity: zeroSeverities(),
    byCategory: Object.fromEntries(CATEGORY_IDS.map((c) => [c, 0])) as Record<CategoryId, number>,
    byCategorySeverity: Object.fromEntries(CATEGORY_IDS.map((c) => [c, zeroSeverities()])) as Record<CategoryId, SeverityCounts>,
    byRule: {},
    suppressed: 0,
    suppressedByRule: {},
    suppressedWithoutReason: 0,
    fixable: 0,
    skipped: report.skipped.length,
    fixed: 0,
    baselined: report.baseline?.matched ?? 0,
    stale: report.baseline?.stale.length ?? 0,
    belowMinLevel: report.belowMinLevel?.count ?? 0,
  };
  for (const file of report.files) {
    if (file.findings.length > 0) summary.filesWithFindings++;
    summary.suppressed += file.suppressions.length;
    for (const s of file.suppressions) {
      summary.suppressedByRule[s.ruleId] = (summary.suppressedByRule[s.ruleId] ?? 0) + 1;
      if (s.reason === '') summary.suppressedWithoutReason++;
    }
    if (file.fix?.written) summary.fixed += file.fix.applied.length;
    for (const f of file.findings) {
      summary.findings++;
      if (f.fixable) summary.fixable++;
      summary.bySeverity[f.severity]++;
      summary.byCategory[f.category]++;
      summary.byCategorySeverity[f.category][f.severity]++;
      summary.byRule[f.ruleId] = (summary.byRule[f.ruleId] ?? 0) + 1;
    }
  }
  summary.byRule = sortedByKey(summary.byRule);
  summary.suppressedByRule = sortedByKey(summary.suppressedByRule);
  return summary;
}

function sortedByKey(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => comparePaths(a, b)));
}

/** Severities from most to least severe: `atOrAbove('warning')` is error and warning. */
export function atOrAbove(level: Severity): Severity[] {
  return SEVERITIES.slice(0, SEVERITIES.indexOf(level) + 1);
}

export interface ExitPolicy {
  failOn: Severity;
  maxWarnings?: number;
  skipUnreadable: boolean;
}

/** 2 when the run was incomplete (unreadable files, failed writes), 1 for findings, else 0. */
export function exitCodeFor(report: CheckReport, summary: Summary, policy: ExitPolicy): 0 | 1 | 2 {
  if (report.skipped.length > 0 && !policy.skipUnreadable) return 2;
  if (report.files.some((f) => f.fix?.error)) return 2;
  if (atOrAbove(policy.failOn).some((s) => summary.bySeverity[s] > 0)) return 1;
  if (policy.maxWarnings !== undefined && summary.bySeverity.warning > policy.maxWarnings) return 1;
  return 0;
}

/** Code-unit order, the same on every machine and locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
