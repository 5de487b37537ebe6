// Per-category view of a labelled evaluation set (the format of ../shared/eval/dev-real.jsonl):
// for every expected category, how many items Heard flags; for every finding category, how many
// false alarms. The same item files and front matter as ../shared/eval/score.mjs.
// Usage (after npm run build): node scripts/eval-by-category.mjs [set.jsonl] [--sure] [--items]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const args = process.argv.slice(2);
const setFile = args.find((a) => a.endsWith('.jsonl')) ?? path.resolve('../shared/eval/dev-real.jsonl');
const sureOnly = args.includes('--sure');
const listItems = args.includes('--items');
let items = fs.readFileSync(setFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
if (sureOnly) items = items.filter((x) => !x.unsure);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-eval-cat-'));
for (const it of items) {
  const fm = ['---', `profile: ${it.profile || 'case-note'}`];
  if (it.age !== null && it.age !== undefined) fm.push(`child-age: ${it.age}`);
  fm.push('---', '');
  fs.writeFileSync(path.join(dir, `${it.id}.md`), fm.join('\n') + it.text + '\n');
}
let out;
try {
  out = execFileSync(process.execPath, ['bin/heard.js', 'check', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
} catch (e) {
  out = e.stdout;
}
fs.rmSync(dir, { recursive: true, force: true });
const byId = new Map(JSON.parse(out).files.map((f) => [path.basename(f.path, '.md'), f.findings]));
const counted = (it) =>
  (byId.get(it.id) ?? []).filter((f) => f.category !== 'child-voice' && (f.ruleId !== 'acronym-unexpanded' || it.expect.includes('jargon')));
const expected = {};
const alarms = {};
for (const it of items) {
  const found = counted(it);
  for (const c of it.expect) {
    expected[c] ??= { n: 0, flagged: 0, sameCategory: 0 };
    expected[c].n++;
    if (found.length) expected[c].flagged++;
    if (found.some((f) => f.category === c)) expected[c].sameCategory++;
  }
  if (!it.expect.length) for (const c of new Set(found.map((f) => f.category))) alarms[c] = (alarms[c] ?? 0) + 1;
  if (listItems) {
    const mark = it.expect.length ? (found.length ? 'TP' : 'FN') : found.length ? 'FP' : 'TN';
    console.log(`${mark} ${it.id}${it.unsure ? ' (unsure)' : ''} [${it.expect.join(',')}] ${found.map((f) => `${f.ruleId}:"${f.text}"`).join(' ')}`);
  }
}
console.log(`${path.basename(setFile)}${sureOnly ? ' (sure items)' : ''}: expected category → items flagged (by a finding of that category)`);
for (const [c, v] of Object.entries(expected).sort()) console.log(`  ${c.padEnd(20)} ${v.flagged}/${v.n} (${v.sameCategory}/${v.n})`);
console.log('false alarms by finding category (items):', JSON.stringify(alarms));
