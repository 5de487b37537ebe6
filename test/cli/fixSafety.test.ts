// --fix on shared folders: a save that lands while the fix is being written wins; symbolic links
// out of the checked folders, read-only files and other people's files are left alone (and said
// so); owner, mode and hard links are kept.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { removeTempProjects, repoRoot, runCli, tempProject } from './helpers';

const NOTE = 'Amira chose to go back.\n';
const FIXED = 'Amira was made to go back.\n';
const isRoot = process.getuid?.() === 0;

describe('heard check --fix on shared folders', function () {
  this.timeout(30000);
  after(removeTempProjects);

  it('does not overwrite a save made after the fix was written to the temporary file', async () => {
    const cwd = tempProject({ 'a.md': NOTE });
    const file = path.join(cwd, 'a.md');
    // The module object itself (an `import *` namespace is read-only).
    const nodeFs = require('fs') as typeof fs;
    const realFsync = nodeFs.fsyncSync;
    let saved = false;
    // The editor saves while Heard is writing and syncing its temporary file.
    nodeFs.fsyncSync = (fd: number) => {
      realFsync(fd);
      if (!saved) {
        saved = true;
        fs.writeFileSync(file, 'Amira chose to go back. Saved by the editor meanwhile.\n');
      }
    };
    let run;
    try {
      run = await runCli(['check', '--fix'], { cwd });
    } finally {
      nodeFs.fsyncSync = realFsync;
    }
    assert.ok(saved, 'the save happened during the write');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'Amira chose to go back. Saved by the editor meanwhile.\n');
    assert.match(run.stderr, /heard: a\.md: not fixed: it changed on disk while it was being checked; run again/);
    assert.doesNotMatch(run.stderr, /heard: fixed 1 in a\.md/);
    assert.strictEqual(run.code, 2);
    assert.deepStrictEqual(fs.readdirSync(cwd).sort(), ['.heard.yaml', 'a.md', 'cli-lexicon.yaml'], 'no temporary file left behind');
  });

  it('never writes through a symbolic link to a file outside the folders being checked', async () => {
    const cwd = tempProject({ 'notes/a.md': NOTE, 'outside/target.md': NOTE });
    fs.symlinkSync(path.join('..', 'outside', 'target.md'), path.join(cwd, 'notes', 'link.md'));
    const run = await runCli(['check', '--fix', 'notes'], { cwd });
    assert.strictEqual(fs.readFileSync(path.join(cwd, 'outside', 'target.md'), 'utf8'), NOTE, 'the target outside is untouched');
    assert.strictEqual(fs.readFileSync(path.join(cwd, 'notes', 'a.md'), 'utf8'), FIXED);
    assert.ok(fs.lstatSync(path.join(cwd, 'notes', 'link.md')).isSymbolicLink());
    assert.match(run.stderr, /heard: notes\/link\.md: not fixed: it leads, through a symbolic link, to .*outside\/target\.md, outside the folders being checked/);
    assert.match(run.stderr, /heard: fixed 1 finding in 1 file; 1 file not fixed \(reasons above\)\n/);
    assert.strictEqual(run.code, 1, 'the finding left in link.md decides the exit code; a choice not to write is not an error');
  });

  it('skips read-only files unless --fix-read-only, and keeps them read-only', async () => {
    const cwd = tempProject({ 'ro.md': NOTE, 'rw.md': NOTE });
    const readOnly = path.join(cwd, 'ro.md');
    fs.chmodSync(readOnly, 0o444);
    const run = await runCli(['check', '--fix'], { cwd });
    assert.strictEqual(fs.readFileSync(readOnly, 'utf8'), NOTE);
    assert.strictEqual(fs.readFileSync(path.join(cwd, 'rw.md'), 'utf8'), FIXED);
    assert.match(run.stderr, /heard: ro\.md: not fixed: the file is read-only; pass --fix-read-only to fix read-only files too\n/);
    assert.strictEqual(run.code, 1);

    const forced = await runCli(['check', '--fix', '--fix-read-only', 'ro.md'], { cwd });
    assert.strictEqual(fs.readFileSync(readOnly, 'utf8'), FIXED);
    assert.strictEqual(fs.statSync(readOnly).mode & 0o777, 0o444);
    assert.match(forced.stderr, /heard: fixed 1 in ro\.md\n/);
    assert.strictEqual(forced.code, 0);

    const usage = await runCli(['check', '--fix-read-only'], { cwd });
    assert.strictEqual(usage.code, 2);
    assert.match(usage.stderr, /--fix-read-only goes with --fix/);
  });

  it('keeps hard links: a file with several links is rewritten in place', async () => {
    const cwd = tempProject({ 'a.md': NOTE });
    fs.mkdirSync(path.join(cwd, 'elsewhere'));
    fs.linkSync(path.join(cwd, 'a.md'), path.join(cwd, 'elsewhere', 'same.txt'));
    const run = await runCli(['check', '--fix', 'a.md'], { cwd });
    assert.strictEqual(fs.readFileSync(path.join(cwd, 'elsewhere', 'same.txt'), 'utf8'), FIXED, 'the other link sees the fix');
    assert.strictEqual(fs.statSync(path.join(cwd, 'a.md')).nlink, 2);
    assert.strictEqual(fs.statSync(path.join(cwd, 'a.md')).ino, fs.statSync(path.join(cwd, 'elsewhere', 'same.txt')).ino);
    assert.match(run.stderr, /heard: fixed 1 in a\.md \(rewritten in place\)\n/);
    assert.strictEqual(run.code, 0);
  });

  it('keeps the exact mode whatever the umask', async () => {
    const cwd = tempProject({ 'a.md': NOTE });
    const file = path.join(cwd, 'a.md');
    fs.chmodSync(file, 0o664);
    const umask = process.umask(0o077);
    try {
      await runCli(['check', '--fix'], { cwd });
    } finally {
      process.umask(umask);
    }
    assert.strictEqual(fs.readFileSync(file, 'utf8'), FIXED);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o664);
  });

  it('keeps the owner and group of a file that belongs to someone else (run as root)', async function () {
    if (!isRoot) this.skip();
    const cwd = tempProject({ 'a.md': NOTE });
    const file = path.join(cwd, 'a.md');
    fs.chownSync(file, 65534, 65534);
    const run = await runCli(['check', '--fix'], { cwd });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), FIXED, run.stderr);
    const stat = fs.statSync(file);
    assert.deepStrictEqual([stat.uid, stat.gid], [65534, 65534]);
  });

  it("does not replace another user's file in a folder anyone may write to (another user runs --fix)", function () {
    if (!isRoot) this.skip();
    const cwd = tempProject({ 'a.md': NOTE });
    fs.chmodSync(cwd, 0o777);
    const file = path.join(cwd, 'a.md');
    fs.chmodSync(file, 0o644);
    const asNobody = (args: string[]) =>
      spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'heard.js'), 'check', ...args], { cwd, uid: 65534, gid: 65534, encoding: 'utf8', env: { ...process.env, HOME: cwd } });
    const probe = asNobody(['--help']);
    if (probe.status !== 0) this.skip(); // the checkout is not readable by user 65534
    const run = asNobody(['--fix', 'a.md']);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), NOTE);
    assert.strictEqual(fs.statSync(file).uid, 0);
    assert.match(run.stderr, /heard: a\.md: not fixed: the file is read-only/);
    const forced = asNobody(['--fix', '--fix-read-only', 'a.md']);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), NOTE);
    assert.strictEqual(fs.statSync(file).uid, 0, 'still root');
    assert.match(forced.stderr, /heard: a\.md: not fixed: it belongs to root and only they can change it/);
    assert.strictEqual(forced.status, 1, forced.stderr);
  });
});
