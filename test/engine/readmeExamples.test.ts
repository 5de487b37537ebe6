// The worked examples in lexicon/README.md are real: each YAML block under a "Worked example"
// heading is compiled as an organisation's lexicon over the core, and its own examples must hold.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyse, compileLexicon } from '../../server/src/engine';
import { prepareDocument } from '../../server/src/engine/analyse';
import { ParagraphView } from '../../server/src/engine/context/paragraphView';
import { decideFrame } from '../../server/src/engine/context/frames';
import { coreLexiconPaths, readLexiconFile } from '../../server/src/node/lexiconFiles';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'lexicon', 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/### (Worked example[^\n]*)\n[\s\S]*?```yaml\n([\s\S]*?)```/g)].map((m) => ({ title: m[1], yaml: m[2] }));
const core = coreLexiconPaths().map(readLexiconFile);

describe('lexicon/README.md worked examples', () => {
  it('has the three worked examples', () => assert.strictEqual(blocks.length, 3));
  for (const { title, yaml } of blocks) {
    describe(title, () => {
      const lexicon = compileLexicon(core, [{ path: 'README.md', text: yaml }]);
      const own = (id: string) => lexicon.entries.find((e) => e.entry.origin?.file === 'README.md' && e.entry.id === id);
      for (const { entry } of lexicon.entries.filter((e) => e.entry.origin?.file === 'README.md')) {
        for (const ex of entry.examples.fire) {
          const e = typeof ex === 'string' ? { text: ex } : ex;
          it(`fires: ${e.text}`, () => assert.ok(analyse(e.text, { lexicon, format: 'plaintext', ...e }).findings.some((f) => f.ruleId === entry.id)));
        }
        for (const ex of entry.examples.pass) {
          const e = typeof ex === 'string' ? { text: ex } : ex;
          it(`stays silent: ${e.text}`, () => assert.ok(!analyse(e.text, { lexicon, format: 'plaintext', ...e }).findings.some((f) => f.ruleId === entry.id)));
        }
        void own;
      }
      for (const row of lexicon.frames.filter((r) => r.row.origin?.file === 'README.md')) {
        for (const [ex, applies] of [...(row.row.examples?.applies ?? []).map((e) => [e, true] as const), ...(row.row.examples?.not ?? []).map((e) => [e, false] as const)]) {
          it(`${applies ? 'applies' : 'does not apply'}: ${ex.text}`, () => {
            const { seg, ctx } = prepareDocument(ex.text, { lexicon, format: 'plaintext', profile: ex.profile });
            const i = ex.text.indexOf(ex.at);
            const p = seg.paragraphs.find((q) => i >= q.start && i < q.end)!;
            const view = ParagraphView.of(p.text, ctx);
            const facts = view.frameFacts(i - p.start, i - p.start + ex.at.length);
            assert.strictEqual(decideFrame(lexicon.frames, facts)?.row.id === row.row.id, applies);
          });
        }
      }
      for (const row of lexicon.ageRows.filter((r) => r.origin?.file === 'README.md')) {
        for (const ex of row.examples ?? []) {
          it(`${ex.text} → ${ex.age}`, () => {
            const { seg, ctx } = prepareDocument(ex.text, { lexicon, format: 'plaintext', childAge: ex.childAge });
            const i = ex.text.indexOf(ex.at);
            const p = seg.paragraphs.find((q) => i >= q.start && i < q.end)!;
            const decision = ParagraphView.of(p.text, ctx).ageDecision(i - p.start, i - p.start + ex.at.length);
            assert.strictEqual(decision.row?.id, row.id);
            assert.strictEqual(decision.age ?? null, ex.age);
          });
        }
      }
    });
  }
});
