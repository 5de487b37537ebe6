// Runs in its own process, so every measurement starts from a fresh heap and a cold JIT:
//   node out/bench/engineRunner.js SPEC.json   → one line of JSON on standard output.
// Modes: `engine` (Heard's analyse() with the core lexicon), `edits` (the editor's path: one
// document re-analysed after each one-character edit, with one cache, as the language server
// does) and `alex` (alex's markdown() API, which alex's CLI applies to .md and .txt alike).
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import type * as Engine from '../server/src/engine';
import type * as Config from '../server/src/node/config';
import type * as LexiconFiles from '../server/src/node/lexiconFiles';
import { applyEdit, randomEdit } from './lib/edits';
import { Random } from './lib/random';
import { nsToMs } from './lib/stats';

export interface RunnerSpec {
  mode: 'engine' | 'edits' | 'alex';
  files: string[];
  /** Passes after the first, each over every file. */
  warmPasses: number;
  /** Engine only: documents for the size scaling, each analysed `repeats` times without a cache. */
  sizes?: Array<{ file: string; repeats: number }>;
  /** Edits only: how many edits to apply to files[0], from this seed. */
  edits?: { count: number; seed: number };
}

export interface PassResult {
  /** Milliseconds per file, in `files` order. */
  perFile: number[];
  totalMs: number;
  /** CPU time of the pass (process.cpuUsage: user + system). */
  cpuMs: number;
  findings: number;
}

export interface RunnerResult {
  /** Node bootstrap: process start to the first line of this script. */
  bootMs: number;
  /** require() of the tool plus (engine) reading and compiling the core lexicon. */
  loadMs: number;
  bytes: number;
  cold: PassResult;
  warm: PassResult[];
  /** Engine only: each file's own cache kept across passes; `fill` sees each paragraph first, `hit` again. */
  kept?: { fill: PassResult; hit: PassResult; hits: number; misses: number; entries: number };
  /** Edits only: milliseconds to re-analyse after each edit, and the cache misses it caused. */
  edits?: { ms: number[]; misses: number[]; findingsAfter: number; heapAfterGcMb?: { opened: number; after: number } };
  sizes?: Array<{ file: string; bytes: number; runs: number[] }>;
  rssMb: number;
  maxRssMb: number;
}

const bootMs = performance.now();

function timed<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: nsToMs(process.hrtime.bigint() - start), value };
}

function pass(texts: string[], analyseOne: (text: string, index: number) => number): PassResult {
  const perFile: number[] = [];
  let findings = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  texts.forEach((text, index) => {
    const { ms, value } = timed(() => analyseOne(text, index));
    perFile.push(ms);
    findings += value;
  });
  const totalMs = nsToMs(process.hrtime.bigint() - start);
  const used = process.cpuUsage(cpu);
  return { perFile, totalMs, cpuMs: (used.user + used.system) / 1000, findings };
}

function loadEngine() {
  return timed(() => {
    // Loaded here rather than imported at the top, so that loading is timed.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const engine = require('../server/src/engine') as typeof Engine;
    const { loadLexicon } = require('../server/src/node/lexiconFiles') as typeof LexiconFiles;
    const { formatForPath } = require('../server/src/node/config') as typeof Config;
    /* eslint-enable @typescript-eslint/no-require-imports */
    return { engine, formatForPath, lexicon: loadLexicon() };
  });
}

function runEngine(spec: RunnerSpec): RunnerResult {
  const load = loadEngine();
  const { engine, formatForPath, lexicon } = load.value;
  const texts = spec.files.map((f) => fs.readFileSync(f, 'utf8'));
  const formats = spec.files.map(formatForPath);
  const analyseWith = (cache: (index: number) => Engine.AnalysisCache | undefined) => (text: string, i: number) =>
    engine.analyse(text, { lexicon, format: formats[i], cache: cache(i) }).findings.length;
  // No cache: how `heard check` analyses a file it reads once.
  const fresh = analyseWith(() => undefined);

  const cold = pass(texts, fresh);
  const warm: PassResult[] = [];
  for (let i = 0; i < spec.warmPasses; i++) warm.push(pass(texts, fresh));

  // One cache per document, kept from one pass to the next: what the editor does for an open
  // document, or re-checking files that did not change.
  const caches = texts.map(() => new engine.AnalysisCache());
  const withOwnCache = analyseWith((i) => caches[i]);
  const fill = pass(texts, withOwnCache);
  const count = (key: 'hits' | 'misses') => caches.reduce((n, c) => n + c[key], 0);
  const before = { hits: count('hits'), misses: count('misses') };
  const hit = pass(texts, withOwnCache);

  const sizes = (spec.sizes ?? []).map(({ file, repeats }) => {
    const text = fs.readFileSync(file, 'utf8');
    const format = formatForPath(file);
    const runs: number[] = [];
    for (let i = 0; i < repeats; i++) runs.push(timed(() => engine.analyse(text, { lexicon, format })).ms);
    return { file, bytes: Buffer.byteLength(text), runs };
  });

  return {
    bootMs,
    loadMs: load.ms,
    bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0),
    cold,
    warm,
    kept: { fill, hit, hits: count('hits') - before.hits, misses: count('misses') - before.misses, entries: caches.reduce((n, c) => n + c.size, 0) },
    sizes,
    rssMb: process.memoryUsage().rss / 1048576,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

/** The editor's path: analyse once, then after each edit with the same cache (no debounce, no LSP). */
function runEdits(spec: RunnerSpec): RunnerResult {
  const load = loadEngine();
  const { engine, formatForPath, lexicon } = load.value;
  const format = formatForPath(spec.files[0]);
  let text = fs.readFileSync(spec.files[0], 'utf8');
  const cache = new engine.AnalysisCache();
  const open = timed(() => engine.analyse(text, { lexicon, format, cache }).findings.length);
  // With --expose-gc: the heap still reachable after a full collection, to tell retained memory
  // from garbage that RSS only shows because V8 has not collected it yet.
  const gc = (globalThis as { gc?: () => void }).gc;
  const liveHeapMb = () => (gc ? (gc(), process.memoryUsage().heapUsed / 1048576) : NaN);
  const heapOpened = liveHeapMb();
  const rng = new Random(spec.edits!.seed);
  const ms: number[] = [];
  const misses: number[] = [];
  let findingsAfter = open.value;
  for (let i = 0; i < spec.edits!.count; i++) {
    text = applyEdit(text, randomEdit(rng, text));
    const before = cache.misses;
    const t = timed(() => engine.analyse(text, { lexicon, format, cache }).findings.length);
    ms.push(t.ms);
    misses.push(cache.misses - before);
    findingsAfter = t.value;
  }
  return {
    bootMs,
    loadMs: load.ms,
    bytes: Buffer.byteLength(text),
    cold: { perFile: [open.ms], totalMs: open.ms, cpuMs: NaN, findings: open.value },
    warm: [],
    edits: { ms, misses, findingsAfter, heapAfterGcMb: gc ? { opened: heapOpened, after: liveHeapMb() } : undefined },
    rssMb: process.memoryUsage().rss / 1048576,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

async function runAlex(spec: RunnerSpec): Promise<RunnerResult> {
  const start = process.hrtime.bigint();
  const alex = await import('alex');
  const loadMs = nsToMs(process.hrtime.bigint() - start);
  const texts = spec.files.map((f) => fs.readFileSync(f, 'utf8'));
  const check = (text: string) => alex.markdown(text).messages.length;
  const cold = pass(texts, check);
  const warm: PassResult[] = [];
  for (let i = 0; i < spec.warmPasses; i++) warm.push(pass(texts, check));
  return {
    bootMs,
    loadMs,
    bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0),
    cold,
    warm,
    rssMb: process.memoryUsage().rss / 1048576,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as RunnerSpec;
  const result = spec.mode === 'engine' ? runEngine(spec) : spec.mode === 'edits' ? runEdits(spec) : await runAlex(spec);
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`engineRunner: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
