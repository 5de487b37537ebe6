// The context tables (lexicon/context.yaml) as readable fixtures: every row of the frames table
// must apply to each of its `applies` examples and not to its `not` examples; every row of the
// ages table must decide each of its examples, with the age given. Rows are tested on their own,
// so adding or reordering rows does not hide a row that stopped working; and with the whole
// table, the `applies` examples must end with the wording passing.
import * as assert from 'assert';
import type { CompiledLexicon } from '../../server/src/engine';
import { prepareDocument } from '../../server/src/engine/analyse';
import { ParagraphView } from '../../server/src/engine/context/paragraphView';
import { decideFrame } from '../../server/src/engine/context/frames';
import { loadLexicon } from '../../server/src/node/lexiconFiles';
import type { Profile } from '../../server/src/engine';

const lexicon: CompiledLexicon = loadLexicon();

/** The paragraph view holding `at`, in the document context the engine builds for `text`. */
function viewAt(text: string, at: string, options: { profile?: Profile; childAge?: number; format?: 'markdown' | 'plaintext' } = {}): { view: ParagraphView; start: number; end: number } {
  const { seg, ctx } = prepareDocument(text, { lexicon, format: options.format ?? 'plaintext', profile: options.profile, childAge: options.childAge });
  const i = text.indexOf(at);
  assert.ok(i >= 0, `"${at}" is not in "${text}"`);
  const paragraph = seg.paragraphs.find((p) => i >= p.start && i < p.end);
  assert.ok(paragraph, `"${at}" is not in a paragraph that is checked`);
  return { view: ParagraphView.of(paragraph.text, ctx, paragraph.tableHeader), start: i - paragraph.start, end: i - paragraph.start + at.length };
}

describe('context tables: frames', () => {
  for (const row of lexicon.frames) {
    const { id, examples } = row.row;
    describe(`${id} (${row.row.origin?.file}:${row.row.origin?.line})`, () => {
      it('has examples', () => assert.ok(examples && examples.applies.length > 0, 'every row needs at least one example it applies to'));
      for (const ex of examples?.applies ?? []) {
        it(`applies: ${ex.text.replace(/\n/g, ' ⏎ ')} [${ex.at}]`, () => {
          const { view, start, end } = viewAt(ex.text, ex.at, ex);
          const facts = view.frameFacts(start, end, row.row.categories?.[0], row.row.rules?.[0]);
          assert.strictEqual(decideFrame([row], facts)?.row.id, id, 'the row does not apply on its own');
          assert.strictEqual(decideFrame(lexicon.frames, facts)?.row.decision, row.row.decision, 'with the whole table, another row decides otherwise');
        });
      }
      for (const ex of examples?.not ?? []) {
        it(`does not apply: ${ex.text.replace(/\n/g, ' ⏎ ')} [${ex.at}]`, () => {
          const { view, start, end } = viewAt(ex.text, ex.at, ex);
          assert.strictEqual(decideFrame([row], view.frameFacts(start, end, row.row.categories?.[0], row.row.rules?.[0])), undefined);
        });
      }
    });
  }
});

describe('context tables: ages', () => {
  for (const row of lexicon.ageRows) {
    describe(`${row.id} (${row.origin?.file}:${row.origin?.line})`, () => {
      it('has examples', () => assert.ok(row.examples && row.examples.length > 0, 'every row needs at least one example'));
      for (const ex of row.examples ?? []) {
        it(`${ex.text} [${ex.at}] → ${ex.age ?? 'unknown'}`, () => {
          const { view, start, end } = viewAt(ex.text, ex.at, { childAge: ex.childAge });
          const decision = view.ageDecision(start, end);
          // `decidedBy: none`: no row decides, so the age is unknown.
          assert.strictEqual(decision.row?.id ?? 'none', ex.decidedBy ?? row.id, 'decided by another row');
          assert.strictEqual(decision.age ?? null, ex.age);
        });
      }
    });
  }
});
