// The JSON format: a stable contract (version 1), documented in docs/cli.md. Add fields only with
// a new version number.
import type { CheckReport, ReportedFinding, Summary } from '../report';

export const JSON_FORMAT_VERSION = 1;

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
  };
}

export function formatJson(report: CheckReport, summary: Summary): string {
  const json = {
    version: JSON_FORMAT_VERSION,
    files: report.files.map((file) => ({ path: file.path, findings: file.findings.map(findingJson) })),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason })),
    summary: {
      files: summary.files,
      filesWithFindings: summary.filesWithFindings,
      findings: summary.findings,
      bySeverity: summary.bySeverity,
      byCategory: summary.byCategory,
      byRule: summary.byRule,
      suppressed: summary.suppressed,
      skipped: summary.skipped,
      fixed: summary.fixed,
    },
  };
  return JSON.stringify(json, null, 2) + '\n';
}
