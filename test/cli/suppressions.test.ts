// Suppressions as records: every finding a heard-disable comment switched off is listed with the
// comment's reason (JSON, text; SARIF in sarif.test.ts), and a comment with no reason or with an
// unknown rule id is a finding of its own.
import * as assert from 'assert';
import { removeTempProjects, runCli, tempProject, testConfig } from './helpers';

const NOTE = [
  '# Visit',
  '',
  '<!-- heard-disable-next-line cli-chose-to -- quoting the referral as written -->',
  'Amira chose to go back.',
  '',
  'Amira is streetwise. <!-- heard-disable-line cli-streetwise -->',
  '',
  '<!-- heard-disable victim-blaming -- minutes reproduced as agreed by the panel -->',
  'She is putting herself at risk. Jo chose to stay.',
  '<!-- heard-enable victim-blaming -->',
  '',
].join('\n');

interface JsonSuppression {
  ruleId: string;
  line: number;
  column: number;
  text: string;
  reason: string;
  directiveLine: number;
}

describe('heard check: suppressions as records', function () {
  after(removeTempProjects);

  it('json lists every suppressed finding with its rule, place, text, reason and the comment line', async () => {
    const cwd = tempProject({ 'a.md': NOTE });
    const json = JSON.parse((await runCli(['check', '--format', 'json'], { cwd })).stdout);
    const rows = json.files[0].suppressions.map((s: JsonSuppression) => [s.ruleId, s.line, s.column, s.text, s.reason, s.directiveLine]);
    assert.deepStrictEqual(rows, [
      ['cli-chose-to', 4, 7, 'chose', 'quoting the referral as written', 3],
      ['cli-streetwise', 6, 10, 'streetwise', '', 6],
      ['cli-self-at-risk', 9, 8, 'putting herself at risk', 'minutes reproduced as agreed by the panel', 8],
      ['cli-chose-to', 9, 36, 'chose', 'minutes reproduced as agreed by the panel', 8],
    ]);
    assert.deepStrictEqual(Object.keys(json.files[0].suppressions[0]), ['ruleId', 'category', 'severity', 'line', 'column', 'endLine', 'endColumn', 'text', 'reason', 'directiveLine']);
    assert.strictEqual(json.summary.suppressed, 4);
    assert.deepStrictEqual(json.summary.suppressedByRule, { 'cli-chose-to': 2, 'cli-self-at-risk': 1, 'cli-streetwise': 1 });
    assert.strictEqual(json.summary.suppressedWithoutReason, 1);
  });

  it('a disable comment with no reason is a finding (warning, so the exit code is 1), on by default', async () => {
    const cwd = tempProject({ 'a.md': NOTE });
    const run = await runCli(['check', '--format', 'json'], { cwd });
    assert.strictEqual(run.code, 1);
    const json = JSON.parse(run.stdout);
    const findings = json.files[0].findings;
    assert.deepStrictEqual(
      findings.map((f: { ruleId: string; line: number; column: number; text: string; severity: string }) => [f.ruleId, f.severity, f.line, f.column, f.text]),
      [['disable-without-reason', 'warning', 6, 27, 'heard-disable-line cli-streetwise']],
    );
    assert.match(findings[0].message, /comment gives no reason\. Say why the wording is kept, after --/);
    assert.deepStrictEqual(findings[0].suggestions, ['heard-disable-line cli-streetwise -- [why the wording is kept]']);
  });

  it('a placeholder reason counts as none; an enable comment needs no reason', async () => {
    const cwd = tempProject({ 'a.md': 'Amira is streetwise. <!-- heard-disable-line cli-streetwise -- reason -->\n\n<!-- heard-disable cli-incident -- [reason] -->\nAn incident.\n<!-- heard-enable cli-incident -->\n' });
    const json = JSON.parse((await runCli(['check', '--format', 'json'], { cwd })).stdout);
    const findings = json.files[0].findings.map((f: { ruleId: string; line: number; message: string }) => [f.ruleId, f.line]);
    assert.deepStrictEqual(findings, [
      ['disable-without-reason', 1],
      ['disable-without-reason', 3],
    ]);
    assert.match(json.files[0].findings[0].message, /gives 'reason' as its reason: write the real one/);
  });

  it('a comment naming an unknown rule or category is a finding, with the closest ids', async () => {
    const cwd = tempProject({ 'a.md': '<!-- heard-disable-next-line cli-chose-too, victim-blamming -- quoting the referral -->\nAmira chose to go back.\n' });
    const run = await runCli(['check', '--format', 'json'], { cwd });
    const json = JSON.parse(run.stdout);
    const unknown = json.files[0].findings.filter((f: { ruleId: string }) => f.ruleId === 'disable-unknown-rule');
    assert.deepStrictEqual(
      unknown.map((f: { text: string; line: number; column: number }) => [f.text, f.line, f.column]),
      [
        ['cli-chose-too', 1, 30],
        ['victim-blamming', 1, 45],
      ],
    );
    assert.match(unknown[0].message, /'cli-chose-too' in this heard-disable-next-line comment is not a rule or category, so it switches nothing \(did you mean 'cli-chose-to'\?\)/);
    assert.match(unknown[1].message, /did you mean 'victim-blaming'\?/);
    // The misspelt comment switched nothing off.
    assert.ok(json.files[0].findings.some((f: { ruleId: string }) => f.ruleId === 'cli-chose-to'));
    assert.deepStrictEqual(json.files[0].suppressions, []);
  });

  it('both rules are configured by id (rules:, --rule), not by category, and --fix leaves the comments alone', async () => {
    const text = 'Amira is streetwise. <!-- heard-disable-line cli-streetwise -->\n<!-- heard-disable-line cli-chose-too -- x -->\n';
    const off = tempProject({ 'a.md': text }, { config: testConfig('  disable-without-reason: off\n  disable-unknown-rule: error') });
    const offJson = JSON.parse((await runCli(['check', '--format', 'json'], { cwd: off })).stdout);
    assert.deepStrictEqual(offJson.files[0].findings.map((f: { ruleId: string; severity: string }) => [f.ruleId, f.severity]), [['disable-unknown-rule', 'error']]);

    // The test config switches every category off, vague (these rules' category) included.
    const byCategory = tempProject({ 'a.md': text });
    const categoryJson = JSON.parse((await runCli(['check', '--format', 'json'], { cwd: byCategory })).stdout);
    assert.deepStrictEqual(
      categoryJson.files[0].findings.map((f: { ruleId: string }) => f.ruleId),
      ['disable-without-reason', 'disable-unknown-rule'],
      'switching the vague category off does not switch off the audit of disable comments',
    );
    const flag = await runCli(['check', '--format', 'json', '--rule', 'disable-without-reason=off'], { cwd: byCategory });
    assert.deepStrictEqual(JSON.parse(flag.stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId), ['disable-unknown-rule']);

    const fixing = tempProject({ 'a.md': text });
    const fixed = await runCli(['check', '--fix-dry-run'], { cwd: fixing });
    assert.strictEqual(fixed.stdout, '', 'nothing to fix: the closest rule id is a suggestion, not a safe rewrite');
  });

  it('text: the summary counts suppressions by rule; --show-suppressions lists each with its reason', async () => {
    const cwd = tempProject({ 'a.md': NOTE });
    const plain = await runCli(['check'], { cwd, env: { COLUMNS: '200' } });
    assert.match(
      plain.stdout,
      /^4 findings switched off by heard-disable comments \(cli-chose-to 2, cli-self-at-risk 1, cli-streetwise 1; 1 with no reason\)\. --show-suppressions lists them with their reasons\.$/m,
    );
    assert.doesNotMatch(plain.stdout, /quoting the referral/);
    const shown = await runCli(['check', '--show-suppressions'], { cwd });
    const lines = shown.stdout.split('\n');
    const at = lines.indexOf('Switched off by heard-disable comments:');
    assert.ok(at >= 0, shown.stdout);
    assert.deepStrictEqual(lines.slice(at + 1, at + 10), [
      'a.md',
      '  4:7  cli-chose-to  "chose"',
      '      reason: quoting the referral as written (comment on line 3)',
      '  6:10  cli-streetwise  "streetwise"',
      '      no reason given (comment on line 6)',
      '  9:8  cli-self-at-risk  "putting herself at risk"',
      '      reason: minutes reproduced as agreed by the panel (comment on line 8)',
      '  9:36  cli-chose-to  "chose"',
      '      reason: minutes reproduced as agreed by the panel (comment on line 8)',
    ]);
    assert.doesNotMatch(shown.stdout, /--show-suppressions lists them/);
    assert.strictEqual((await runCli(['check', '--show-suppressions', '--format', 'json'], { cwd })).code, 2);
  });
});
