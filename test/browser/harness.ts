// Chromium with the unpacked Heard extension (the test build: browser/dist/chromium-test, which
// grants http://127.0.0.1 at install as a user would from the popup), and a local server for the
// test pages that records every request and every form submitted. Shared by the e2e test and the
// benchmark. Set up like the editor tests' Chromium (test/e2e/codeServer.ts): Debian's
// /usr/bin/chromium, headless, no background networking.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const EXTENSION = path.join(ROOT, 'browser', 'dist', 'chromium-test');
export const PAGES = path.join(ROOT, 'test', 'browser', 'pages');
export const ARTIFACTS = process.env.HEARD_BROWSER_ARTIFACTS ?? path.join(ROOT, 'test-results', 'browser');
const CHROMIUM = process.env.HEARD_E2E_CHROMIUM ?? '/usr/bin/chromium';

export interface PageServer {
  url: string;
  /** Every request the server saw: method and path. */
  requests: string[];
  /** The `note` field of every form posted to /submit, in order. */
  submitted: string[];
  close(): Promise<void>;
}

/** Serves test/browser/pages and records what the pages send back. */
export async function startPageServer(extraPages: Record<string, string> = {}): Promise<PageServer> {
  const requests: string[] = [];
  const submitted: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.method === 'POST' && req.url === '/submit') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        submitted.push(new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('note') ?? '');
        res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Saved</title><p id="saved">Saved</p>');
      });
      return;
    }
    const name = (req.url ?? '/').split('?')[0].replace(/^\//, '');
    if (extraPages[name] !== undefined) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(extraPages[name]);
      return;
    }
    const file = path.join(PAGES, path.basename(name));
    if (!/\.html$/.test(name) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    submitted,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ExtensionBrowser {
  context: BrowserContext;
  page: Page;
  worker: Worker;
  extensionId: string;
  /** The browser's user-data directory (names the browser process in `ps`). */
  profile: string;
  /** Requests that left for anywhere but the test server (all are blocked). */
  external: string[];
  close(): Promise<void>;
}

export async function launchWithExtension(serverUrl: string, viewport = { width: 1100, height: 800 }): Promise<ExtensionBrowser> {
  if (!fs.existsSync(path.join(EXTENSION, 'manifest.json'))) throw new Error(`${EXTENSION} is missing: run npm run build:browser`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    // Headless "new" (Chromium's own headless mode) loads extensions; the old one did not.
    headless: true,
    viewport,
    args: [
      '--headless=new',
      `--disable-extensions-except=${EXTENSION}`,
      `--load-extension=${EXTENSION}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'config'), XDG_CACHE_HOME: path.join(profile, 'cache') },
  });
  const external: string[] = [];
  const port = new URL(serverUrl).port;
  const isTestServer = (url: URL) => ['127.0.0.1', 'localhost'].includes(url.hostname) && url.port === port;
  // Every request of every page and of the extension's service worker passes here.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (isTestServer(url) || !/^(https?|wss?):$/.test(url.protocol)) return route.continue();
    external.push(`${url.origin}${url.pathname}`);
    return route.abort();
  });
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker', { timeout: 30000 }));
  const extensionId = new URL(worker.url()).host;
  // The worker has registered the content script for the granted origin before a page opens.
  await worker.evaluate('globalThis.heardReady');
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    worker,
    extensionId,
    profile,
    external,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
