// The human format: `path:line:col  severity  rule  message`, the source line with the span
// underlined and the first rewrite, then a summary by category and severity.
import { CATEGORY_IDS, SEVERITIES, type Severity } from '../../engine';
import type { Colors } from '../io';
import type { CheckReport, CheckedFile, ReportedFinding, Summary } from '../report';
import { terminalSafe, terminalSafeLine } from './terminal';

/** Lines longer than this are shown as a window around the finding. */
const MAX_EXCERPT = 160;
const CONTEXT = 60;

export function severityColor(colors: Colors, severity: Severity): (s: string) => string {
  return severity === 'error' ? colors.red : severity === 'warning' ? colors.yellow : severity === 'information' ? colors.cyan : colors.dim;
}

export function formatText(report: CheckReport, summary: Summary, colors: Colors): string {
  const out: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) out.push(formatFinding(file, f, colors), '');
  }
  out.push(formatSummary(summary, colors));
  return out.join('\n') + '\n';
}

function formatFinding(file: CheckedFile, f: ReportedFinding, colors: Colors): string {
  const paint = severityColor(colors, f.severity);
  const lines = [`${colors.bold(`${terminalSafeLine(file.path)}:${f.line}:${f.column}`)}  ${paint(f.severity)}  ${colors.dim(terminalSafeLine(f.ruleId))}  ${terminalSafe(f.message)}`];
  const source = file.sourceLines[f.line];
  if (source !== undefined) {
    const gutter = file.kind === 'docx' ? `¶${f.line}` : String(f.line);
    const pad = ' '.repeat(gutter.length);
    const start = f.column - 1;
    const end = f.endLine === f.line ? Math.max(f.endColumn - 1, start + 1) : Math.max(source.length, start + 1);
    const { text, caretStart, caretLength } = excerpt(source, start, end);
    lines.push(`  ${colors.dim(`${gutter} |`)} ${text}`);
    lines.push(`  ${colors.dim(`${pad} |`)} ${' '.repeat(caretStart)}${paint('^'.repeat(caretLength))}`);
    if (f.suggestions.length > 0) {
      // A rewrite can be a short template over several lines: keep them under "try:".
      const [first, ...more] = terminalSafe(f.suggestions[0]).split('\n');
      lines.push(`  ${colors.dim(`${pad} =`)} try: ${first}`);
      for (const line of more) if (line.trim() !== '') lines.push(`  ${pad}        ${line}`);
    }
  }
  return lines.join('\n');
}

/** The line (or a window of it) with tabs shown as single spaces so the carets line up. */
export function excerpt(line: string, start: number, end: number): { text: string; caretStart: number; caretLength: number } {
  let from = 0;
  let to = line.length;
  if (line.length > MAX_EXCERPT) {
    from = Math.max(0, start - CONTEXT);
    to = Math.min(line.length, Math.max(end, start + 1) + CONTEXT);
  }
  const prefix = from > 0 ? '…' : '';
  const suffix = to < line.length ? '…' : '';
  // Control characters from the document become visible stand-ins, one for one (terminal.ts).
  const text = prefix + terminalSafe(line.slice(from, to).replace(/\t/g, ' ')) + suffix;
  const caretStart = prefix.length + start - from;
  const caretLength = Math.max(1, Math.min(end, to) - start);
  return { text, caretStart, caretLength };
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

const SEVERITY_WORDS: Record<Severity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  information: ['information', 'information'],
  hint: ['hint', 'hints'],
};

export function formatSummary(summary: Summary, colors: Colors): string {
  const out: string[] = [];
  if (summary.findings === 0) {
    out.push(colors.green(`No findings in ${plural(summary.files, 'file')}.`));
  } else {
    const bySeverity = SEVERITIES.filter((s) => summary.bySeverity[s] > 0)
      .map((s) => severityColor(colors, s)(plural(summary.bySeverity[s], ...SEVERITY_WORDS[s])))
      .join(', ');
    out.push(colors.bold(`${plural(summary.findings, 'finding')} in ${summary.filesWithFindings} of ${plural(summary.files, 'file')} (${bySeverity})`));
    const categories = CATEGORY_IDS.filter((c) => summary.byCategory[c] > 0);
    const width = Math.max('category'.length, ...categories.map((c) => c.length));
    const headings = SEVERITIES.map((s) => s.padStart(Math.max(s.length, 5)));
    out.push(`  ${'category'.padEnd(width)}  ${headings.join('  ')}  ${'total'.padStart(5)}`);
    for (const c of categories) {
      const cells = SEVERITIES.map((s, i) => String(summary.byCategorySeverity[c][s]).padStart(headings[i].length));
      out.push(`  ${c.padEnd(width)}  ${cells.join('  ')}  ${String(summary.byCategory[c]).padStart(5)}`);
    }
  }
  if (summary.fixed > 0) out.push(`${plural(summary.fixed, 'finding')} fixed (details on standard error).`);
  if (summary.suppressed > 0) out.push(`${plural(summary.suppressed, 'finding')} switched off by heard-disable comments.`);
  if (summary.skipped > 0) out.push(colors.red(`${plural(summary.skipped, 'file')} could not be checked (reasons on standard error).`));
  return out.join('\n');
}
