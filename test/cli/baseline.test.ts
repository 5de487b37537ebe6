// Baselines: --write-baseline records today's findings, --baseline leaves them out of the report
// and the exit code, fingerprints survive edits elsewhere in the file, and stale entries are named.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { findingFingerprint, fingerprintParts } from '../../server/src/cli/baseline';
import { removeTempProjects, repoRoot, runCli, tempProject } from './helpers';

const SEEDS = path.join(repoRoot, '..', 'shared', 'seeds');

interface JsonFinding {
  ruleId: string;
  line: number;
  text: string;
}

describe('heard check --baseline', function () {
  this.timeout(120000);
  after(removeTempProjects);

  describe('fingerprints', () => {
    it('use the rule, the flagged words and three words either side, normalised, never the line', () => {
      const text = '# Visit\n\nOn Monday, Amira   CHOSE to go back to the flat with Jay.\n';
      const at = text.indexOf('CHOSE');
      assert.deepStrictEqual(fingerprintParts(text, at, 5), { flagged: 'chose', before: 'on monday amira', after: 'to go back' });
      const moved = '# Visit\n\nA new paragraph above.\n\nOn monday,\nAmira chose to go back to the flat with Jay!\n';
      assert.strictEqual(findingFingerprint('r', moved, moved.indexOf('chose'), 5), findingFingerprint('r', text, at, 5), 'lines moved, paragraph re-wrapped');
      assert.notStrictEqual(findingFingerprint('other', text, at, 5), findingFingerprint('r', text, at, 5));
      const reworded = text.replace('On Monday, Amira', 'Later Amira');
      assert.notStrictEqual(findingFingerprint('r', reworded, reworded.indexOf('CHOSE'), 5), findingFingerprint('r', text, at, 5), 'the sentence around it changed');
    });

    it('do not reach into the next paragraph', () => {
      const a = 'Something else entirely.\n\nAmira chose to go.';
      const b = 'Quite different words here.\n\nAmira chose to go.';
      assert.strictEqual(findingFingerprint('r', a, a.indexOf('chose'), 5), findingFingerprint('r', b, b.indexOf('chose'), 5));
    });
  });

  it('on a copy of the seed documents, one added sentence is the only finding reported', async function () {
    if (!fs.existsSync(SEEDS)) this.skip();
    const files: Record<string, string> = {};
    for (const name of fs.readdirSync(SEEDS).filter((n) => n.endsWith('.txt'))) files[`reviews/${name}`] = fs.readFileSync(path.join(SEEDS, name), 'utf8');
    const cwd = tempProject(files, { bare: true });

    const first = await runCli(['check', 'reviews', '--write-baseline', '.heard-baseline.json', '--format', 'json'], { cwd });
    assert.strictEqual(first.code, 0, first.stderr);
    const written = JSON.parse(first.stdout);
    assert.ok(written.summary.baseline.matched > 100, `the seeds have many findings (${written.summary.baseline.matched})`);
    assert.strictEqual(written.summary.findings, 0);
    assert.match(first.stderr, new RegExp(`heard: wrote ${written.summary.baseline.matched} findings to the baseline \\.heard-baseline\\.json`));
    const baseline = JSON.parse(fs.readFileSync(path.join(cwd, '.heard-baseline.json'), 'utf8'));
    assert.strictEqual(baseline.heardBaseline, 1);
    assert.ok(Object.keys(baseline.files).every((k) => k.startsWith('reviews/')), 'paths relative to the baseline file');
    assert.doesNotMatch(JSON.stringify(baseline), /"line"/, 'no line numbers in a baseline');

    // Edit elsewhere: a heading at the top of every file, a paragraph removed without findings, and
    // one new paragraph in the middle of one review.
    const target = path.join(cwd, 'reviews', '004_504d2492568628d6.txt');
    for (const name of Object.keys(files)) {
      const file = path.join(cwd, name);
      fs.writeFileSync(file, `Copy for the panel, ${name}\n\n${fs.readFileSync(file, 'utf8')}`);
    }
    const text = fs.readFileSync(target, 'utf8');
    const middle = text.indexOf('\n\n', Math.floor(text.length / 2));
    const added = 'Amira is streetwise.';
    fs.writeFileSync(target, `${text.slice(0, middle)}\n\n${added}${text.slice(middle)}`);
    const addedLine = text.slice(0, middle).split('\n').length + 2;

    const run = await runCli(['check', 'reviews', '--baseline', '.heard-baseline.json', '--format', 'json'], { cwd });
    assert.strictEqual(run.code, 1, run.stderr);
    const json = JSON.parse(run.stdout);
    const reported = json.files.flatMap((f: { path: string; findings: JsonFinding[] }) => f.findings.map((x) => [f.path, x.ruleId, x.line, x.text]));
    assert.deepStrictEqual(reported, [['reviews/004_504d2492568628d6.txt', 'streetwise', addedLine, 'streetwise']]);
    assert.strictEqual(json.summary.baseline.matched, written.summary.baseline.matched);
    assert.deepStrictEqual(json.summary.baseline.stale, []);

    // The text summary says what the baseline held back.
    const textRun = await runCli(['check', 'reviews', '--baseline', '.heard-baseline.json'], { cwd });
    assert.match(textRun.stdout, /^1 new finding in 1 of 5 files \(1 warning\)$/m);
    assert.match(textRun.stdout, new RegExp(`^${written.summary.baseline.matched} findings in the baseline \\.heard-baseline\\.json not shown\\.$`, 'm'));
  });

  it('reports stale entries (fixed, or the file is gone), and counts each entry once', async () => {
    const cwd = tempProject({ 'notes/a.md': 'Amira chose to go back.\n\nJo is streetwise.\n', 'notes/b.md': 'Amira chose to go back.\n' });
    assert.strictEqual((await runCli(['check', '--write-baseline', 'ci/heard-baseline.json'], { cwd })).code, 0);
    assert.ok(fs.existsSync(path.join(cwd, 'ci', 'heard-baseline.json')), 'the folder is created');
    // Fixed one finding, repeated another (a second one is new), deleted a file.
    fs.writeFileSync(path.join(cwd, 'notes/a.md'), 'Amira chose to go back.\n\nJo is safe.\n\nAmira chose to go back.\n');
    fs.rmSync(path.join(cwd, 'notes/b.md'));
    const run = await runCli(['check', '--baseline', 'ci/heard-baseline.json', '--format', 'json'], { cwd });
    const json = JSON.parse(run.stdout);
    assert.deepStrictEqual(json.files[0].findings.map((f: JsonFinding) => [f.ruleId, f.line]), [['cli-chose-to', 5]]);
    assert.strictEqual(json.files[0].baselined, 1);
    assert.deepStrictEqual(json.summary.baseline.stale, [
      { path: 'notes/a.md', ruleId: 'cli-streetwise', text: 'streetwise' },
      { path: 'notes/b.md', ruleId: 'cli-chose-to', text: 'chose' },
    ]);
    const text = await runCli(['check', '--baseline', 'ci/heard-baseline.json'], { cwd, env: { COLUMNS: '200' } });
    assert.match(text.stdout, /^2 baseline entries no longer match a finding \(fixed, reworded, or the file is gone\): run with --write-baseline ci\/heard-baseline\.json to drop them\.$/m);
    assert.match(text.stdout, /^ {2}notes\/a\.md {2}cli-streetwise {2}"streetwise"$/m);
  });

  it('checking some files says nothing about the others; the baseline works from any folder', async () => {
    const cwd = tempProject({ 'notes/a.md': 'Amira chose to go back.\n', 'notes/b.md': 'Jo is streetwise.\n' });
    await runCli(['check', '--write-baseline', 'heard-baseline.json'], { cwd });
    const one = JSON.parse((await runCli(['check', 'notes/a.md', '--baseline', 'heard-baseline.json', '--format', 'json'], { cwd })).stdout);
    assert.deepStrictEqual(one.summary.baseline.stale, []);
    const inside = await runCli(['check', '.', '--baseline', '../heard-baseline.json', '--format', 'json'], { cwd: path.join(cwd, 'notes') });
    assert.strictEqual(inside.code, 0, inside.stderr);
    assert.strictEqual(JSON.parse(inside.stdout).summary.baseline.matched, 2);
  });

  it('refuses a missing or damaged baseline, and --baseline with --write-baseline', async () => {
    const cwd = tempProject({ 'a.md': 'Amira chose to go back.\n', 'bad.json': '{"files": []}', 'broken.json': '{' });
    const cases: Array<[string[], RegExp]> = [
      [['--baseline', 'nowhere.json'], /^heard: baseline file not found: nowhere\.json \(write one with --write-baseline nowhere\.json\)$/],
      [['--baseline', 'bad.json'], /^heard: bad\.json is not a Heard baseline/],
      [['--baseline', 'broken.json'], /^heard: broken\.json is not a Heard baseline: not valid JSON/],
      [['--baseline', 'x.json', '--write-baseline', 'x.json'], /use either --baseline FILE .* or --write-baseline FILE/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(['check', ...args], { cwd });
      assert.strictEqual(run.code, 2, args.join(' '));
      assert.match(run.stderr.trim(), message);
    }
  });
});
