// --fix and --fix-dry-run on temporary copies: only safe rewrites, atomic writes that keep the
// byte-order mark, line endings and permissions, and a diff that writes nothing.
import * as assert from 'assert';
import { applyPatch } from 'diff';
import * as fs from 'fs';
import * as path from 'path';
import { stampOf, writeFileAtomic } from '../../server/src/cli/fixes';
import { removeTempProjects, runCli, tempProject } from './helpers';

const BEFORE = '\ufeff# Visit\r\n\r\nAmira chose to go back. She is putting herself at risk.\r\nJo chose to stay.\r\n';
const AFTER = '\ufeff# Visit\r\n\r\nAmira was made to go back. She is putting herself at risk.\r\nJo was made to stay.\r\n';

describe('heard check --fix', function () {
  after(removeTempProjects);

  it('applies only safe rewrites, keeps BOM, CRLF and permissions, and reports each change', async () => {
    const cwd = tempProject({ 'notes/a.md': BEFORE, 'notes/clean.md': 'Nothing to change.\n' });
    const file = path.join(cwd, 'notes', 'a.md');
    fs.chmodSync(file, 0o640);
    const run = await runCli(['check', '--fix'], { cwd });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), AFTER);
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
    assert.match(run.stderr, /heard: fixed 2 in notes\/a\.md\n {2}3:7 {2}cli-chose-to {2}"chose" -> "was made"\n {2}4:4 {2}cli-chose-to {2}"chose" -> "was made"\n/);
    assert.match(run.stderr, /heard: fixed 2 findings in 1 file\n/);
    // The rewrite with a [placeholder] stays for the writer; it decides the exit code.
    assert.match(run.stdout, /^notes\/a\.md\n {2}3:\d+ {2}warning {2}cli-self-at-risk/m);
    assert.doesNotMatch(run.stdout, /cli-chose-to/);
    assert.match(run.stdout, /2 findings fixed/);
    assert.strictEqual(run.code, 1);
    assert.deepStrictEqual(fs.readdirSync(path.join(cwd, 'notes')).sort(), ['a.md', 'clean.md'], 'no temporary file left behind');
    assert.strictEqual(fs.readFileSync(path.join(cwd, 'notes', 'clean.md'), 'utf8'), 'Nothing to change.\n');
  });

  it('--fix-dry-run prints a unified diff that applies, and writes nothing', async () => {
    const cwd = tempProject({ 'a.md': BEFORE });
    const file = path.join(cwd, 'a.md');
    const mtime = fs.statSync(file).mtimeMs;
    const run = await runCli(['check', '--fix-dry-run'], { cwd });
    assert.strictEqual(fs.readFileSync(file, 'utf8'), BEFORE);
    assert.strictEqual(fs.statSync(file).mtimeMs, mtime);
    assert.match(run.stdout, /^--- a\/a\.md\n\+\+\+ b\/a\.md\n@@ /);
    assert.match(run.stdout, /^-Amira chose to go back\. She is putting herself at risk\.\r$/m);
    assert.match(run.stdout, /^\+Amira was made to go back\. She is putting herself at risk\.\r$/m);
    assert.strictEqual(applyPatch(BEFORE.slice(1), run.stdout), AFTER.slice(1));
    assert.match(run.stderr, /heard: would fix 2 findings in 1 file \(nothing written\)/);
    assert.strictEqual(run.code, 1, 'the placeholder finding would remain');
  });

  it('--fix-dry-run says so when nothing is safe to fix', async () => {
    const cwd = tempProject({ 'a.md': 'She is putting herself at risk.\n', 'clean.md': 'All well.\n' });
    const run = await runCli(['check', '--fix-dry-run', 'a.md'], { cwd });
    assert.strictEqual(run.stdout, '', 'no diff');
    assert.match(run.stderr, /^heard: nothing is safe to fix: none of the 1 finding has a rewrite --fix may apply .*; no diff to show\n$/m);
    const clean = await runCli(['check', '--fix-dry-run', 'clean.md'], { cwd });
    assert.match(clean.stderr, /^heard: nothing to fix: no findings; no diff to show\n$/m);
    const write = await runCli(['check', '--fix', 'a.md'], { cwd });
    assert.match(write.stderr, /^heard: nothing is safe to fix: none of the 1 finding has a rewrite/m);
  });

  it('--fix-dry-run works on standard input', async () => {
    const cwd = tempProject();
    const run = await runCli(['check', '--stdin', '--stdin-filename', 'x.md', '--fix-dry-run'], { cwd, stdin: 'Amira chose to go back.\n' });
    assert.match(run.stdout, /^-Amira chose to go back\.$/m);
    assert.match(run.stdout, /^\+Amira was made to go back\.$/m);
    assert.strictEqual(run.code, 0);
  });

  it('--fix-dry-run only prints text diffs', async () => {
    const cwd = tempProject({ 'a.md': 'x\n' });
    const run = await runCli(['check', '--fix-dry-run', '--format', 'json'], { cwd });
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /--fix-dry-run prints a diff/);
  });

  describe('writeFileAtomic', () => {
    it('refuses to overwrite a file that changed after it was read', () => {
      const dir = tempProject({ 'a.md': 'one\n' }, { bare: true });
      const file = path.join(dir, 'a.md');
      const stamp = stampOf(file);
      fs.writeFileSync(file, 'one, edited meanwhile\n');
      assert.throws(() => writeFileAtomic(file, 'fixed\n', stamp), /changed on disk/);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), 'one, edited meanwhile\n');
      assert.deepStrictEqual(fs.readdirSync(dir), ['a.md']);
    });

    it('writes through a symbolic link, keeping the link', () => {
      const dir = tempProject({ 'real.md': 'one\n' }, { bare: true });
      fs.symlinkSync('real.md', path.join(dir, 'link.md'));
      writeFileAtomic(path.join(dir, 'link.md'), 'two\n', stampOf(path.join(dir, 'link.md')));
      assert.ok(fs.lstatSync(path.join(dir, 'link.md')).isSymbolicLink());
      assert.strictEqual(fs.readFileSync(path.join(dir, 'real.md'), 'utf8'), 'two\n');
    });
  });
});
