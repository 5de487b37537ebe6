// Heard never uses the network. The CLI (in one thread and on worker threads, every format, --fix,
// rules, explain) and the language server run under a preload that makes every socket, name lookup
// and request an error and logs it (test/support/noNetwork.ts); the log must stay empty. Where
// strace is installed, the CLI is also traced for socket system calls.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ExecuteCommandRequest, HoverRequest } from 'vscode-languageserver-protocol/node';
import { CheckWorkspaceMethod, RulesRequestMethod, ServerCommands } from '../server/src/lsp/protocol';
import { makeDocx, removeTempProjects, tempProject } from './cli/helpers';
import { fileUri, PUSH_CAPABILITIES, SERVER, TestClient, testSettings } from './lsp/client';

const ROOT = path.resolve(__dirname, '..', '..');
const HEARD = path.join(ROOT, 'bin', 'heard.js');
const PRELOAD = path.join(ROOT, 'out', 'test', 'support', 'noNetwork.js');

const logDirs: string[] = [];

function logFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-no-network-'));
  logDirs.push(dir);
  const file = path.join(dir, 'network.log');
  fs.writeFileSync(file, '');
  return file;
}

function heardUnderPreload(args: string[], cwd: string, log: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['-r', PRELOAD, HEARD, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60000,
    env: { ...process.env, HEARD_NO_NETWORK_LOG: log, HEARD_NO_NETWORK_TRACE_LOADS: '1', NO_COLOR: '1' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const networkUse = (log: string) => fs.readFileSync(log, 'utf8').split('\n').filter((l) => l.startsWith('network use'));

describe('no network', function () {
  this.timeout(120000);
  after(() => {
    removeTempProjects();
    for (const dir of logDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the preload catches network use (self-test)', () => {
    const log = logFile();
    const script = "try { require('https').get('https://example.org') } catch {} try { require('dns').lookup('example.org', () => {}) } catch {}";
    spawnSync(process.execPath, ['-r', PRELOAD, '-e', script], { env: { ...process.env, HEARD_NO_NETWORK_LOG: log }, timeout: 20000 });
    assert.deepStrictEqual(
      networkUse(log).map((l) => l.replace(/ \(pid.*/, '')),
      ['network use: https.get', 'network use: dns.lookup'],
    );
  });

  it('heard check (text, json, sarif), --fix and explain open no socket (main thread and worker threads)', async () => {
    const files: Record<string, string | Buffer> = { 'report.docx': await makeDocx(['Amira chose to go back.']), 'plain.txt': 'She is street-wise.\n' };
    for (let i = 0; i < 10; i++) files[`notes/n${i}.md`] = `# Note ${i}\n\nAmira chose to go back. There was an incident.\n`;
    const cwd = tempProject(files);
    const log = logFile();
    const runs = [
      heardUnderPreload(['check', '--jobs', '2'], cwd, log),
      heardUnderPreload(['check', '--jobs', '1', '--format', 'json'], cwd, log),
      heardUnderPreload(['check', '--format', 'sarif', '--rule-docs-url', 'https://example.org/rules'], cwd, log),
      heardUnderPreload(['check', '--fix', 'notes'], cwd, log),
      heardUnderPreload(['explain', 'cli-chose-to'], cwd, log),
    ];
    for (const run of runs) assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    assert.deepStrictEqual(networkUse(log), []);
    assert.doesNotMatch(runs.map((r) => r.stderr).join(''), /no-network check/);
    const loads = fs.readFileSync(log, 'utf8');
    assert.match(loads, /loaded in worker thread/, 'the check really ran on worker threads under the preload');
    assert.match(fs.readFileSync(path.join(cwd, 'notes', 'n0.md'), 'utf8'), /was made to go back/, '--fix really wrote');
  });

  it('the language server opens no socket', async () => {
    const log = logFile();
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'heard-no-network-lsp-')));
    fs.writeFileSync(path.join(dir, 'on-disk.md'), 'Amira chose to go back.\n');
    process.env.HEARD_NO_NETWORK_LOG = log;
    let client: TestClient;
    try {
      client = new TestClient(['-r', PRELOAD, SERVER, '--stdio']);
    } finally {
      delete process.env.HEARD_NO_NETWORK_LOG;
    }
    try {
      client.settings = testSettings();
      await client.initialize(PUSH_CAPABILITIES, dir);
      const uri = fileUri(path.join(dir, 'open.md'));
      await client.open(uri, 'Amira chose to go back. She is street-wise.\n');
      const published = await client.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
      assert.ok(published.diagnostics.length >= 2);
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 7 } });
      await client.connection.sendRequest(ExecuteCommandRequest.type, { command: ServerCommands.openRuleDocumentation, arguments: ['lsp-chose-to'] });
      await client.connection.sendRequest(RulesRequestMethod, { uri });
      await client.connection.sendRequest(CheckWorkspaceMethod, { uris: [fileUri(path.join(dir, 'on-disk.md'))] });
      assert.strictEqual(client.child.exitCode, null);
    } finally {
      await client.shutdown();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.deepStrictEqual(networkUse(log), []);
    assert.doesNotMatch(client.stderr, /no-network check/);
  });

  it('strace sees no socket system call from heard check (when strace is installed)', async function () {
    if (spawnSync('strace', ['-V']).error) this.skip();
    const cwd = tempProject({ 'a.md': 'Amira chose to go back.\n', 'b.docx': await makeDocx(['There was an incident.']) });
    const trace = path.join(cwd, 'strace.txt');
    const run = spawnSync('strace', ['-f', '-o', trace, '-e', 'trace=socket,connect,bind,sendto,socketpair', process.execPath, HEARD, 'check', 'a.md', 'b.docx'], { cwd, encoding: 'utf8', timeout: 60000 });
    if (run.status !== 0 && run.status !== 1 && /ptrace|Operation not permitted/.test(run.stderr)) this.skip(); // tracing not allowed here
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const calls = fs.readFileSync(trace, 'utf8').split('\n').filter((l) => /\b(socket|connect|bind|sendto|socketpair)\(/.test(l));
    assert.deepStrictEqual(calls, []);
  });
});
