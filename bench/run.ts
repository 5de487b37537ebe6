// `npm run bench`: measures Heard against its targets and its peers, all in one run, and writes
// bench/README.md (the report) and bench/results.json (every number). See bench/README.md.
//
//   node out/bench/run.js [--quick] [--only=engine,cli,peers,inprocess,lsp,scaling,profile]
//
// Everything runs one thing at a time (the machine has two cores); child processes are killed if
// the harness stops. Timing uses process.hrtime.bigint().
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CORPUS_MIN_BYTES, CORPUS_SEED, generateCorpus, generateRecordOfSize, generateSmallNotes, writeDocuments } from './corpus';
import type { RunnerResult, RunnerSpec } from './engineRunner';
import { defaultJobs } from '../server/src/cli/args';
import { run, type RunResult } from './lib/processes';
import { Random } from './lib/random';
import { median } from './lib/stats';
import { measureEditing } from './lsp';
import { summariseProfile } from './profile';
import { writeReport } from './report';
import type { BenchResults, CorpusInfo, PeerRow, ProcessTimes } from './results';

const ROOT = path.resolve(__dirname, '..', '..');
const BENCH = path.join(ROOT, 'bench');
const HEARD = path.join(ROOT, 'bin', 'heard.js');
const RUNNER = path.join(__dirname, 'engineRunner.js');
const ALEX = path.join(ROOT, 'node_modules', 'alex', 'cli.js');
const WRITE_GOOD = path.join(ROOT, 'node_modules', 'write-good', 'bin', 'write-good.js');
const SEEDS = path.resolve(ROOT, '..', 'shared', 'seeds');
const LSP_DOCUMENT = path.join(SEEDS, '001_5db1e8f627105674.txt');

const SECTIONS = ['engine', 'cli', 'peers', 'inprocess', 'lsp', 'scaling', 'profile'] as const;
type Section = (typeof SECTIONS)[number];

const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = new Set<Section>(onlyArg ? (onlyArg.slice(7).split(',') as Section[]) : SECTIONS);
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section '${s}' (one of ${SECTIONS.join(', ')})`);

/** Whole-process repeats per tool over the seeds (where the target is judged); the median is quoted. */
const RUNS = quick ? 2 : 5;
/** Fewer over the generated corpus: alex takes about 30 s a run there, and the whole bench should stay near 10 minutes. */
const CORPUS_RUNS = quick ? 2 : 3;
/**
 * In-process passes after the first, for Heard's engine and alex's API alike; "warm" is their
 * median. V8 keeps optimising for several passes, so three passes mostly measured warming up.
 */
const WARM_PASSES = 8;
const EDITS = quick ? 40 : 200;
const EDIT_SEED = 7;
const SIZES_KB = [1, 4, 16, 64, 256, 1024];
const FILE_COUNTS = quick ? [10, 100] : [10, 100, 1000];
const FILES_SEED = 424242;
const PER_DOCUMENT_SAMPLE = quick ? 8 : 20;

/** No colour, no update checks (alex's update-notifier would go to the network), no progress bars. */
const ENV: NodeJS.ProcessEnv = { ...process.env, NO_UPDATE_NOTIFIER: '1', NO_COLOR: '1', FORCE_COLOR: '0' };

const started = process.hrtime.bigint();
const loadLog: Array<{ section: string; load1: number }> = [];
function section(name: string): void {
  loadLog.push({ section: name, load1: os.loadavg()[0] });
  log(name);
}
function log(message: string): void {
  const s = Number(process.hrtime.bigint() - started) / 1e9;
  process.stderr.write(`[${s.toFixed(0).padStart(4)} s] ${message}\n`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-bench-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function node(script: string, args: string[], timeoutMs: number, okCodes = [0, 1]): Promise<RunResult> {
  return run(process.execPath, [script, ...args], { cwd: ROOT, env: ENV, timeoutMs, okCodes });
}

// --- counting what each tool reported (a check that it really read the files) ---

function heardFindings(stdout: string, expectedFiles: number): number {
  const report = JSON.parse(stdout) as { files: Array<{ findings: unknown[] }> };
  if (report.files.length !== expectedFiles) throw new Error(`heard reported ${report.files.length} files, expected ${expectedFiles}`);
  return report.files.reduce((n, f) => n + f.findings.length, 0);
}

function alexWarnings(result: RunResult): number {
  const m = /(\d+) (?:warnings?|messages?)/.exec(result.stderr.slice(-300));
  return m ? Number(m[1]) : 0;
}

function writeGoodSuggestions(result: RunResult): number {
  return result.stdout.split('\n').filter((line) => line.trim() !== '').length;
}

// --- the measurements ---

async function engineRun(spec: RunnerSpec, extraNodeArgs: string[] = [], timeoutMs = 600000): Promise<RunnerResult> {
  const file = path.join(tmp, `spec-${spec.mode}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(spec));
  const result = await run(process.execPath, [...extraNodeArgs, RUNNER, file], { cwd: ROOT, env: ENV, timeoutMs });
  return JSON.parse(result.stdout) as RunnerResult;
}

function times(runs: RunResult[], findings: number): ProcessTimes {
  const wall = runs.map((r) => r.ms);
  const cpu = runs.map((r) => r.cpuMs);
  return { runs: wall, median: median(wall), cpuRuns: cpu, cpuMedian: median(cpu), findings };
}

/** Heard's CLI, alex's CLI and write-good's CLI over the same files, interleaved run by run. */
async function peerRow(corpus: CorpusInfo, withPeers: boolean, runs: number): Promise<PeerRow> {
  const heard: RunResult[] = [];
  const alex: RunResult[] = [];
  const writeGood: RunResult[] = [];
  const found = { heard: 0, alex: 0, writeGood: 0 };
  const timeout = 600000;
  for (let i = 0; i < runs; i++) {
    const h = await node(HEARD, ['check', '--format', 'json', ...corpus.files], timeout);
    heard.push(h);
    found.heard = heardFindings(h.stdout, corpus.files.length);
    if (!withPeers) continue;
    const a = await node(ALEX, corpus.files, timeout);
    alex.push(a);
    found.alex = alexWarnings(a);
    // With --parse, write-good exits with the number of suggestions (capped at 255).
    const w = await node(WRITE_GOOD, ['--parse', ...corpus.files], timeout, Array.from({ length: 256 }, (_, c) => c));
    writeGood.push(w);
    found.writeGood = writeGoodSuggestions(w);
    log(`  ${corpus.label} run ${i + 1}/${runs}: heard ${h.ms.toFixed(0)} ms, alex ${a.ms.toFixed(0)} ms, write-good ${w.ms.toFixed(0)} ms`);
  }
  return {
    corpus: corpus.label,
    bytes: corpus.bytes,
    files: corpus.files.length,
    heard: times(heard, found.heard),
    alex: times(alex, found.alex),
    writeGood: times(writeGood, found.writeGood),
  };
}

/** The 240 KB seed for editing latency, or a generated 240 KB record without the seeds. */
function editingDocument(): string {
  if (fs.existsSync(LSP_DOCUMENT)) return LSP_DOCUMENT;
  const document = path.join(tmp, 'record-240kb.txt');
  if (!fs.existsSync(document)) fs.writeFileSync(document, generateRecordOfSize(CORPUS_SEED + 240, 240 * 1024));
  return document;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'out', 'server', 'src', 'cli', 'main.js'))) throw new Error('out/ is missing: run `npm run build` first (npm run bench does)');
  const notes: string[] = [];
  const loadBefore = os.loadavg();
  if (loadBefore[0] > 0.5) notes.push(`Load average was ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min) when the run started: other work was sharing the two cores, so absolute times are pessimistic; ratios measured in the same run, interleaved, are fairer.`);

  // Corpora.
  const docs = generateCorpus();
  const written = writeDocuments(path.join(BENCH, 'corpus'), docs);
  const kinds: Record<string, number> = {};
  for (const d of docs) {
    const kind = d.name.replace(/^\d+-/, '');
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  const generated = {
    label: 'generated corpus',
    files: written.files,
    bytes: written.bytes,
    seed: CORPUS_SEED,
    sha256: written.sha256,
    kinds,
    note: `${docs.length} invented records (bench/corpus.ts, seed ${CORPUS_SEED}, at least ${(CORPUS_MIN_BYTES / 1048576).toFixed(1)} MB)`,
  };
  log(`generated corpus: ${docs.length} files, ${(written.bytes / 1048576).toFixed(2)} MB`);
  let seeds: CorpusInfo | undefined;
  const seedFiles = fs.existsSync(SEEDS) ? fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(SEEDS, f)) : [];
  if (seedFiles.length > 0) {
    seeds = { label: 'five seeds', files: seedFiles, bytes: seedFiles.reduce((n, f) => n + fs.statSync(f).size, 0), note: `the public source documents in ${path.relative(ROOT, SEEDS)}` };
  } else {
    notes.push(`The seeds folder ${SEEDS} was not found: the seed rows, the peer comparison on the seeds and the in-process comparison with alex were skipped; editing latency used a generated 240 KB record instead.`);
  }
  const corpora = [seeds, generated].filter((c): c is CorpusInfo => !!c);

  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    durationS: 0,
    options: { quick, runs: RUNS, corpusRuns: CORPUS_RUNS, edits: EDITS },
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.availableParallelism(),
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      commit: git(['rev-parse', '--short', 'HEAD']) + (git(['status', '--porcelain', '--', 'server', 'lexicon', 'bin']) ? ' (with uncommitted changes in server/, lexicon/ or bin/)' : ''),
      loadBefore,
      loadAfter: [],
      alex: versionOf('alex'),
      writeGood: versionOf('write-good'),
    },
    corpora: { seeds, generated },
    notes,
    load: loadLog,
    engine: [],
    cli: { jobs: defaultJobs(), fixedCost: times([], 0), whole: [], perDocument: [] },
    peers: [],
    scaling: { sizes: [], files: [] },
    profiles: [],
  };

  // Documents for the size scaling, used by the engine runner and the CLI.
  const sizeFiles = SIZES_KB.map((kb) => {
    const file = path.join(tmp, `record-${kb}kb.md`);
    fs.writeFileSync(file, generateRecordOfSize(CORPUS_SEED + kb, kb * 1024));
    return { kb, file };
  });
  const repeatsFor = (kb: number) => (quick ? 2 : Math.max(5, Math.round(40 / Math.sqrt(kb))));

  // 1. Engine in-process: cold pass, warm passes without a cache, warm with each document's cache kept.
  if (only.has('engine') || only.has('inprocess') || only.has('scaling')) {
    for (const corpus of corpora) {
      section(`engine in-process over the ${corpus.label}`);
      const withSizes = corpus === generated && only.has('scaling');
      const result = await engineRun({
        mode: 'engine',
        files: corpus.files,
        warmPasses: quick ? 1 : WARM_PASSES,
        sizes: withSizes ? sizeFiles.map(({ kb, file }) => ({ file, repeats: repeatsFor(kb) })) : undefined,
      });
      results.engine.push({ corpus: corpus.label, result });
      const kept = result.kept!;
      if (kept.hits < 0.9 * (kept.hits + kept.misses)) {
        notes.push(
          `Re-checking the unchanged ${corpus.label} with each document's cache kept from the previous pass found only ${((100 * kept.hits) / (kept.hits + kept.misses)).toFixed(0)}% of the cached results (${kept.entries} entries at the end): the cache does not serve an unchanged document.`,
        );
      }
      if (kept.hit.findings !== result.cold.findings) {
        notes.push(`The engine reported ${result.cold.findings} findings on the ${corpus.label} without a cache but ${kept.hit.findings} from a kept cache: the paragraph cache changes results.`);
      }
    }
  }

  // 1a. The first document in a process pays for warm-up (regex compilation, libraries' first use).
  if (only.has('engine')) {
    const small = seeds?.files.find((f) => path.basename(f).startsWith('002_')) ?? written.files.find((f) => fs.statSync(f).size > 4096)!;
    section(`engine cold start on ${path.basename(small)}`);
    results.coldStart = { file: path.relative(ROOT, small), result: await engineRun({ mode: 'engine', files: [small], warmPasses: 3 }) };
  }

  // 1b. CLI whole processes (and 2. the peers, interleaved with it).
  if (only.has('cli') || only.has('peers')) {
    const tiny = path.join(tmp, 'one-line.txt');
    fs.writeFileSync(tiny, 'Home visit completed.\n');
    const fixed: RunResult[] = [];
    for (let i = 0; i < RUNS; i++) fixed.push(await node(HEARD, ['check', '--format', 'json', tiny], 60000));
    results.cli.fixedCost = times(fixed, 0);
    const bare: RunResult[] = [];
    for (let i = 0; i < RUNS; i++) bare.push(await run(process.execPath, ['-e', '0'], { cwd: ROOT, env: ENV, timeoutMs: 60000, okCodes: [0] }));
    results.cli.nodeStart = times(bare, 0);
    log(`CLI fixed cost (one-line file): median ${results.cli.fixedCost.median.toFixed(0)} ms; node -e 0: ${results.cli.nodeStart.median.toFixed(0)} ms`);
    for (const corpus of corpora) {
      section(`CLI${only.has('peers') ? ', alex and write-good' : ''} over the ${corpus.label}`);
      const row = await peerRow(corpus, only.has('peers'), corpus === generated ? CORPUS_RUNS : RUNS);
      results.cli.whole.push({ corpus: corpus.label, bytes: corpus.bytes, files: corpus.files.length, times: row.heard });
      if (only.has('peers')) results.peers.push(row);
    }
    // Per-document: one whole process per file, for the seeds and a fixed sample of the corpus.
    const sample = [...seedFiles, ...new Random(99).sample(written.files, PER_DOCUMENT_SAMPLE)];
    section(`CLI per document: ${sample.length} processes`);
    for (const file of sample) {
      const r = await node(HEARD, ['check', '--format', 'json', file], 120000);
      results.cli.perDocument.push({ file: path.relative(ROOT, file), bytes: fs.statSync(file).size, ms: r.ms });
    }
  }

  // 2b. In-process: the engine against alex's API on the seeds.
  if (only.has('inprocess') && seeds) {
    section('alex API in-process over the five seeds');
    const alex = await engineRun({ mode: 'alex', files: seeds.files, warmPasses: quick ? 1 : WARM_PASSES });
    const heard = results.engine.find((e) => e.corpus === seeds!.label)!.result;
    results.inProcess = { heard, alex };
  }

  // 3. Editing latency in the language server.
  if (only.has('lsp')) {
    const document = editingDocument();
    // The server's default debounce, and whether the setting exists to turn it off.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const settingsModule = require(path.join(ROOT, 'out', 'server', 'src', 'lsp', 'settings.js')) as { DEFAULT_DEBOUNCE_MS?: number; DEFAULT_SETTINGS?: Record<string, unknown> };
    const defaultDebounceMs = settingsModule.DEFAULT_DEBOUNCE_MS ?? NaN;
    const settingsToTry: Array<Record<string, unknown>> = [{ enable: true }];
    if (settingsModule.DEFAULT_SETTINGS && 'debounceMs' in settingsModule.DEFAULT_SETTINGS) settingsToTry.push({ enable: true, debounceMs: 0 });
    else notes.push('The server has no debounceMs setting: only the default debounce was measured.');
    results.editing = { file: path.relative(ROOT, document), defaultDebounceMs, runs: [] };
    section(`engine in-process: the same ${EDITS} edits with one cache`);
    results.editing.engineOnly = await engineRun({ mode: 'edits', files: [document], warmPasses: 0, edits: { count: EDITS, seed: EDIT_SEED } }, ['--expose-gc']);
    const heap = results.editing.engineOnly.edits?.heapAfterGcMb;
    if (heap && heap.after - heap.opened > 10) {
      notes.push(
        `Memory grows with every edit: after a full garbage collection the engine's live heap was ${heap.opened.toFixed(0)} MB with ${path.basename(document)} open and ${heap.after.toFixed(0)} MB after ${EDITS} one-character edits, about ${(((heap.after - heap.opened) * 1024) / EDITS).toFixed(0)} KB kept per edit. The cache keeps results for text that no longer exists; an entry whose key holds a whole record (record-level checks) keeps a copy of that record.`,
      );
    }
    for (const settings of settingsToTry) {
      section(`language server: ${EDITS} edits with settings ${JSON.stringify(settings)}`);
      results.editing.runs.push(
        await measureEditing({ serverArgs: [HEARD, 'lsp', '--stdio'], cwd: ROOT, file: document, edits: EDITS, seed: EDIT_SEED, settings, timeoutMs: 60000 }),
      );
    }
  }

  // 4. Scaling: document size (engine from the runner above, CLI here) and number of files.
  if (only.has('scaling')) {
    const engineSizes = results.engine.find((e) => e.corpus === generated.label)?.result.sizes ?? [];
    section('scaling: CLI per document size');
    for (const { kb, file } of sizeFiles) {
      const cli: number[] = [];
      for (let i = 0; i < (quick ? 1 : 3); i++) cli.push((await node(HEARD, ['check', '--format', 'json', '--max-file-size', String(4 * 1048576), file], 120000)).ms);
      const engine = engineSizes.find((s) => s.file === file);
      // The fastest engine run: other work on the machine only ever adds time, and one slow run
      // would otherwise bend the curve.
      results.scaling.sizes.push({ targetKb: kb, bytes: fs.statSync(file).size, engineMs: engine ? Math.min(...engine.runs) : NaN, cliMs: median(cli) });
    }
    const notesDocs = generateSmallNotes(FILES_SEED, Math.max(...FILE_COUNTS));
    for (const count of FILE_COUNTS) {
      const dir = path.join(tmp, `files-${count}`);
      const { bytes } = writeDocuments(dir, notesDocs.slice(0, count));
      const jobs: Record<string, number> = {};
      for (const j of [1, os.availableParallelism()]) {
        const runs: number[] = [];
        for (let i = 0; i < (quick ? 1 : 3); i++) {
          const r = await node(HEARD, ['check', '--format', 'json', '--jobs', String(j), dir], 600000);
          heardFindings(r.stdout, count);
          runs.push(r.ms);
        }
        jobs[String(j)] = median(runs);
      }
      log(`scaling: ${count} files: ${Object.entries(jobs).map(([j, t]) => `-j ${j} ${t.toFixed(0)} ms`).join(', ')}`);
      results.scaling.files.push({ count, bytes, jobs });
    }
  }

  // Hot spots: CPU profiles of the engine over the seeds (or the corpus) and of the editing path.
  if (only.has('profile')) {
    const corpus = seeds ?? generated;
    const editDocument = editingDocument();
    const profiles: Array<{ title: string; spec: RunnerSpec }> = [
      { title: `the engine over the ${corpus.label}: load and compile the lexicon, a cold pass, two warm passes and two passes with each document's cache kept`, spec: { mode: 'engine', files: corpus.files, warmPasses: 2 } },
      {
        title: `the editing path: ${path.basename(editDocument)} analysed once, then re-analysed after each of ${EDITS} one-character edits with one cache (in-process, as the language server calls the engine)`,
        spec: { mode: 'edits', files: [editDocument], warmPasses: 0, edits: { count: EDITS, seed: EDIT_SEED } },
      },
    ];
    for (const [i, { title, spec }] of profiles.entries()) {
      section(`CPU profile ${i + 1}/${profiles.length}`);
      const dir = path.join(tmp, `profile-${i}`);
      await engineRun(spec, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
      const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (file) results.profiles.push({ title, summary: summariseProfile(path.join(dir, file), ROOT) });
    }
  }

  results.machine.loadAfter = os.loadavg();
  results.durationS = Number(process.hrtime.bigint() - started) / 1e9;
  // Paths relative to the repository (temporary files by name only), so the file reads the same anywhere.
  const relative = (_key: string, value: unknown) =>
    typeof value === 'string' && path.isAbsolute(value) ? (value.startsWith(tmp) ? path.basename(value) : path.relative(ROOT, value)) : value;
  fs.writeFileSync(path.join(BENCH, 'results.json'), JSON.stringify(results, relative, 1) + '\n');
  writeReport(path.join(BENCH, 'README.md'), results);
  log(`done in ${results.durationS.toFixed(0)} s: bench/README.md and bench/results.json`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
