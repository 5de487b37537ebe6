// Limits on everything Heard reads: a .docx by its unpacked size, XML elements and paragraphs (not
// only its compressed size); standard input as a stream; named pipes, devices and folders refused
// by type wherever a path comes from (command line, --config, lexicon: in .heard.yaml); YAML alias
// bombs and bad regular expressions in configuration reported plainly. Anything that could block
// runs in a child process with a time limit, so a regression fails the test instead of hanging it.
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import JSZip from 'jszip';
import * as path from 'path';
import { DOCX_MAX_ELEMENTS, DOCX_MAX_PARAGRAPHS } from '../../server/src/cli/docxLimits';
import { makeDocx, removeTempProjects, repoRoot, runCli, tempProject, testConfig } from './helpers';

const HEARD = path.join(repoRoot, 'bin', 'heard.js');
const NOTE = 'Amira chose to go back.\n';

/** A .docx whose body is the given WordprocessingML. */
async function rawDocx(body: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** Sets the declared (central directory) unpacked size of every entry to 100 bytes: a lie. */
function lieAboutSizes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0; at = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)) out.writeUInt32LE(100, at + 24);
  return out;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `heard …` as a process, killed after `timeoutMs`. */
function heard(args: string[], cwd: string, timeoutMs = 15000): Run {
  const started = Date.now();
  const run = spawnSync(process.execPath, [HEARD, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1' } });
  return { code: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

function assertPlain(run: Run): void {
  assert.strictEqual(run.signal, null, `killed after the time limit: it hung (stderr: ${run.stderr})`);
  assert.doesNotMatch(run.stderr, /internal error|please report|\n\s+at /, 'a plain message, not a stack trace');
}

describe('limits on what heard reads', function () {
  this.timeout(60000);
  after(removeTempProjects);

  describe('.docx', () => {
    it(`refuses a .docx with more than ${DOCX_MAX_PARAGRAPHS.toLocaleString('en-GB')} paragraphs and still checks the files beside it`, async () => {
      const bomb = await rawDocx('<w:p/>'.repeat(DOCX_MAX_PARAGRAPHS * 2));
      assert.ok(bomb.length < 20000, `a small file (${bomb.length} bytes)`);
      const files: Record<string, string | Buffer> = { 'bomb.docx': bomb, 'good.docx': await makeDocx(['Amira chose to go back.']) };
      for (let i = 0; i < 5; i++) files[`note${i}.md`] = NOTE;
      const cwd = tempProject(files);
      const started = Date.now();
      const run = await runCli(['check', '--format', 'json'], { cwd });
      const json = JSON.parse(run.stdout);
      assert.deepStrictEqual(json.skipped, [{ path: 'bomb.docx', reason: `has too many paragraphs (more than ${DOCX_MAX_PARAGRAPHS.toLocaleString('en-GB')}): not read` }]);
      assert.strictEqual(json.files.length, 6, 'every other file is checked');
      assert.ok(json.files.every((f: { findings: unknown[] }) => f.findings.length === 1));
      assert.strictEqual(run.code, 2);
      assert.ok(Date.now() - started < 10000, `refused quickly (${Date.now() - started} ms)`);
    });

    it('refuses a .docx by its XML elements, even in a single paragraph', async () => {
      const bomb = await rawDocx(`<w:p>${'<w:r/>'.repeat(DOCX_MAX_ELEMENTS + 10)}</w:p>`);
      const cwd = tempProject({ 'runs.docx': bomb });
      const run = await runCli(['check'], { cwd });
      assert.match(run.stderr, /heard: skipped runs\.docx: has too many XML elements \(more than 500,000\): not read/);
      assert.strictEqual(run.code, 2);
    });

    it('refuses a .docx by its unpacked size, whatever sizes its zip declares', async () => {
      // 1 MB of text in one paragraph: a few KB compressed, well over 5 × 20 KB unpacked.
      const bomb = await rawDocx(`<w:p><w:r><w:t>${'Amira chose to go back. '.repeat(45000)}</w:t></w:r></w:p>`);
      assert.ok(bomb.length < 20000);
      const cwd = tempProject({ 'big.docx': bomb, 'lying.docx': lieAboutSizes(bomb), 'ok.docx': await makeDocx(['Amira chose to go back.']) });
      const run = await runCli(['check', '--max-file-size', '20000'], { cwd });
      assert.match(run.stderr, /heard: skipped big\.docx: unpacks to more than 97\.7 KB \(a \.docx may unpack to 5 times the file size limit\): not read; raise maxFileSize or --max-file-size if it is a real document\n/);
      assert.match(run.stderr, /heard: skipped lying\.docx: unpacks to more than 97\.7 KB/);
      assert.match(run.stdout, /ok\.docx\n {2}1:7 {2}warning {2}cli-chose-to/);
      assert.strictEqual(run.code, 2);
    });
  });

  describe('standard input', () => {
    it('stops reading standard input past the size limit, without waiting for its end', async () => {
      const cwd = tempProject();
      const started = Date.now();
      const child = spawn(process.execPath, [HEARD, 'check', '--stdin', '--max-file-size', '100000'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdin.on('error', () => undefined); // EPIPE once heard stops reading
      // 20 MB, and the stream is never closed: only a streaming limit can end this run.
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      for (let i = 0; i < 20; i++) child.stdin.write(chunk);
      const killer = setTimeout(() => child.kill('SIGKILL'), 15000);
      const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
      clearTimeout(killer);
      child.stdin.destroy();
      assert.strictEqual(signal, null, 'heard finished on its own');
      assert.strictEqual(code, 2);
      assert.match(stderr, /heard: skipped <stdin>: too large to check \(more than 97\.7 KB on standard input, .* read before stopping\)/);
      assert.ok(Date.now() - started < 15000);
    });
  });

  describe('files that are not regular files', () => {
    it('refuses a named pipe and a device on the command line, and checks the other files', function () {
      const cwd = tempProject({ 'note.md': NOTE });
      if (spawnSync('mkfifo', [path.join(cwd, 'pipe.md')]).status !== 0) this.skip();
      const run = heard(['check', 'pipe.md', '/dev/zero', 'note.md'], cwd);
      assertPlain(run);
      assert.match(run.stderr, /heard: skipped pipe\.md: a named pipe \(FIFO\), not a regular file: Heard reads only regular files\n/);
      assert.match(run.stderr, /heard: skipped .*dev\/zero: a character device, not a regular file: Heard reads only regular files\n/);
      assert.match(run.stdout, /note\.md\n {2}1:7 {2}warning {2}cli-chose-to/);
      assert.strictEqual(run.code, 2);
    });

    it('refuses a named pipe, a device or a folder as a lexicon in .heard.yaml, naming the line', function () {
      const cwd = tempProject({ 'note.md': NOTE, 'extra/a.yaml': 'entries: []\n' });
      if (spawnSync('mkfifo', [path.join(cwd, 'pipe.yaml')]).status !== 0) this.skip();
      for (const [lexicon, message] of [
        ['pipe.yaml', /pipe\.yaml is a named pipe \(FIFO\), not a regular file/],
        ['/dev/zero', /\/dev\/zero is a character device, not a regular file/],
        ['extra', /extra is a folder; name the \.yaml files in it/],
      ] as const) {
        fs.writeFileSync(path.join(cwd, '.heard.yaml'), testConfig(`lexicon: [cli-lexicon.yaml, ${lexicon}]`).replace('lexicon: [cli-lexicon.yaml]\n', ''));
        const run = heard(['check', 'note.md'], cwd);
        assertPlain(run);
        assert.match(run.stderr, new RegExp(`^heard: ${cwd.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\.heard\\.yaml:\\d+: lexicon: `), run.stderr);
        assert.match(run.stderr, message);
        assert.strictEqual(run.code, 2);
      }
    });

    it('does not block on a .gitignore that is a named pipe', function () {
      const cwd = tempProject({ 'notes/note.md': NOTE });
      if (spawnSync('mkfifo', [path.join(cwd, 'notes', '.gitignore')]).status !== 0) this.skip();
      const run = heard(['check', 'notes'], cwd);
      assertPlain(run);
      assert.match(run.stdout, /notes\/note\.md\n {2}1:7 {2}warning {2}cli-chose-to/);
      assert.strictEqual(run.code, 1);
    });

    it('refuses a named pipe given as --config', function () {
      const cwd = tempProject({ 'note.md': NOTE });
      if (spawnSync('mkfifo', [path.join(cwd, 'pipe.yaml')]).status !== 0) this.skip();
      const run = heard(['check', '--config', 'pipe.yaml', 'note.md'], cwd);
      assertPlain(run);
      assert.match(run.stderr, /pipe\.yaml: a named pipe \(FIFO\), not a regular file\n/);
      assert.strictEqual(run.code, 2);
    });
  });

  describe('configuration that used to give "internal error"', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]', ''].join('\n');

    it('a YAML alias bomb in .heard.yaml', async () => {
      const cwd = tempProject({ 'note.md': NOTE }, { config: bomb });
      const run = await runCli(['check', 'note.md'], { cwd });
      assert.match(run.stderr, /^heard: .*\.heard\.yaml: YAML: Excessive alias count indicates a resource exhaustion attack\n$/);
      assert.strictEqual(run.code, 2);
    });

    it('a YAML alias bomb in a lexicon file', async () => {
      const cwd = tempProject({ 'note.md': NOTE, 'bomb.yaml': `entries: []\n${bomb}` }, { config: testConfig('lexicon: [cli-lexicon.yaml, bomb.yaml]').replace('lexicon: [cli-lexicon.yaml]\n', '') });
      const run = await runCli(['check', 'note.md'], { cwd });
      assert.match(run.stderr, /^heard: .*bomb\.yaml: YAML: Excessive alias count indicates a resource exhaustion attack\n$/);
      assert.strictEqual(run.code, 2);
    });

    it('a recordSeparator that is not a regular expression', async () => {
      const cwd = tempProject({ 'note.md': NOTE }, { config: testConfig('recordSeparator: "^(Date:"') });
      const run = await runCli(['check', 'note.md'], { cwd });
      assert.match(run.stderr, /^heard: .*\.heard\.yaml:\d+: recordSeparator: not a valid regular expression: Invalid regular expression: \/\^\(Date:\/m: Unterminated group\n$/);
      assert.doesNotMatch(run.stderr, /internal error/);
      assert.strictEqual(run.code, 2);
    });
  });
});
