// The human format, as ESLint's and Vale's CLIs print it: each file's path once, then its
// findings (`line:col  severity  rule  message`, the line with the span underlined, the first
// rewrite), everything fitted to the terminal's width; then a summary by category and severity,
// by rule, what --fix could do, what was switched off and what the baseline holds.
import { CATEGORY_IDS, SEVERITIES, type Severity } from '../../engine';
import type { Colors, OutputStream } from '../io';
import type { CheckReport, CheckedFile, ReportedFinding, ReportedSuppression, Summary } from '../report';
import { terminalSafeDeep } from './terminal';
import { charWidth, displayWidth, wrap } from './width';

export const DEFAULT_WIDTH = 80;
const MIN_WIDTH = 40;
const MAX_WIDTH = 400;
/** Stale baseline entries listed by name in the summary. */
const STALE_SHOWN = 10;

export interface TextOptions {
  /** Columns to fit into. */
  width?: number;
  /** List each suppressed finding with its reason. */
  showSuppressions?: boolean;
}

/** The terminal's width; for a pipe or file, $COLUMNS, else 80. */
export function terminalWidth(stream: OutputStream, env: NodeJS.ProcessEnv): number {
  const fromEnv = /^\d+$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : undefined;
  const columns = (stream.isTTY && stream.columns) || fromEnv || DEFAULT_WIDTH;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, columns));
}

export function severityColor(colors: Colors, severity: Severity): (s: string) => string {
  return severity === 'error' ? colors.red : severity === 'warning' ? colors.yellow : severity === 'information' ? colors.cyan : colors.dim;
}

export function formatText(unsafeReport: CheckReport, summary: Summary, colors: Colors, options: TextOptions = {}): string {
  // Paths, lines, words and reasons come from the documents: no raw control characters on a
  // terminal (terminal.ts). One visible character for each keeps the carets in place.
  const report = terminalSafeDeep(unsafeReport);
  const width = options.width ?? DEFAULT_WIDTH;
  const out: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    out.push(formatFile(file, colors, width), '');
  }
  if (options.showSuppressions) {
    const block = formatSuppressions(report, colors, width);
    if (block) out.push(block, '');
  }
  out.push(formatSummary(summary, colors, width, report, options));
  return out.join('\n') + '\n';
}

function formatFile(file: CheckedFile, colors: Colors, width: number): string {
  const where = (f: ReportedFinding) => (f.page !== undefined ? `p${f.page}:${f.pageLine}:${f.column}` : `${f.line}:${f.column}`);
  const whereWidth = Math.max(...file.findings.map((f) => where(f).length));
  const severityWidth = Math.max(...file.findings.map((f) => f.severity.length));
  const blocks = file.findings.map((f) => formatFinding(file, f, colors, width, where(f).padEnd(whereWidth), severityWidth));
  return [colors.underline(colors.bold(file.path)), blocks.join('\n\n')].join('\n');
}

/** `  line:col  severity  rule  message`, the message wrapped under itself when it is long. */
function findingHeader(f: ReportedFinding, colors: Colors, width: number, where: string, severityWidth: number): string[] {
  const paint = severityColor(colors, f.severity);
  const head = `  ${where}  ${f.severity.padEnd(severityWidth)}  ${f.ruleId}`;
  const painted = `  ${colors.dim(where)}  ${paint(f.severity.padEnd(severityWidth))}  ${colors.dim(f.ruleId)}`;
  const indent = '    ';
  const firstRoom = width - displayWidth(head) - 2;
  // A rule id so long that fewer than 20 columns are left: the message starts on the next line.
  if (firstRoom < 20) return [painted, ...wrap(f.message, width - indent.length).map((l) => indent + l)];
  const [first, ...rest] = wrap(f.message, firstRoom, width - indent.length);
  return [`${painted}  ${first}`, ...rest.map((l) => indent + l)];
}

function formatFinding(file: CheckedFile, f: ReportedFinding, colors: Colors, width: number, where: string, severityWidth: number): string {
  const paint = severityColor(colors, f.severity);
  const lines = findingHeader(f, colors, width, where, severityWidth);
  const source = file.sourceLines[f.line];
  if (source !== undefined) {
    const gutter = file.kind === 'docx' ? `¶${f.line}` : f.page !== undefined ? `p${f.page}:${f.pageLine}` : String(f.line);
    const pad = ' '.repeat(gutter.length);
    const prefix = `    ${gutter} | `;
    const start = f.column - 1;
    const end = f.endLine === f.line ? Math.max(f.endColumn - 1, start + 1) : Math.max(source.length, start + 1);
    const { text, caretStart, caretLength } = excerpt(source, start, end, width - prefix.length);
    lines.push(`    ${colors.dim(`${gutter} |`)} ${text}`);
    lines.push(`    ${colors.dim(`${pad} |`)} ${' '.repeat(caretStart)}${paint('^'.repeat(caretLength))}`);
    if (f.suggestions.length > 0) {
      // A rewrite can be a short template over several lines: keep them under "try:".
      const tryPrefix = `    ${pad} = try: `;
      const room = width - tryPrefix.length;
      const [first, ...more] = f.suggestions[0].split('\n').filter((l, i) => i === 0 || l.trim() !== '');
      const wrapped = [...wrap(first, room), ...more.flatMap((l) => wrap(l, room))];
      lines.push(`    ${colors.dim(`${pad} =`)} try: ${wrapped[0]}`);
      for (const line of wrapped.slice(1)) lines.push(`${' '.repeat(tryPrefix.length)}${line}`);
    }
  }
  return lines.join('\n');
}

/**
 * The line, or a window of it around the span, in at most `room` columns, with `…` where it is
 * cut; tabs become single spaces. `caretStart` and `caretLength` are in columns, so the carets
 * stand under the span whatever characters come before it.
 */
export function excerpt(line: string, start: number, end: number, room = DEFAULT_WIDTH): { text: string; caretStart: number; caretLength: number } {
  const chars: Array<{ ch: string; at: number; width: number }> = [];
  for (let at = 0; at < line.length; ) {
    const cp = line.codePointAt(at)!;
    const ch = String.fromCodePoint(cp);
    chars.push({ ch: ch === '\t' ? ' ' : ch, at, width: ch === '\t' ? 1 : charWidth(ch) });
    at += ch.length;
  }
  const index = (offset: number) => {
    const i = chars.findIndex((c) => c.at >= offset);
    return i < 0 ? chars.length : i;
  };
  const s = index(start);
  const e = Math.max(index(end), s + 1 > chars.length ? chars.length : s + 1);
  const width = (a: number, b: number) => {
    let w = 0;
    for (let i = a; i < b; i++) w += chars[i].width;
    return w;
  };
  room = Math.max(10, room);

  const n = chars.length;
  let from = 0;
  let to = n;
  if (width(0, n) > room) {
    // Columns the window takes, with one for each `…` at an end that is cut.
    const total = (a: number, b: number, w: number) => (a > 0 ? 1 : 0) + w + (b < n ? 1 : 0);
    let w = 0;
    from = s;
    to = s;
    // The span first (as much of it as fits), then context: up to half of what is left before
    // it, then after it, then before it again with whatever the end of the line left over.
    while (to < e && total(from, to + 1, w + chars[to].width) <= room) w += chars[to++].width;
    let before = Math.ceil((room - total(from, to, w)) / 2);
    while (from > 0 && chars[from - 1].width <= before && total(from - 1, to, w + chars[from - 1].width) <= room) {
      before -= chars[from - 1].width;
      w += chars[--from].width;
    }
    const grow = () => {
      while (to < n && total(from, to + 1, w + chars[to].width) <= room) w += chars[to++].width;
      while (from > 0 && total(from - 1, to, w + chars[from - 1].width) <= room) w += chars[--from].width;
    };
    grow();
    grow();
  }
  const prefix = from > 0 ? '…' : '';
  const suffix = to < chars.length ? '…' : '';
  const text = prefix + chars.slice(from, to).map((c) => c.ch).join('') + suffix;
  const caretStart = prefix.length + width(from, s);
  const caretLength = Math.max(1, width(s, Math.min(e, to)));
  return { text, caretStart, caretLength };
}

function formatSuppressions(report: CheckReport, colors: Colors, width: number): string | undefined {
  const files = report.files.filter((f) => f.suppressions.length > 0);
  if (files.length === 0) return undefined;
  const out = [colors.bold('Switched off by heard-disable comments:')];
  for (const file of files) {
    out.push(colors.underline(colors.bold(file.path)));
    for (const s of file.suppressions) out.push(...suppressionLines(s, colors, width, file.kind === 'docx' ? 'paragraph' : 'line'));
  }
  return out.join('\n');
}

function suppressionLines(s: ReportedSuppression, colors: Colors, width: number, unit: string): string[] {
  const line = `${s.line}:${s.column}  ${s.ruleId}  "${s.text.replace(/\s+/g, ' ')}"`;
  const head = fit(line, width - 2).map((l) => `  ${l}`);
  const reason = wrap(`${s.reason ? `reason: ${s.reason}` : 'no reason given'} (comment on ${unit} ${s.directiveLine})`, width - 6).map((l) => `      ${l}`);
  return [...head, ...(s.reason ? reason : reason.map((l) => colors.yellow(l)))];
}

/** The line as it is when it fits (keeping its spacing), else wrapped. */
function fit(line: string, width: number): string[] {
  return displayWidth(line) <= width ? [line] : wrap(line, width);
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

/** `rule 2, other 1`, most first. */
function countsByRule(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([id, n]) => `${id} ${n}`)
    .join(', ');
}

export function formatSummary(summary: Summary, colors: Colors, width = DEFAULT_WIDTH, report?: CheckReport, options: TextOptions = {}): string {
  const out: string[] = [];
  const say = (text: string, paint: (s: string) => string = (s) => s) => out.push(...wrap(text, width).map(paint));
  if (summary.findings === 0) {
    out.push(colors.green(`No ${summary.baselined > 0 ? 'new ' : ''}findings in ${plural(summary.files, 'file')}.`));
  } else {
    const bySeverity = SEVERITIES.filter((s) => summary.bySeverity[s] > 0)
      .map((s) => severityColor(colors, s)(plural(summary.bySeverity[s], ...SEVERITY_WORDS[s])))
      .join(', ');
    const label = summary.baselined > 0 ? plural(summary.findings, 'new finding') : plural(summary.findings, 'finding');
    out.push(colors.bold(`${label} in ${summary.filesWithFindings} of ${plural(summary.files, 'file')} (${bySeverity})`));
    const categories = CATEGORY_IDS.filter((c) => summary.byCategory[c] > 0);
    const categoryWidth = Math.max('category'.length, ...categories.map((c) => c.length));
    const headings = SEVERITIES.map((s) => s.padStart(Math.max(s.length, 5)));
    out.push(colors.dim(`  ${'category'.padEnd(categoryWidth)}  ${headings.join('  ')}  ${'total'.padStart(5)}`));
    for (const c of categories) {
      const cells = SEVERITIES.map((s, i) => String(summary.byCategorySeverity[c][s]).padStart(headings[i].length));
      out.push(`  ${c.padEnd(categoryWidth)}  ${cells.join('  ')}  ${String(summary.byCategory[c]).padStart(5)}`);
    }
    // Per rule, most first (where a team's effort goes), in as many columns as the width takes.
    const rules = Object.entries(summary.byRule).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
    const idWidth = Math.max(...rules.map(([id]) => id.length));
    const countWidth = Math.max(...rules.map(([, n]) => String(n).length));
    const cellWidth = idWidth + 2 + countWidth;
    const columns = Math.max(1, Math.min(rules.length, Math.floor((width - 2 + 4) / (cellWidth + 4))));
    const rows = Math.ceil(rules.length / columns);
    out.push(colors.dim('  by rule'));
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < columns && c * rows + r < rules.length; c++) {
        const [id, n] = rules[c * rows + r];
        cells.push(`${id.padEnd(idWidth)}  ${String(n).padStart(countWidth)}`);
      }
      out.push(`  ${cells.join('    ')}`.trimEnd());
    }
    if (summary.fixable > 0) {
      const which = summary.findings === 1 ? 'It has' : `${summary.fixable} of them ${summary.fixable === 1 ? 'has' : 'have'}`;
      say(`${which} a safe rewrite (nothing to fill in): --fix applies ${summary.fixable === 1 ? 'it' : 'them'}, --fix-dry-run shows the changes.`);
    } else {
      say(`${summary.findings === 1 ? 'It has no' : 'None has a'} safe rewrite: ${summary.findings === 1 ? 'it needs' : 'each needs'} facts only the writer knows.`);
    }
  }
  if (summary.belowMinLevel > 0 && report?.belowMinLevel) {
    say(`${plural(summary.belowMinLevel, 'finding')} below ${report.belowMinLevel.level} not shown (--min-level ${report.belowMinLevel.level}).`, colors.dim);
  }
  if (report?.baseline) {
    const b = report.baseline;
    const known = `${plural(b.matched, 'finding')} in the baseline ${b.file} not shown${b.written ? ' (just written)' : ''}.`;
    say(known, colors.dim);
    if (b.stale.length > 0) {
      say(
        `${plural(b.stale.length, 'baseline entry', 'baseline entries')} no longer ${b.stale.length === 1 ? 'matches' : 'match'} a finding (fixed, reworded, or the file is gone): ` +
          `run with --write-baseline ${b.file} to drop ${b.stale.length === 1 ? 'it' : 'them'}.`,
        colors.yellow,
      );
      for (const s of b.stale.slice(0, STALE_SHOWN)) out.push(...fit(`${s.path}  ${s.ruleId}  "${s.text.replace(/\s+/g, ' ')}"`, width - 2).map((l) => `  ${l}`));
      if (b.stale.length > STALE_SHOWN) out.push(`  … and ${b.stale.length - STALE_SHOWN} more`);
    }
  }
  if (summary.fixed > 0) say(`${plural(summary.fixed, 'finding')} fixed (details on standard error).`);
  if (summary.suppressed > 0) {
    const noReason = summary.suppressedWithoutReason > 0 ? `; ${summary.suppressedWithoutReason} with no reason` : '';
    const more = options.showSuppressions ? '' : ' --show-suppressions lists them with their reasons.';
    say(`${plural(summary.suppressed, 'finding')} switched off by heard-disable comments (${countsByRule(summary.suppressedByRule)}${noReason}).${more}`);
  }
  if (summary.skipped > 0) say(`${plural(summary.skipped, 'file')} could not be checked (reasons on standard error).`, colors.red);
  return out.join('\n');
}
