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
  /** `docx` files are reported by paragraph: `line` is the paragraph number. */
  kind: 'text' | 'docx';
  findings: ReportedFinding[];
  suppressed: number;
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
  skipped: number;
  fixed: number;
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
    skipped: report.skipped.length,
    fixed: 0,
  };
  for (const file of report.files) {
    if (file.findings.length > 0) summary.filesWithFindings++;
    summary.suppressed += file.suppressed;
    if (file.fix?.written) summary.fixed += file.fix.applied.length;
    for (const f of file.findings) {
      summary.findings++;
      summary.bySeverity[f.severity]++;
      summary.byCategory[f.category]++;
      summary.byCategorySeverity[f.category][f.severity]++;
      summary.byRule[f.ruleId] = (summary.byRule[f.ruleId] ?? 0) + 1;
    }
  }
  summary.byRule = Object.fromEntries(Object.entries(summary.byRule).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return summary;
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
