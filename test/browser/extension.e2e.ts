// The browser extension in Debian's Chromium (docs/browser.md): on local pages with a plain text
// area, a contenteditable div and a TinyMCE-style iframe editor, a practitioner types a note, sees
// the underlines, opens the card, applies a rewrite, and saves; the form posts exactly what was
// typed with the chosen rewrite, and no request leaves the page or the extension. Run by
// scripts/e2e/run.sh (part `browser`), which builds the extension first. Screenshots go to
// test-results/browser/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { ARTIFACTS, launchWithExtension, startPageServer, type ExtensionBrowser, type PageServer } from './harness';

// The test's own note, in its own words: an adultifying word and victim-blaming wording, each with ranked rewrites.
const NOTE = 'Mia (14) is streetwise and was putting herself at risk by going to the flat with older men.';
const FLAGGED = 'putting herself at risk';

interface Surface {
  name: string;
  file: string;
  /** Where the field and its overlay live: the page, or the editor's iframe. */
  scope(page: Page): Page | FrameLocator;
  field: string;
  /** Typed before the note: in the text area, lines above it (the mirror that measures words keeps lines apart). */
  before: string;
  /** The text as the page will submit it, read back from the posted form value. */
  submittedText(posted: string): string;
}

const SURFACES: Surface[] = [
  { name: 'textarea', file: 'textarea.html', scope: (p) => p, field: '#note', before: 'Home visit on Monday.\n\nSeen alone.\n',
    // HTML form submission sends a text area's line breaks as CRLF, whoever typed them.
    submittedText: (v) => v.replace(/\r\n/g, '\n'),
  },
  { name: 'contenteditable', file: 'contenteditable.html', scope: (p) => p, field: '#note', before: '', submittedText: (v) => v },
  {
    name: 'iframe editor',
    file: 'iframe.html',
    scope: (p) => p.frameLocator('#editor'),
    field: 'body',
    before: '',
    // The editor posts its HTML: one paragraph, nothing of Heard's in it.
    submittedText: (v) => {
      assert.doesNotMatch(v, /heard/i, 'the submitted HTML holds nothing of the overlay');
      const m = /^<p>(.*)<\/p>$/.exec(v);
      assert.ok(m, `the editor's HTML is one paragraph: ${v}`);
      return m[1].replace(/&nbsp;/g, '\u00a0');
    },
  },
];

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Waits for the engine's underlines for exactly the current text, and returns how many are drawn. */
async function underlinesFor(scope: Page | FrameLocator, textLength: number): Promise<number> {
  const layer = scope.locator(`heard-overlay .field[data-state="current"][data-length="${textLength}"]`).first();
  await layer.waitFor({ state: 'attached', timeout: 30000 });
  return Number(await layer.getAttribute('data-count'));
}

async function fieldText(page: Page, surface: Surface): Promise<string> {
  const field = surface.scope(page).locator(surface.field);
  return surface.name === 'textarea' ? field.inputValue() : field.evaluate((el: { innerText: string }) => el.innerText.replace(/\n$/, ''));
}

describe('browser extension (Chromium, unpacked)', function () {
  this.timeout(180000);
  let server: PageServer;
  let browser: ExtensionBrowser;

  before(async () => {
    server = await startPageServer();
    browser = await launchWithExtension(server.url);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const surface of SURFACES) {
    it(`${surface.name}: underlines, the card, a rewrite typed into the field, the form posts it`, async () => {
      const { page } = browser;
      await page.goto(`${server.url}/${surface.file}`);
      const scope = surface.scope(page);
      await scope.locator(surface.field).click();
      const typed = surface.before + NOTE;
      await page.keyboard.type(typed);
      const count = await underlinesFor(scope, typed.length);
      assert.ok(count >= 2, `at least the two findings are underlined (got ${count})`);
      const underline = scope.locator(`heard-overlay .underline[data-rule="putting-self-at-risk"]`).first();
      await underline.waitFor({ state: 'attached' });
      // The page's own DOM holds no trace of Heard inside the field.
      const fieldHtml = await scope.locator(surface.field).evaluate((el: { innerHTML: string }) => el.innerHTML);
      assert.doesNotMatch(fieldHtml, /heard/i);
      const slug = surface.name.replace(/\W+/g, '-');
      await screenshot(page, `browser-${slug}-01-underlines`);

      // Hover the underlined words: the card opens with the message, why, source and rewrites.
      const box = (await underline.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y - 6);
      // The card is in the top page, also for an editor in an iframe (the frame would clip it).
      const card = page.locator('heard-overlay .card[data-rule="putting-self-at-risk"]');
      await card.waitFor({ state: 'visible', timeout: 10000 });
      assert.match(await card.locator('.message').innerText(), /\S/);
      assert.match(await card.locator('.why').innerText(), /\S/);
      assert.ok((await card.locator('.sources li').count()) >= 1, 'the card cites a source');
      // Moving the pointer onto the card keeps it open.
      const cardBox = (await card.boundingBox())!;
      await page.mouse.move(cardBox.x + cardBox.width / 2, cardBox.y + 12, { steps: 4 });
      await page.waitForTimeout(600);
      assert.ok(await card.isVisible(), 'the card stays open under the pointer');
      const rewrites = card.locator('button.rewrite');
      assert.ok((await rewrites.count()) >= 2, 'ranked rewrites');
      const chosen = await rewrites.first().innerText();
      await screenshot(page, `browser-${slug}-02-card`);

      // Apply the first rewrite: it is typed into the field (the page sees an input event).
      const inputsBefore = await page.evaluate('window.inputLog.length');
      await rewrites.first().click();
      const expected = typed.replace(FLAGGED, chosen);
      await assert.doesNotReject(page.waitForFunction(`window.inputLog.length > ${inputsBefore}`, undefined, { timeout: 5000 }));
      assert.equal(await page.evaluate('window.inputLog[window.inputLog.length - 1]'), 'insertText', 'the rewrite arrives as typed text');
      assert.equal(await fieldText(page, surface), expected);
      await underlinesFor(scope, expected.length);
      await screenshot(page, `browser-${slug}-03-rewritten`);

      // Undo reverts the rewrite as it would a typed word; redo puts it back.
      await scope.locator(surface.field).focus();
      await page.keyboard.press('Control+z');
      assert.equal(await fieldText(page, surface), typed, 'undo restores the typed note');
      await page.keyboard.press('Control+Shift+z');
      assert.equal(await fieldText(page, surface), expected, 'redo applies the rewrite again');

      // Save: the page posts exactly what was typed plus the chosen rewrite.
      const posted = server.submitted.length;
      await page.locator('#save').click();
      await page.locator('#saved').waitFor();
      assert.equal(server.submitted.length, posted + 1);
      assert.equal(surface.submittedText(server.submitted[posted]), expected);
    });
  }

  it('keyboard: Alt+Shift+N opens the next finding\'s card with focus in it; Escape returns to the field; "ignore here" drops it', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/textarea.html`);
    await page.locator('#note').click();
    await page.keyboard.type(NOTE);
    const before = await underlinesFor(page, NOTE.length);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Alt+Shift+N');
    const card = page.locator('heard-overlay .card');
    await card.waitFor({ state: 'visible' });
    assert.equal(await card.getAttribute('data-rule'), 'streetwise', 'the first finding after the caret');
    const focused = await page.evaluate(`document.querySelector('heard-overlay').shadowRoot.activeElement?.className`);
    assert.equal(focused, 'rewrite', 'focus is on the first rewrite');
    await page.keyboard.press('Alt+Shift+N');
    assert.equal(await card.getAttribute('data-rule'), 'putting-self-at-risk', 'the shortcut moves on to the next finding');
    await screenshot(page, 'browser-keyboard-card');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate('document.activeElement.id'), 'note', 'focus is back in the field');

    await page.keyboard.press('Alt+Shift+N');
    await card.locator('button.ignore').click();
    await page.locator(`heard-overlay .field[data-count="${before - 1}"]`).waitFor({ state: 'attached' });
    assert.equal(await page.locator('#note').inputValue(), NOTE, 'ignoring changes nothing in the text');

    // The toolbar badge counts what is shown on the page.
    const badge = await browser.worker.evaluate(`chrome.tabs.query({ url: 'http://127.0.0.1/*' }).then(([tab]) => chrome.action.getBadgeText({ tabId: tab.id }))`);
    assert.equal(badge, String(before - 1));
  });

  it('"allow this phrase" adds it to the settings and the underline goes', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/contenteditable.html`);
    await page.locator('#note').click();
    await page.keyboard.type(NOTE);
    const before = await underlinesFor(page, NOTE.length);
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Alt+Shift+N');
    const card = page.locator('heard-overlay .card[data-rule="streetwise"]');
    await card.waitFor({ state: 'visible' });
    await card.locator('button.allow').click();
    await page.locator(`heard-overlay .field[data-state="current"][data-count="${before - 1}"]`).waitFor({ state: 'attached' });
    const settings = (await browser.worker.evaluate(`chrome.storage.sync.get('settings').then((s) => s.settings)`)) as { allow: string[] };
    assert.deepEqual(settings.allow, ['streetwise']);
    await browser.worker.evaluate(`chrome.storage.sync.remove('settings')`);
  });

  it('the popup sets the profile; the page is rechecked with it', async () => {
    const { context, extensionId, page } = browser;
    await page.goto(`${server.url}/textarea.html`);
    await page.locator('#note').click();
    // Quoted wording attributed to someone else: flagged in a case note, passed in a review.
    const quoted = 'The officer described Mia as "streetwise".';
    await page.keyboard.type(quoted);
    const asCaseNote = await underlinesFor(page, quoted.length);
    assert.ok(asCaseNote >= 1, 'the quoted word is flagged in a case note');
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.locator('#profile').selectOption('review');
    await popup.locator('#child-age').fill('14');
    await popup.locator('#child-age').dispatchEvent('change');
    await screenshot(popup, 'browser-popup');
    await popup.close();
    await page.bringToFront();
    await page.waitForFunction(
      `(() => { const l = document.querySelector('heard-overlay').shadowRoot.querySelector('.field'); return l.dataset.state === 'current' && Number(l.dataset.count) < ${asCaseNote}; })()`,
      undefined,
      { timeout: 20000 },
    );
    const settings = (await browser.worker.evaluate(`chrome.storage.sync.get('settings').then((s) => s.settings)`)) as { profile: string; childAge: number };
    assert.equal(settings.profile, 'review');
    assert.equal(settings.childAge, 14);
    await browser.worker.evaluate(`chrome.storage.sync.remove('settings')`);
  });

  it('compiles an organisation lexicon from policy inside the extension (no code evaluation under its CSP)', async () => {
    const entry = {
      id: 'org-refused-services',
      category: 'minimising',
      patterns: ['refused services'],
      severity: 'warning',
      message: "Minimising: say what was offered and why it was not taken up.",
      why: 'An organisation rule written for this test.',
      rewrites: ['did not take up [service] because [reason]'],
      sources: [{ publisher: 'Test council', title: 'Recording guidance', date: '2025-01', url: 'https://example.org/recording-guidance' }],
      examples: { fire: ['The family refused services.', 'They refused services twice.'], pass: ['The family took up the services offered.'] },
    };
    const tryIt = (entries: unknown[]) =>
      browser.worker.evaluate(([e, sample]) => (globalThis as unknown as { heardTryOrganisationLexicon(e: unknown, s: string): unknown }).heardTryOrganisationLexicon(e, sample), [entries, 'Mia (14) is streetwise. The family refused services.'] as const) as Promise<{ ruleIds?: string[]; error?: string }>;
    const good = await tryIt([entry]);
    assert.equal(good.error, undefined);
    assert.ok(good.ruleIds?.includes('org-refused-services'), `the organisation's rule fires: ${JSON.stringify(good)}`);
    assert.ok(good.ruleIds?.includes('streetwise'), 'the core rules still fire');
    const broken = await tryIt([{ ...entry, category: 'no-such-category' }]);
    assert.match(broken.error ?? '', /managed-policy:organisationLexicon/, 'a broken entry is named with where it is');
  });

  it('does nothing on a site the user did not switch on', async () => {
    const { page } = browser;
    // Same server, another host name: http://localhost is not granted.
    await page.goto(`${server.url.replace('127.0.0.1', 'localhost')}/textarea.html`);
    await page.locator('#note').click();
    await page.keyboard.type(NOTE);
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('heard-overlay').count(), 0);
  });

  it('sent no request anywhere: not the pages, not the extension', async () => {
    assert.deepEqual(browser.external, [], 'requests off the test server');
    const paths = server.requests.filter((r) => !/^GET \/(textarea|contenteditable|iframe)\.html$/.test(r) && r !== 'POST /submit' && r !== 'GET /favicon.ico');
    assert.deepEqual(paths, [], 'requests to the test server other than its pages and the form posts');
    // The service worker fetched nothing (the lexicon is in its bundle)...
    assert.deepEqual(await browser.worker.evaluate(`performance.getEntriesByType('resource').map((e) => e.name)`), []);
    // ...and could not: its CSP has connect-src 'none', so even a request to the test server fails
    // in the browser, before it reaches the network.
    const seen = server.requests.length;
    const attempt = await browser.worker.evaluate(`fetch('${server.url}/textarea.html').then(() => 'sent', (e) => 'blocked: ' + e.message)`);
    assert.match(String(attempt), /^blocked/);
    assert.equal(server.requests.length, seen);
  });
});
