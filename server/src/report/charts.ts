// Charts for the audit report: Vega-Lite specifications compiled to Vega and rendered to static SVG
// in Node when the report is written (vega's headless View with renderer 'none' and toSVG(): no
// browser, no canvas, no script in the page). The report embeds the SVG text, so it opens with no
// network request and prints as it shows. Every chart also has a table beside it (html.ts).
import type { TopLevelSpec } from 'vega-lite' with { 'resolution-mode': 'import' };

type VegaModule = typeof import('vega', { with: { 'resolution-mode': 'import' } });
type VegaLiteModule = typeof import('vega-lite', { with: { 'resolution-mode': 'import' } });

let modules: Promise<{ vega: VegaModule; vegaLite: VegaLiteModule }> | undefined;

/** vega and vega-lite are ES modules, loaded only when a report is written. */
function load(): Promise<{ vega: VegaModule; vegaLite: VegaLiteModule }> {
  modules ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => ({ vega, vegaLite }));
  return modules;
}

/** Colours per category, fixed so a category has the same colour in every chart of the report. */
const CATEGORY_COLOURS: Record<string, string> = {
  'victim-blaming': '#b2182b',
  adultification: '#d6604d',
  minimising: '#8c510a',
  'hidden-perpetrator': '#542788',
  disbelief: '#2166ac',
  attendance: '#1b7837',
  jargon: '#5e5e5e',
  'child-voice': '#c51b7d',
  vague: '#999933',
};

export function categoryScale(categories: string[]): { domain: string[]; range: string[] } {
  return { domain: categories, range: categories.map((c) => CATEGORY_COLOURS[c] ?? '#444444') };
}

const BASE = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  background: 'white',
  config: {
    font: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220 },
    legend: { labelFontSize: 11, titleFontSize: 12 },
    view: { stroke: null },
  },
};

/** Renders a Vega-Lite specification to an SVG string; `description` becomes the SVG's aria-label. */
export async function renderSvg(spec: Omit<TopLevelSpec, '$schema'>, description: string): Promise<string> {
  const { vega, vegaLite } = await load();
  const compiled = vegaLite.compile({ ...BASE, ...spec, description } as TopLevelSpec).spec;
  // No loader is needed (all data is inline); a loader that refuses everything makes sure of it.
  const refuse = () => Promise.reject(new Error('the report loads nothing'));
  const loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse };
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader: loader as never });
  try {
    const svg = await view.toSVG();
    // The chart is one image to a screen reader, described in words; its table follows it.
    const label = description.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
    return svg.replace(/^<svg /, `<svg role="img" aria-label="${label}" `).replace(/(<svg[^>]*>)/, `$1<title>${label}</title>`);
  } finally {
    view.finalize();
  }
}

export interface Bar {
  label: string;
  category?: string;
  value: number;
}

/** Horizontal bars, stacked by category when the rows carry one. */
export function barChart(rows: Bar[], options: { valueTitle: string; labelTitle: string; categories?: string[]; percent?: boolean; width?: number }): Omit<TopLevelSpec, '$schema'> {
  const labels = [...new Set(rows.map((r) => r.label))];
  return {
    width: options.width ?? 460,
    height: { step: 22 },
    data: { values: rows },
    mark: { type: 'bar', tooltip: false },
    encoding: {
      y: { field: 'label', type: 'nominal', title: options.labelTitle, sort: labels },
      x: {
        field: 'value',
        type: 'quantitative',
        title: options.valueTitle,
        ...(options.percent ? { axis: { format: '.0%' }, scale: { domain: [0, 1] } } : {}),
      },
      ...(options.categories
        ? { color: { field: 'category', type: 'nominal', title: 'Category', scale: categoryScale(options.categories) } }
        : { color: { value: '#2f5d8a' } }),
    },
  } as Omit<TopLevelSpec, '$schema'>;
}

export interface Point {
  month: string;
  series: string;
  value: number;
}

/** Lines over months, one per series (the total and each category with findings). */
export function trendChart(points: Point[], series: string[]): Omit<TopLevelSpec, '$schema'> {
  const colours = series.map((s) => (s === 'all categories' ? '#000000' : CATEGORY_COLOURS[s] ?? '#444444'));
  return {
    width: 560,
    height: 240,
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'month', type: 'ordinal', title: 'Month' },
      y: { field: 'value', type: 'quantitative', title: 'Findings per 1,000 words' },
      color: { field: 'series', type: 'nominal', title: 'Series', scale: { domain: series, range: colours } },
    },
  } as Omit<TopLevelSpec, '$schema'>;
}

/** Before and after per label, as paired bars. */
export function compareChart(rows: Array<{ label: string; run: string; value: number }>): Omit<TopLevelSpec, '$schema'> {
  return {
    width: 460,
    data: { values: rows },
    mark: 'bar',
    encoding: {
      y: { field: 'label', type: 'nominal', title: 'Category', sort: [...new Set(rows.map((r) => r.label))] },
      yOffset: { field: 'run', sort: ['earlier run', 'this run'] },
      x: { field: 'value', type: 'quantitative', title: 'Findings per 1,000 words' },
      color: { field: 'run', type: 'nominal', title: 'Run', scale: { domain: ['earlier run', 'this run'], range: ['#9e9e9e', '#2f5d8a'] } },
    },
  } as Omit<TopLevelSpec, '$schema'>;
}
