// SARIF output: valid against the SARIF 2.1.0 schema, rules described from the lexicon, fixes only
// for safe rewrites, and fingerprints that survive lines moving.
import * as assert from 'assert';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { makeDocx, removeTempProjects, runCli, tempProject } from './helpers';

// The SARIF 2.1.0 schema is draft-04 and has a pattern that is invalid with the `u` flag.
const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats(ajv);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));

async function sarifFor(cwd: string, extra: string[] = []): Promise<Sarif.Log> {
  const run = await runCli(['check', '--format', 'sarif', ...extra], { cwd });
  return JSON.parse(run.stdout) as Sarif.Log;
}

function assertValid(log: Sarif.Log): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

describe('heard check --format sarif', function () {
  after(removeTempProjects);

  it('validates against the SARIF 2.1.0 schema, with rules, results, fixes, a .docx and an unreadable file', async () => {
    const cwd = tempProject({
      'notes/visit note.md': 'Amira chose to go back. She is putting herself at risk.\n\nAmira is streetwise.\n',
      'notes/report.docx': await makeDocx(['Amira chose to go back.']),
      'notes/broken.txt': Buffer.from([0, 1, 2]),
    });
    const log = await sarifFor(cwd, ['--rule-docs-url', 'https://example.org/heard/docs/rules']);
    assertValid(log);
    const logWithoutDocs = await sarifFor(cwd);
    assertValid(logWithoutDocs);

    const run = log.runs[0];
    assert.strictEqual(log.version, '2.1.0');
    assert.strictEqual(run.tool.driver.name, 'Heard');
    assert.strictEqual(run.columnKind, 'utf16CodeUnits');
    const rules = run.tool.driver.rules!;
    const rule = rules.find((r) => r.id === 'cli-self-at-risk')!;
    assert.strictEqual(rule.helpUri, 'https://example.org/heard/docs/rules/cli-self-at-risk.md');
    assert.strictEqual(rule.shortDescription!.text, 'Victim-blaming: test entry for putting oneself at risk.');
    assert.strictEqual(rule.fullDescription!.text, 'A test entry used only by the CLI tests.');
    assert.match(rule.help!.text, /Why: A test entry used only by the CLI tests\./);
    assert.match(rule.help!.text, /- is at risk from \[adult\]/);
    assert.match(rule.help!.text, /Test Publisher, "Test guide", 2024-11-14 <https:\/\/example\.org\/guide>/);
    assert.match(rule.help!.markdown!, /- is at risk from \\\[adult\\\]/);
    assert.match(rule.help!.markdown!, /\[Test Publisher, \*Test guide\*, 2024-11-14\]\(https:\/\/example\.org\/guide\)/);
    assert.deepStrictEqual(rule.defaultConfiguration, { level: 'warning', enabled: true });
    assert.deepStrictEqual(rules.find((r) => r.id === 'cli-incident')!.defaultConfiguration, { level: 'note', enabled: true });
    assert.deepStrictEqual(rules.find((r) => r.id === 'cli-sparkly')!.defaultConfiguration, { level: 'note', enabled: false });
    assert.strictEqual(logWithoutDocs.runs[0].tool.driver.rules!.find((r) => r.id === 'cli-self-at-risk')!.helpUri, undefined, 'no made-up address');

    const results = run.results!;
    for (const r of results) assert.strictEqual(rules[r.ruleIndex!].id, r.ruleId);
    const chose = results.find((r) => r.ruleId === 'cli-chose-to' && r.locations![0].physicalLocation!.artifactLocation!.uri === 'notes/visit%20note.md')!;
    assert.strictEqual(chose.level, 'warning');
    assert.deepStrictEqual(chose.locations![0].physicalLocation!.region, { startLine: 1, startColumn: 7, endLine: 1, endColumn: 12, snippet: { text: 'chose' } });
    assert.deepStrictEqual(chose.fixes![0].artifactChanges[0].replacements[0], {
      deletedRegion: { startLine: 1, startColumn: 7, endLine: 1, endColumn: 12 },
      insertedContent: { text: 'was made' },
    });
    assert.strictEqual(results.find((r) => r.ruleId === 'cli-self-at-risk')!.fixes, undefined, 'a rewrite with a placeholder is not a fix');
    assert.strictEqual(results.find((r) => r.ruleId === 'cli-streetwise')!.level, 'error');
    const docx = results.find((r) => r.locations![0].physicalLocation!.artifactLocation!.uri === 'notes/report.docx')!;
    assert.strictEqual(docx.fixes, undefined, '.docx files are never fixed');
    assert.match(docx.message.text!, /\(paragraph 1\)/);

    const invocation = run.invocations![0];
    assert.strictEqual(invocation.executionSuccessful, false);
    assert.match(invocation.toolExecutionNotifications![0].message.text!, /^notes\/broken\.txt: binary file/);
  });

  it('keeps fingerprints when lines move, and tells repeated occurrences apart', async () => {
    const fingerprints = async (text: string) => {
      const log = await sarifFor(tempProject({ 'a.md': text }));
      return log.runs[0].results!.map((r) => r.partialFingerprints!['heardFinding/v1']);
    };
    const before = await fingerprints('Amira chose to go. Jo chose to stay.\n');
    const after = await fingerprints('# New heading\n\nA new paragraph.\n\nAmira chose to go. Jo chose to stay.\n');
    assert.strictEqual(before.length, 2);
    assert.notStrictEqual(before[0], before[1]);
    assert.deepStrictEqual(after, before);
  });

  it('records switched-off findings as results with an inSource suppression and its justification, valid SARIF 2.1.0', async () => {
    const cwd = tempProject({
      'a.md': [
        '<!-- heard-disable-next-line cli-chose-to -- quoting the referral as written -->',
        'Amira chose to go back.',
        '',
        'Amira is streetwise. <!-- heard-disable-line cli-streetwise -->',
        '',
        'Jo chose to stay.',
        '',
      ].join('\n'),
    });
    const log = await sarifFor(cwd);
    assertValid(log);
    const results = log.runs[0].results!;
    const rows = results.map((r) => [r.ruleId, r.locations![0].physicalLocation!.region!.startLine, r.suppressions ?? null]);
    assert.deepStrictEqual(rows, [
      [
        'cli-chose-to',
        2,
        [{ kind: 'inSource', status: 'accepted', justification: 'quoting the referral as written', location: { physicalLocation: { artifactLocation: { uri: 'a.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } } } }],
      ],
      ['cli-streetwise', 4, [{ kind: 'inSource', status: 'accepted', location: { physicalLocation: { artifactLocation: { uri: 'a.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 4 } } } }]],
      ['disable-without-reason', 4, null],
      ['cli-chose-to', 6, null],
    ]);
    assert.strictEqual(results[0].fixes, undefined, 'no fix is offered for a finding kept on purpose');
    assert.strictEqual(results[2].fixes, undefined, 'which rule a disable comment names is never fixed automatically');
    const rule = log.runs[0].tool.driver.rules!.find((r) => r.id === 'disable-without-reason')!;
    assert.match(rule.shortDescription!.text, /heard-disable comment with no reason/);

    // Switching a finding off keeps its fingerprint, so code scanning sees the same alert suppressed.
    const open = await sarifFor(tempProject({ 'a.md': 'Amira chose to go back.\n\nJo chose to stay.\n' }));
    const before = open.runs[0].results!.map((r) => r.partialFingerprints!['heardFinding/v1']);
    const off = await sarifFor(tempProject({ 'a.md': '<!-- heard-disable-next-line cli-chose-to -- quoting the referral -->\nAmira chose to go back.\n\nJo chose to stay.\n' }));
    assert.deepStrictEqual(off.runs[0].results!.map((r) => r.partialFingerprints!['heardFinding/v1']), before);
    assert.ok(off.runs[0].results![0].suppressions);
  });
});

