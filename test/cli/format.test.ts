// Formatter details that need no lexicon: GitHub escaping and its per-step limit, and the text
// excerpt of long lines.
import * as assert from 'assert';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/cli/format/github';
import { excerpt } from '../../server/src/cli/format/text';
import { summarise, type CheckReport, type ReportedFinding } from '../../server/src/cli/report';
import type { Severity } from '../../server/src/engine';

function finding(severity: Severity, line: number, message = 'A message.'): ReportedFinding {
  return {
    ruleId: `rule-${severity}`,
    category: 'jargon',
    severity,
    message,
    why: 'Why.',
    line,
    column: 1,
    endLine: line,
    endColumn: 4,
    offset: 0,
    length: 3,
    text: 'abc',
    suggestions: [],
    sources: [],
    fixable: false,
    fingerprint: `${severity}-${line}`,
  };
}

function report(findings: ReportedFinding[], path = 'a.md'): CheckReport {
  return { files: [{ path, kind: 'text', findings, suppressions: [], sourceLines: {} }], skipped: [], rules: new Map() };
}

describe('github format', () => {
  it('escapes data and property values by GitHub workflow-command rules', () => {
    assert.strictEqual(escapeData('100% sure\r\nnext: a, b'), '100%25 sure%0D%0Anext: a, b');
    assert.strictEqual(escapeProperty('dir:x/a,b%.md\n'), 'dir%3Ax/a%2Cb%25.md%0A');
    const r = report([finding('warning', 1, 'Line one.\nLine two: 50%')], 'notes/a,b: c.md');
    assert.strictEqual(
      formatGithub(r, summarise(r)).split('\n')[0],
      '::warning file=notes/a%2Cb%3A c.md,line=1,col=1,endLine=1,endColumn=4,title=heard(rule-warning)::Line one.%0ALine two: 50%25',
    );
  });

  it('annotates at most 10 of each level, logs the rest and sums them up in one notice', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => finding('warning', i + 1)),
      ...Array.from({ length: 10 }, (_, i) => finding('information', i + 20)),
      finding('hint', 40),
      finding('error', 50),
    ];
    const r = report(findings);
    const lines = formatGithub(r, summarise(r)).trim().split('\n');
    const count = (re: RegExp) => lines.filter((l) => re.test(l)).length;
    assert.strictEqual(count(/^::warning /), 10);
    assert.strictEqual(count(/^::error /), 1);
    // Nine notices plus the summary notice: GitHub shows ten per step.
    assert.strictEqual(count(/^::notice file=/), 9);
    assert.strictEqual(count(/^a\.md:\d+:1 {2}(warning|information|hint) /), 4);
    const summary = lines.find((l) => l.startsWith('::notice title='))!;
    assert.match(summary, /^::notice title=heard%3A 4 findings not annotated::GitHub shows at most 10 annotations of each level per step: 4 more findings are listed in this step's log \(2 warnings, 2 notices\)\./);
    assert.strictEqual(lines[lines.length - 1], 'heard: 24 findings in 1 of 1 file');
  });

  it('shows all ten notices when nothing overflows', () => {
    const r = report(Array.from({ length: 10 }, (_, i) => finding('hint', i + 1)));
    const lines = formatGithub(r, summarise(r)).trim().split('\n');
    assert.strictEqual(lines.filter((l) => l.startsWith('::notice file=')).length, 10);
    assert.ok(!lines.some((l) => l.startsWith('::notice title=')));
  });
});

describe('text format excerpts', () => {
  it('shows a short line whole, with tabs as single spaces', () => {
    assert.deepStrictEqual(excerpt('\tAmira chose to go', 7, 12), { text: ' Amira chose to go', caretStart: 7, caretLength: 5 });
  });

  it('shows a window of a long line, with the carets under the span', () => {
    const line = 'x'.repeat(300) + 'chose' + 'y'.repeat(300);
    const { text, caretStart, caretLength } = excerpt(line, 300, 305);
    assert.ok(text.length < 140, `window is short: ${text.length}`);
    assert.ok(text.startsWith('…') && text.endsWith('…'));
    assert.strictEqual(text.slice(caretStart, caretStart + caretLength), 'chose');
  });
});
