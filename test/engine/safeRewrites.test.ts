// "Safe" rewrites that were wrong (issue 13 item 9, issue 12): a rewrite applied by --fix and
// fix-all must not garble the sentence or change what the record says.
import * as assert from 'assert';
import { analyse, applyFixes, safeRewrite } from '../../server/src/engine';
import { withoutRepeatedLastWord } from '../../server/src/engine/checks/acronyms';
import { loadLexicon } from '../../server/src/node/lexiconFiles';

const lexicon = loadLexicon();

/** The text after every safe rewrite is applied (case-note profile, Markdown). */
function fixed(text: string): string {
  return applyFixes(text, analyse(text, { lexicon, format: 'markdown', profile: 'case-note' }).findings).text;
}

function suggestionsFor(text: string, ruleId: string): string[][] {
  return analyse(text, { lexicon, format: 'markdown', profile: 'case-note' })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => f.suggestions);
}

describe('safe rewrites do not change the meaning', () => {
  it('does not repeat the word after an acronym that its expansion ends with ("ABE interview")', () => {
    const [first] = suggestionsFor('The ABE interview was on Monday.\n', 'acronym-unexpanded');
    assert.deepStrictEqual(first, ['Achieving Best Evidence (ABE)']);
    assert.strictEqual(fixed('The ABE interview was on Monday.\n'), 'The Achieving Best Evidence (ABE) interview was on Monday.\n');
    assert.strictEqual(withoutRepeatedLastWord('Achieving Best Evidence interview', 'ABE interviews were held', 3), 'Achieving Best Evidence');
    assert.strictEqual(withoutRepeatedLastWord('Multi-Agency Safeguarding Hub', 'MASH referral', 4), 'Multi-Agency Safeguarding Hub');
  });

  it('does not learn an expansion for a numbered acronym from words that spell only its letters', () => {
    const text = 'LA2 is the area where Amira lives.\n\nThe panel looked at local arrangements (LA2).\n';
    assert.deepStrictEqual(suggestionsFor(text, 'acronym-unexpanded'), []);
    // With the number in the words, it is an expansion.
    assert.deepStrictEqual(suggestionsFor('The LA2 team met.\n\nLocal Area 2 (LA2) covers the town.\n', 'acronym-unexpanded'), [['Local Area 2 (LA2)']]);
  });

  it('leaves out the full stop that ends a list line ("Children\'s Board. (LSCB)")', () => {
    const text = 'The LSCB met in May.\n\nLSCB – Local Safeguarding Children’s Board.\n';
    assert.deepStrictEqual(suggestionsFor(text, 'acronym-unexpanded'), [['Local Safeguarding Children’s Board (LSCB)']]);
  });

  it('only offers "family time" for contact with a person who harmed the child', () => {
    const abuser = 'Contact with her father, who abused her, was stopped in May.\n';
    const finding = analyse(abuser, { lexicon, format: 'markdown', profile: 'case-note' }).findings.find((f) => f.ruleId === 'family-time');
    assert.ok(finding, 'still reported');
    assert.strictEqual(finding.suggestions[0], 'Family time', 'still offered');
    assert.match(finding.fixNotSafe ?? '', /harm/);
    assert.strictEqual(safeRewrite(finding), undefined);
    assert.strictEqual(fixed(abuser), abuser);
    assert.strictEqual(fixed('Poppy (6) has supervised contact with her mother every Tuesday.\n'), 'Poppy (6) has supervised family time with her mother every Tuesday.\n');
  });

  it('only offers "home" for a placement that is still being considered', () => {
    for (const text of ['A placement with the grandmother will be considered.\n', 'A placement with her aunt is being assessed.\n']) {
      const finding = analyse(text, { lexicon, format: 'markdown', profile: 'case-note' }).findings.find((f) => f.ruleId === 'placement-home');
      assert.ok(finding, `still reported: ${text}`);
      assert.strictEqual(safeRewrite(finding), undefined, text);
      assert.strictEqual(fixed(text), text);
    }
    assert.strictEqual(fixed('Jayden is settled in his foster placement and enjoys school.\n'), 'Jayden is settled in his foster home and enjoys school.\n');
  });
});
