// Every lexicon entry's examples run here: each `fire` example must produce a finding with the
// entry's id, each `pass` example must not. Entries shipped switched off are switched on for
// their own examples.
import * as assert from 'assert';
import { analyse, type LexiconExample } from '../server/src/engine';
import { loadLexicon } from '../server/src/node/lexiconFiles';

const lexicon = loadLexicon();

function run(example: LexiconExample, id: string) {
  const ex = typeof example === 'string' ? { text: example } : example;
  return analyse(ex.text, {
    lexicon,
    format: ex.format ?? 'plaintext',
    profile: ex.profile,
    childAge: ex.childAge,
    config: { rules: { [id]: 'on' } },
  });
}

describe('lexicon examples', () => {
  for (const { entry } of lexicon.entries) {
    describe(`${entry.id} (${entry.origin?.file.replace(/^.*\/lexicon\//, 'lexicon/')}:${entry.origin?.line})`, () => {
      const context = entry.examples.context ?? {};
      const withContext = (e: LexiconExample): LexiconExample => (typeof e === 'string' ? { text: e, ...context } : { ...context, ...e });
      for (const example of entry.examples.fire) {
        const ex = withContext(example);
        const text = typeof ex === 'string' ? ex : ex.text;
        it(`fires: ${text}`, () => {
          const result = run(ex, entry.id);
          assert.ok(
            result.findings.some((f) => f.ruleId === entry.id),
            `expected ${entry.id}; got [${result.findings.map((f) => `${f.ruleId} "${f.text}"`).join(', ')}]`,
          );
        });
      }
      for (const example of entry.examples.pass) {
        const ex = withContext(example);
        const text = typeof ex === 'string' ? ex : ex.text;
        it(`stays silent: ${text}`, () => {
          const result = run(ex, entry.id);
          const hit = result.findings.find((f) => f.ruleId === entry.id);
          assert.ok(!hit, `unexpected ${entry.id} on "${hit?.text}"`);
        });
      }
    });
  }
});
