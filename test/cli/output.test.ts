// Output for people: findings grouped under their file, fitted to the terminal's width with the
// carets under the flagged words, --format compact, --quiet / --min-level, per-rule and fixable
// counts in the summary, NO_COLOR.
import * as assert from 'assert';
import { terminalWidth } from '../../server/src/cli/format/text';
import { displayWidth } from '../../server/src/cli/format/width';
import { removeTempProjects, runCli, tempProject } from './helpers';

const NOTE = ['# Visit', '', 'Amira chose to go back to the flat.', '', 'Amira is streetwise. There was an incident at home.', ''].join('\n');
const ESCAPE = /\x1b\[[0-9;]*m/g;

/** The rendered line pairs `N | text` and `  | ^^^`: the flagged text under the carets, by terminal column. */
function underlined(stdout: string): string[] {
  const lines = stdout.split('\n');
  const out: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const source = /^( +(?:¶)?\d+ \| )(.*)$/.exec(lines[i]);
    const carets = /^( +\| )( *)(\^+)$/.exec(lines[i + 1]);
    if (!source || !carets) continue;
    assert.strictEqual(displayWidth(source[1]), carets[1].length, 'the bars line up');
    // Walk the text by columns to find what stands above the carets.
    let column = 0;
    let under = '';
    for (const ch of source[2]) {
      if (column >= carets[2].length && column < carets[2].length + carets[3].length) under += ch;
      column += displayWidth(ch);
    }
    out.push(under);
  }
  return out;
}

describe('heard check: output for people', function () {
  after(removeTempProjects);

  it('renders in 80 columns: no line wider, long lines shown as a window, carets under the flagged words', async () => {
    const long = `${'Earlier notes record a great many visits to the family home over the summer months. '.repeat(3)}Then Amira 😀 chose to go back. ${'The worker spoke with the school and the police about the plan for the coming weeks. '.repeat(3)}`;
    const wide = '漢字のメモ：Amira 👩‍👧 is streetwise according to the referral from the school, which was read in full.';
    const cwd = tempProject({ 'notes/visit.md': `# Visit\n\n${long}\n\n${wide}\n` });
    const run = await runCli(['check'], { cwd, env: { COLUMNS: '80' } });
    const lines = run.stdout.trimEnd().split('\n');
    for (const line of lines) assert.ok(displayWidth(line) <= 80, `${displayWidth(line)} columns: ${line}`);
    assert.deepStrictEqual(underlined(run.stdout), ['chose', 'streetwise']);
    const window = lines.find((l) => /^ {4}3 \| /.test(l))!;
    assert.match(window, /^ {4}3 \| ….*chose to go back.*…$/, 'a window of the long line, cut at both ends');
  });

  it('wraps a long message under its finding, and fits a wide terminal too', async () => {
    // The core lexicon's messages are full sentences, longer than 80 columns with the rule id.
    const cwd = tempProject({ 'a.md': 'Amira is streetwise and keeps going missing.\n' }, { bare: true });
    const narrow = await runCli(['check'], { cwd, env: { COLUMNS: '60' } });
    for (const line of narrow.stdout.trimEnd().split('\n')) assert.ok(displayWidth(line) <= 60, line);
    assert.match(narrow.stdout, /^ {2}1:10 +warning +streetwise {2}Adultification:.*\n {4}\S/m, 'the message continues on the next line, indented');
    assert.deepStrictEqual(underlined(narrow.stdout), ['streetwise', 'keeps going missing']);
    const wide = await runCli(['check'], { cwd, env: { COLUMNS: '300' } });
    assert.match(wide.stdout, /^ {2}1:10 +warning +streetwise {2}Adultification: [^\n]*\.$/m, 'one line when it fits');
  });

  it('takes the width from the terminal, else $COLUMNS, else 80', () => {
    assert.strictEqual(terminalWidth({ write: () => true, isTTY: true, columns: 132 }, {}), 132);
    assert.strictEqual(terminalWidth({ write: () => true, isTTY: true, columns: 132 }, { COLUMNS: '90' }), 132);
    assert.strictEqual(terminalWidth({ write: () => true }, { COLUMNS: '90' }), 90);
    assert.strictEqual(terminalWidth({ write: () => true }, {}), 80);
    assert.strictEqual(terminalWidth({ write: () => true }, { COLUMNS: '5' }), 40, 'never narrower than 40');
  });

  it('--format compact: one line per finding, path:line:col: severity rule message, nothing else', async () => {
    const cwd = tempProject({ 'notes/visit.md': NOTE, 'b.md': 'Jo chose to stay.\n' });
    const run = await runCli(['check', '--format', 'compact'], { cwd });
    assert.strictEqual(run.code, 1);
    assert.strictEqual(
      run.stdout,
      [
        'b.md:1:4: warning cli-chose-to Victim-blaming: test entry for choice wording.',
        'notes/visit.md:3:7: warning cli-chose-to Victim-blaming: test entry for choice wording.',
        'notes/visit.md:5:10: error cli-streetwise Adultification: test entry for streetwise.',
        'notes/visit.md:5:35: information cli-incident Minimising: test entry for incident.',
        '',
      ].join('\n'),
    );
    const clean = tempProject({ 'a.md': 'Nothing here.\n' });
    assert.deepStrictEqual(await runCli(['check', '--format', 'compact'], { cwd: clean }), { code: 0, stdout: '', stderr: '' });
  });

  it('--min-level and --quiet leave out lower findings, from the output and the exit code, and say how many', async () => {
    const cwd = tempProject({ 'a.md': NOTE, 'info.md': 'There was an incident.\n' });
    const quiet = await runCli(['check', '--quiet', '--format', 'compact'], { cwd });
    assert.strictEqual(quiet.stdout, 'a.md:5:10: error cli-streetwise Adultification: test entry for streetwise.\n');
    assert.strictEqual(quiet.code, 1);
    const warnings = await runCli(['check', '--min-level', 'warning'], { cwd });
    assert.doesNotMatch(warnings.stdout, /cli-incident  Minimising/);
    assert.match(warnings.stdout, /^2 findings in 1 of 2 files \(1 error, 1 warning\)$/m);
    assert.match(warnings.stdout, /^2 findings below warning not shown \(--min-level warning\)\.$/m);
    const json = JSON.parse((await runCli(['check', '-q', '--format', 'json'], { cwd })).stdout);
    assert.deepStrictEqual(json.summary.belowMinLevel, { level: 'error', count: 3 });
    const infoOnly = await runCli(['check', 'info.md', '--min-level', 'warning', '--fail-on', 'information'], { cwd });
    assert.strictEqual(infoOnly.code, 0, 'a finding left out does not fail the run');
    assert.strictEqual((await runCli(['check', '--quiet', '--min-level', 'hint'], { cwd })).code, 2);
    assert.match((await runCli(['check', '--min-level', 'loud'], { cwd })).stderr, /--min-level must be one of error, warning, information, hint/);
  });

  it('the summary counts findings per rule, and says how many have a safe rewrite', async () => {
    const cwd = tempProject({ 'a.md': NOTE, 'b.md': 'Jo chose to stay. Sam chose to go.\n' });
    const run = await runCli(['check'], { cwd });
    const lines = run.stdout.split('\n');
    const at = lines.indexOf('  by rule');
    assert.ok(at > 0, run.stdout);
    assert.strictEqual(lines[at + 1], '  cli-chose-to    3    cli-incident    1    cli-streetwise  1', 'most first, in columns');
    const narrow = (await runCli(['check'], { cwd, env: { COLUMNS: '40' } })).stdout.split('\n');
    const from = narrow.indexOf('  by rule');
    assert.deepStrictEqual(narrow.slice(from + 1, from + 3), ['  cli-chose-to    3    cli-streetwise  1', '  cli-incident    1'], 'column by column');
    assert.match(run.stdout, /^3 of them have a safe rewrite \(nothing to fill in\): --fix applies them,\n--fix-dry-run shows the changes\.$/m);
  });

  it('colour on a terminal, none with NO_COLOR, and the same layout either way', async () => {
    const cwd = tempProject({ 'a.md': NOTE, 'b.md': '<!-- heard-disable-next-line cli-chose-to -- quoted -->\nJo chose to stay.\n' });
    const coloured = await runCli(['check', '--show-suppressions'], { cwd, tty: true, env: { TERM: 'xterm' } });
    assert.match(coloured.stdout, ESCAPE);
    const plain = await runCli(['check', '--show-suppressions'], { cwd, tty: true, env: { TERM: 'xterm', NO_COLOR: '1' } });
    assert.doesNotMatch(plain.stdout, /\x1b/);
    assert.strictEqual(coloured.stdout.replace(ESCAPE, ''), plain.stdout);
    for (const format of ['compact', 'github']) {
      assert.doesNotMatch((await runCli(['check', '--format', format], { cwd, tty: true, env: { TERM: 'xterm', NO_COLOR: '1' } })).stdout, /\x1b/);
    }
  });
});
