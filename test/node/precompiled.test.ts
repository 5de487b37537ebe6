// The build's precompiled lexicon must behave exactly like the lexicon compiled from YAML, and a
// stale copy must be ignored.
import * as assert from 'assert';
import * as fs from 'fs';
import { analyse, compileLexicon } from '../../server/src/engine';
import { deserializeLexicon, serializeLexicon } from '../../server/src/engine/lexicon';
import { coreLexiconPaths, lexiconSourceHash, loadLexicon, readLexiconFile } from '../../server/src/node/lexiconFiles';

const files = coreLexiconPaths().map(readLexiconFile);
const sample = fs.readFileSync(require.resolve('../../../examples/case-notes/amira-visit-notes.md'), 'utf8');

describe('precompiled lexicon', () => {
  it('gives the same findings as compiling the YAML', () => {
    const fromYaml = compileLexicon(files);
    const roundTrip = deserializeLexicon(JSON.parse(JSON.stringify(serializeLexicon(fromYaml, lexiconSourceHash(files)))));
    const a = analyse(sample, { lexicon: fromYaml }).findings;
    const b = analyse(sample, { lexicon: roundTrip }).findings;
    assert.ok(a.length > 0);
    assert.deepStrictEqual(b, a);
    assert.strictEqual(roundTrip.signature, fromYaml.signature);
  });
  it('changes hash when any lexicon text changes, so a stale copy is not used', () => {
    const changed = files.map((f, i) => (i === 0 ? { ...f, text: f.text + '\n# edited\n' } : f));
    assert.notStrictEqual(lexiconSourceHash(changed), lexiconSourceHash(files));
  });
  it('is what loadLexicon uses after a build (no YAML compile)', () => {
    const lexicon = loadLexicon();
    assert.strictEqual(lexicon.entries.length, compileLexicon(files).entries.length);
  });
});
