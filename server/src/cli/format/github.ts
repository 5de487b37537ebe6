// GitHub Actions workflow commands: one annotation per finding, within GitHub's display limit of
// 10 errors, 10 warnings and 10 notices per step. Findings past the limit are printed as plain
// log lines and summed up in one notice, so nothing is lost silently.
import type { Severity } from '../../engine';
import type { CheckReport, CheckedFile, ReportedFinding, Summary } from '../report';
import { terminalSafe, terminalSafeLine } from './terminal';

export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;

type AnnotationLevel = 'error' | 'warning' | 'notice';

export function annotationLevel(severity: Severity): AnnotationLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
}

/** Escaping for a command's message (GitHub's workflow-command rules). */
export function escapeData(s: string): string {
  // The log viewer (and a terminal, run locally) acts on control characters: show them instead.
  return terminalSafe(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escaping for a property value: also `:` and `,`, which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(level: AnnotationLevel, file: CheckedFile, f: ReportedFinding): string {
  const props = [
    `file=${escapeProperty(file.path)}`,
    `line=${f.line}`,
    `col=${f.column}`,
    `endLine=${f.endLine}`,
    `endColumn=${f.endColumn}`,
    `title=${escapeProperty(`heard(${f.ruleId})`)}`,
  ].join(',');
  const message = f.suggestions.length > 0 ? `${f.message} Try: ${f.suggestions[0]}` : f.message;
  return `::${level} ${props}::${escapeData(message)}`;
}

export function formatGithub(report: CheckReport, summary: Summary): string {
  const all: Array<{ level: AnnotationLevel; file: CheckedFile; finding: ReportedFinding }> = [];
  for (const file of report.files) for (const finding of file.findings) all.push({ level: annotationLevel(finding.severity), file, finding });
  const totals = { error: 0, warning: 0, notice: 0 };
  for (const a of all) totals[a.level]++;
  const overflow = (Object.keys(totals) as AnnotationLevel[]).some((l) => totals[l] > GITHUB_ANNOTATIONS_PER_LEVEL);
  // The overflow summary is itself a notice: keep a place for it.
  const limit = { error: GITHUB_ANNOTATIONS_PER_LEVEL, warning: GITHUB_ANNOTATIONS_PER_LEVEL, notice: GITHUB_ANNOTATIONS_PER_LEVEL - (overflow ? 1 : 0) };

  const out: string[] = [];
  const shown = { error: 0, warning: 0, notice: 0 };
  const notShown = { error: 0, warning: 0, notice: 0 };
  for (const { level, file, finding } of all) {
    if (shown[level] < limit[level]) {
      shown[level]++;
      out.push(annotation(level, file, finding));
    } else {
      notShown[level]++;
      out.push(terminalSafeLine(`${file.path}:${finding.line}:${finding.column}  ${finding.severity}  ${finding.ruleId}  ${finding.message}`));
    }
  }
  const hidden = notShown.error + notShown.warning + notShown.notice;
  if (hidden > 0) {
    const parts = (Object.keys(notShown) as AnnotationLevel[]).filter((l) => notShown[l] > 0).map((l) => `${notShown[l]} ${l}${notShown[l] === 1 ? '' : 's'}`);
    const message =
      `GitHub shows at most ${GITHUB_ANNOTATIONS_PER_LEVEL} annotations of each level per step: ${hidden} more finding${hidden === 1 ? ' is' : 's are'} ` +
      `listed in this step's log (${parts.join(', ')}). Upload --format sarif to code scanning to see them all.`;
    out.push(`::notice title=${escapeProperty(`heard: ${hidden} findings not annotated`)}::${escapeData(message)}`);
  }
  out.push(
    summary.findings === 0
      ? `heard: no findings in ${summary.files} file${summary.files === 1 ? '' : 's'}`
      : `heard: ${summary.findings} finding${summary.findings === 1 ? '' : 's'} in ${summary.filesWithFindings} of ${summary.files} file${summary.files === 1 ? '' : 's'}`,
  );
  return out.join('\n') + '\n';
}
