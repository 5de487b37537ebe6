// Writes bench/README.md from one run's results: the targets first, then every number.
import * as fs from 'fs';
import * as path from 'path';
import type { RunnerResult } from './engineRunner';
import type { BenchResults } from './results';
import { fixed, kb, logLogSlope, mbPerSecond, median, ms, percentile } from './lib/stats';

const TARGET_RATIO = 1 / 20;
const TARGET_P95_MS = 25;
const TARGET_RSS_MB = 200;
const TARGET_MB_PER_S = 2;

const mark = (ok: boolean | undefined) => (ok === undefined ? '–' : ok ? '✓' : '✗');
const table = (header: string[], rows: string[][]) =>
  [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

/** Per-document milliseconds of the warm passes: each document's median over the passes. */
function warmPerDocument(result: RunnerResult): number[] {
  return result.cold.perFile.map((_, i) => median(result.warm.map((p) => p.perFile[i])));
}

function warmTotal(result: RunnerResult): number {
  return median(result.warm.map((p) => p.totalMs));
}

function passRow(label: string, bytes: number, totalMs: number, cpuMs: number, perFile: number[], findings: number, extra = ''): string[] {
  return [label, ms(totalMs), ms(cpuMs), fixed(mbPerSecond(bytes, totalMs)), ms(percentile(perFile, 50)), ms(percentile(perFile, 95)), String(findings), extra];
}

function engineSection(r: BenchResults): string {
  const out: string[] = ['### Engine in-process (`analyse()` with the core lexicon)', ''];
  out.push(
    'Each corpus runs in a fresh Node process (`out/bench/engineRunner.js`). **Cold**: the first pass over the files after loading the engine and compiling the lexicon (no JIT warm-up, no cache, as `heard check` runs). **Warm, no cache**: later passes in the same process, still without a cache, so nothing is reused between documents or passes — this is the engine\'s real speed on unseen text (median of the passes). **Warm, cache kept per document**: each document gets its own `AnalysisCache`, kept from one pass to the next as the editor keeps one per open document; the first such pass fills it, the second re-checks unchanged text (what is left once every paragraph is cached: segmenting, record checks, positions).',
    '',
  );
  for (const { corpus, result } of r.engine) {
    const kept = result.kept!;
    out.push(`**${corpus}** (${kb(result.bytes)}, ${result.cold.perFile.length} files). Node boot ${ms(result.bootMs)}; loading the engine and compiling the core lexicon ${ms(result.loadMs)}; peak RSS ${result.maxRssMb.toFixed(0)} MB.`, '');
    const warm = warmPerDocument(result);
    const hitRate = kept.hits + kept.misses > 0 ? `${((100 * kept.hits) / (kept.hits + kept.misses)).toFixed(0)}% cache hits (${kept.entries} entries at the end)` : '';
    out.push(
      table(
        ['pass', 'total', 'CPU', 'MB/s', 'per-doc p50', 'per-doc p95', 'findings', ''],
        [
          passRow('cold (first pass in the process)', result.bytes, result.cold.totalMs, result.cold.cpuMs, result.cold.perFile, result.cold.findings),
          passRow(
            `warm, no cache (median of ${result.warm.length})`,
            result.bytes,
            warmTotal(result),
            median(result.warm.map((p) => p.cpuMs)),
            warm,
            result.warm[0]?.findings ?? NaN,
            `passes: ${result.warm.map((p) => ms(p.totalMs)).join(', ')}`,
          ),
          passRow('warm, cache kept per document, first pass', result.bytes, kept.fill.totalMs, kept.fill.cpuMs, kept.fill.perFile, kept.fill.findings),
          passRow('warm, cache kept per document, unchanged text again', result.bytes, kept.hit.totalMs, kept.hit.cpuMs, kept.hit.perFile, kept.hit.findings, hitRate),
        ],
      ),
      '',
    );
  }
  if (r.coldStart) {
    const c = r.coldStart.result;
    const again = median(c.warm.map((p) => p.totalMs));
    out.push(
      `**First document in a fresh process** (\`${r.coldStart.file}\`, ${kb(c.bytes)}): Node boot ${ms(c.bootMs)}, load and compile the lexicon ${ms(c.loadMs)}, first \`analyse()\` ${ms(c.cold.totalMs)}, the same document again ${ms(again)} (median of ${c.warm.length}). The difference, **${ms(c.cold.totalMs - again)}**, is one-off warm-up that every CLI process and every CLI worker thread pays (see the profiles below for what it is).`,
      '',
    );
  }
  return out.join('\n');
}

function cliSection(r: BenchResults): string {
  const out = ['### CLI, whole processes (`node bin/heard.js check --format json FILES…`)', ''];
  out.push(
    `Wall time from spawn to exit, including Node start, reading the files, compiling the lexicon and (past 8 files or 1 MB) starting worker threads (default \`--jobs\` = ${r.cli.jobs}). Every CLI run is a cold process; the engine table above shows what a warm process does. Median of ${r.options.runs} runs (${r.options.corpusRuns} over the generated corpus). CPU is the process's user + system time over all its threads (from /proc, 10 ms resolution): less disturbed than wall time when other work shares the cores.`,
    '',
  );
  const rows = [['one-line file (fixed cost)', '1', '–', ms(r.cli.fixedCost.median), ms(r.cli.fixedCost.cpuMedian), '–', r.cli.fixedCost.runs.map(ms).join(', ')]];
  if (r.cli.nodeStart) rows.unshift(['`node -e 0` (Node alone, for scale)', '–', '–', ms(r.cli.nodeStart.median), ms(r.cli.nodeStart.cpuMedian), '–', r.cli.nodeStart.runs.map(ms).join(', ')]);
  for (const w of r.cli.whole) rows.push([w.corpus, String(w.files), kb(w.bytes), ms(w.times.median), ms(w.times.cpuMedian), fixed(mbPerSecond(w.bytes, w.times.median)), w.times.runs.map(ms).join(', ')]);
  out.push(table(['input', 'files', 'size', 'median', 'CPU (all threads)', 'MB/s', 'runs'], rows), '');
  if (r.cli.perDocument.length > 0) {
    const seeds = r.cli.perDocument.filter((d) => d.file.includes('seeds'));
    const sample = r.cli.perDocument.filter((d) => !d.file.includes('seeds'));
    out.push('Per document, one process per file (cold):', '');
    const perDoc: string[][] = [];
    if (seeds.length) perDoc.push([`the ${seeds.length} seeds`, kb(median(seeds.map((d) => d.bytes))), ms(percentile(seeds.map((d) => d.ms), 50)), ms(percentile(seeds.map((d) => d.ms), 95)), seeds.map((d) => `${kb(d.bytes)}: ${ms(d.ms)}`).join('; ')]);
    if (sample.length) perDoc.push([`${sample.length} generated records (fixed sample)`, kb(median(sample.map((d) => d.bytes))), ms(percentile(sample.map((d) => d.ms), 50)), ms(percentile(sample.map((d) => d.ms), 95)), '']);
    out.push(table(['documents', 'median size', 'p50', 'p95', 'each'], perDoc), '');
  }
  return out.join('\n');
}

function peersSection(r: BenchResults): string {
  const out = ['## 2. Peers in the same run', ''];
  out.push(
    `alex ${r.machine.alex} (\`node node_modules/alex/cli.js FILES…\`, Markdown for .md and .txt alike, as its CLI does) and write-good ${r.machine.writeGood} (\`node node_modules/write-good/bin/write-good.js --parse FILES…\`), each as whole processes, run ${r.options.runs} times over the seeds and ${r.options.corpusRuns} over the generated corpus, interleaved with Heard's CLI (Heard, alex, write-good, Heard, …) so that load from other work hits all three alike; medians quoted. Ratio = Heard time ÷ peer time (the target is ≤ ${TARGET_RATIO} against alex, i.e. Heard at least 20× faster).`,
    '',
  );
  const rows = r.peers.map((p) => [
    `${p.corpus} (${p.files} files, ${kb(p.bytes)})`,
    ms(p.heard.median),
    ms(p.alex.median),
    ms(p.writeGood.median),
    fixed(p.heard.median / p.alex.median, 3),
    `${fixed(p.alex.median / p.heard.median, 1)}×`,
    fixed(p.heard.median / p.writeGood.median, 3),
    `${ms(p.heard.cpuMedian)} / ${ms(p.alex.cpuMedian)} / ${ms(p.writeGood.cpuMedian)}`,
    fixed(p.heard.cpuMedian / p.alex.cpuMedian, 3),
  ]);
  out.push(table(['files', 'Heard CLI', 'alex CLI', 'write-good CLI', 'Heard ÷ alex', 'alex ÷ Heard', 'Heard ÷ write-good', 'CPU: Heard / alex / write-good', 'Heard ÷ alex (CPU)'], rows), '');
  out.push(
    table(
      ['files', 'Heard findings', 'alex warnings', 'write-good suggestions', 'runs (Heard / alex / write-good)'],
      r.peers.map((p) => [p.corpus, String(p.heard.findings), String(p.alex.findings), String(p.writeGood.findings), `${p.heard.runs.map(ms).join(', ')} / ${p.alex.runs.map(ms).join(', ')} / ${p.writeGood.runs.map(ms).join(', ')}`]),
    ),
    '',
  );
  if (r.inProcess) {
    const { heard, alex } = r.inProcess;
    out.push('### In-process: the engine against alex\'s API over the five seeds', '');
    out.push(
      `Both in fresh processes over the same text: Heard's \`analyse()\` (no cache, as the CLI calls it) and alex's \`markdown()\`. Load = \`require\`/\`import\` (and for Heard, compiling the lexicon). Cold = first pass; warm = median of later passes.`,
      '',
    );
    const row = (name: string, res: RunnerResult) => [name, ms(res.loadMs), ms(res.cold.totalMs), ms(warmTotal(res)), fixed(mbPerSecond(res.bytes, warmTotal(res))), String(res.cold.findings)];
    out.push(table(['tool', 'load', 'cold pass', 'warm pass', 'warm MB/s', 'findings'], [row('Heard engine', heard), row('alex API', alex)]), '');
    out.push(
      `Heard ÷ alex: warm ${fixed(warmTotal(heard) / warmTotal(alex), 3)} (alex ${fixed(warmTotal(alex) / warmTotal(heard), 1)}× slower); cold ${fixed(heard.cold.totalMs / alex.cold.totalMs, 3)}; load + cold ${fixed((heard.loadMs + heard.cold.totalMs) / (alex.loadMs + alex.cold.totalMs), 3)}.`,
      '',
    );
  }
  return out.join('\n');
}

function editingSection(r: BenchResults): string {
  const e = r.editing!;
  const out = ['## 3. Editing latency in the language server', ''];
  out.push(
    `\`node bin/heard.js lsp --stdio\` driven over stdio by a \`vscode-languageserver-protocol/node\` client (push diagnostics, version support, incremental sync), with \`${e.file}\` (${kb(e.runs[0]?.bytes ?? 0)}) open as plain text. ${r.options.edits} one-character edits at random places (seed 7: 70% a letter typed, 30% a character deleted, never a line break), each sent as an incremental \`didChange\` after the previous edit's diagnostics arrived; latency = \`didChange\` sent → \`publishDiagnostics\` for that version received. The server's default debounce is ${e.defaultDebounceMs} ms (\`heard.debounceMs\`, server/src/lsp/settings.ts); the second run sets it to 0 through \`workspace/configuration\`, which is the one the target is judged on (a debounce is waiting by design, not work). "Server analysis" is the time the server itself logs for each check. RSS from /proc/PID/status (VmRSS; peak = VmHWM).`,
    '',
  );
  const rows = e.runs.map((run) => {
    const d = (run.settings.debounceMs as number | undefined) ?? e.defaultDebounceMs;
    return [
      `${d} ms${run.settings.debounceMs === undefined ? ' (default)' : ''}`,
      ms(run.openMs),
      ms(percentile(run.latencies, 50)),
      ms(percentile(run.latencies, 95)),
      ms(Math.max(...run.latencies)),
      run.serverAnalysisMs.length ? `${ms(percentile(run.serverAnalysisMs, 50))} / ${ms(percentile(run.serverAnalysisMs, 95))}` : '–',
      `${run.rssMb.initialized.toFixed(0)} / ${run.rssMb.opened.toFixed(0)} / ${run.rssMb.after.toFixed(0)} / ${run.rssMb.peak.toFixed(0)}`,
      `${run.diagnosticsAtOpen} → ${run.diagnosticsAfter}`,
    ];
  });
  out.push(table(['debounce', 'open → first diagnostics', 'edit p50', 'edit p95', 'edit max', 'server analysis p50 / p95', 'RSS MB: started / opened / after edits / peak', 'diagnostics'], rows), '');
  const engine = e.engineOnly;
  if (engine?.edits) {
    out.push(
      `The engine alone, in-process, with exactly the same edits and one \`AnalysisCache\` (no LSP, no debounce, no JSON): first analysis ${ms(engine.cold.totalMs)}; re-analysis after each edit p50 ${ms(percentile(engine.edits.ms, 50))}, p95 ${ms(percentile(engine.edits.ms, 95))}, max ${ms(Math.max(...engine.edits.ms))}; cache misses per edit: median ${median(engine.edits.misses)}, max ${Math.max(...engine.edits.misses)}; peak RSS ${engine.maxRssMb.toFixed(0)} MB${engine.edits.heapAfterGcMb ? `; live heap after a full GC ${engine.edits.heapAfterGcMb.opened.toFixed(0)} MB once open and ${engine.edits.heapAfterGcMb.after.toFixed(0)} MB after the edits (RSS above that is garbage not yet collected, or V8's reserved space)` : ''}. What the server adds on top is the difference from the debounce-0 row.`,
      '',
    );
  }
  return out.join('\n');
}

function scalingSection(r: BenchResults): string {
  const s = r.scaling;
  const out = ['## 4. Scaling', ''];
  if (s.sizes.length) {
    out.push(
      'Time against document size: one long generated case record per size (`generateRecordOfSize`, cut at a paragraph), analysed in the warm engine process without a cache (the fastest of at least 5 runs, more for small sizes: load from other work only adds time), and through the CLI as a whole process (median of 3).',
      '',
    );
    const base = s.sizes[0];
    out.push(
      table(
        ['size', 'engine', 'engine ms per KB', 'relative to the smallest', 'CLI (whole process)'],
        s.sizes.map((x) => [kb(x.bytes), ms(x.engineMs), fixed(x.engineMs / (x.bytes / 1024), 3), fixed(x.engineMs / x.bytes / (base.engineMs / base.bytes), 2), ms(x.cliMs)]),
      ),
      '',
    );
    const lin = linearity(r);
    out.push(
      `Linearity: time per KB at ${kb(s.sizes[s.sizes.length - 1].bytes)} ÷ time per KB at ${kb(base.bytes)} = **${fixed(lin.ratio, 2)}** (÷ at 16 KB: **${fixed(lin.ratioFrom16, 2)}**; a 1 KB record is mostly a heading and one entry, so its time per KB says more about its content than about growth); log–log slope of engine time against size = **${fixed(lin.slopeAll, 2)}** over all sizes and **${fixed(lin.slopeLarge, 2)}** from 16 KB up (1.00 is linear; above 1 grows faster than the text).`,
      '',
    );
  }
  if (s.files.length) {
    out.push('Time against number of files: short generated notes (one to three entries, ~1–2 KB each; `generateSmallNotes`), the CLI over the folder with `--jobs 1` (main thread) and with one worker thread per core (`--jobs` = the number of cores; the default is one per core but one). Median of 3.', '');
    const jobs = Object.keys(s.files[0].jobs);
    out.push(
      table(
        ['files', 'size', ...jobs.map((j) => `--jobs ${j}`), ...jobs.map((j) => `ms per file (-j ${j})`), 'speed-up'],
        s.files.map((f) => [String(f.count), kb(f.bytes), ...jobs.map((j) => ms(f.jobs[j])), ...jobs.map((j) => fixed(f.jobs[j] / f.count, 1)), `${fixed(f.jobs[jobs[0]] / f.jobs[jobs[jobs.length - 1]], 2)}×`]),
      ),
      '',
    );
  }
  return out.join('\n');
}

function linearity(r: BenchResults): { ratio: number; ratioFrom16: number; slopeAll: number; slopeLarge: number } {
  const s = r.scaling.sizes.filter((x) => Number.isFinite(x.engineMs));
  if (s.length < 2) return { ratio: NaN, ratioFrom16: NaN, slopeAll: NaN, slopeLarge: NaN };
  const first = s[0];
  const last = s[s.length - 1];
  const large = s.filter((x) => x.bytes >= 16 * 1024);
  const perByte = (x: { engineMs: number; bytes: number }) => x.engineMs / x.bytes;
  return {
    ratio: perByte(last) / perByte(first),
    ratioFrom16: large.length ? perByte(last) / perByte(large[0]) : NaN,
    slopeAll: logLogSlope(s.map((x) => x.bytes), s.map((x) => x.engineMs)),
    slopeLarge: large.length >= 2 ? logLogSlope(large.map((x) => x.bytes), large.map((x) => x.engineMs)) : NaN,
  };
}

function profileSection(r: BenchResults): string {
  const out = ['## Hot spots (CPU profiles)', ''];
  out.push('`node --cpu-prof out/bench/engineRunner.js …`; locations are mapped to the TypeScript sources through the source maps. Self time is time spent in the function itself (for regular expressions executed by V8\'s interpreter, and for compiling them, that is the function that calls `exec`); inclusive time adds everything it calls.', '');
  r.profiles.forEach(({ title, summary }, i) => {
    out.push(
      `### Profile ${i + 1}: ${title} (${ms(summary.totalMs)} profiled)`,
      '',
      'Self time by area:',
      '',
      table(['area', 'ms', '%'], summary.areas.slice(0, 10).map((a) => [a.area, a.ms.toFixed(0), a.percent.toFixed(1)])),
      '',
      'Top functions by self time:',
      '',
      table(['function', 'where', 'self ms', '%'], summary.selfTop.map((f) => [`\`${f.name.length > 70 ? f.name.slice(0, 70) + '…' : f.name}\``, f.location || f.area, f.ms.toFixed(0), f.percent.toFixed(1)])),
      '',
      "Heard's own functions by inclusive time:",
      '',
      table(['function', 'where', 'inclusive ms', '%'], summary.inclusiveTop.map((f) => [`\`${f.name}\``, f.location, f.ms.toFixed(0), f.percent.toFixed(1)])),
      '',
    );
  });
  return out.join('\n');
}

function targets(r: BenchResults): string[][] {
  const rows: string[][] = [];
  const seedsPeer = r.peers.find((p) => p.corpus === r.corpora.seeds?.label);
  if (seedsPeer) {
    const ratio = seedsPeer.heard.median / seedsPeer.alex.median;
    rows.push([
      'CLI over the five seeds, whole processes, ≥ 20× faster than alex\'s CLI',
      `Heard ${ms(seedsPeer.heard.median)} vs alex ${ms(seedsPeer.alex.median)}: ratio ${fixed(ratio, 3)} (${fixed(1 / ratio, 1)}× faster); CPU time ratio ${fixed(seedsPeer.heard.cpuMedian / seedsPeer.alex.cpuMedian, 3)}. 20× would need the whole run in ${ms(seedsPeer.alex.median * TARGET_RATIO)}${r.cli.nodeStart ? `; Node alone starts and exits in ${ms(r.cli.nodeStart.median)}, and Heard on a one-line file takes ${ms(r.cli.fixedCost.median)}` : ''}`,
      `≤ ${TARGET_RATIO}`,
      mark(ratio <= TARGET_RATIO),
    ]);
  } else rows.push(['CLI over the five seeds vs alex\'s CLI', 'not measured', `≤ ${TARGET_RATIO}`, '–']);
  if (r.inProcess) {
    const ratio = warmTotal(r.inProcess.heard) / warmTotal(r.inProcess.alex);
    rows.push(['Engine in-process ≥ 20× faster than alex\'s API (five seeds, warm)', `Heard ${ms(warmTotal(r.inProcess.heard))} vs alex ${ms(warmTotal(r.inProcess.alex))}: ratio ${fixed(ratio, 3)} (${fixed(1 / ratio, 1)}× faster)`, `≤ ${TARGET_RATIO}`, mark(ratio <= TARGET_RATIO)]);
    const coldRatio = r.inProcess.heard.cold.totalMs / r.inProcess.alex.cold.totalMs;
    rows.push(['… same, first pass in a fresh process (cold)', `Heard ${ms(r.inProcess.heard.cold.totalMs)} vs alex ${ms(r.inProcess.alex.cold.totalMs)}: ratio ${fixed(coldRatio, 3)}`, `≤ ${TARGET_RATIO}`, mark(coldRatio <= TARGET_RATIO)]);
  } else rows.push(['Engine in-process vs alex\'s API', 'not measured', `≤ ${TARGET_RATIO}`, '–']);
  if (r.editing) {
    const zero = r.editing.runs.find((run) => run.settings.debounceMs === 0);
    const judged = zero ?? r.editing.runs[0];
    const p95 = percentile(judged.latencies, 95);
    rows.push([`Language server: one-character edit in the ${kb(judged.bytes)} document → diagnostics, p95 (debounce ${zero ? 0 : r.editing.defaultDebounceMs} ms)`, ms(p95), `≤ ${TARGET_P95_MS} ms`, mark(p95 <= TARGET_P95_MS)]);
    const rss = Math.max(...r.editing.runs.flatMap((run) => [run.rssMb.opened, run.rssMb.after]));
    const peak = Math.max(...r.editing.runs.map((run) => run.rssMb.peak));
    rows.push(['Language server RSS with that document open', `${rss.toFixed(0)} MB (peak ${peak.toFixed(0)} MB)`, `≤ ${TARGET_RSS_MB} MB`, mark(rss <= TARGET_RSS_MB)]);
  }
  const gen = r.engine.find((e) => e.corpus === r.corpora.generated.label);
  if (gen) {
    const rate = mbPerSecond(gen.result.bytes, warmTotal(gen.result));
    rows.push(['Engine throughput, warm, generated corpus (no cache, as the CLI)', `${fixed(rate)} MB/s`, `≥ ${TARGET_MB_PER_S} MB/s`, mark(rate >= TARGET_MB_PER_S)]);
  }
  if (r.scaling.sizes.length >= 2) {
    const lin = linearity(r);
    rows.push([
      'Growth with document size is linear (1 KB → 1 MB)',
      `time per KB, 1 MB ÷ 1 KB: ${fixed(lin.ratio, 2)}; 1 MB ÷ 16 KB: ${fixed(lin.ratioFrom16, 2)}; log–log slope from 16 KB: ${fixed(lin.slopeLarge, 2)}`,
      '1 MB ÷ 16 KB ≤ 1.5 and slope ≤ 1.15',
      mark(lin.ratioFrom16 <= 1.5 && lin.slopeLarge <= 1.15),
    ]);
  }
  return rows;
}

export function writeReport(file: string, r: BenchResults): void {
  const m = r.machine;
  const g = r.corpora.generated;
  const out: string[] = [];
  out.push('# Heard benchmarks', '');
  out.push(`> Written by \`npm run bench\` (bench/run.ts) on ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC in ${(r.durationS / 60).toFixed(1)} min${r.options.quick ? ' with --quick (fewer repeats: numbers are rough)' : ''}. Do not edit by hand: run it again. Every number is also in [results.json](results.json).`, '');
  out.push('## Targets (issue 7)', '');
  out.push(table(['target', 'measured', 'needed', ''], targets(r)), '');
  if (r.notes.length) out.push(...r.notes.map((n) => `- ${n}`), '');

  out.push('## Machine', '');
  out.push(
    table(
      ['', ''],
      [
        ['CPU', `${m.cpu}, ${m.cores} cores`],
        ['memory', `${m.memoryGb} GB`],
        ['OS', m.os],
        ['Node', m.node],
        ['Heard commit', m.commit],
        ['load average (1, 5, 15 min) before / after', `${m.loadBefore.map((l) => l.toFixed(2)).join(' ')} / ${m.loadAfter.map((l) => l.toFixed(2)).join(' ')}`],
        ['1-minute load as each section started', r.load.map((l) => `${l.section.replace(/`/g, '')}: ${l.load1.toFixed(1)}`).join('; ')],
        ['peers', `alex ${m.alex}, write-good ${m.writeGood}`],
      ],
    ),
    '',
  );

  out.push('## Corpora', '');
  if (r.corpora.seeds) out.push(`- **Five seeds**: ${r.corpora.seeds.note}, ${kb(r.corpora.seeds.bytes)} in ${r.corpora.seeds.files.length} plain-text files (the largest, 001, is the 240 KB document used for editing latency).`);
  out.push(
    `- **Generated corpus**: ${g.files.length} files, ${kb(g.bytes)} (${Object.entries(g.kinds).map(([k, n]) => `${n} × ${k}`).join(', ')}), written to \`bench/corpus/\` (git-ignored) by \`bench/corpus.ts\` with seed ${g.seed}. SHA-256 of the set: \`${g.sha256}\`. Invented case notes (Markdown: dated entries under headings, front matter on about half), chronologies (plain text, one dated line per event) and practice-review extracts (numbered paragraphs that quote poor wording to criticise it); each mixes plain facts, good practice (the child's own words, named perpetrators) and the poor wording the lexicon looks for, with names, ages, dates and places. Sizes are log-normal: most records a few KB, a long tail up to ~125 KB.`,
    '- The corpus is generated at run time rather than committed: the fixed seed gives byte-identical files everywhere (compare the SHA-256), and 2.5 MB of synthetic text stays out of the repository\'s history. `node out/bench/corpus.js [folder]` writes it on its own.',
    '',
  );

  out.push('## 1. Throughput', '');
  if (r.engine.length) out.push(engineSection(r));
  if (r.cli.whole.length) out.push(cliSection(r));
  if (r.peers.length || r.inProcess) out.push(peersSection(r));
  if (r.editing) out.push(editingSection(r));
  if (r.scaling.sizes.length || r.scaling.files.length) out.push(scalingSection(r));
  if (r.profiles.length) out.push(profileSection(r));

  // The browser extension's benchmark runs on its own (it needs Chromium and the built extension):
  // its last report, bench/browser.md, is carried into this one.
  const browserReport = path.join(path.dirname(file), 'browser.md');
  if (fs.existsSync(browserReport)) out.push(fs.readFileSync(browserReport, 'utf8').trim(), '');
  // So is the records-at-scale benchmark's (bench/records.ts, `npm run bench:records`): it takes
  // the best part of an hour at full size, so it runs on its own and its last report is carried in.
  const recordsReport = path.join(path.dirname(file), 'records.md');
  if (fs.existsSync(recordsReport)) out.push(fs.readFileSync(recordsReport, 'utf8').trim().replace(/^# /, '## '), '');
  out.push(
    '## How to run',
    '',
    '```sh',
    'npm run bench                       # build, then everything (about 8–10 minutes on 2 cores)',
    'npm run build && node out/bench/run.js --quick            # fewer repeats, for trying changes',
    'node out/bench/run.js --only=engine,lsp                   # some sections: engine, cli, peers, inprocess, lsp, scaling, profile',
    'node out/bench/corpus.js /tmp/corpus                      # just write the generated corpus',
    'npm run build:browser && node out/bench/browser.js        # the browser extension (Chromium): bench/browser.md, included here',
    'npm run bench:records -- --records 1000000 --shards 1,2   # records at scale (JSON lines, shards): bench/records.md, included here',
    '```',
    '',
    'The harness runs one measurement at a time, kills its child processes if it is stopped, and gives every process a time limit. The seeds are read from `../shared/seeds/` beside the repository; without them those rows are skipped. alex runs with `NO_UPDATE_NOTIFIER=1` (its update check would go to the network). `npm run bench` is not part of `npm test`, and no test asserts on time.',
    '',
  );
  // The adversarial benchmark (bench/adversarial.ts) writes its own section: kept as it is.
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const kept = /<!-- adversarial:begin -->[\s\S]*<!-- adversarial:end -->\n?/.exec(previous);
  fs.writeFileSync(file, out.join('\n') + (kept ? `\n${kept[0]}` : ''));
}

