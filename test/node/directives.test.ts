// The rules about heard-disable comments: their own examples hold, as every lexicon entry's must,
// and they are set by rule id only.
import * as assert from 'assert';
import { DIRECTIVE_ENTRIES, directiveFindings } from '../../server/src/node/directives';
import { loadLexicon } from '../../server/src/node/lexiconFiles';

describe('disable-comment rules', () => {
  const lexicon = loadLexicon([]);
  const ids = (text: string, config = {}) => directiveFindings(text, 'markdown', lexicon, config).map((f) => f.ruleId);

  for (const entry of DIRECTIVE_ENTRIES) {
    for (const example of entry.examples.fire) {
      const text = typeof example === 'string' ? example : example.text;
      it(`${entry.id} fires: ${text}`, () => assert.ok(ids(text).includes(entry.id)));
    }
    for (const example of entry.examples.pass) {
      const text = typeof example === 'string' ? example : example.text;
      it(`${entry.id} stays silent: ${text}`, () => assert.ok(!ids(text).includes(entry.id)));
    }
  }

  it('knows core rule ids and category ids, and reads lists separated by commas or spaces', () => {
    assert.deepStrictEqual(ids('<!-- heard-disable-next-line streetwise, victim-blaming jargon -- quoted -->'), []);
    assert.deepStrictEqual(ids('<!-- heard-enable streetwize -->'), ['disable-unknown-rule']);
  });

  it('is switched by rule id, not by category', () => {
    const text = '<!-- heard-disable-file -->';
    assert.deepStrictEqual(ids(text, { categories: { vague: 'off' } }), ['disable-without-reason']);
    assert.deepStrictEqual(ids(text, { rules: { 'disable-without-reason': 'off' } }), []);
    assert.strictEqual(directiveFindings(text, 'markdown', lexicon, { rules: { 'disable-without-reason': 'error' } })[0].severity, 'error');
  });

  it('costs nothing for a document without heard- comments', () => {
    assert.deepStrictEqual(ids('Amira is streetwise. <!-- a comment -->'), []);
  });
});
