// The pattern language: what each piece of syntax matches (lexicon/README.md).
import * as assert from 'assert';
import { compilePattern, forMatching, verbForms } from '../../server/src/engine/patterns';

/** Every match of the pattern in the text (as written), scanning the way the engine does. */
function matches(pattern: string, text: string): string[] {
  const { regex } = compilePattern(pattern);
  return [...forMatching(text).matchAll(regex)].map((hit) => {
    const [start, end] = hit.indices?.groups?.focus ?? hit.indices![0];
    return text.slice(start, end);
  });
}

describe('patterns', () => {
  it('generates verb inflections with compromise', () => {
    assert.deepStrictEqual(new Set(verbForms('choose')), new Set(['choose', 'chooses', 'chose', 'chosen', 'choosing']));
    assert.deepStrictEqual(new Set(verbForms('witness')), new Set(['witness', 'witnesses', 'witnessed', 'witnessing']));
    assert.deepStrictEqual(matches('{put} <self> at risk', 'She puts herself at risk. He put himself at risk. They are putting themselves at risk.'), [
      'puts herself at risk',
      'put himself at risk',
      'putting themselves at risk',
    ]);
  });
  it('matches whole words only, hyphenated compounds included', () => {
    assert.deepStrictEqual(matches('consensual', 'It was non-consensual. It was consensual.'), ['consensual']);
    assert.deepStrictEqual(matches('street-wise', 'streetwise, street-wise and street wise'), ['streetwise', 'street-wise', 'street wise']);
  });
  it('handles optional words and groups, plurals and joined suffixes', () => {
    assert.deepStrictEqual(matches('at (serious )?risk', 'at risk; at serious risk'), ['at risk', 'at serious risk']);
    assert.deepStrictEqual(matches('as (an? )?adult issue', 'as an adult issue, as adult issue'), ['as an adult issue', 'as adult issue']);
    assert.deepStrictEqual(matches('fight~', 'a fight, two fights'), ['fight', 'fights']);
    assert.deepStrictEqual(matches('domestic (dispute|row)~', 'domestic disputes and a domestic row'), ['domestic disputes', 'domestic row']);
    assert.deepStrictEqual(matches('alleged(ly)?', 'alleged and allegedly'), ['alleged', 'allegedly']);
  });
  it('treats apostrophes and quotation marks around words kindly', () => {
    assert.deepStrictEqual(matches("didn't attend", 'He didn’t attend.'), ['didn’t attend']);
    assert.deepStrictEqual(matches('{choose} to', 'She "chose" to go.'), ['chose" to']);
  });
  it('files each pattern under a rare word it must contain (the prefilter)', () => {
    // "risk" is in almost every record: the verb's forms are the better filter.
    assert.deepStrictEqual([...compilePattern('{put} <self> at risk').anchor].sort(), ['put', 'puts', 'putting']);
    assert.deepStrictEqual([...compilePattern('{put} <self> in danger').anchor].sort(), ['danger']);
    assert.deepStrictEqual([...compilePattern('{choose} to').anchor].sort(), ['choose', 'chooses', 'choosing', 'chose', 'chosen']);
    assert.deepStrictEqual([...compilePattern('(is|was) involved in (CSE|county lines)').anchor].sort(), ['involved']);
    assert.deepStrictEqual([...compilePattern('street-wise').anchor].sort(), ['street', 'streetwise']);
  });
  it('matches regardless of case, on text of unchanged length', () => {
    assert.deepStrictEqual(matches('streetwise', 'STREETWISE and Streetwise'), ['STREETWISE', 'Streetwise']);
    assert.strictEqual(forMatching('İstanbul Amira').length, 'İstanbul Amira'.length);
  });
  it('marks the part to replace with [focus]', () => {
    assert.deepStrictEqual(matches('(she|he) [did not attend]', 'She did not attend.'), ['did not attend']);
  });
  it('wildcards match a bounded number of words', () => {
    assert.deepStrictEqual(matches('{go} back to _{1,2} flat', 'went back to the flat; goes back to his friend’s flat'), ['went back to the flat', 'goes back to his friend’s flat']);
  });
  it('reports syntax errors with the pattern and position', () => {
    assert.throws(() => compilePattern('(a|b'), /missing '\)'/);
    assert.throws(() => compilePattern('<selves> at risk'), /unknown class or slot <selves>/);
    assert.throws(() => compilePattern('[a] [b]'), /only one \[focus\]/);
  });
});
