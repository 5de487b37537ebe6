// The audit report as one self-contained HTML file: inline CSS, charts as inline SVG, no script,
// no font or image to fetch (a Content-Security-Policy of default-src 'none' makes sure of it).
// Every chart has a caption that says what it shows and a table with the same numbers, so a
// screen reader or a printout loses nothing; each count links to the findings behind it.
import { CATEGORY_IDS, type CategoryId, type LexiconEntry, type SourceCitation } from '../engine';
import { per1000, type Aggregates, type Example, type GroupCounts } from './aggregate';
import { barChart, compareChart, renderSvg, trendChart, type Bar, type Point } from './charts';
import type { Comparison } from './compare';

export interface ReportMeta {
  title: string;
  /** What was read: "12 files in examples/" or "results.jsonl (4 shards)". */
  inputs: string;
  generatedAt: string;
  version: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One decimal; two below 1, so a small but non-zero rate does not read as 0.0. */
const fmt1 = (n: number) => {
  const digits = n > 0 && n < 1 ? 2 : 1;
  return n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
};
const fmtInt = (n: number) => n.toLocaleString('en-GB');
const pct = (n: number, d: number) => (d > 0 ? `${Math.round((n * 100) / d)}%` : '–');

/** A stable, valid id for an anchor. */
function anchor(...parts: string[]): string {
  return 'd-' + parts.map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x').join('--');
}

function categoriesIn(groups: GroupCounts[]): CategoryId[] {
  return CATEGORY_IDS.filter((c) => groups.some((g) => g.byCategory[c] > 0));
}

/** A count that links to its drill-down when there is one. */
function countCell(count: number, target?: string): string {
  if (count === 0 || !target) return `<td class="num">${fmtInt(count)}</td>`;
  return `<td class="num"><a href="#${target}">${fmtInt(count)}</a></td>`;
}

function figure(svg: string, caption: string, table: string): string {
  return `<div class="chart-and-table"><figure>${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure><div class="table-wrap">${table}</div></div>`;
}

function sourceText(s: SourceCitation): string {
  const parts = [s.publisher, s.title, s.date].filter(Boolean).join(', ');
  const seed = s.seed ? `practice review ${s.seed}${s.paragraph ? `, ${s.paragraph}` : ''}` : '';
  const text = escapeHtml([parts, seed].filter(Boolean).join('; ') || 'source on file');
  return s.url ? `${text} (<span class="url">${escapeHtml(s.url)}</span>)` : text;
}

function exampleList(examples: Example[], total: number): string {
  const items = examples
    .map((e) => {
      const excerpt = e.text && e.excerpt.includes(e.text) ? escapeHtml(e.excerpt).replace(escapeHtml(e.text), `<mark>${escapeHtml(e.text)}</mark>`) : escapeHtml(e.excerpt);
      return `<li><code>${escapeHtml(e.location)}</code> <span class="rule">${escapeHtml(e.ruleId)}</span>${excerpt ? ` — ${excerpt}` : ''}</li>`;
    })
    .join('');
  const more = total > examples.length ? `<p class="more">Showing ${examples.length} of ${fmtInt(total)}; the rest are in the results (heard check --format json, or the JSON lines).</p>` : '';
  return `<ul class="examples">${items}</ul>${more}`;
}

/** A table of groups × categories: words, findings, rate, and each category's count. */
function groupTable(kind: string, groups: Record<string, GroupCounts>, categories: CategoryId[], caption: string): string {
  const head = `<tr><th scope="col">${escapeHtml(kind)}</th><th scope="col">Words</th><th scope="col">Findings</th><th scope="col">Per 1,000 words</th>${categories.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = Object.entries(groups)
    .map(([name, g]) => {
      const cells = categories.map((c) => countCell(g.byCategory[c], anchor(kind, name, c))).join('');
      return `<tr><th scope="row">${escapeHtml(name)}</th><td class="num">${fmtInt(g.words)}</td><td class="num">${fmtInt(g.findings)}</td><td class="num">${fmt1(per1000(g.findings, g.words))}</td>${cells}</tr>`;
    })
    .join('');
  return `<table><caption>${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>${rows}</tbody></table>`;
}

function drillDowns(kind: string, groups: Record<string, GroupCounts>, categories: CategoryId[]): string {
  const out: string[] = [];
  for (const [name, g] of Object.entries(groups)) {
    for (const c of categories) {
      const examples = g.examples[c] ?? [];
      if (examples.length === 0) continue;
      out.push(`<section class="drill" id="${anchor(kind, name, c)}"><h4>${escapeHtml(kind)} ${escapeHtml(name)} · ${escapeHtml(c)} (${fmtInt(g.byCategory[c])})</h4>${exampleList(examples, g.byCategory[c])}</section>`);
    }
  }
  return out.join('\n');
}

/** Bars of findings per 1,000 words, one stacked bar per group. */
function groupBars(groups: Record<string, GroupCounts>, categories: CategoryId[]): Bar[] {
  return Object.entries(groups).flatMap(([name, g]) => categories.map((c) => ({ label: name, category: c, value: per1000(g.byCategory[c], g.words) })));
}

export async function renderReport(data: Aggregates, meta: ReportMeta, rules: Map<string, LexiconEntry>, comparison?: Comparison): Promise<string> {
  const overall = data.overall;
  const all = [overall, ...Object.values(data.byFolder), ...Object.values(data.byRecordType)];
  const categories = categoriesIn(all);
  const sections: string[] = [];
  const nav: Array<[string, string]> = [];
  const section = (id: string, title: string, body: string) => {
    nav.push([id, title]);
    sections.push(`<section id="${id}"><h2>${escapeHtml(title)}</h2>${body}</section>`);
  };

  // Overall, by category.
  const overallRows = categories.map((c) => ({ label: c, value: per1000(overall.byCategory[c], overall.words) }));
  const top = [...overallRows].sort((a, b) => b.value - a.value)[0];
  const overallCaption = overall.findings === 0
    ? `No findings in ${fmtInt(overall.words)} words.`
    : `${fmtInt(overall.findings)} findings in ${fmtInt(overall.words)} words: ${fmt1(per1000(overall.findings, overall.words))} per 1,000 words. The most frequent category is ${top.label} (${fmt1(top.value)} per 1,000 words).`;
  const overallTable =
    `<table><caption>Findings by category, all records</caption><thead><tr><th scope="col">Category</th><th scope="col">Findings</th><th scope="col">Per 1,000 words</th></tr></thead><tbody>` +
    categories.map((c) => `<tr><th scope="row">${escapeHtml(c)}</th>${countCell(overall.byCategory[c], anchor('all', 'records', c))}<td class="num">${fmt1(per1000(overall.byCategory[c], overall.words))}</td></tr>`).join('') +
    `</tbody></table>`;
  const overallSvg = categories.length > 0 ? await renderSvg(barChart(overallRows, { valueTitle: 'Findings per 1,000 words', labelTitle: 'Category' }), overallCaption) : '';
  section('overall', 'Findings per 1,000 words, by category', figure(overallSvg, overallCaption, overallTable));

  // By folder.
  const folders = Object.keys(data.byFolder);
  if (folders.length > 0) {
    const worst = Object.entries(data.byFolder).sort(([, a], [, b]) => per1000(b.findings, b.words) - per1000(a.findings, a.words))[0];
    const caption = `${folders.length} folder${folders.length === 1 ? '' : 's'}; the highest rate is in ${worst[0]} (${fmt1(per1000(worst[1].findings, worst[1].words))} findings per 1,000 words). Bars are stacked by category.`;
    const svg = categories.length > 0 ? await renderSvg(barChart(groupBars(data.byFolder, categories), { valueTitle: 'Findings per 1,000 words', labelTitle: 'Folder', categories }), caption) : '';
    section('folders', 'By folder', figure(svg, caption, groupTable('Folder', data.byFolder, categories, 'Findings by folder and category')));
  }

  // By record type.
  const types = Object.keys(data.byRecordType);
  if (types.length > 0) {
    const caption = `Records by type (${types.join(', ')}), from their headings or the export's type field. Bars are stacked by category.`;
    const svg = categories.length > 0 ? await renderSvg(barChart(groupBars(data.byRecordType, categories), { valueTitle: 'Findings per 1,000 words', labelTitle: 'Record type', categories }), caption) : '';
    section('record-types', 'By record type', figure(svg, caption, groupTable('Record type', data.byRecordType, categories, 'Findings by record type and category')));
  }

  // The child's voice.
  const withContacts = Object.entries(data.byFolder).filter(([, g]) => g.contactRecords > 0);
  if (withContacts.length > 0) {
    const caption = `${fmtInt(overall.contactWithVoice)} of ${fmtInt(overall.contactRecords)} contact records (${pct(overall.contactWithVoice, overall.contactRecords)}) carry the child's words, wishes or an observation of the child, or say why not (Heard's child-voice check).`;
    const svg = await renderSvg(
      barChart(withContacts.map(([name, g]) => ({ label: name, value: g.contactWithVoice / g.contactRecords })), { valueTitle: "Share of contact records with the child's voice", labelTitle: 'Folder', percent: true }),
      caption,
    );
    const table =
      `<table><caption>Contact records with the child's voice, by folder</caption><thead><tr><th scope="col">Folder</th><th scope="col">Contact records</th><th scope="col">With the child's voice</th><th scope="col">Share</th><th scope="col">Without</th></tr></thead><tbody>` +
      withContacts
        .map(([name, g]) => `<tr><th scope="row">${escapeHtml(name)}</th><td class="num">${fmtInt(g.contactRecords)}</td><td class="num">${fmtInt(g.contactWithVoice)}</td><td class="num">${pct(g.contactWithVoice, g.contactRecords)}</td>${countCell(g.contactRecords - g.contactWithVoice, anchor('voice', name))}</tr>`)
        .join('') +
      `</tbody></table>`;
    const drill = withContacts
      .filter(([, g]) => g.voiceMissing.length > 0)
      .map(([name, g]) => `<section class="drill" id="${anchor('voice', name)}"><h4>Contact records without the child's voice · ${escapeHtml(name)}</h4>${exampleList(g.voiceMissing, g.contactRecords - g.contactWithVoice)}</section>`)
      .join('');
    section('child-voice', "The child's voice in contact records", figure(svg, caption, table) + drill);
  }

  // Trend over time.
  const months = Object.keys(data.byMonth);
  if (months.length > 0) {
    const trendCategories = categoriesIn(Object.values(data.byMonth));
    const series = ['all categories', ...trendCategories];
    const points: Point[] = months.flatMap((m) => {
      const g = data.byMonth[m];
      return [{ month: m, series: 'all categories', value: per1000(g.findings, g.words) }, ...trendCategories.map((c) => ({ month: m, series: c, value: per1000(g.byCategory[c], g.words) }))];
    });
    const first = data.byMonth[months[0]];
    const last = data.byMonth[months[months.length - 1]];
    const caption = `${months.length} month${months.length === 1 ? '' : 's'} with dated records, ${months[0]} to ${months[months.length - 1]}: ${fmt1(per1000(first.findings, first.words))} findings per 1,000 words in the first month, ${fmt1(per1000(last.findings, last.words))} in the last. Undated records are not in this chart.`;
    const svg = await renderSvg(trendChart(points, series), caption);
    section('trend', 'Trend over time', figure(svg, caption, groupTable('Month', data.byMonth, trendCategories, 'Findings by month and category')));
  }

  // Comparison with an earlier run.
  if (comparison) {
    const rows = comparison.categories.flatMap((c) => [
      { label: c.category, run: 'earlier run', value: c.before },
      { label: c.category, run: 'this run', value: c.after },
    ]);
    const better = comparison.categories.filter((c) => c.after < c.before).map((c) => c.category);
    const worse = comparison.categories.filter((c) => c.after > c.before).map((c) => c.category);
    const caption = `Against ${comparison.file}: ${fmt1(comparison.overall.before)} → ${fmt1(comparison.overall.after)} findings per 1,000 words. Improved: ${better.join(', ') || 'none'}. Worse: ${worse.join(', ') || 'none'}.`;
    const svg = rows.length > 0 ? await renderSvg(compareChart(rows), caption) : '';
    const row = (label: string, before: number, after: number) =>
      `<tr><th scope="row">${escapeHtml(label)}</th><td class="num">${fmt1(before)}</td><td class="num">${fmt1(after)}</td><td class="num">${after - before > 0 ? '+' : ''}${fmt1(after - before)}</td><td>${after < before ? 'improved' : after > before ? 'worse' : 'same'}</td></tr>`;
    const head = (first: string) => `<thead><tr><th scope="col">${first}</th><th scope="col">Earlier (per 1,000 words)</th><th scope="col">Now</th><th scope="col">Change</th><th scope="col"></th></tr></thead>`;
    const table =
      `<table><caption>By category</caption>${head('Category')}<tbody>${row('all categories', comparison.overall.before, comparison.overall.after)}${comparison.categories.map((c) => row(c.category, c.before, c.after)).join('')}</tbody></table>` +
      (comparison.folders.length > 0 ? `<table><caption>By folder</caption>${head('Folder')}<tbody>${comparison.folders.map((f) => row(f.folder, f.before, f.after)).join('')}</tbody></table>` : '');
    section('compare', 'Compared with an earlier run', figure(svg, caption, table));
  }

  // Most frequent wordings.
  if (data.wordings.length > 0) {
    const rows = data.wordings
      .slice(0, 25)
      .map((w, i) => {
        const rule = rules.get(w.ruleId);
        const sources = rule?.sources.map(sourceText).join('<br>') ?? '';
        const id = anchor('wording', String(i));
        return `<tr><td class="num"><a href="#${id}">${fmtInt(w.count)}</a></td><th scope="row">“${escapeHtml(w.text)}”</th><td>${escapeHtml(w.rewrite)}</td><td>${escapeHtml(rule?.why ?? '')}<div class="rule">${escapeHtml(w.ruleId)} · ${escapeHtml(w.category)}</div></td><td class="sources">${sources}</td></tr>`;
      })
      .join('');
    const drill = data.wordings
      .slice(0, 25)
      .map((w, i) => `<section class="drill" id="${anchor('wording', String(i))}"><h4>“${escapeHtml(w.text)}” (${fmtInt(w.count)})</h4>${exampleList(w.examples, w.count)}</section>`)
      .join('');
    section(
      'wordings',
      'Most frequent wordings',
      `<table class="wide"><caption>The wordings found most often, with a preferred rewrite, why it matters and the source</caption><thead><tr><th scope="col">Count</th><th scope="col">Wording</th><th scope="col">Preferred rewrite</th><th scope="col">Why</th><th scope="col">Source</th></tr></thead><tbody>${rows}</tbody></table>${drill}`,
    );
  }

  // Suppressions.
  const suppressed = data.suppressions.reduce((n, s) => n + s.count, 0);
  section(
    'suppressions',
    'Findings switched off, with their reasons',
    data.suppressions.length === 0
      ? '<p>No finding was switched off by a heard-disable comment.</p>'
      : `<p>${fmtInt(suppressed)} finding${suppressed === 1 ? '' : 's'} switched off by heard-disable comments.</p><table class="wide"><thead><tr><th scope="col">Rule</th><th scope="col">Reason given</th><th scope="col">Count</th><th scope="col">Where</th></tr></thead><tbody>` +
          data.suppressions
            .map((s) => `<tr><th scope="row">${escapeHtml(s.ruleId)}</th><td>${s.reason ? escapeHtml(s.reason) : '<strong>no reason given</strong>'}</td><td class="num">${fmtInt(s.count)}</td><td>${exampleList(s.examples, s.count)}</td></tr>`)
            .join('') +
          '</tbody></table>',
  );

  // Drill-down for the tables above.
  const drill = [
    drillDowns('all', { records: overall }, categories),
    drillDowns('Folder', data.byFolder, categories),
    drillDowns('Record type', data.byRecordType, categories),
    drillDowns('Month', data.byMonth, categories),
  ].join('\n');
  section('findings', 'The findings behind the numbers', `<p>Up to a dozen findings behind each number, with the place and the words around them.</p>${drill}`);

  if (data.notCheckedCount > 0) {
    section(
      'not-checked',
      'Not checked',
      `<p>${fmtInt(data.notCheckedCount)} file${data.notCheckedCount === 1 ? '' : 's'} or record${data.notCheckedCount === 1 ? '' : 's'} could not be checked and are not in the numbers above.</p><ul>${data.notChecked.map((n) => `<li><code>${escapeHtml(n.location)}</code>: ${escapeHtml(n.reason)}</li>`).join('')}</ul>`,
    );
  }

  const summary =
    `<dl class="summary"><div><dt>Documents or records</dt><dd>${fmtInt(overall.documents)}</dd></div><div><dt>Words</dt><dd>${fmtInt(overall.words)}</dd></div>` +
    `<div><dt>Findings</dt><dd>${fmtInt(overall.findings)}</dd></div><div><dt>Per 1,000 words</dt><dd>${fmt1(per1000(overall.findings, overall.words))}</dd></div>` +
    `<div><dt>Contact records with the child's voice</dt><dd>${pct(overall.contactWithVoice, overall.contactRecords)}</dd></div></dl>`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(meta.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(meta.title)}</h1><p class="meta">${escapeHtml(meta.inputs)} · written ${escapeHtml(meta.generatedAt)} by Heard ${escapeHtml(meta.version)}. Rates are findings per 1,000 words of record text; a finding is wording to review, not a judgement of the writer.</p>${summary}
<nav aria-label="Contents"><ol>${nav.map(([id, title]) => `<li><a href="#${id}">${escapeHtml(title)}</a></li>`).join('')}</ol></nav></header>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`;
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1.5rem; color: #1a1a1a; line-height: 1.45; }
h1 { margin: 0 0 .25rem; font-size: 1.7rem; } h2 { border-bottom: 2px solid #2f5d8a; padding-bottom: .2rem; margin-top: 2.2rem; }
h4 { margin: 1rem 0 .3rem; }
.meta { color: #444; margin: 0 0 1rem; }
.summary { display: flex; flex-wrap: wrap; gap: .75rem; margin: 0 0 1rem; }
.summary div { border: 1px solid #c8c8c8; border-radius: 6px; padding: .4rem .8rem; min-width: 9rem; }
.summary dt { font-size: .8rem; color: #444; } .summary dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
nav ol { columns: 2; margin: 0; }
.chart-and-table { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
figure { margin: 0; max-width: 100%; overflow-x: auto; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: .9rem; color: #333; max-width: 36rem; margin-top: .3rem; }
.table-wrap { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: .88rem; margin: 0 0 1rem; }
caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
th, td { border: 1px solid #d0d0d0; padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.wide { width: 100%; }
.rule { color: #555; font-size: .8rem; }
.sources { font-size: .8rem; } .url { word-break: break-all; }
mark { background: #ffe08a; }
.examples { margin: .2rem 0 .5rem; padding-left: 1.2rem; font-size: .88rem; }
.more { font-size: .8rem; color: #555; }
a { color: #1d4f91; }
a:focus { outline: 3px solid #ffbf47; }
@media print {
  body { max-width: none; padding: 0; }
  nav { display: none; }
  section { break-inside: avoid-page; }
  .drill { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;
