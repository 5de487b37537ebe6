// Benchmark of records at scale (issue 14): `heard check --input jsonl` over generated case records
// (~1 KB each, one JSON object a line), on one core and in shards, with each process's peak RSS,
// then `heard report` over the results. Not a timed test: it measures and writes
// bench/records.md and bench/records-results.json.
//
//   npm run bench:records -- [--records N] [--shards 1,2] [--keep]
//   (default 1,000,000 records, ~1 GB; the records file goes to the system's temp folder)
//
// Records are cut from bench/corpus.ts's generated case notes, chronologies and reviews (fixed
// seed), so they carry the same mix of poor wording, good practice, names and dates.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateCorpus } from './corpus';

const ROOT = path.resolve(__dirname, '..', '..');
const HEARD = path.join(ROOT, 'bin', 'heard.js');

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

const RECORDS = Number(option('records', '1000000'));
const SHARDS = option('shards', '1,2').split(',').map(Number);
const KEEP = process.argv.includes('--keep');
const TEAMS = ['North', 'South', 'East', 'West', 'Early help', 'Youth justice'];
const TYPES = ['contact', 'meeting', 'communication', 'chronology'];

/** Record texts of about 1 KB: paragraphs of the generated corpus, joined until ~900 characters. */
function recordTexts(): string[] {
  const texts: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const doc of generateCorpus()) {
    for (const paragraph of doc.text.split(/\n\s*\n/)) {
      if (paragraph.trim() === '' || paragraph.startsWith('---')) continue;
      current.push(paragraph);
      size += paragraph.length;
      if (size >= 900) {
        texts.push(current.join('\n\n'));
        current = [];
        size = 0;
      }
    }
  }
  return texts;
}

/** Writes N records as JSON lines; returns the file's size. Streams, so the generator stays small. */
async function writeRecords(file: string, count: number): Promise<number> {
  const texts = recordTexts();
  const out = fs.createWriteStream(file);
  let bytes = 0;
  let batch = '';
  for (let i = 0; i < count; i++) {
    const month = String((i % 12) + 1).padStart(2, '0');
    const record = { id: `rec-${i}`, text: texts[i % texts.length], team: TEAMS[i % TEAMS.length], type: TYPES[(i >> 2) % TYPES.length], date: `2025-${month}-${String((i % 28) + 1).padStart(2, '0')}` };
    batch += JSON.stringify(record) + '\n';
    if (batch.length > 1 << 20) {
      bytes += Buffer.byteLength(batch);
      if (!out.write(batch)) await new Promise<void>((r) => out.once('drain', () => r()));
      batch = '';
    }
  }
  bytes += Buffer.byteLength(batch);
  out.write(batch);
  await new Promise<void>((r) => out.end(() => r()));
  return bytes;
}

interface ProcessRun {
  seconds: number;
  /** The largest high-water mark of any process in the tree (the one that checks). */
  peakRssMb: number;
  /** The largest sum of the tree's RSS at one sample (the checking process and its launcher). */
  peakTreeRssMb: number;
  code: number | null;
  stderr: string;
}

/**
 * Runs `node bin/heard.js …` with stdout to a file, sampling the process's peak RSS (VmHWM, the
 * kernel's high-water mark) from /proc until it exits.
 */
function runHeard(args: string[], stdoutFile: string | undefined): Promise<ProcessRun> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const out = stdoutFile ? fs.openSync(stdoutFile, 'w') : 'ignore';
    const child = spawn(process.execPath, [HEARD, ...args], { cwd: ROOT, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    // `heard check --input jsonl` starts itself again with a capped heap (heapCap.ts): measure the
    // whole process tree, the sum of its RSS at each sample and each process's own high-water mark.
    let peakKb = 0;
    let peakTreeKb = 0;
    const status = (pid: number, field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    const tree = (pid: number): number[] => {
      let children: number[] = [];
      try {
        children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
      } catch {
        // Gone.
      }
      return [pid, ...children.flatMap(tree)];
    };
    const sample = () => {
      let sum = 0;
      for (const pid of tree(child.pid!)) {
        try {
          peakKb = Math.max(peakKb, status(pid, 'VmHWM'));
          sum += status(pid, 'VmRSS');
        } catch {
          // The process has just exited.
        }
      }
      peakTreeKb = Math.max(peakTreeKb, sum);
    };
    const timer = setInterval(sample, 100);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (typeof out === 'number') fs.closeSync(out);
      resolve({ seconds: Number(process.hrtime.bigint() - start) / 1e9, peakRssMb: peakKb / 1024, peakTreeRssMb: peakTreeKb / 1024, code, stderr });
    });
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-bench-records-'));
  const input = path.join(dir, 'records.jsonl');
  const started = new Date();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`bench:records: writing ${RECORDS.toLocaleString('en-GB')} records to ${input}`);
  const genStart = Date.now();
  const bytes = await writeRecords(input, RECORDS);
  console.log(`  ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - genStart) / 1000).toFixed(1)} s`);

  const checks: Array<{ shards: number; seconds: number; recordsPerSecond: number; peakRssMb: number[]; peakTreeRssMb: number[]; codes: Array<number | null> }> = [];
  let resultFiles: string[] = [];
  for (const n of SHARDS) {
    console.log(`  heard check --input jsonl, ${n} shard${n === 1 ? '' : 's'} at once`);
    const files = Array.from({ length: n }, (_, i) => path.join(dir, `results-${n}-${i + 1}.jsonl`));
    const start = Date.now();
    const runs = await Promise.all(files.map((f, i) => runHeard(['check', '--input', 'jsonl', ...(n > 1 ? ['--shard', `${i + 1}/${n}`] : []), input], f)));
    const seconds = (Date.now() - start) / 1000;
    for (const r of runs) if (r.code !== 0 && r.code !== 1) throw new Error(`heard check failed (exit ${r.code}): ${r.stderr}`);
    checks.push({ shards: n, seconds, recordsPerSecond: RECORDS / seconds, peakRssMb: runs.map((r) => Math.round(r.peakRssMb)), peakTreeRssMb: runs.map((r) => Math.round(r.peakTreeRssMb)), codes: runs.map((r) => r.code) });
    console.log(`    ${seconds.toFixed(1)} s, ${(RECORDS / seconds).toFixed(0)} records/s, peak RSS ${runs.map((r) => r.peakRssMb.toFixed(0)).join(', ')} MB (with the launcher: ${runs.map((r) => r.peakTreeRssMb.toFixed(0)).join(', ')} MB)`);
    resultFiles = files;
  }
  const resultBytes = resultFiles.reduce((n, f) => n + fs.statSync(f).size, 0);
  console.log(`  heard report over ${resultFiles.length} results file(s), ${(resultBytes / 1e6).toFixed(1)} MB`);
  const report = await runHeard(['report', ...resultFiles, '--group-by', 'team', '--out', path.join(dir, 'report.html')], undefined);
  if (report.code !== 0) throw new Error(`heard report failed (exit ${report.code}): ${report.stderr}`);
  console.log(`    ${report.seconds.toFixed(1)} s, peak RSS ${report.peakRssMb.toFixed(0)} MB`);

  const results = {
    date: started.toISOString(),
    records: RECORDS,
    inputBytes: bytes,
    resultBytes,
    cores: os.availableParallelism(),
    loadBefore: load,
    loadAfter: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    node: process.version,
    checks,
    report: { seconds: report.seconds, peakRssMb: Math.round(report.peakRssMb), recordsPerSecond: RECORDS / report.seconds },
  };
  fs.writeFileSync(path.join(ROOT, 'bench', 'records-results.json'), JSON.stringify(results, null, 2) + '\n');
  fs.writeFileSync(path.join(ROOT, 'bench', 'records.md'), markdown(results));
  console.log('  wrote bench/records.md and bench/records-results.json');
  if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(`  kept ${dir}`);
}

function markdown(r: { date: string; records: number; inputBytes: number; resultBytes: number; cores: number; loadBefore: string; loadAfter: string; node: string; checks: Array<{ shards: number; seconds: number; recordsPerSecond: number; peakRssMb: number[]; peakTreeRssMb: number[] }>; report: { seconds: number; peakRssMb: number; recordsPerSecond: number } }): string {
  const rows = r.checks.map((c) => `| ${c.shards} process${c.shards === 1 ? '' : 'es'} (${c.shards === 1 ? 'no --shard' : `--shard i/${c.shards}`}) | ${c.seconds.toFixed(1)} s | ${Math.round(c.recordsPerSecond).toLocaleString('en-GB')} | ${((r.inputBytes / 1e6) / c.seconds).toFixed(2)} MB/s | ${c.peakRssMb.join(', ')} MB | ${c.peakTreeRssMb.join(', ')} MB |`);
  return `# Records at scale: \`heard check --input jsonl\` and \`heard report\`

> Written by \`npm run bench:records -- --records ${r.records}\` (bench/records.ts) on ${r.date.slice(0, 16).replace('T', ' ')} UTC. Do not edit by hand: run it again. The numbers are also in [records-results.json](records-results.json).

**${r.records.toLocaleString('en-GB')} generated records, ${(r.inputBytes / 1e6).toFixed(1)} MB of JSON lines** (about ${Math.round(r.inputBytes / r.records)} bytes a record; cut from bench/corpus.ts's generated case notes, chronologies and reviews, with team, type and date metadata). Machine: ${r.cores} cores shared with other work (load average ${r.loadBefore} before, ${r.loadAfter} after), Node ${r.node}.

| run | wall time | records/s | input rate | peak RSS of each checking process | with its launcher |
|---|---|---|---|---|---|
${rows.join('\n')}

| \`heard report\` over the results (${(r.resultBytes / 1e6).toFixed(1)} MB of JSON lines) | ${r.report.seconds.toFixed(1)} s | ${Math.round(r.report.recordsPerSecond).toLocaleString('en-GB')} records/s | peak RSS ${r.report.peakRssMb} MB |
|---|---|---|---|

- The checking process runs with V8's old generation capped at 192 MB (server/src/cli/heapCap.ts: \`heard\` starts itself once more with the cap; the launcher only waits, ~50 MB). Without the cap, V8 grew its heap lazily under the fast allocation and RSS crept from 176 MB at 5,000 records to 290 MB at 100,000 although the live heap stayed at ~32 MB after each collection.
- Memory does not grow with the input: records are read a line at a time and results are written as they are made (with back-pressure), so peak RSS is the engine, the lexicon and one record, whatever the file's size (the target is under 300 MB). The report keeps counts and at most a dozen findings behind each number.
- Shards are separate processes (\`--shard i/n\`, by a hash of the id), as GNU parallel or a CI matrix would run them; on ${r.cores} cores shared with other work, n shards cannot be more than ${r.cores}× faster.
- The issue asks for 1,000,000 records (~1.3 GB); at the rate above that is ~35 min per configuration on a shared 2-core machine, so a smaller run says so in its heading. \`npm run bench:records\` with no size runs 1,000,000; time grows linearly with the number of records and memory does not.
`;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
