// VS Code for real: the packaged Heard .vsix installed into code-server, the workbench driven in
// Debian's headless Chromium the way a practitioner works with an example case note. Every step
// is checked against `heard check` on the same text and leaves a screenshot in test-results/e2e/.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { isSafeRewrite } from '../../server/src/engine';
import { citationPlain } from '../../server/src/lsp/ruleText';
import { CodeServer, launchBrowser, type Browser } from './codeServer';
import { ARTIFACTS, cliFixed, copyExamples, findingsOf, findingsOfText, heardCheck, HEARD_BIN, removeScratch, seconds, type CliFinding } from './heardCli';
import {
  openFile,
  pickItem,
  readProblems,
  renderedText,
  runCommand,
  screenshot,
  showProblems,
  squiggleAtCursor,
  waitForStatusCount,
  waitUntil,
  type Problem,
} from './workbench';

const NOTE = 'case-notes/amira-visit-notes.md';
/** The finding the practitioner fixes by hand; examples/README.md lists it among the expected ones. */
const FIXED_BY_HAND = 'claims';
const SEVERITY_SHOWN: Record<string, string> = { error: 'error', warning: 'warning', information: 'info' };

/** Problems entries in a comparable form. VS Code's Problems panel does not list hints. */
const entries = (problems: Problem[]) => problems.map((p) => `${p.rule} [Ln ${p.line}, Col ${p.column}] ${p.severity}`).sort();
const expectedEntries = (findings: CliFinding[]) =>
  findings.filter((f) => f.severity !== 'hint').map((f) => `${f.ruleId} [Ln ${f.line}, Col ${f.column}] ${SEVERITY_SHOWN[f.severity]}`).sort();

function vsixPath(): string {
  const vsix = process.env.HEARD_E2E_VSIX ?? path.join(ARTIFACTS, 'heard.vsix');
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: npm run test:e2e packages it (npm run package -- --out ${vsix})`);
  return vsix;
}

async function waitForFile(file: string, expected: string, what: string): Promise<void> {
  await waitUntil(async () => fs.readFileSync(file, 'utf8'), (text) => text === expected, what, 15000);
}

describe('VS Code (code-server) with the Heard .vsix: a practitioner at work', function () {
  this.timeout(120000);
  this.bail(true);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let workspace: string;
  let file: string;
  let original: string;
  let findings: CliFinding[];
  let target: CliFinding;
  let afterQuickFix: string;
  let afterFixAll: string;
  let started = Date.now();
  const pageErrors: string[] = [];

  before(async function () {
    this.timeout(180000);
    started = Date.now();
    workspace = copyExamples('heard-e2e-ui-');
    file = path.join(workspace, NOTE);
    original = fs.readFileSync(file, 'utf8');
    findings = findingsOf(file);
    const found = findings.find((f) => f.text === FIXED_BY_HAND);
    assert.ok(found, `heard check flags "${FIXED_BY_HAND}" in ${NOTE}, as examples/README.md says`);
    assert.ok(isSafeRewrite(found.suggestions[0]), 'its first rewrite needs nothing filled in');
    target = found;

    server = await CodeServer.start({ workspace, vsix: vsixPath(), name: 'ui' });
    browser = await launchBrowser({ width: 1400, height: 1000 });
    browser.page.on('pageerror', (error) => pageErrors.push(error.message));
    await browser.page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await browser.page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await browser.page.locator('.explorer-folders-view').waitFor({ timeout: 30000 });
    console.log(`      workbench loaded (${seconds(started)} s)`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && browser) {
      const name = `vscode-failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
      await screenshot(browser.page, name).catch(() => undefined);
      console.log(`      screenshot of the failure: ${path.join(ARTIFACTS, `${name}.png`)}; code-server log: ${server?.logFile}`);
    }
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (workspace) removeScratch(workspace);
    if (pageErrors.length) fs.writeFileSync(path.join(ARTIFACTS, 'vscode-ui-page-errors.log'), pageErrors.join('\n'));
    console.log(`      UI steps took ${seconds(started)} s in all`);
  });

  it('opening the case note shows squiggles and a Problems entry for every finding', async () => {
    const { page } = browser!;
    await openFile(page, NOTE);
    await waitForStatusCount(page, findings.length, 'the findings of the note');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    await showProblems(page);
    await page.locator('.markers-panel .monaco-list-row', { hasText: target.ruleId }).first().waitFor();
    await screenshot(page, 'vscode-01-problems');
    const shown = await readProblems(page);
    assert.deepStrictEqual(shown.files, [path.basename(NOTE)], 'the files in Problems');
    assert.deepStrictEqual(entries(shown.problems), expectedEntries(findings));
    for (const finding of findings.filter((f) => f.severity !== 'hint')) {
      const problem = shown.problems.find((p) => p.rule === finding.ruleId && p.line === finding.line && p.column === finding.column);
      assert.strictEqual(problem?.message, finding.message);
    }
  });

  it('hovering the flagged words explains why they matter and cites the sources', async () => {
    const { page } = browser!;
    // Click the finding in Problems: the editor selects the flagged words.
    await page
      .locator('.markers-panel .monaco-list-row', { hasText: target.ruleId })
      .filter({ hasText: `[Ln ${target.line}, Col ${target.column}]` })
      .first()
      .click();
    await waitUntil(() => page.locator('.statusbar').innerText(), (t) => t.includes(`Ln ${target.line}, Col ${target.endColumn}`), 'the cursor on the finding');
    const squiggle = await squiggleAtCursor(page);
    await page.mouse.move(squiggle.x + squiggle.width / 2, squiggle.y + squiggle.height / 2);
    const hover = page.locator('.monaco-hover:visible', { hasText: 'Why it matters' }).first();
    await hover.waitFor({ timeout: 15000 });
    const explained = JSON.parse(spawnSync(process.execPath, [HEARD_BIN, 'explain', target.ruleId, '--format', 'json'], { encoding: 'utf8' }).stdout) as { why: string };
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(target.message), `the message in: ${text}`);
    assert.ok(text.includes(`Why it matters: ${explained.why}`), `the explanation in: ${text}`);
    assert.ok(text.includes(`Preferred wording: ${target.suggestions[0]}`), `the preferred wording in: ${text}`);
    assert.ok(text.includes('Sources:'), `the sources in: ${text}`);
    // A seed review is cited by its title, as every surface cites it (server/src/lsp/ruleText.ts).
    for (const source of target.sources) assert.ok(text.includes(source.title ?? citationPlain(source)), `source ${JSON.stringify(source)} in: ${text}`);
    await page.waitForTimeout(300);
    await screenshot(page, 'vscode-02-hover');
    // Scroll the hover to its sources, as a reader would.
    const box = (await hover.boundingBox())!;
    await page.mouse.move(squiggle.x + squiggle.width / 2, box.y + box.height - 4, { steps: 4 });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 300);
    await page.waitForTimeout(300);
    await screenshot(page, 'vscode-03-hover-sources');
  });

  it('Ctrl+. offers the rewrites; the preferred one replaces the words, the finding goes, Ctrl+S saves', async () => {
    const { page } = browser!;
    await page.mouse.move(5, 500);
    await page.keyboard.press('Escape');
    await page.locator('.monaco-hover:visible', { hasText: 'Why it matters' }).waitFor({ state: 'detached' }).catch(() => undefined);
    const squiggle = await squiggleAtCursor(page);
    await page.mouse.click(squiggle.x + squiggle.width / 2, squiggle.y + squiggle.height / 2);
    // Move the pointer off the words, so their hover does not cover the menu in the screenshot.
    await page.mouse.move(5, 500);
    await waitUntil(() => page.locator('.statusbar').innerText(), (t) => new RegExp(`Ln ${target.line}, Col \\d+`).test(t), 'the cursor in the words');
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+.');
    const menu = page.locator('.action-widget .monaco-list-row');
    await menu.first().waitFor();
    const titles = (await menu.allInnerTexts()).map((t) => t.trim());
    const rewrites = target.suggestions.map((s) => `Replace with “${s}”${isSafeRewrite(s) ? '' : ' (fill in the [brackets])'}`);
    for (const title of [...rewrites, `Disable ${target.ruleId} for this line`, `Open documentation for ${target.ruleId}`]) {
      assert.ok(titles.includes(title), `"${title}" in the quick fix menu: ${titles.join(' | ')}`);
    }
    await screenshot(page, 'vscode-04-quick-fix-menu');
    await menu.filter({ hasText: rewrites[0] }).first().click();

    afterQuickFix = original.slice(0, target.offset) + target.suggestions[0] + original.slice(target.offset + target.length);
    const around = afterQuickFix.slice(target.offset - 6, target.offset + target.suggestions[0].length + 4);
    await waitUntil(() => renderedText(page), (t) => t.includes(around), `the editor to show "${around}"`);
    const expected = findingsOfText(file, afterQuickFix);
    await waitForStatusCount(page, expected.length, 'the findings after the quick fix');
    await screenshot(page, 'vscode-05-after-quick-fix');
    const shown = await readProblems(page);
    assert.deepStrictEqual(entries(shown.problems), expectedEntries(expected));
    assert.ok(!shown.problems.some((p) => p.rule === target.ruleId && p.line === target.line), 'the finding has gone');

    await page.keyboard.press('Control+S');
    await waitForFile(file, afterQuickFix, 'the saved file');
  });

  it('"Fix All" (source.fixAll.heard) applies every safe rewrite, exactly as heard check --fix does', async () => {
    const { page } = browser!;
    afterFixAll = cliFixed(file, afterQuickFix);
    assert.notStrictEqual(afterFixAll, afterQuickFix, 'the note has safe rewrites left to apply');
    await runCommand(page, 'Fix All');
    const expected = findingsOfText(file, afterFixAll);
    await waitForStatusCount(page, expected.length, 'the findings after fix all');
    await page.keyboard.press('Control+S');
    await waitForFile(file, afterFixAll, 'the saved file after fix all');
    await screenshot(page, 'vscode-06-fix-all');
    const shown = await readProblems(page);
    assert.deepStrictEqual(entries(shown.problems), expectedEntries(expected));
  });

  it('"Heard: Check workspace" reports every file and lists the findings of closed files in Problems', async () => {
    const { page } = browser!;
    const report = heardCheck([workspace]);
    await runCommand(page, 'Heard: Check workspace');
    const toast = page.locator('.notification-toast', { hasText: 'Heard checked' }).first();
    await toast.waitFor({ timeout: 60000 });
    const message = (await toast.innerText()).replace(/\s+/g, ' ');
    const numbers = /Heard checked (\d+) of (\d+) files?: (\d+) findings? in (\d+) files?/.exec(message);
    assert.ok(numbers, `summary in: ${message}`);
    const { files, findings: total, filesWithFindings } = report.summary;
    assert.deepStrictEqual(numbers.slice(1).map(Number), [files, files, total, filesWithFindings], `${message} vs heard check ${JSON.stringify(report.summary)}`);
    await showProblems(page);
    await page.waitForTimeout(500);
    await screenshot(page, 'vscode-07-check-workspace');
    const shown = await readProblems(page);
    const expected = report.files.filter((f) => f.findings.some((x) => x.severity !== 'hint'));
    assert.deepStrictEqual([...shown.files].sort(), expected.map((f) => path.basename(f.path)).sort(), 'the files in Problems');
    assert.strictEqual(shown.problems.length, expected.flatMap((f) => f.findings).filter((x) => x.severity !== 'hint').length);
  });

  it('"Heard: Set profile for this file" switches the note to the review profile, and back', async () => {
    const { page } = browser!;
    assert.match(afterFixAll, /^profile: case-note$/m);
    const asReview = afterFixAll.replace(/^profile: case-note$/m, 'profile: review');
    const caseNoteCount = findingsOfText(file, afterFixAll).length;
    const reviewCount = findingsOfText(file, asReview).length;
    // Back to the note after the workspace check (which may have shown another file).
    await openFile(page, NOTE);
    await runCommand(page, 'Heard: Set profile for this file');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'review' }).first().waitFor();
    await screenshot(page, 'vscode-08-profile-picker');
    await pickItem(page, 'review');
    await waitForStatusCount(page, reviewCount, 'the findings under the review profile');
    await page.keyboard.press('Control+Home');
    await waitUntil(() => renderedText(page), (t) => t.includes('profile: review'), 'the front matter to say review');
    await screenshot(page, 'vscode-09-review-profile');
    console.log(`      case-note profile: ${caseNoteCount} findings; review profile: ${reviewCount}`);

    await runCommand(page, 'Heard: Set profile for this file');
    await pickItem(page, 'case-note');
    await waitForStatusCount(page, caseNoteCount, 'the findings under the case-note profile again');
    await page.keyboard.press('Control+S');
    await waitForFile(file, afterFixAll, 'the file, back to the case-note profile');
  });

  it('made no request off 127.0.0.1 (no gallery, no telemetry)', () => {
    assert.deepStrictEqual(browser!.external, []);
  });
});
