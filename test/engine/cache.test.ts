// The paragraph and record cache must never change what the engine reports: after any sequence
// of edits, analysing with the cache kept from the previous versions gives exactly the findings
// of a fresh analysis. Edits include typing ages next to names, which changes who is a child
// elsewhere in the document (the case the cache keys on names for).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AnalysisCache, analyse, type DocumentFormat } from '../../server/src/engine';
import { loadLexicon } from '../../server/src/node/lexiconFiles';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function edit(text: string, next: () => number, step: number): string {
  if (step % 4 === 2) {
    // An age after a capitalised word: "Leo (25)" makes Leo an adult everywhere he is named.
    const names = [...text.matchAll(/\b[A-Z][a-z]{2,}\b/g)];
    if (names.length > 0) {
      const m = names[Math.floor(next() * names.length)];
      const at = m.index! + m[0].length;
      return `${text.slice(0, at)} (${next() < 0.5 ? 12 : 25})${text.slice(at)}`;
    }
  }
  const at = Math.floor(next() * text.length);
  if (next() < 0.3) return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + 'abcdefghijklmnopqrstuvwxyz '[Math.floor(next() * 27)] + text.slice(at);
}

describe('analysis cache', () => {
  const files: Array<[string, DocumentFormat]> = [
    ['case-notes/amira-visit-notes.md', 'markdown'],
    ['case-notes/tyler-family-da.md', 'markdown'],
    ['reviews/review-extract-child-r.md', 'markdown'],
    ['plain/chronology.txt', 'plaintext'],
  ];
  for (const [file, format] of files) {
    it(`gives the findings of a fresh analysis after 60 edits to ${file}`, () => {
      const lexicon = loadLexicon();
      let text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
      const cache = new AnalysisCache();
      const next = random(7);
      analyse(text, { lexicon, format, cache });
      for (let step = 0; step < 60; step++) {
        text = edit(text, next, step);
        const cached = analyse(text, { lexicon, format, cache }).findings;
        const fresh = analyse(text, { lexicon, format }).findings;
        assert.deepStrictEqual(cached, fresh, `edit ${step + 1}`);
      }
      assert.ok(cache.hits > 0, 'the cache was used');
    });
  }
});
