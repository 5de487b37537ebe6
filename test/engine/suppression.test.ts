// Inline suppression comments switch findings off, and keep the reason given.
import * as assert from 'assert';
import { analyse } from '../../server/src/engine';
import { fixtureLexicon } from './helpers';

const run = (text: string) => analyse(text, { lexicon: fixtureLexicon, format: 'markdown' });

describe('suppression comments', () => {
  it('heard-disable-next-line silences the next line only, and records the reason', () => {
    const r = run('<!-- heard-disable-next-line t-chose-to -- quoting the police log -->\nAmira chose to go.\nAmira chose to stay.');
    assert.deepStrictEqual(r.findings.map((f) => f.start.line), [2]);
    assert.strictEqual(r.suppressed.length, 1);
    assert.strictEqual(r.suppressed[0].reason, 'quoting the police log');
    assert.strictEqual(r.suppressed[0].finding.ruleId, 't-chose-to');
  });
  it('heard-disable / heard-enable cover a block, by rule or category', () => {
    const r = run('<!-- heard-disable victim-blaming -- minutes quoted -->\nAmira chose to go.\n<!-- heard-enable victim-blaming -->\nAmira chose to stay.');
    assert.deepStrictEqual(r.findings.map((f) => f.start.line), [3]);
  });
  it('a directive for another rule changes nothing', () => {
    const r = run('<!-- heard-disable-next-line t-streetwise -->\nAmira chose to go.');
    assert.strictEqual(r.findings.length, 1);
  });
  it('heard-disable-file silences the whole file', () => {
    assert.strictEqual(run('<!-- heard-disable-file -->\nAmira chose to go.\n\nShe chose to stay.').findings.length, 0);
  });
});
