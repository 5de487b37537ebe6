// `heard check` end to end, in-process: formats, exit codes, stdin, .docx, bad input.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeDocx, removeTempProjects, runCli, tempProject, testConfig } from './helpers';

const NOTE = [
  '# Visit',
  '',
  'Amira chose to go back to the flat.',
  '',
  'Amira is streetwise. There was an incident at home.',
  '',
].join('\n');

describe('heard check', function () {
  after(removeTempProjects);

  describe('exit codes', () => {
    it('gives 0 when nothing is at or above the failing level, and says so', async () => {
      const cwd = tempProject({ 'clean.md': 'Amira said she felt safe at home.\n' });
      const run = await runCli(['check'], { cwd });
      assert.strictEqual(run.code, 0, run.stderr);
      assert.match(run.stdout, /No findings in 1 file\./);
    });

    it('gives 1 for a warning by default, and 0 with --fail-on error when there is no error', async () => {
      const cwd = tempProject({ 'a.md': 'Amira chose to go back.\n' });
      assert.strictEqual((await runCli(['check'], { cwd })).code, 1);
      assert.strictEqual((await runCli(['check', '--fail-on', 'error'], { cwd })).code, 0);
    });

    it('fails on information only with --fail-on information', async () => {
      const cwd = tempProject({ 'a.md': 'There was an incident.\n' });
      assert.strictEqual((await runCli(['check'], { cwd })).code, 0);
      assert.strictEqual((await runCli(['check', '--fail-on', 'information'], { cwd })).code, 1);
    });

    it('gives 1 with --fail-on error when there is an error', async () => {
      const cwd = tempProject({ 'a.md': 'Amira is streetwise.\n' });
      assert.strictEqual((await runCli(['check', '--fail-on', 'error'], { cwd })).code, 1);
    });

    it('--max-warnings N fails only past N warnings', async () => {
      const cwd = tempProject({ 'a.md': 'Amira chose to go. Jo chose to stay.\n' });
      const args = ['check', '--fail-on', 'error', '--max-warnings'];
      assert.strictEqual((await runCli([...args, '2'], { cwd })).code, 0);
      assert.strictEqual((await runCli([...args, '1'], { cwd })).code, 1);
    });

    it('gives 2 with a one-line reason for a missing path, an unknown option or a bad value', async () => {
      const cwd = tempProject({ 'a.md': 'x\n' });
      for (const [argv, reason] of [
        [['check', 'nowhere.md'], /no such file or folder: nowhere\.md/],
        [['check', '--colour'], /unknown option '--colour'/],
        [['check', '--format', 'xml'], /--format must be one of text, compact, json, sarif, github/],
        [['check', '--fail-on', 'loud'], /--fail-on must be one of/],
        [['check', '--rule', 'cli-chose-to'], /--rule takes id=level/],
        [['check', '--category', 'nonsense=off'], /category in --category must be one of/],
        [['check', '--fix', '--fix-dry-run'], /either --fix or --fix-dry-run/],
        [['check', 'nothing-here/*.md'], /no files to check match 'nothing-here\/\*\.md'/],
        [['frobnicate'], /unknown command 'frobnicate'/],
      ] as Array<[string[], RegExp]>) {
        const run = await runCli(argv, { cwd });
        assert.strictEqual(run.code, 2, argv.join(' '));
        assert.match(run.stderr, reason);
        assert.strictEqual(run.stderr.trim().split('\n').length, 1, `one line for ${argv.join(' ')}: ${run.stderr}`);
        assert.strictEqual(run.stdout, '');
      }
    });

    it('gives 0 with a note when the config ignores every file named', async () => {
      const cwd = tempProject({ 'templates/t.md': 'Amira chose to go back.\n' }, { config: testConfig('ignore: [templates/]') });
      const run = await runCli(['check', 'templates/t.md'], { cwd });
      assert.strictEqual(run.code, 0);
      assert.match(run.stderr, /no files to check: the config's ignore: list skips templates\/t\.md/);
    });

    it('gives 2 for an unknown rule id in --rule, suggesting the closest', async () => {
      const cwd = tempProject({ 'a.md': 'x\n' });
      const run = await runCli(['check', '--rule', 'cli-chose=off'], { cwd });
      assert.strictEqual(run.code, 2);
      assert.match(run.stderr, /unknown rule 'cli-chose' in --rule \(did you mean 'cli-chose-to'/);
    });

    it('gives 2 for a malformed .heard.yaml, naming the file and line', async () => {
      const cwd = tempProject({ 'a.md': 'Amira chose to go back.\n', '.heard.yaml': 'profile: review\nrules:\n  cli-chose-to: [warning\n' });
      const run = await runCli(['check'], { cwd });
      assert.strictEqual(run.code, 2);
      assert.match(run.stderr, /^heard: .*\.heard\.yaml:\d+: YAML syntax/);
      assert.strictEqual(run.stdout, '');
    });

    it('gives 2 for a config value the schema rejects', async () => {
      const cwd = tempProject({ 'a.md': 'x\n', '.heard.yaml': 'profile: scrapbook\n' });
      const run = await runCli(['check'], { cwd });
      assert.strictEqual(run.code, 2);
      assert.match(run.stderr, /\.heard\.yaml:1: profile: must be one of case-note, review/);
    });

    it('gives 2 for unknown rule ids, categories, check names and keys in .heard.yaml, each with file:line and a suggestion', async () => {
      const config = testConfig().replace('  cli-chose-to: on', '  cli-chose-too: on') + '\nchecks:\n  child-voyce: off\nalow: [x]\n';
      const cwd = tempProject({ 'a.md': 'Amira chose to go back.\n' }, { config });
      const run = await runCli(['check'], { cwd });
      assert.strictEqual(run.code, 2);
      assert.strictEqual(run.stdout, '');
      const lines = run.stderr.trim().split('\n');
      const at = (re: RegExp) => lines.find((l) => re.test(l));
      assert.ok(at(/^heard: .*\.heard\.yaml:\d+: checks: unknown check 'child-voyce' \(did you mean 'child-voice'\?\)$/), run.stderr);
      assert.ok(at(/^heard: .*\.heard\.yaml:\d+: unknown key 'alow' \(did you mean 'allow'\?\)$/), run.stderr);
      // Rule ids are checked once the lexicon is known: after the file's own problems are fixed.
      const fixed = tempProject({ 'a.md': 'Amira chose to go back.\n' }, { config: testConfig().replace('  cli-chose-to: on', '  cli-chose-too: on') });
      const second = await runCli(['check'], { cwd: fixed });
      assert.strictEqual(second.code, 2);
      const ruleLine = testConfig().split('\n').findIndex((l) => l === '  cli-chose-to: on') + 1;
      assert.match(second.stderr, new RegExp(`^heard: .*\\.heard\\.yaml:${ruleLine}: rules: unknown rule 'cli-chose-too' \\(did you mean 'cli-chose-to'`));
    });
  });

  describe('configuration flags', () => {
    it('--rule and --category override the config file', async () => {
      const cwd = tempProject({ 'a.md': 'Amira chose to go back. Amira is streetwise.\n' });
      const off = JSON.parse((await runCli(['check', '--format', 'json', '--rule', 'cli-chose-to=off'], { cwd })).stdout);
      assert.deepStrictEqual(off.files[0].findings.map((f: { ruleId: string }) => f.ruleId), ['cli-streetwise']);
      const sparkly = tempProject({ 'a.md': 'The room was sparkly.\n' });
      const raised = JSON.parse((await runCli(['check', '--format', 'json', '--rule', 'cli-sparkly=on', '--category', 'vague=warning'], { cwd: sparkly })).stdout);
      assert.strictEqual(raised.files[0].findings.find((f: { ruleId: string }) => f.ruleId === 'cli-sparkly').severity, 'warning');
    });

    it('--rule ID=on turns on an entry shipped switched off', async () => {
      const cwd = tempProject({ 'a.md': 'The room was sparkly.\n' });
      assert.strictEqual(JSON.parse((await runCli(['check', '--format', 'json'], { cwd })).stdout).summary.findings, 0);
      const on = JSON.parse((await runCli(['check', '--format', 'json', '--rule', 'cli-sparkly=on'], { cwd })).stdout);
      assert.deepStrictEqual(on.files[0].findings.map((f: { ruleId: string }) => f.ruleId), ['cli-sparkly']);
    });

    it('--config uses the named file instead of searching', async () => {
      const cwd = tempProject({ 'a.md': 'Amira chose to go back.\n', 'other.yaml': testConfig().replace('  cli-chose-to: on', '  cli-chose-to: off') });
      assert.strictEqual((await runCli(['check'], { cwd })).code, 1);
      assert.strictEqual((await runCli(['check', '--config', 'other.yaml'], { cwd })).code, 0);
      const missing = await runCli(['check', '--config', 'absent.yaml'], { cwd });
      assert.strictEqual(missing.code, 2);
      assert.match(missing.stderr, /config file not found/);
    });
  });

  describe('formats', () => {
    it('text: the path once, then location, severity, rule, message, the line with the span underlined, and a summary', async () => {
      const cwd = tempProject({ 'notes/visit.md': NOTE, 'notes/clean.md': 'Nothing here.\n' });
      const run = await runCli(['check'], { cwd, env: { COLUMNS: '100' } });
      const lines = run.stdout.split('\n');
      assert.strictEqual(lines[0], 'notes/visit.md');
      assert.strictEqual(lines.filter((l) => l.includes('notes/visit.md')).length, 1, 'the path is printed once');
      assert.ok(!run.stdout.includes('notes/clean.md'), 'a file with no findings is not listed');
      assert.deepStrictEqual(lines.slice(1, 5), [
        '  3:7   warning      cli-chose-to  Victim-blaming: test entry for choice wording.',
        '    3 | Amira chose to go back to the flat.',
        '      |       ^^^^^',
        '      = try: was made',
      ]);
      assert.strictEqual(lines[5], '', 'a blank line between findings');
      assert.match(lines[6], /^ {2}5:10 {2}error {8}cli-streetwise {2}Adultification: /);
      assert.match(run.stdout, /3 findings in 1 of 2 files \(1 error, 1 warning, 1 information\)/);
      assert.match(run.stdout, /^ {2}victim-blaming +0 +1 +0 +0 +1$/m);
      assert.match(run.stdout, /^ {2}adultification +1 +0 +0 +0 +1$/m);
      assert.doesNotMatch(run.stdout, /\x1b\[/, 'no colour when stdout is not a terminal');
    });

    it('text: colour on a terminal, none with NO_COLOR', async () => {
      const cwd = tempProject({ 'a.md': 'Amira chose to go back.\n' });
      assert.match((await runCli(['check'], { cwd, tty: true, env: { TERM: 'xterm' } })).stdout, /\x1b\[/);
      assert.doesNotMatch((await runCli(['check'], { cwd, tty: true, env: { TERM: 'xterm', NO_COLOR: '1' } })).stdout, /\x1b\[/);
    });

    it('json: a rewrite that could change the meaning here is not fixable, and says why', async () => {
      const cwd = tempProject({ 'note.md': '---\nprofile: case-note\n---\n\nA placement with the grandmother will be considered.\n' }, { bare: true });
      const json = JSON.parse((await runCli(['check', '--format', 'json'], { cwd })).stdout);
      const placement = json.files[0].findings.find((f: { ruleId: string }) => f.ruleId === 'placement-home');
      assert.ok(placement, 'the core lexicon flags "placement" in a case note');
      assert.strictEqual(placement.fixable, false);
      assert.match(placement.fixNotSafe, /could change the meaning/);
      assert.strictEqual(json.summary.fixable, 0);
    });

    it('json: the version 2 contract, 1-based positions and UTF-16 columns', async () => {
      const cwd = tempProject({ 'b.md': 'Ok.\n', 'a.md': '😀 Amira chose to go back.\n' });
      const run = await runCli(['check', '--format', 'json'], { cwd });
      const json = JSON.parse(run.stdout);
      assert.deepStrictEqual(Object.keys(json), ['version', 'files', 'skipped', 'summary']);
      assert.strictEqual(json.version, 3);
      assert.deepStrictEqual(Object.keys(json.files[0]), ['path', 'findings', 'suppressions', 'baselined']);
      assert.deepStrictEqual(Object.keys(json.summary), [
        'files', 'filesWithFindings', 'findings', 'bySeverity', 'byCategory', 'byRule', 'fixable',
        'suppressed', 'suppressedByRule', 'suppressedWithoutReason', 'skipped', 'fixed', 'baseline', 'belowMinLevel',
      ]);
      assert.strictEqual(json.summary.fixable, 1, "'was made' is a safe rewrite");
      assert.strictEqual(json.summary.baseline, null);
      assert.deepStrictEqual(json.files.map((f: { path: string }) => f.path), ['a.md', 'b.md']);
      const [finding] = json.files[0].findings;
      assert.deepStrictEqual(Object.keys(finding), ['ruleId', 'category', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'offset', 'length', 'text', 'suggestions', 'sources', 'fixable']);
      assert.strictEqual(finding.fixable, true, '--fix would apply its first rewrite');
      // The emoji is two UTF-16 code units: "chose" starts at offset 9, column 10.
      assert.deepStrictEqual(
        { line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn, offset: finding.offset, length: finding.length, text: finding.text },
        { line: 1, column: 10, endLine: 1, endColumn: 15, offset: 9, length: 5, text: 'chose' },
      );
      assert.deepStrictEqual(finding.suggestions, ['was made', 'was pressured']);
      assert.deepStrictEqual(finding.sources, [{ seed: '004_504d2492568628d6.txt', paragraph: '1.1' }]);
      assert.strictEqual(json.summary.files, 2);
      assert.strictEqual(json.summary.filesWithFindings, 1);
      assert.strictEqual(json.summary.findings, 1);
      assert.deepStrictEqual(json.summary.bySeverity, { error: 0, warning: 1, information: 0, hint: 0 });
      assert.strictEqual(json.summary.byCategory['victim-blaming'], 1);
      assert.deepStrictEqual(json.summary.byRule, { 'cli-chose-to': 1 });
    });

    it('counts findings switched off by heard-disable comments', async () => {
      const cwd = tempProject({ 'a.md': '<!-- heard-disable-next-line cli-chose-to -- quoting the referral -->\nAmira chose to go back.\n' });
      const json = JSON.parse((await runCli(['check', '--format', 'json'], { cwd })).stdout);
      assert.strictEqual(json.summary.findings, 0);
      assert.strictEqual(json.summary.suppressed, 1);
    });

    it('github: one annotation per finding, with the level mapped', async () => {
      const cwd = tempProject({ 'a.md': NOTE });
      const run = await runCli(['check', '--format', 'github'], { cwd });
      const lines = run.stdout.trim().split('\n');
      assert.strictEqual(lines[0], '::warning file=a.md,line=3,col=7,endLine=3,endColumn=12,title=heard(cli-chose-to)::Victim-blaming: test entry for choice wording. Try: was made');
      assert.match(lines[1], /^::error file=a\.md,line=5,col=10,.*title=heard\(cli-streetwise\)::/);
      assert.match(lines[2], /^::notice file=a\.md,line=5,.*title=heard\(cli-incident\)::/);
      assert.strictEqual(lines[3], 'heard: 3 findings in 1 of 1 file');
    });
  });

  describe('standard input', () => {
    it('checks text from --stdin, named by --stdin-filename', async () => {
      const cwd = tempProject();
      const run = await runCli(['check', '--stdin', '--stdin-filename', 'notes/x.md', '--format', 'json'], { cwd, stdin: '# Amira chose to go\n\nAmira chose to go back.\n' });
      const json = JSON.parse(run.stdout);
      assert.strictEqual(json.files[0].path, 'notes/x.md');
      assert.deepStrictEqual(json.files[0].findings.map((f: { line: number }) => f.line), [1, 3]);
    });

    it('uses the name to pick the format: a Markdown code span is not checked, plain text is', async () => {
      const cwd = tempProject();
      const text = 'Notes: `Amira chose to go`.\n';
      const md = JSON.parse((await runCli(['check', '--stdin', '--stdin-filename', 'x.md', '--format', 'json'], { cwd, stdin: text })).stdout);
      const txt = JSON.parse((await runCli(['check', '--stdin', '--stdin-filename', 'x.txt', '--format', 'json'], { cwd, stdin: text })).stdout);
      assert.strictEqual(md.summary.findings, 0);
      assert.strictEqual(txt.summary.findings, 1);
    });

    it('calls unnamed input <stdin>, and refuses paths or --fix with --stdin', async () => {
      const cwd = tempProject();
      const run = await runCli(['check', '--stdin'], { cwd, stdin: 'Amira chose to go back.\n' });
      assert.strictEqual(run.code, 1);
      assert.match(run.stdout, /^<stdin>\n {2}1:7 {2}warning/m);
      assert.strictEqual((await runCli(['check', '--stdin', 'a.md'], { cwd })).code, 2);
      assert.strictEqual((await runCli(['check', '--stdin', '--fix'], { cwd })).code, 2);
      assert.strictEqual((await runCli(['check', '--stdin-filename', 'a.md'], { cwd })).code, 2);
    });

    it('reports invalid UTF-8 on standard input as unreadable', async () => {
      const cwd = tempProject();
      const run = await runCli(['check', '--stdin'], { cwd, stdin: Buffer.from([0x41, 0xc3, 0x28, 0x0a]) });
      assert.strictEqual(run.code, 2);
      assert.match(run.stderr, /<stdin>: not valid UTF-8/);
    });
  });

  describe('.docx', () => {
    it('reports findings by paragraph number, counting paragraphs that have text', async () => {
      const docx = await makeDocx(['Visit note', '', ['Amira ', 'chose to go back.'], 'All fine.'], ['Amira is streetwise.', 'Cell two']);
      const cwd = tempProject({ 'reports/visit.docx': docx });
      const json = JSON.parse((await runCli(['check', '--format', 'json'], { cwd })).stdout);
      assert.strictEqual(json.files[0].path, 'reports/visit.docx');
      const found = json.files[0].findings.map((f: { ruleId: string; line: number; column: number; text: string }) => [f.ruleId, f.line, f.column, f.text]);
      assert.deepStrictEqual(found, [
        ['cli-chose-to', 2, 7, 'chose'],
        ['cli-streetwise', 4, 10, 'streetwise'],
      ]);
      const text = await runCli(['check'], { cwd });
      assert.match(text.stdout, /^reports\/visit\.docx\n {2}2:7 {3}warning {2}cli-chose-to/m);
      assert.match(text.stdout, /¶2 \| Amira chose to go back\./);
    });

    it('reports a broken .docx as unreadable, and never changes a .docx with --fix', async () => {
      const docx = await makeDocx(['Amira chose to go back.']);
      const cwd = tempProject({ 'ok.docx': docx, 'broken.docx': 'not a zip file' });
      const run = await runCli(['check', '--fix'], { cwd });
      assert.strictEqual(run.code, 2);
      assert.match(run.stderr, /broken\.docx: not a readable \.docx file/);
      assert.match(run.stderr, /ok\.docx: \.docx files are not rewritten; make this safe rewrite in Word \(paragraph:column\):\n {2}1:7 {2}cli-chose-to {2}"chose" -> "was made"\n/);
      assert.ok(fs.readFileSync(path.join(cwd, 'ok.docx')).equals(docx));
    });

    it('a damaged .docx gets a plain reason, never a zip library\'s error or link', async () => {
      const whole = await makeDocx(['Amira chose to go back.']);
      const cwd = tempProject({
        'garbage.docx': Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]),
        'cut-short.docx': whole.subarray(0, Math.floor(whole.length / 2)),
        'text.docx': 'not a zip file',
      });
      const run = await runCli(['check', '.'], { cwd });
      assert.strictEqual(run.code, 2);
      for (const name of ['garbage', 'cut-short', 'text']) {
        assert.match(run.stderr, new RegExp(`${name}\\.docx: not a readable \\.docx file: it is damaged or is not a Word document \\(open it in Word and save it as \\.docx again\\)\\n`));
      }
      assert.doesNotMatch(run.stderr, /https?:|central directory|zip/i);
    });
  });

  describe('files that cannot be read', () => {
    it('reports each on standard error, still prints the others, and exits 2 unless --skip-unreadable', async () => {
      const cwd = tempProject({
        'bin/one.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]),
        'bin/two.txt': Buffer.from([0x00, 0x01, 0x02]),
        'bin/picture.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00]),
        'bin/utf16.txt': Buffer.from('\ufeffhello', 'utf16le'),
        'bad.txt': Buffer.concat([Buffer.from('line one\nline two caf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]),
        'good.md': 'Amira chose to go back.\n',
      });
      const run = await runCli(['check'], { cwd });
      assert.strictEqual(run.code, 2);
      assert.match(run.stderr, /skipped bin\/one\.md: binary file/);
      assert.match(run.stderr, /skipped bin\/two\.txt: binary file/);
      assert.match(run.stderr, /skipped bin\/utf16\.txt: UTF-16 text: save it as UTF-8/);
      assert.match(run.stderr, /skipped bad\.txt: not valid UTF-8 \(first bad byte at line 2, byte offset 21\)/);
      assert.doesNotMatch(run.stderr, /picture\.png/, 'folders only pick the checked file types');
      assert.match(run.stdout, /^good\.md\n {2}1:7 {2}warning {2}cli-chose-to/m);
      assert.match(run.stdout, /4 files could not be checked/);
      const skipping = await runCli(['check', '--skip-unreadable'], { cwd });
      assert.strictEqual(skipping.code, 1);
      assert.match(skipping.stderr, /skipped bin\/one\.md/);
    });

    it('a folder of binaries gives 2, and lists them in the JSON', async () => {
      const cwd = tempProject({ 'exports/a.txt': Buffer.from([0, 1, 2, 3]), 'exports/b.md': Buffer.from([0xff, 0xd8, 0xff, 0x00]) });
      const run = await runCli(['check', 'exports', '--format', 'json'], { cwd });
      assert.strictEqual(run.code, 2);
      const json = JSON.parse(run.stdout);
      assert.deepStrictEqual(json.files, []);
      assert.deepStrictEqual(json.skipped.map((s: { path: string }) => s.path), ['exports/a.txt', 'exports/b.md']);
      assert.strictEqual(json.summary.skipped, 2);
    });

    it('skips a 50 MB file without reading it, with the size and the limit', async function () {
      this.timeout(30000);
      const cwd = tempProject({ 'small.md': 'Amira chose to go back.\n' });
      const big = path.join(cwd, 'huge.txt');
      const chunk = Buffer.alloc(1024 * 1024, 'Amira chose to go back. ');
      const fd = fs.openSync(big, 'w');
      for (let i = 0; i < 50; i++) fs.writeSync(fd, chunk);
      fs.closeSync(fd);
      try {
        const started = Date.now();
        const run = await runCli(['check'], { cwd });
        assert.strictEqual(run.code, 2);
        assert.match(run.stderr, /skipped huge\.txt: too large to check \(50\.0 MB; the limit is 10\.0 MB\)/);
        assert.match(run.stdout, /^small\.md\n {2}1:7 /m);
        assert.ok(Date.now() - started < 15000, 'the big file is not analysed');
        const raised = await runCli(['check', 'small.md', '--max-file-size', '10'], { cwd });
        assert.match(raised.stderr, /small\.md: too large to check \(24 bytes; the limit is 10 bytes\)/);
      } finally {
        fs.rmSync(big, { force: true });
      }
    });
  });
});
