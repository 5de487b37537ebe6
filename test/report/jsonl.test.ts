// `heard check --input jsonl`: one result line per record, bad lines reported by number without
// stopping the others, streaming (output before the input ends), and deterministic sharding.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { wantsHeapCap } from '../../server/src/cli/heapCap';
import { readLines, shardOf } from '../../server/src/cli/jsonlInput';
import { removeTempProjects, repoRoot, runCli, tempProject } from '../cli/helpers';
import { jsonLines, runWithStream } from './helpers';

const RECORDS = [
  { id: 'r1', text: 'Amira chose to go back to the flat.', team: 'north', date: '2025-01-05' },
  { id: 'r2', text: 'Amira is street-wise. There was an incident at home.', team: 'south' },
  { id: 3, text: 'Amira said she felt safe at home.', team: 'north' },
];
const jsonl = (records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('heard check --input jsonl', function () {
  after(removeTempProjects);

  it('writes one line per record with its id, metadata and the same findings as checking the text as a file', async () => {
    const cwd = tempProject({ 'r2.txt': RECORDS[1].text + '\n' });
    const run = await runWithStream(['check', '--input', 'jsonl'], cwd, jsonl(RECORDS));
    assert.strictEqual(run.code, 1, run.stderr);
    const lines = jsonLines(run.stdout);
    assert.deepStrictEqual(lines.map((l) => l.id), ['r1', 'r2', '3']);
    assert.deepStrictEqual(lines[0].meta, { team: 'north', date: '2025-01-05' });
    assert.deepStrictEqual(lines[1].source, { file: '-', line: 2 });
    assert.ok(lines.every((l) => l.words > 0));
    const asFile = JSON.parse((await runCli(['check', '--format', 'json', 'r2.txt'], { cwd })).stdout);
    const key = (f: { ruleId: string; line: number; column: number }) => `${f.ruleId}@${f.line}:${f.column}`;
    assert.deepStrictEqual(lines[1].findings.map(key), asFile.files[0].findings.map(key));
    assert.deepStrictEqual(lines[1].findings.map((f: { ruleId: string }) => f.ruleId), ['cli-streetwise', 'cli-incident']);
    assert.deepStrictEqual(lines[2].findings, []);
    assert.match(run.stderr, /checked 3 records; 3 findings/);
  });

  it('reports a bad line by its number, keeps no record text in the message, and checks the lines after it', async () => {
    const cwd = tempProject();
    const input = [JSON.stringify(RECORDS[0]), '{"id": "x", "text": secret words', '[1,2]', '{"text":"no id"}', '{"id":"y"}', JSON.stringify(RECORDS[1])].join('\n');
    const run = await runWithStream(['check', '--input', 'jsonl'], cwd, input);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /-:2: not valid JSON/);
    assert.match(run.stderr, /-:3: not a JSON object/);
    assert.match(run.stderr, /-:4: no "id"/);
    assert.match(run.stderr, /-:5: no "text"/);
    assert.doesNotMatch(run.stderr, /secret/);
    const lines = jsonLines(run.stdout);
    assert.deepStrictEqual(lines.map((l) => l.id ?? `error@${l.source.line}`), ['r1', 'error@2', 'error@3', 'error@4', 'y', 'r2']);
    assert.ok(lines[4].error, 'a record without text is an error line with its id');
    // --skip-unreadable: the bad lines are still reported, but the exit code is that of the findings.
    assert.strictEqual((await runWithStream(['check', '--input', 'jsonl', '--skip-unreadable'], cwd, input)).code, 1);
  });

  it('skips a line over the size limit without holding it, and goes on', async () => {
    const cwd = tempProject();
    const long = JSON.stringify({ id: 'big', text: 'word '.repeat(2000) });
    const run = await runWithStream(['check', '--input', 'jsonl', '--max-file-size', '1000'], cwd, [long, JSON.stringify(RECORDS[1])].join('\r\n'));
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /-:1: line too long to check \(9\.8 KB; the limit is 1000 bytes\)/);
    assert.deepStrictEqual(jsonLines(run.stdout).map((l) => l.id ?? 'error'), ['error', 'r2']);
  });

  it('reads files given as arguments, and names them in the results', async () => {
    const cwd = tempProject({ 'a.jsonl': jsonl(RECORDS.slice(0, 1)), 'b.jsonl': jsonl(RECORDS.slice(1)) });
    const lines = jsonLines((await runWithStream(['check', '--input', 'jsonl', 'a.jsonl', 'b.jsonl'], cwd)).stdout);
    assert.deepStrictEqual(lines.map((l) => `${l.source.file}:${l.source.line}`), ['a.jsonl:1', 'b.jsonl:1', 'b.jsonl:2']);
    assert.strictEqual((await runWithStream(['check', '--input', 'jsonl', 'missing.jsonl'], cwd)).code, 2);
  });

  it('streams: results come out while the input is still arriving', async () => {
    const cwd = tempProject();
    let printed = 0;
    let seenBeforeEnd = 0;
    async function* slowInput(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 1500; i++) yield Buffer.from(JSON.stringify({ id: `n${i}`, text: 'There was an incident at home, and another incident later.' }) + '\n');
      seenBeforeEnd = printed;
    }
    const run = await runWithStream(['check', '--input', 'jsonl'], cwd, slowInput(), (s) => (printed += s.length));
    assert.strictEqual(jsonLines(run.stdout).length, 1500);
    assert.ok(seenBeforeEnd > 0, 'nothing was written before the input ended: the input was buffered');
  });

  it('splits records into disjoint shards by id that together cover the input', async () => {
    const cwd = tempProject();
    const many = Array.from({ length: 60 }, (_, i) => ({ id: `case-${i}`, text: 'There was an incident.' }));
    const ids: string[][] = [];
    for (const i of [1, 2, 3]) {
      const run = await runWithStream(['check', '--input', 'jsonl', '--shard', `${i}/3`], cwd, jsonl(many));
      ids.push(jsonLines(run.stdout).map((l) => l.id));
      assert.match(run.stderr, new RegExp(`left to other shards \\(--shard ${i}/3\\)`));
    }
    assert.deepStrictEqual(ids.flat().sort(), many.map((r) => r.id).sort());
    assert.ok(ids.every((share) => share.length > 5), `uneven shares: ${ids.map((s) => s.length)}`);
    // The same id always goes to the same share (FNV-1a of the UTF-8 id).
    assert.strictEqual(shardOf('case-7', 3), shardOf('case-7', 3));
    assert.strictEqual(shardOf('a', 1_000_000), (0xe40c292c % 1_000_000) + 1);
  });

  it('refuses options that do not apply, and a malformed --shard', async () => {
    const cwd = tempProject();
    for (const argv of [['--shard', '0/3'], ['--shard', '4/3'], ['--shard', 'x'], ['--format', 'text'], ['--fix']]) {
      const run = await runWithStream(['check', '--input', 'jsonl', ...argv], cwd, '');
      assert.strictEqual(run.code, 2, argv.join(' '));
    }
    assert.match((await runWithStream(['check', '--shard', '1/2'], cwd, '')).stderr, /--shard .* goes with --input jsonl/);
  });

  it('runs as a process with a capped heap: standard input and output pass through, and so does the exit code', function () {
    this.timeout(60_000);
    assert.strictEqual(wantsHeapCap(['check', '--input', 'jsonl'], {}, []), true);
    assert.strictEqual(wantsHeapCap(['check', '--input=jsonl', 'a.jsonl'], {}, []), true);
    assert.strictEqual(wantsHeapCap(['check', 'notes/'], {}, []), false);
    assert.strictEqual(wantsHeapCap(['check', '--input', 'jsonl'], { HEARD_HEAP_CAPPED: '1' }, []), false);
    assert.strictEqual(wantsHeapCap(['check', '--input', 'jsonl'], { NODE_OPTIONS: '--max-old-space-size=512' }, []), false);
    const cwd = tempProject();
    // The child reports its own heap limit through a preload, so the cap is seen to apply.
    fs.writeFileSync(path.join(cwd, 'heap.js'), "process.on('exit', () => process.stderr.write('heap-limit-mb=' + Math.round(require('v8').getHeapStatistics().heap_size_limit / 1048576) + '\\n'));");
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: `--require ${path.join(cwd, 'heap.js')}` };
    delete env.HEARD_HEAP_CAPPED;
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'heard.js'), 'check', '--input', 'jsonl'], { cwd, env, input: jsonl(RECORDS), encoding: 'utf8' });
    assert.strictEqual(run.status, 1, run.stderr);
    assert.deepStrictEqual(jsonLines(run.stdout).map((l) => l.id), ['r1', 'r2', '3']);
    const limits = [...run.stderr.matchAll(/heap-limit-mb=(\d+)/g)].map((m) => Number(m[1]));
    assert.strictEqual(limits.length, 2, run.stderr);
    assert.ok(Math.min(...limits) < 300, `the child's heap limit: ${limits}`);
  });

  it('reads lines across chunk boundaries and drops an over-long line', async () => {
    async function* chunks() {
      yield Buffer.from('ab');
      yield Buffer.from('c\nxxxxxxxxxx');
      yield Buffer.from('xxxxx\nlast');
    }
    const out = [];
    for await (const line of readLines(chunks(), 8)) out.push(line);
    assert.deepStrictEqual(out, [{ number: 1, text: 'abc' }, { number: 2, tooLong: 15 }, { number: 3, text: 'last' }]);
  });

  it('runs in shards under GNU parallel, as docs/report.md shows', function () {
    this.timeout(90_000);
    if (spawnSync('parallel', ['--version']).status !== 0) {
      this.skip(); // GNU parallel is not installed here; .ci/run installs it, so CI runs this test.
    }
    const cwd = tempProject({ 'export.jsonl': jsonl(Array.from({ length: 40 }, (_, i) => ({ id: i, text: i % 2 ? 'There was an incident.' : 'All well.' }))) });
    const heard = path.join(repoRoot, 'bin', 'heard.js');
    // The recipe: 4 shards, 2 at a time; exit 1 (findings) is not a failure of the run.
    execFileSync('parallel', ['--will-cite', '--jobs', '2', `node ${heard} check --input jsonl --shard {}/4 export.jsonl > results-{}.jsonl 2>/dev/null; [ $? -le 1 ]`, ':::', '1', '2', '3', '4'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const all = [1, 2, 3, 4].flatMap((i) => jsonLines(fs.readFileSync(path.join(cwd, `results-${i}.jsonl`), 'utf8')));
    assert.deepStrictEqual(all.map((l) => Number(l.id)).sort((a, b) => a - b), Array.from({ length: 40 }, (_, i) => i));
    assert.strictEqual(all.filter((l) => l.findings.length > 0).length, 20);
  });
});
