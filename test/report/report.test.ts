// `heard report`: the numbers in the HTML and data files match what `heard check` finds; the page
// is self-contained (no script, nothing to fetch); every count links to findings that exist; the
// child's voice share, the trend, suppressions and --compare are there; JSON-lines results work.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CATEGORY_IDS } from '../../server/src/engine';
import { removeTempProjects, runCli, tempProject } from '../cli/helpers';
import { runWithStream } from './helpers';

/** Our test lexicon, with the curated child-voice check left on (every other curated category off). */
const CONFIG = ['lexicon: [cli-lexicon.yaml]', 'categories:', ...CATEGORY_IDS.filter((c) => c !== 'child-voice').map((c) => `  ${c}: off`), 'rules:', '  cli-chose-to: on', '  cli-streetwise: on', '  cli-incident: on'].join('\n');

const NORTH = [
  '# 12/03/2025 Home visit',
  '',
  'Amira said she wants to stay with her nan. There was an incident at school.',
  '',
  '# 14/04/2025 Home visit',
  '',
  'The flat was tidy. There was an incident on the stairs.',
  '',
].join('\n');
const SOUTH = [
  '# 02/04/2025 Strategy meeting',
  '',
  'Amira is street-wise and chose to go to the party.',
  '',
  '<!-- heard-disable-next-line cli-incident -- quoting the police log word for word -->',
  'The log says: an incident.',
  '',
].join('\n');

function read(dir: string, name: string): string {
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

describe('heard report', function () {
  this.timeout(60_000);
  after(removeTempProjects);

  it('writes a self-contained page whose numbers are those of heard check, with a table beside every chart', async () => {
    const cwd = tempProject({ 'north/notes.md': NORTH, 'south/minutes.md': SOUTH }, { config: CONFIG });
    const run = await runCli(['report', 'north', 'south', '--out', 'out/report.html'], { cwd });
    assert.strictEqual(run.code, 0, run.stderr);
    const html = read(cwd, 'out/report.html');
    assert.doesNotMatch(html, /<script|<link|<iframe|<img|@import|url\(/i, 'nothing to run or fetch');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    assert.ok(svgs.length >= 4, `charts: ${svgs.length}`);
    // Each chart is followed by its caption and a table (the accessible version of the chart).
    assert.strictEqual((html.match(/<div class="chart-and-table"><figure><svg/g) ?? []).length, svgs.length);
    assert.strictEqual((html.match(/<\/figure><div class="table-wrap"><table>/g) ?? []).length, svgs.length);
    assert.ok(svgs.every((s) => /^<svg role="img" aria-label="[^"]{20,}"[^>]*><title>/.test(s)), 'every SVG is an image with a description');

    // The same findings as heard check, counted by category.
    const check = JSON.parse((await runCli(['check', '--format', 'json', 'north', 'south'], { cwd })).stdout);
    const data = JSON.parse(read(cwd, 'out/report.json'));
    assert.strictEqual(data.overall.findings, check.summary.findings);
    for (const c of CATEGORY_IDS) assert.strictEqual(data.overall.byCategory[c], check.summary.byCategory[c], c);
    assert.strictEqual(data.byFolder.north.byCategory.minimising, 2);
    assert.strictEqual(data.byFolder.south.byCategory['victim-blaming'], 1);
    assert.strictEqual(data.byFolder.south.byCategory.adultification, 1);
    assert.match(read(cwd, 'out/report.by-folder.csv'), /^north,minimising,2,\d+,[\d.]+\r$/m);
  });

  it("gives the child's voice share per folder, the trend by month, record types and suppressions with reasons", async () => {
    const cwd = tempProject({ 'north/notes.md': NORTH, 'south/minutes.md': SOUTH }, { config: CONFIG });
    assert.strictEqual((await runCli(['report', '.', '--out', 'r.html'], { cwd })).code, 0);
    const data = JSON.parse(read(cwd, 'r.json'));
    // One home visit with Amira's words, one without: the engine's child-voice check flags the second.
    assert.deepStrictEqual([data.byFolder.north.contactRecords, data.byFolder.north.contactWithVoice], [2, 1]);
    assert.strictEqual(data.byFolder.north.voiceMissing[0].location, 'north/notes.md:5');
    assert.deepStrictEqual(Object.keys(data.byMonth), ['2025-03', '2025-04']);
    assert.strictEqual(data.byMonth['2025-03'].byCategory.minimising, 1);
    assert.strictEqual(data.byRecordType.meeting.byCategory['victim-blaming'], 1);
    assert.deepStrictEqual(
      data.suppressions.map((s: { ruleId: string; reason: string; count: number }) => [s.ruleId, s.reason, s.count]),
      [['cli-incident', 'quoting the police log word for word', 1]],
    );
    const html = read(cwd, 'r.html');
    assert.match(html, /1 of 2 contact records \(50%\)/);
    assert.match(html, /quoting the police log word for word/);
    assert.match(read(cwd, 'r.child-voice.csv'), /^north,2,1,0\.500\r$/m);
  });

  it('links every number to findings that exist, with their place and words', async () => {
    const cwd = tempProject({ 'north/notes.md': NORTH, 'south/minutes.md': SOUTH }, { config: CONFIG });
    await runCli(['report', '.', '--out', 'r.html'], { cwd });
    const html = read(cwd, 'r.html');
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    assert.ok(targets.length > 10);
    for (const t of targets) assert.ok(html.includes(`id="${t}"`), `no target for #${t}`);
    assert.match(html, /<code>north\/notes\.md:3<\/code> <span class="rule">cli-incident<\/span> — Amira said she wants to stay with her nan\. There was an <mark>incident<\/mark> at school\./);
    // The most frequent wording, with its rewrite and the rule's reason.
    assert.match(html, /“incident”<\/th><td>\[what happened\]<\/td><td>A test entry used only by the CLI tests\./);
  });

  it('compares with an earlier run: what improved and what got worse', async () => {
    const cwd = tempProject({ 'north/notes.md': NORTH, 'south/minutes.md': SOUTH }, { config: CONFIG });
    await runCli(['report', '.', '--out', 'before.html'], { cwd });
    fs.writeFileSync(path.join(cwd, 'north/notes.md'), NORTH.replace(/There was an incident/g, 'Amira was hurt').replace('The flat was tidy.', 'Amira is street-wise.'));
    const run = await runCli(['report', '.', '--out', 'after.html', '--compare', 'before.json'], { cwd });
    assert.strictEqual(run.code, 0, run.stderr);
    const html = read(cwd, 'after.html');
    const caption = /Against before\.json: [^<]*/.exec(html)?.[0];
    assert.match(caption ?? '', /Improved: minimising\. Worse: [a-z, -]*adultification/);
    assert.match(html, /<th scope="row">north<\/th>(<td class="num">[\d.]+<\/td>){2}<td class="num">[+-][\d.]+<\/td><td>(improved|worse)<\/td>/);
    const bad = await runCli(['report', '.', '--out', 'x.html', '--compare', 'r.csv'], { cwd });
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--compare r\.csv: file not found/);
    fs.writeFileSync(path.join(cwd, 'other.json'), '{"a": 1}');
    assert.match((await runCli(['report', '.', '--out', 'x.html', '--compare', 'other.json'], { cwd })).stderr, /not the data file of a heard report/);
  });

  it('reads the JSON-lines results of check --input jsonl, grouped by a metadata field, with dates and types from metadata', async () => {
    const cwd = tempProject({}, { config: CONFIG });
    const records = [
      { id: 'c1', text: 'There was an incident.', team: 'north', date: '03/01/2025', type: 'contact' },
      { id: 'c2', text: 'Amira is street-wise.', team: 'south', date: '2025-02-10', type: 'meeting' },
      { id: 'c3', text: 'There was an incident and another incident.', team: 'north', date: '2025-02-11', type: 'contact' },
    ];
    const checked = await runWithStream(['check', '--input', 'jsonl'], cwd, records.map((r) => JSON.stringify(r)).join('\n') + '\nnot json\n');
    fs.writeFileSync(path.join(cwd, 'results.jsonl'), checked.stdout);
    const run = await runCli(['report', 'results.jsonl', '--group-by', 'team', '--out', 'r.html', '--data-dir', 'data'], { cwd });
    assert.strictEqual(run.code, 0, run.stderr);
    const data = JSON.parse(read(cwd, 'data/r.json'));
    assert.deepStrictEqual(Object.keys(data.byFolder), ['north', 'south']);
    assert.strictEqual(data.byFolder.north.byCategory.minimising, 3);
    assert.deepStrictEqual(Object.keys(data.byMonth), ['2025-01', '2025-02']);
    assert.strictEqual(data.byRecordType.meeting.byCategory.adultification, 1);
    assert.deepStrictEqual(data.notChecked, [{ location: '-:4', reason: 'not valid JSON' }]);
    assert.match(read(cwd, 'r.html'), /record c3, line 1/);
  });

  it('needs --out, and says which files it could not read (exit 2) while still writing the report', async () => {
    const cwd = tempProject({ 'a.md': 'There was an incident.\n', 'b.txt': Buffer.from([0xff, 0xfe, 0x41, 0x00]) }, { config: CONFIG });
    assert.match((await runCli(['report', '.'], { cwd })).stderr, /needs --out/);
    const run = await runCli(['report', '.', '--out', 'r.html'], { cwd });
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /not checked b\.txt: UTF-16/);
    assert.match(read(cwd, 'r.html'), /Not checked[\s\S]*b\.txt/);
    assert.strictEqual((await runCli(['report', '.', '--out', 'r.html', '--skip-unreadable'], { cwd })).code, 0);
  });
});
