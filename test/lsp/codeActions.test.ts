// Quick fixes built from the diagnostics' data, without a server: which rewrite an editor may apply
// on its own ("preferred") and which it may only offer.
import * as assert from 'assert';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { quickFixes } from '../../server/src/lsp/codeActions';
import { toDiagnostic } from '../../server/src/lsp/diagnostics';
import { analyse } from '../../server/src/engine';
import { loadLexicon } from '../../server/src/node/lexiconFiles';

describe('quick fixes and meaning-changing rewrites', () => {
  const lexicon = loadLexicon();
  const fixesFor = (text: string, ruleId: string) => {
    const document = TextDocument.create('file:///note.md', 'markdown', 1, text);
    const { findings } = analyse(text, { lexicon, format: 'markdown', profile: 'case-note' });
    const finding = findings.find((f) => f.ruleId === ruleId);
    assert.ok(finding, `expected a ${ruleId} finding in: ${text}`);
    return quickFixes(document, [toDiagnostic(finding, document, lexicon)], { versioned: true }).filter((a) => a.title.startsWith('Replace'));
  };

  it('marks the first rewrite preferred where it is safe', () => {
    const actions = fixesFor('Jay has settled well in his placement.\n', 'placement-home');
    assert.strictEqual(actions[0].isPreferred, true);
  });

  it('never marks a rewrite preferred where it could change the meaning (editors auto-apply preferred fixes)', () => {
    const actions = fixesFor('A placement with the grandmother will be considered.\n', 'placement-home');
    assert.ok(actions.length > 0, 'the rewrite is still offered');
    assert.ok(actions.every((a) => !a.isPreferred));
  });
});
