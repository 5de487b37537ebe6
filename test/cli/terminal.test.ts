// Reading a hostile note in a terminal is safe: control characters from a checked document (or
// its file name) never reach the terminal raw. They are shown as visible stand-ins, one for one,
// so excerpts keep their carets under the flagged words; Heard's own colours are the only escapes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { terminalSafe } from '../../server/src/cli/format/terminal';
import { removeTempProjects, runCli, tempProject } from './helpers';

const ESC = '\x1b';
const HOSTILE =
  `${ESC}]52;c;ZXZpbA==\x07${ESC}[2J${ESC}[H Amira chose to go back ` +
  `${ESC}]8;;https://evil.example${ESC}\\see here${ESC}]8;;${ESC}\\ \u009b31m and \u202eereh ti dias ehs.\n`;
const NAME = `note${ESC}]0;pwned\x07.md`;

/** Control characters other than tab and line feed, C1 controls and bidirectional overrides. */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminal safety of the text output', function () {
  this.timeout(30000);
  after(removeTempProjects);

  it('shows escape sequences, C1 controls and bidi overrides from a document as visible characters', async () => {
    const cwd = tempProject({ [NAME]: HOSTILE });
    const run = await runCli(['check'], { cwd });
    assert.strictEqual(run.code, 1);
    assert.doesNotMatch(run.stdout, RAW_CONTROL);
    assert.doesNotMatch(run.stderr, RAW_CONTROL);
    assert.match(run.stdout, /note␛\]0;pwned␇\.md\n {2}1:\d+ {2}warning {2}cli-chose-to/);
    assert.match(run.stdout, /␛\]52;c;ZXZpbA==␇␛\[2J␛\[H Amira chose/);
    // The carets stay under "chose": one visible character per control character.
    const lines = run.stdout.split('\n');
    const source = lines.findIndex((l) => l.includes('Amira chose'));
    const carets = lines[source + 1];
    assert.strictEqual(carets.indexOf('^'), lines[source].indexOf('chose'));
  });

  it('with colour on a terminal, the only escape sequences are Heard’s own colours', async () => {
    const cwd = tempProject({ [NAME]: HOSTILE });
    const run = await runCli(['check'], { cwd, tty: true, env: { FORCE_COLOR: '1' } });
    const escapes = run.stdout.match(/\x1b[^m]*m?/g) ?? [];
    assert.ok(escapes.length > 0, 'colours are on');
    for (const e of escapes) assert.match(e, /^\x1b\[[0-9;]*m$/, `only SGR colour codes (got ${JSON.stringify(e)})`);
    assert.doesNotMatch(run.stdout.replace(/\x1b\[[0-9;]*m/g, ''), RAW_CONTROL);
  });

  it('keeps control characters out of the --fix report, the github and compact formats and a --fix-dry-run diff on a terminal', async () => {
    const cwd = tempProject({ [NAME]: HOSTILE });
    const dry = await runCli(['check', '--fix-dry-run'], { cwd, tty: true });
    assert.doesNotMatch(dry.stdout, RAW_CONTROL);
    assert.doesNotMatch(dry.stderr, RAW_CONTROL);
    const piped = await runCli(['check', '--fix-dry-run'], { cwd });
    assert.ok(piped.stdout.includes(`${ESC}]52;c;`), 'a piped diff stays exact, for git apply');
    const github = await runCli(['check', '--format', 'github'], { cwd });
    assert.doesNotMatch(github.stdout, RAW_CONTROL);
    const compact = await runCli(['check', '--format', 'compact'], { cwd });
    assert.match(compact.stdout, /^note␛\]0;pwned␇\.md:1:\d+: warning cli-chose-to /);
    assert.doesNotMatch(compact.stdout, RAW_CONTROL);
    const fix = await runCli(['check', '--fix'], { cwd });
    assert.match(fix.stderr, /heard: fixed 1 in note␛\]0;pwned␇\.md\n/);
    assert.doesNotMatch(fix.stderr, RAW_CONTROL);
    assert.ok(fs.readFileSync(path.join(cwd, NAME), 'utf8').includes(`${ESC}]52;c;`), 'the file itself keeps its bytes');
  });

  it('terminalSafe keeps the length and leaves ordinary text alone', () => {
    const text = 'Amira said “hello” 😀 — café\tnaïve\n';
    assert.strictEqual(terminalSafe(text), text);
    assert.strictEqual(terminalSafe(HOSTILE).length, HOSTILE.length);
  });
});
