// Invalid severities are refused, never passed on (issue 13 item 7): `checks: {child-voice: maybe}`
// in a config file gives file:line and the valid values once; the same in editor settings is
// refused too; an empty `child-age` in front matter is no age, not 0.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyse } from '../../server/src/engine';
import { loadLexicon } from '../../server/src/node/lexiconFiles';
import { ConfigError, resolveSettings } from '../../server/src/node/config';

function project(config: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'heard-severity-'));
  fs.writeFileSync(path.join(dir, '.heard.yaml'), config);
  fs.writeFileSync(path.join(dir, 'note.md'), 'Amira went home.\n');
  return dir;
}

function refusal(work: () => unknown): ConfigError {
  try {
    work();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  assert.fail('expected a ConfigError');
}

describe('invalid severities', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('refuses checks: {child-voice: maybe} with file:line and the valid values, said once', () => {
    const dir = project('profile: case-note\nchecks:\n  child-voice: maybe\n');
    dirs.push(dir);
    const e = refusal(() => resolveSettings(path.join(dir, 'note.md')));
    assert.strictEqual(e.message, `${path.join(dir, '.heard.yaml')}:3: checks.child-voice: must be one of error, warning, information, hint, off, on, or options for the check`);
    assert.strictEqual(e.problems.length, 1);
  });

  it('refuses a severity that is not one in settings (an editor that does not check the schema)', () => {
    const dir = project('profile: case-note\n');
    dirs.push(dir);
    const e = refusal(() => resolveSettings(path.join(dir, 'note.md'), { overrides: { rules: { streetwise: 'maybe' as never }, categories: { jargon: 'loud' as never } } }));
    assert.deepStrictEqual(
      e.problems.map((p) => p.message),
      [
        'settings: rules.streetwise: "maybe" is not a severity; must be one of error, warning, information, hint, off, on',
        'settings: categories.jargon: "loud" is not a severity; must be one of error, warning, information, hint, off',
      ],
    );
    // Valid ones, and options objects for checks, pass.
    assert.doesNotThrow(() => resolveSettings(path.join(dir, 'note.md'), { overrides: { rules: { streetwise: 'on' }, checks: { 'child-voice': { recordTypes: ['visit'] } as never } } }));
  });

  it('reads an empty child-age in front matter as no age, not 0', () => {
    const lexicon = loadLexicon();
    const empty = analyse('---\nchild-age: ""\n---\nAmira went home.\n', { lexicon, format: 'markdown' });
    assert.strictEqual(empty.childAge, undefined);
    assert.strictEqual(empty.childAgeSource, undefined);
    const given = analyse('---\nchild-age: "14"\n---\nAmira went home.\n', { lexicon, format: 'markdown' });
    assert.deepStrictEqual([given.childAge, given.childAgeSource], [14, 'front-matter']);
    assert.strictEqual(analyse('---\nchild-age: 0\n---\nA baby.\n', { lexicon, format: 'markdown' }).childAge, 0);
    assert.strictEqual(analyse('---\nchild-age: fourteen\n---\nA baby.\n', { lexicon, format: 'markdown' }).childAge, undefined);
  });
});
