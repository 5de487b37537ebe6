// What a person does in the VS Code workbench, as Playwright steps: open a file, run a command
// from the palette, read the Problems panel and the status bar, take a screenshot.
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS } from './heardCli';

export interface Problem {
  severity: string;
  rule: string;
  line: number;
  column: number;
  message: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Polls `read` until it satisfies `ok`; on timeout the error shows the last value seen. */
export async function waitUntil<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read().catch(() => last);
    if (last !== undefined && ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  // Let fading widgets (a closing command palette) finish first.
  await page.waitForTimeout(300);
  await page.screenshot({ path: file });
  return file;
}

/** Quick Open (Ctrl+P): type the file's path, press Enter. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relativePath);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relativePath) }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: path.basename(relativePath) }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** The command palette (F1): type the command's title and pick it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const row = page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) })
    .first();
  await row.click();
}

/** A quick pick that is open: pick the item whose label is `label`. */
export async function pickItem(page: Page, label: string): Promise<void> {
  await page.locator('.quick-input-widget input').fill(label);
  await page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }) })
    .first()
    .click();
}

/** The Heard status bar item's count for the active document (0 when it shows the check mark). */
export async function statusCount(page: Page): Promise<number | undefined> {
  const item = page.locator('.statusbar-item', { hasText: /Heard/ }).first();
  if (!(await item.isVisible())) return undefined;
  const text = (await item.innerText()).trim();
  const count = /Heard: (\d+)/.exec(text);
  return count ? Number(count[1]) : text === 'Heard' ? 0 : undefined;
}

export async function waitForStatusCount(page: Page, expected: number, what: string): Promise<void> {
  await waitUntil(() => statusCount(page), (n) => n === expected, `${what}: status bar "Heard: ${expected}"`);
}

export function problemsPanel(page: Page): Locator {
  return page.locator('.markers-panel');
}

export async function showProblems(page: Page): Promise<void> {
  if (!(await problemsPanel(page).isVisible())) await page.keyboard.press('Control+Shift+M');
  await problemsPanel(page).waitFor();
}

/**
 * Every entry of the Problems panel, read with the panel maximised so that the list (which only
 * renders the rows in view) shows them all.
 */
export async function readProblems(page: Page): Promise<{ files: string[]; problems: Problem[] }> {
  await showProblems(page);
  await runCommand(page, 'View: Toggle Maximized Panel');
  try {
    await page.waitForTimeout(300);
    const rows = await problemsPanel(page)
      .locator('.monaco-list-row')
      .evaluateAll((elements) =>
        elements.map((row) => ({
          level: row.getAttribute('aria-level'),
          name: row.querySelector('.label-name')?.textContent ?? '',
          severity: row.querySelector('.marker-icon')?.className ?? '',
          rule: row.querySelector('.marker-code')?.textContent ?? '',
          position: row.querySelector('.marker-line')?.textContent ?? '',
          message: row.querySelector('.marker-message')?.textContent ?? '',
        })),
      );
    const files = rows.filter((r) => r.level === '1').map((r) => r.name.trim());
    const problems = rows
      .filter((r) => r.level === '2')
      .map((r) => {
        const position = /Ln (\d+), Col (\d+)/.exec(r.position);
        return {
          severity: ['error', 'warning', 'info', 'hint'].find((s) => r.severity.split(/\s+/).includes(s)) ?? r.severity,
          rule: r.rule,
          line: Number(position?.[1]),
          column: Number(position?.[2]),
          message: r.message,
        };
      });
    return { files, problems };
  } finally {
    await runCommand(page, 'View: Toggle Maximized Panel');
  }
}

/** The editor's text as rendered (wrapped lines joined, non-breaking spaces as spaces). */
export async function renderedText(page: Page): Promise<string> {
  const text = await page.locator('.monaco-editor .view-lines').first().textContent();
  return (text ?? '').replace(/\u00a0/g, ' ');
}

/** The squiggle that ends where the cursor is (after clicking a Problems entry, the cursor ends the selection). */
export async function squiggleAtCursor(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const cursor = await page.locator('.monaco-editor .cursors-layer .cursor').first().boundingBox();
  if (!cursor) throw new Error('no cursor in the editor');
  const squiggles = await page.locator('.monaco-editor [class*="squiggly-"]').evaluateAll((elements) =>
    elements.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
  const found = squiggles.find((s) => Math.abs(s.x + s.width - cursor.x) < 4 && s.y <= cursor.y + cursor.height / 2 && s.y + s.height >= cursor.y + cursor.height / 2);
  if (!found) throw new Error(`no squiggle ends at the cursor (${cursor.x}, ${cursor.y})`);
  return found;
}
