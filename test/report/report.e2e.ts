// The audit report in a real browser: `heard report` over examples/ and over the seed reviews,
// opened from disk in Debian's headless Chromium (playwright-core, as the editor tests do). The
// charts must render (SVG with marks and a size), nothing may be logged as an error (a blocked
// request or a CSP violation would be), and no request may leave the page. Screenshots go to
// test-results/e2e/. Run by scripts/e2e/run.sh (part "report"), not by plain npm test.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { launchBrowser, type Browser } from '../e2e/codeServer';
import { ARTIFACTS, ROOT } from '../e2e/heardCli';

const SEEDS = process.env.HEARD_SEEDS ?? path.resolve(ROOT, '..', 'shared', 'seeds');

describe('the audit report in headless Chromium', function () {
  this.timeout(180_000);
  let browser: Browser;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-report-e2e-'));

  before(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchBrowser({ width: 1280, height: 1000 });
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(out, { recursive: true, force: true });
  });

  async function openReport(name: string, inputs: string[]): Promise<void> {
    const file = path.join(out, `${name}.html`);
    // Exit 0: the report is written and every file could be read.
    execFileSync(process.execPath, [path.join(ROOT, 'bin', 'heard.js'), 'report', ...inputs, '--out', file], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    const page = browser.page;
    const url = `file://${file}`;
    const errors: string[] = [];
    const requests: string[] = [];
    const onConsole = (m: { type(): string; text(): string }) => void (m.type() === 'error' && errors.push(m.text()));
    const onPageError = (e: Error) => void errors.push(e.message);
    const onRequest = (r: { url(): string }) => void (r.url() !== url && requests.push(r.url()));
    page.on('console', onConsole);
    page.on('pageerror', onPageError);
    page.on('request', onRequest);
    try {
      await page.goto(url, { waitUntil: 'load' });
      const charts = await page.locator('figure svg').evaluateAll((svgs) =>
        svgs.map((s) => ({ width: s.getBoundingClientRect().width, marks: s.querySelectorAll('path, line, rect, circle').length, label: s.getAttribute('aria-label') ?? '' })),
      );
      assert.ok(charts.length >= 3, `charts on the page: ${charts.length}`);
      for (const c of charts) {
        assert.ok(c.width > 100 && c.marks > 5, `a chart did not render: ${JSON.stringify(c)}`);
        assert.ok(c.label.length > 20, 'every chart has a description');
      }
      // Each chart has a table beside it.
      assert.strictEqual(await page.locator('.chart-and-table table').count(), charts.length);
      // A number in a table leads to the findings behind it.
      const link = page.locator('td.num a').first();
      const target = (await link.getAttribute('href'))!;
      await link.click();
      assert.ok(await page.locator(`${target} li`).first().isVisible(), `drill-down ${target} shows findings`);
      await page.goto(url, { waitUntil: 'load' });
      await page.screenshot({ path: path.join(ARTIFACTS, `report-${name}.png`) });
      await page.screenshot({ path: path.join(ARTIFACTS, `report-${name}-full.png`), fullPage: true });
      // Printing: the contents list is left out, the charts stay.
      await page.emulateMedia({ media: 'print' });
      assert.strictEqual(await page.locator('nav').isVisible(), false);
      assert.ok(await page.locator('figure svg').first().isVisible());
      await page.emulateMedia({ media: 'screen' });
    } finally {
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
      page.off('request', onRequest);
    }
    assert.deepStrictEqual(errors, [], 'console errors');
    assert.deepStrictEqual(requests, [], 'requests from the page');
    assert.deepStrictEqual(browser.external, [], 'requests off the machine');
  }

  it('heard report examples/ renders its charts, logs no error and makes no request', async () => {
    await openReport('examples', ['examples']);
  });

  it('a report over the seed reviews does the same', async function () {
    if (!fs.existsSync(SEEDS)) {
      console.log(`    (skipped: no seed reviews at ${SEEDS}; set HEARD_SEEDS)`);
      this.skip();
    }
    await openReport('seeds', [SEEDS, '--profile', 'review']);
  });
});
