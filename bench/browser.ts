// Benchmark of the browser extension (not a test: nothing here asserts on time). In Debian's
// Chromium with the unpacked extension, a generated case note of 20 KB and of 100 KB is put in a
// text area and in a contenteditable div; then, for each of N keystrokes typed in the middle of the
// note, it measures in the page, from the keydown to the overlay's update:
//   carried  the underlines moved over the edit (the content script, before the engine answers)
//   engine   the underlines for the new text from the engine (service worker, with its cache)
// and the extension process's memory (the service worker with the engine, the lexicon and the
// caches: RSS and PSS from /proc). Writes bench/browser-results.json and bench/browser.md, which
// `npm run bench`'s report includes in bench/README.md.
// Run: npm run build:browser && node out/bench/browser.js [--keystrokes=40]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { generateRecordOfSize, CORPUS_SEED } from './corpus';
import { summarise, ms, type Summary } from './lib/stats';
import { launchWithExtension, startPageServer, ROOT } from '../test/browser/harness';

const BENCH = path.join(ROOT, 'bench');
const KEYSTROKES = Number(/^--keystrokes=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--keystrokes=')) ?? '')?.[1] ?? 40);
const WARM_UP = 5;
const SIZES_KB = [20, 100];

const PAGES: Record<string, string> = {
  'bench-textarea.html': '<!doctype html><meta charset="utf-8"><title>bench</title><textarea id="note" style="width:900px;height:600px;font:15px/1.5 sans-serif"></textarea>',
  'bench-rich.html': '<!doctype html><meta charset="utf-8"><title>bench</title><div id="note" contenteditable="true" style="width:900px;height:600px;overflow:auto;font:15px/1.5 sans-serif;white-space:pre-wrap"></div>',
};

interface Row {
  field: 'textarea' | 'contenteditable';
  kb: number;
  chars: number;
  initialMs: number;
  findings: number;
  carried: Summary;
  engine: Summary;
  /** The analysis alone, in the service worker (as it reports it). */
  worker: Summary;
  /** Keydown → the page's next frame, with the extension, and on the same page where it is not switched on. */
  frame: Summary;
  frameWithout: Summary;
}

/** In a page where Heard is not switched on: keydown → next frame, for the same note and keystrokes. */
const FRAME_PROBE = `(() => {
  window.heardFrames = [];
  document.addEventListener('keydown', () => { const t = performance.now(); requestAnimationFrame(() => setTimeout(() => window.heardFrames.push(performance.now() - t))); }, true);
})()`;

/** In the page: times from the keydown to the overlay layer's updates for the new text. */
const PROBE = `(() => {
  const layer = () => document.querySelector('heard-overlay')?.shadowRoot?.querySelector('.field');
  window.heardProbe = { start: 0, carried: 0, engine: 0, frame: 0, want: -1 };
  document.addEventListener('keydown', () => {
    const p = window.heardProbe; p.start = performance.now(); p.carried = 0; p.engine = 0; p.frame = 0;
    const start = p.start;
    requestAnimationFrame(() => setTimeout(() => { if (p.start === start) p.frame = performance.now() - start; }));
  }, true);
  new MutationObserver(() => {
    const l = layer(), p = window.heardProbe;
    if (!l || !p.start || Number(l.dataset.length) !== p.want) return;
    const now = performance.now();
    if (!p.carried) p.carried = now - p.start;
    if (l.dataset.state === 'current' && !p.engine) p.engine = now - p.start;
  }).observe(document.querySelector('heard-overlay').shadowRoot, { subtree: true, attributes: true, attributeFilter: ['data-state', 'data-length'] });
})()`;

/** The extension renderer process of this browser (Chromium marks it --extension-process): RSS and PSS in MB. */
function extensionMemory(profile: string): { rssMb: number; pssMb: number } | undefined {
  const ps = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8', maxBuffer: 16 << 20 });
  const procs = ps.split('\n').filter(Boolean).map((line) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line)!;
    return { pid: Number(m[1]), ppid: Number(m[2]), args: m[3] };
  });
  const browser = procs.find((p) => p.args.includes(`--user-data-dir=${profile}`) && !p.args.includes('--type='));
  if (!browser) return undefined;
  const ours = new Set([browser.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) if (!ours.has(p.pid) && ours.has(p.ppid)) (ours.add(p.pid), (grew = true));
  }
  const ext = procs.find((p) => ours.has(p.pid) && p.args.includes('--extension-process'));
  if (!ext) return undefined;
  const rollup = fs.readFileSync(`/proc/${ext.pid}/smaps_rollup`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? NaN);
  return { rssMb: kb('Rss') / 1024, pssMb: kb('Pss') / 1024 };
}

async function main(): Promise<void> {
  const server = await startPageServer(PAGES);
  const browser = await launchWithExtension(server.url, { width: 1000, height: 700 });
  const rows: Row[] = [];
  let memory: ReturnType<typeof extensionMemory>;
  let memoryIdle: ReturnType<typeof extensionMemory>;
  try {
    const { page } = browser;
    memoryIdle = extensionMemory(browser.profile);
    for (const kb of SIZES_KB) {
      const note = generateRecordOfSize(CORPUS_SEED + 7000 + kb, kb * 1024);
      for (const field of ['textarea', 'contenteditable'] as const) {
        await page.goto(`${server.url}/${field === 'textarea' ? 'bench-textarea.html' : 'bench-rich.html'}`);
        const started = Date.now();
        // The note arrives as if pasted: the field's text set at once, then an input event.
        await page.evaluate(
          ([text, isTextarea]) => {
            const el = (globalThis as unknown as { document: { getElementById(id: string): { value: string; textContent: string; focus(): void; dispatchEvent(e: unknown): void } } }).document.getElementById('note');
            if (isTextarea) el.value = text;
            else el.textContent = text;
            el.focus();
            el.dispatchEvent(new (globalThis as unknown as { InputEvent: new (t: string, o: object) => unknown }).InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
          },
          [note, field === 'textarea'] as const,
        );
        const length = note.length;
        await page.waitForSelector(`heard-overlay .field[data-state="current"][data-length="${length}"]`, { state: 'attached', timeout: 120000 });
        const initialMs = Date.now() - started;
        const findings = Number(await page.locator('heard-overlay .field').first().getAttribute('data-count'));
        await page.evaluate(PROBE);
        // The caret in the middle of the note, at the end of a line.
        const middle = note.indexOf('\n', Math.floor(note.length / 2));
        if (field === 'textarea') await page.evaluate(`document.getElementById('note').setSelectionRange(${middle}, ${middle})`);
        else
          await page.evaluate(`(() => { const n = document.getElementById('note').firstChild; const r = document.createRange(); r.setStart(n, ${middle}); r.collapse(true); const s = getSelection(); s.removeAllRanges(); s.addRange(r); })()`);
        const carried: number[] = [];
        const engine: number[] = [];
        const worker: number[] = [];
        const frame: number[] = [];
        let current = length;
        for (let i = 0; i < WARM_UP + KEYSTROKES; i++) {
          current += 1;
          await page.evaluate(`window.heardProbe.want = ${current}`);
          await page.keyboard.type(i % 6 === 5 ? ' ' : 'abcdefghij'[i % 10]);
          await page.waitForFunction('window.heardProbe.engine > 0', undefined, { timeout: 60000 });
          await page.waitForFunction('window.heardProbe.frame > 0', undefined, { timeout: 60000 });
          const probe = (await page.evaluate(`({ carried: window.heardProbe.carried, engine: window.heardProbe.engine, frame: window.heardProbe.frame, worker: Number(document.querySelector('heard-overlay').shadowRoot.querySelector('.field').dataset.engineMs) })`)) as { carried: number; engine: number; worker: number; frame: number };
          if (i >= WARM_UP) {
            frame.push(probe.frame);
            carried.push(probe.carried || probe.engine);
            engine.push(probe.engine);
            worker.push(probe.worker);
          }
        }
        // The same on a host the extension is not switched on for (localhost: only 127.0.0.1 is granted).
        await page.goto(`${server.url.replace('127.0.0.1', 'localhost')}/${field === 'textarea' ? 'bench-textarea.html' : 'bench-rich.html'}`);
        await page.evaluate(
          ([text, isTextarea]) => {
            const el = (globalThis as unknown as { document: { getElementById(id: string): { value: string; textContent: string; focus(): void } } }).document.getElementById('note');
            if (isTextarea) el.value = text;
            else el.textContent = text;
            el.focus();
          },
          [note, field === 'textarea'] as const,
        );
        await page.evaluate(FRAME_PROBE);
        if (field === 'textarea') await page.evaluate(`document.getElementById('note').setSelectionRange(${middle}, ${middle})`);
        else
          await page.evaluate(`(() => { const n = document.getElementById('note').firstChild; const r = document.createRange(); r.setStart(n, ${middle}); r.collapse(true); const s = getSelection(); s.removeAllRanges(); s.addRange(r); })()`);
        for (let i = 0; i < WARM_UP + KEYSTROKES; i++) {
          await page.keyboard.type(i % 6 === 5 ? ' ' : 'abcdefghij'[i % 10]);
          await page.waitForFunction(`window.heardFrames.length > ${i}`, undefined, { timeout: 60000 });
          await page.waitForTimeout(30);
        }
        const frameWithout = ((await page.evaluate('window.heardFrames')) as number[]).slice(WARM_UP);
        rows.push({ field, kb, chars: length, initialMs, findings, carried: summarise(carried), engine: summarise(engine), worker: summarise(worker), frame: summarise(frame), frameWithout: summarise(frameWithout) });
        console.log(`${field} ${kb} KB: engine p95 ${ms(summarise(engine).p95)}, carried p95 ${ms(summarise(carried).p95)}`);
      }
    }
    memory = extensionMemory(browser.profile);
  } finally {
    await browser.close();
    await server.close();
  }
  const results = { date: new Date().toISOString(), keystrokes: KEYSTROKES, load: os.loadavg(), chromium: execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim(), rows, memoryIdle, memory };
  fs.writeFileSync(path.join(BENCH, 'browser-results.json'), JSON.stringify(results, null, 1) + '\n');
  const mb = (m?: { rssMb: number; pssMb: number }) => (m ? `RSS ${m.rssMb.toFixed(0)} MB, PSS ${m.pssMb.toFixed(0)} MB` : 'not found');
  const lines = [
    '## Browser extension: keystroke → underlines',
    '',
    `> Written by \`node out/bench/browser.js\` (bench/browser.ts) on ${results.date.slice(0, 16).replace('T', ' ')} UTC, ${results.chromium}, headless, the unpacked test build. Load average ${results.load.map((l) => l.toFixed(2)).join(' / ')} at the end.`,
    '',
    `A generated case note (bench/corpus.ts) is pasted into a text area or a contenteditable div on a local page; then ${KEYSTROKES} characters are typed one at a time in the middle of it (after ${WARM_UP} not counted). Each is timed in the page from its keydown to the overlay's update: **carried** is when the underlines already drawn have moved over the edit (the content script does this itself, before the engine answers); **engine** is when the underlines are the engine's answer for the new text (the service worker analysed it with the field's AnalysisCache and the page drew them). Typing never waits for either: the page's input handler only notes the edit (see Typing below).`,
    '',
    '| field | note | findings | first check (paste → underlines) | carried p50 / p95 | engine p50 / **p95** / max | of which analysis in the worker, p50 / p95 |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.field} | ${r.kb} KB (${r.chars} chars) | ${r.findings} | ${ms(r.initialMs)} | ${ms(r.carried.p50)} / ${ms(r.carried.p95)} | ${ms(r.engine.p50)} / **${ms(r.engine.p95)}** / ${ms(r.engine.max)} | ${ms(r.worker.p50)} / ${ms(r.worker.p95)} |`),
    '',
    "**Typing**: from the keydown to the page's next frame, with the extension on and on the same page where it is off (the input handler only notes the edit; reading the field, moving the underlines, posting the text and drawing run after that frame):",
    '',
    '| field | note | keydown → next frame p50 / p95, with Heard | without Heard |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.field} | ${r.kb} KB | ${ms(r.frame.p50)} / ${ms(r.frame.p95)} | ${ms(r.frameWithout.p50)} / ${ms(r.frameWithout.p95)} |`),
    '',
    "The last column of the first table is the engine's share, timed in the service worker; the rest of the engine column is the page's side: the browser's own editing of a long field, the message to the worker and back, and measuring and drawing the underlines (a text area's words are measured in a hidden mirror of it). The machine has 2 cores shared with other work (see the load average), so these are upper bounds.",
    '',
    `Memory of the extension's process (its service worker: the engine, the compiled lexicon and the fields' caches), from /proc: at start ${mb(memoryIdle)}; after the runs above ${mb(memory)}.`,
    '',
  ];
  fs.writeFileSync(path.join(BENCH, 'browser.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
