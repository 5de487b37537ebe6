// The generated rule pages (docs/rules) must match the lexicon, so the documentation a diagnostic
// links to never drifts from the rule that fired.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { compileLexicon } from '../../server/src/engine';
import { loadLexicon, packageRoot } from '../../server/src/node/lexiconFiles';
import { conditionsInWords, renderRulePage, renderRulePages, ruleDocumentationUri, rulePagesDir } from '../../server/src/lsp/rulePages';
import { TEST_LEXICON } from './client';

describe('rule documentation pages', function () {
  this.timeout(60000);

  it('docs/rules matches the lexicon (run `npm run docs:rules` after editing lexicon/*.yaml)', () => {
    const expected = renderRulePages(loadLexicon([]).entries.map((e) => e.entry));
    const dir = rulePagesDir();
    const committed = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort() : [];
    assert.deepStrictEqual(committed, [...expected.keys()].sort(), 'the set of pages differs from the set of rules: run npm run docs:rules');
    const outdated = [...expected].filter(([name, text]) => fs.readFileSync(path.join(dir, name), 'utf8') !== text).map(([name]) => name);
    assert.deepStrictEqual(outdated, [], 'these pages differ from the lexicon: run npm run docs:rules');
  });

  it('a page gives category, severity, why, conditions, rewrites, linked sources and examples', () => {
    const lexicon = compileLexicon([{ path: TEST_LEXICON, text: fs.readFileSync(TEST_LEXICON, 'utf8') }]);
    const page = renderRulePage(lexicon.byId.get('lsp-streetwise')!.entry, packageRoot());
    assert.match(page, /^<!-- Generated from test\/lsp\/fixtures\/lsp-rules\.yaml /);
    assert.match(page, /^# `lsp-streetwise`$/m);
    assert.match(page, /\| Category \| Adultification \(`adultification`\) \|/);
    assert.match(page, /\| Default severity \| warning \|/);
    assert.match(page, /## Why it matters\n\nTest entry: the label hides how vulnerable the child is\./);
    assert.match(page, /1\. \\\[describe the risk\\\]\n2\. exposed to risk/);
    assert.match(page, /Words in square brackets stand for facts Heard cannot know/);
    assert.match(page, /- \[Test guidance on language\]\(https:\/\/example\.org\/guidance\) \(Test Publisher, 2024-11-14\)/);
    assert.match(page, /Flagged:\n\n- Amira is streetwise\.\n- Amira is street-wise\./);
    assert.match(page, /Not flagged:\n\n- The street was wide\./);
    const chose = renderRulePage(lexicon.byId.get('lsp-chose-to')!.entry, packageRoot());
    assert.match(chose, /\*Local Child Safeguarding Practice Review: Jez and siblings\* \(Cheshire East Safeguarding Children's Partnership\), 1\.1/);
    assert.match(chose, /- Stays silent when the subject of the clause is a professional/);
  });

  it('links a core rule to its page, and an organisation entry with the same id to its own file', () => {
    const coreId = fs.readdirSync(rulePagesDir()).find((f) => f !== 'README.md')!.replace(/\.md$/, '');
    const lexicon = compileLexicon([{ path: TEST_LEXICON, text: fs.readFileSync(TEST_LEXICON, 'utf8') }]);
    const entry = { ...lexicon.byId.get('lsp-chose-to')!.entry, id: coreId };
    assert.ok(ruleDocumentationUri(entry)!.endsWith(`/docs/rules/${coreId}.md`), 'not from an extra file: the generated page');
    assert.match(ruleDocumentationUri(entry, [TEST_LEXICON])!, /\/test\/lsp\/fixtures\/lsp-rules\.yaml#L\d+$/);
    // A precompiled core lexicon may carry another machine's paths: the page is still found.
    const moved = { ...entry, origin: { file: '/elsewhere/lexicon/x.yaml', line: 3 } };
    assert.ok(ruleDocumentationUri(moved)!.endsWith(`/docs/rules/${coreId}.md`));
  });

  it('describes every kind of condition in words', () => {
    const words = conditionsInWords({
      subject: 'child',
      age: 'attendance',
      adultNearby: true,
      skipNegated: true,
      profiles: ['case-note'],
      notBefore: ['informed\\s*$'],
      notAfter: ['^\\s*for\\b'],
      requireInSentence: ['\\bpolice\\b'],
    });
    assert.strictEqual(words.length, 8);
    assert.match(words.join('\n'), /younger than the attendance age/);
    // Regular expressions in words: anchored at the end of the text before the words.
    assert.match(words.join('\n'), /ends with “informed”/);
    assert.match(words.join('\n'), /starts with “for”/);
    assert.deepStrictEqual(conditionsInWords({ subject: 'any', age: 'any' }), []);
  });
});
