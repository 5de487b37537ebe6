// `heard check` with a workspace whose regexes backtrack catastrophically in JavaScript's engine:
// an organisation lexicon's condition and recordSeparator `(a+)+$` are matched in linear time,
// and lookahead, which the linear-time engine cannot match, is refused with file:line (exit 2).
// Runs in a child process with a time limit, so a regression fails instead of hanging the tests.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { CATEGORY_IDS } from '../../server/src/engine';
import { removeTempProjects, repoRoot, tempProject } from './helpers';
import { orgLexicon } from '../engine/helpers';

const HEARD = path.join(repoRoot, 'bin', 'heard.js');

function project(condition: string, separator = '^(a+)+$'): string {
  const config = ['lexicon: [org-rules.yaml]', `recordSeparator: ${JSON.stringify(separator)}`, 'categories:', ...CATEGORY_IDS.map((c) => `  ${c}: off`), 'rules:', '  org-chose-to: on', ''];
  const dir = tempProject({ 'note.md': `${'a'.repeat(40)}b\n\nAmira chose to go back ${'a'.repeat(40)}!\n` }, { bare: true });
  fs.writeFileSync(path.join(dir, 'org-rules.yaml'), orgLexicon(condition));
  fs.writeFileSync(path.join(dir, '.heard.yaml'), config.join('\n'));
  return dir;
}

function heard(cwd: string) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [HEARD, 'check', 'note.md', '--format', 'json'], { cwd, encoding: 'utf8', timeout: 30000, env: { ...process.env, NO_COLOR: '1' } });
  return { ...run, ms: Date.now() - started };
}

describe('heard check: regexes from workspace files', function () {
  this.timeout(90000);
  after(removeTempProjects);

  it('matches a condition and a recordSeparator of (a+)+$ in linear time', () => {
    const run = heard(project('(a+)+$'));
    // JavaScript's engine needs about 2^40 steps here: a hang, killed after 30 s. Linear time ends
    // in the time the CLI takes to start and load the lexicon (seconds on a loaded machine).
    assert.strictEqual(run.signal, null, `killed after 30 s: it hung (${run.ms} ms)`);
    assert.strictEqual(run.status, 1, run.stderr);
    assert.deepStrictEqual(JSON.parse(run.stdout).files[0].findings.map((f: { ruleId: string }) => f.ruleId), ['org-chose-to']);
  });

  it('refuses lookahead in a lexicon condition with file:line and exit 2', () => {
    const run = heard(project('carer(?! said)'));
    assert.strictEqual(run.status, 2);
    assert.match(run.stderr, /org-rules\.yaml:2: entry 'org-chose-to': \/carer\(\?! said\)\/ cannot be used: lookahead/);
  });

  it('refuses lookahead in a record check\'s exclude option with file:line and exit 2', () => {
    const dir = project('x');
    fs.appendFileSync(path.join(dir, '.heard.yaml'), 'checks:\n  child-voice:\n    exclude: ["^Visit(?= x)"]\n');
    const run = heard(dir);
    assert.strictEqual(run.status, 2);
    assert.match(run.stderr, /\.heard\.yaml:\d+: checks\.child-voice\.exclude: \/\^Visit\(\?= x\)\/ cannot be used: lookahead/);
  });

  it('refuses lookahead in recordSeparator with file:line and exit 2', () => {
    const run = heard(project('x', '^Date(?=:)'));
    assert.strictEqual(run.status, 2);
    assert.match(run.stderr, /\.heard\.yaml:2: recordSeparator: \/\^Date\(\?=:\)\/ cannot be used: lookahead/);
  });
});
