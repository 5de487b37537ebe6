// Time linear in the input (issue 13): long one-paragraph texts that used to take time growing with
// the square of their length, and regexes from a workspace's own files, which are matched by a
// linear-time engine. Each bound is generous (a slow, shared machine passes it easily) and far
// below what the quadratic code took, so a regression fails instead of passing slowly.
import * as assert from 'assert';
import { analyse, compileLexicon, LexiconError } from '../../server/src/engine';
import { capSentenceLength, MAX_SENTENCE_CHARS, sentenceSpans, spanContaining } from '../../server/src/engine/text';
import { segment } from '../../server/src/engine/segment';
import { loadLexicon } from '../../server/src/node/lexiconFiles';
import { coreContextFiles, fixtureLexicon, orgLexicon } from './helpers';

const coreLexicon = loadLexicon();

function timed<T>(work: () => T): { result: T; ms: number } {
  const started = process.hrtime.bigint();
  const result = work();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

describe('linear time on long paragraphs', function () {
  this.timeout(60000);

  it('caps a sentence at MAX_SENTENCE_CHARS, cutting after clause punctuation, and leaves normal sentences alone', () => {
    const normal = 'Amira said she was scared. She went home, then she slept.';
    assert.deepStrictEqual(capSentenceLength(normal, sentenceSpans(normal)), sentenceSpans(normal));
    const long = 'she chose, '.repeat(1000);
    const spans = sentenceSpans(long);
    assert.ok(spans.length > 1, 'the one long "sentence" is read in parts');
    for (const s of spans) assert.ok(s.end - s.start <= MAX_SENTENCE_CHARS, `a part of ${s.end - s.start} characters`);
    for (const s of spans.slice(0, -1)) assert.strictEqual(long.slice(s.end - 2, s.end), ', ', 'each part ends after a comma');
    assert.strictEqual(spans[spans.length - 1].end, long.length, 'nothing is lost');
    // One enormous word is cut at the limit.
    const word = sentenceSpans('x'.repeat(4000));
    assert.deepStrictEqual(word.map((s) => s.end - s.start), [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 4000 - 2 * MAX_SENTENCE_CHARS]);
    assert.strictEqual(spanContaining(spans, spans[3].start + 1), spans[3]);
  });

  it('still finds what a capped sentence holds', () => {
    const text = 'Amira chose to go back, '.repeat(200);
    const findings = analyse(text, { lexicon: fixtureLexicon, format: 'markdown' }).findings;
    assert.ok(findings.length >= 100, `${findings.length} findings`);
  });

  // Each of these took seconds at 100 KB before (quadratic: 400 KB took 16 times as long).
  const TEXTS: Array<[string, string]> = [
    ['acronyms', 'MASH CSE LAC '],
    ['a hyphenated word', 'street-'],
    ['a pattern with a gap', 'putting herself at '],
    ['pronouns and clauses', 'she chose, '],
    ['ages', 'aged 14 '],
    ['unclosed HTML comments', '<!-- '],
    ['unclosed link targets', '[a]('],
  ];
  for (const [what, unit] of TEXTS) {
    it(`checks 200 KB of ${what} in one paragraph with the core lexicon in a few seconds`, () => {
      const text = unit.repeat(Math.ceil(200_000 / unit.length));
      const { ms } = timed(() => analyse(text, { lexicon: coreLexicon, format: 'markdown' }));
      assert.ok(ms < 4000, `${what}: ${Math.round(ms)} ms for 200 KB`);
    });
  }

  it('segments unclosed comments and links in one pass', () => {
    const { ms, result } = timed(() => segment('<!-- [a]('.repeat(100_000), 'markdown'));
    assert.strictEqual(result.paragraphs.length, 1, 'an unclosed comment is prose, as before');
    assert.ok(ms < 3000, `${Math.round(ms)} ms`);
    // A closed comment and a closed link are still blanked.
    assert.strictEqual(segment('a <!-- b --> c [d](e) f', 'markdown').masked, 'a            c [d]    f');
  });
});

describe('regexes from workspace files run in linear time', function () {
  this.timeout(30000);

  it('a condition that backtracks catastrophically in JavaScript ends at once', () => {
    const lexicon = compileLexicon(coreContextFiles, [{ path: 'org.yaml', text: orgLexicon('(a+)+$') }]);
    const text = `Amira chose to go back ${'a'.repeat(40)}!`;
    const { ms, result } = timed(() => analyse(text, { lexicon, format: 'markdown' }));
    assert.deepStrictEqual(result.findings.map((f) => f.ruleId), ['org-chose-to']);
    assert.ok(ms < 5000, `${Math.round(ms)} ms (JavaScript's engine would take hours)`);
    // …and still means what it says.
    assert.deepStrictEqual(analyse(`Amira chose to go back aaa`, { lexicon, format: 'markdown' }).findings, []);
  });

  it('refuses lookahead in a workspace regex with the file and line, and says why', () => {
    assert.throws(
      () => compileLexicon(coreContextFiles, [{ path: 'org.yaml', text: orgLexicon('carer(?! said)') }]),
      (e: unknown) => e instanceof LexiconError && /^org\.yaml:2: entry 'org-chose-to': \/carer\(\?! said\)\/ cannot be used: lookahead .* cannot be matched in linear time/.test(e.message),
    );
  });

  it('a recordSeparator that backtracks catastrophically in JavaScript ends at once', () => {
    const text = `${'a'.repeat(40)}b\n\nAmira chose to go back.\n`;
    const { ms } = timed(() => analyse(text, { lexicon: fixtureLexicon, format: 'plaintext', config: { recordSeparator: '^(a+)+$' } }));
    assert.ok(ms < 5000, `${Math.round(ms)} ms`);
  });
});
