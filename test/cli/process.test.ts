// The real command: worker threads with a deterministic order, bin/heard.js and `npm run heard`,
// standard input from a pipe, and the `heard lsp` subcommand.
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { shouldUseWorkers } from '../../server/src/cli/runJobs';
import { removeTempProjects, repoRoot, runCli, tempProject } from './helpers';

const heard = path.join(repoRoot, 'bin', 'heard.js');

function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  return env;
}

describe('heard as a process', function () {
  this.timeout(60000);
  after(removeTempProjects);

  it('checks many files on worker threads with the same, sorted output as in one thread', async () => {
    const files: Record<string, string> = {};
    // The first files are the largest, so they finish last.
    for (let i = 0; i < 12; i++) {
      const name = `notes/${String.fromCharCode(97 + i)}-${i}.md`;
      files[name] = `# Note ${i}\n\n` + `Amira chose to go back to the flat on day ${i}. There was an incident.\n\n`.repeat(i < 2 ? 400 : 1 + i);
    }
    const cwd = tempProject(files);
    const jobs = Object.keys(files).map((f, index) => ({ index, absPath: path.join(cwd, f), displayPath: f }));
    assert.ok(shouldUseWorkers(jobs, 2, 10 * 1024 * 1024), 'this run is large enough for workers');
    assert.ok(!shouldUseWorkers(jobs.slice(0, 3).map((j) => ({ ...j, absPath: path.join(cwd, 'notes/l-11.md') })), 2, 10 * 1024 * 1024), 'a small run stays in one thread');

    const parallel = await runCli(['check', '--format', 'json', '--jobs', '2'], { cwd });
    const serial = await runCli(['check', '--format', 'json', '--jobs', '1'], { cwd });
    assert.strictEqual(parallel.stderr, '');
    assert.strictEqual(parallel.stdout, serial.stdout);
    const paths = JSON.parse(parallel.stdout).files.map((f: { path: string }) => f.path);
    assert.deepStrictEqual(paths, Object.keys(files).sort());
    // Each repeated paragraph has one finding of each of two rules.
    for (const file of JSON.parse(parallel.stdout).files as Array<{ path: string; findings: unknown[] }>) {
      const i = Number(/-(\d+)\.md$/.exec(file.path)![1]);
      assert.strictEqual(file.findings.length, 2 * (i < 2 ? 400 : 1 + i), file.path);
    }
  });

  it('stops with exit 2 when a worker cannot resolve its settings', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`n${i}.md`] = 'Amira chose to go back.\n';
    const cwd = tempProject(files);
    const run = await runCli(['check', '--jobs', '2', '--format', 'json', '--rule', 'cli-chose=off'], { cwd });
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /^heard: unknown rule 'cli-chose' in --rule \(did you mean 'cli-chose-to'/);
    assert.strictEqual(run.stdout, '');
  });

  it('`npm run -s heard -- check examples` prints findings', () => {
    const run = spawnSync('npm', ['run', '-s', 'heard', '--', 'check', 'examples'], { cwd: repoRoot, encoding: 'utf8', env: cleanEnv() });
    assert.strictEqual(run.status, 1, run.stderr);
    assert.match(run.stdout, /^examples\/[\w/-]+\.(md|txt)\n {2}\d+:\d+ +(error|warning|information|hint) +[a-z0-9-]+ {2}\S/m);
    assert.match(run.stdout, /\d+ findings in \d+ of \d+ files/);
  });

  it('reads standard input from a pipe', () => {
    const cwd = tempProject();
    const run = spawnSync(process.execPath, [heard, 'check', '--stdin', '--stdin-filename', 'x.md'], { cwd, input: 'Amira chose to go back.\n', encoding: 'utf8', env: cleanEnv() });
    assert.strictEqual(run.status, 1, run.stderr);
    assert.match(run.stdout, /^x\.md\n {2}1:7 {2}warning {2}cli-chose-to/m);
  });

  it('tells the user to build when out/ is missing', () => {
    const copy = tempProject({}, { bare: true });
    fs.mkdirSync(path.join(copy, 'bin'));
    fs.copyFileSync(heard, path.join(copy, 'bin', 'heard.js'));
    const run = spawnSync(process.execPath, [path.join(copy, 'bin', 'heard.js'), '--version'], { cwd: copy, encoding: 'utf8' });
    assert.strictEqual(run.status, 2);
    assert.match(run.stderr, /out\/server\/src\/cli\/main\.js is missing: run `npm run build`/);
  });

  it('`heard lsp --stdio` starts the language server', async () => {
    const server = spawn(process.execPath, [heard, 'lsp', '--stdio'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
      server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      const reply = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8');
          if (/"id":1/.test(out) && /"capabilities"/.test(out)) resolve(out);
        });
        server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      assert.match(reply, /^Content-Length: \d+\r\n/);
    } finally {
      server.kill();
    }
  });
});
