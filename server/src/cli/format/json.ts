// The JSON format: a stable contract, documented in docs/cli.md. Add fields only with a new
// version number. Version 2 added `files[].suppressions`, `files[].baselined` and the summary's
// suppression, fixable, baseline and --min-level counts. Version 3 added `page` and `pageLine` to
// the findings and suppressions of PDF files.
import type { CheckReport, ReportedFinding, ReportedSuppression, Summary } from '../report';

export const JSON_FORMAT_VERSION = 3;

function findingJson(f: ReportedFinding) {
  return {
    ruleId: f.ruleId,
    category: f.category,
    severity: f.severity,
    message: f.message,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
    offset: f.offset,
    length: f.length,
    text: f.text,
    suggestions: f.suggestions,
    sources: f.sources,
    fixable: f.fixable,
    ...(f.fixNotSafe !== undefined ? { fixNotSafe: f.fixNotSafe } : {}),
    ...(f.page !== undefined ? { page: f.page, pageLine: f.pageLine } : {}),
  };
}

function suppressionJson(s: ReportedSuppression) {
  return {
    ruleId: s.ruleId,
    category: s.category,
    severity: s.severity,
    line: s.line,
    column: s.column,
    endLine: s.endLine,
    endColumn: s.endColumn,
    text: s.text,
    reason: s.reason,
    directiveLine: s.directiveLine,
    ...(s.page !== undefined ? { page: s.page, pageLine: s.pageLine } : {}),
  };
}

export function formatJson(report: CheckReport, summary: Summary): string {
  const json = {
    version: JSON_FORMAT_VERSION,
    files: report.files.map((file) => ({
      path: file.path,
      findings: file.findings.map(findingJson),
      suppressions: file.suppressions.map(suppressionJson),
      baselined: file.baselined ?? 0,
    })),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason })),
    summary: {
      files: summary.files,
      filesWithFindings: summary.filesWithFindings,
      findings: summary.findings,
      bySeverity: summary.bySeverity,
      byCategory: summary.byCategory,
      byRule: summary.byRule,
      fixable: summary.fixable,
      suppressed: summary.suppressed,
      suppressedByRule: summary.suppressedByRule,
      suppressedWithoutReason: summary.suppressedWithoutReason,
      skipped: summary.skipped,
      fixed: summary.fixed,
      baseline: report.baseline ? { file: report.baseline.file, written: report.baseline.written, matched: report.baseline.matched, stale: report.baseline.stale } : null,
      belowMinLevel: report.belowMinLevel ? { level: report.belowMinLevel.level, count: report.belowMinLevel.count } : null,
    },
  };
  return JSON.stringify(json, null, 2) + '\n';
}
