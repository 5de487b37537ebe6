// The browser extension's pure logic (browser/src/core): the text of a rich-text field and the way
// back to its nodes, carrying findings over an edit, applying a rewrite, the settings merge.
import * as assert from 'node:assert/strict';
import { buildTextMap, offsetOf, pointAt, type Piece } from '../../browser/src/core/textMap';
import { applyRewrite, badgeText, ignoreKey, nextFinding, shiftFindings, shownFindings, sourceLabel, stillApplies, toPageFinding, type PageFinding } from '../../browser/src/core/findings';
import { engineConfig, organisationLexiconFile, originPattern, readManagedPolicy, readUserSettings, DEFAULT_SETTINGS } from '../../browser/src/core/settings';
import { analyse, compileLexicon } from '../../server/src/engine';
import { loadLexicon, coreLexiconPaths, readLexiconFile } from '../../server/src/node/lexiconFiles';

const text = (node: string, t = node): Piece<string> => ({ kind: 'text', node, text: t });
const br: Piece<string> = { kind: 'break', text: '\n' };
const para: Piece<string> = { kind: 'break', text: '\n\n' };

function finding(offset: number, textValue: string, ruleId = 'r'): PageFinding {
  return { ruleId, category: 'minimising', severity: 'warning', offset, length: textValue.length, text: textValue, suggestions: ['x'], card: `${ruleId}\u0000m` };
}

describe('browser: text map of a rich-text field', () => {
  it('joins text nodes, writes the breaks blocks and <br> imply, and none at the ends', () => {
    const map = buildTextMap([para, text('a', 'First line'), br, text('b', 'second'), para, para, text('c', 'Next paragraph'), para]);
    assert.equal(map.text, 'First line\nsecond\n\nNext paragraph');
    assert.deepEqual(map.spans.map((s) => [s.node, s.start, s.end]), [['a', 0, 10], ['b', 11, 17], ['c', 19, 33]]);
  });

  it('maps offsets back to nodes, never into an implied break', () => {
    const map = buildTextMap([text('a', 'one'), para, text('b', 'two')]);
    assert.deepEqual(pointAt(map, 1, 'forward'), { node: 'a', offset: 1 });
    // 3 is the end of 'one' and the start of the break: a range starting there begins in 'two'.
    assert.deepEqual(pointAt(map, 3, 'forward'), { node: 'b', offset: 0 });
    assert.deepEqual(pointAt(map, 4, 'forward'), { node: 'b', offset: 0 });
    assert.deepEqual(pointAt(map, 5, 'backward'), { node: 'b', offset: 0 });
    assert.deepEqual(pointAt(map, 4, 'backward'), { node: 'a', offset: 3 });
    assert.deepEqual(pointAt(map, 8, 'backward'), { node: 'b', offset: 3 });
    assert.equal(offsetOf(map, 'b', 2), 7);
    assert.equal(offsetOf(map, 'zz', 0), -1);
  });

  it('finds the node in a long note by binary search (every offset round-trips)', () => {
    const pieces: Piece<string>[] = [];
    for (let i = 0; i < 2000; i++) pieces.push(text(`n${i}`, `w${i} `), ...(i % 7 === 6 ? [para] : []));
    const map = buildTextMap(pieces);
    for (let offset = 0; offset < map.text.length; offset += 37) {
      if (map.text[offset] === '\n') continue;
      const p = pointAt(map, offset, 'forward')!;
      assert.equal(offsetOf(map, p.node, p.offset), offset);
    }
  });
});

describe('browser: findings in the page', () => {
  it('carries findings over an edit: before it they stay, after it they move, on it they go', () => {
    const before = 'aaa BAD bbb WORSE ccc';
    const f1 = finding(4, 'BAD');
    const f2 = finding(12, 'WORSE');
    const after = 'aaa BAD bbb and more WORSE ccc';
    const shifted = shiftFindings([f1, f2], before, after);
    assert.deepEqual(shifted.map((f) => [f.offset, after.slice(f.offset, f.offset + f.length)]), [[4, 'BAD'], [21, 'WORSE']]);
    assert.deepEqual(shiftFindings([f1, f2], before, 'aaa BXD bbb WORSE ccc').map((f) => f.text), ['WORSE']);
  });

  it('applies a rewrite only where the words still are', () => {
    const f = finding(4, 'BAD');
    assert.equal(applyRewrite('aaa BAD bbb', f, 'good'), 'aaa good bbb');
    assert.ok(stillApplies('aaa BAD bbb', f));
    assert.throws(() => applyRewrite('aaa BXD bbb', f, 'good'), /no longer/);
  });

  it('"ignore here" hides one occurrence, not the rule elsewhere', () => {
    const t = 'first BAD then later again BAD';
    const a = finding(6, 'BAD');
    const b = finding(27, 'BAD');
    const shown = shownFindings(t, [b, a], new Set([ignoreKey(t, a)]));
    assert.deepEqual(shown, [b]);
    assert.deepEqual(shownFindings(t, [b, a], new Set()), [a, b], 'text order');
  });

  it('the next-finding shortcut goes forward and wraps', () => {
    const fs = [finding(2, 'a'), finding(10, 'b'), finding(20, 'c')];
    assert.equal(nextFinding(fs, -1), fs[0]);
    assert.equal(nextFinding(fs, 2), fs[1]);
    assert.equal(nextFinding(fs, 20), fs[0]);
    assert.equal(nextFinding([], 0), undefined);
  });

  it('badge text', () => {
    assert.deepEqual([badgeText(0), badgeText(7), badgeText(1000)], ['', '7', '999+']);
  });

  it('sends the page what the engine found, the card once per rule, sources in a line', () => {
    const lexicon = loadLexicon();
    const result = analyse('Mia (14) is streetwise.', { lexicon, format: 'plaintext' });
    const page = result.findings.map(toPageFinding);
    const streetwise = page.find((f) => f.finding.ruleId === 'streetwise');
    assert.ok(streetwise);
    assert.equal(streetwise.finding.text, 'streetwise');
    assert.ok(streetwise.finding.suggestions.length >= 2);
    assert.equal(streetwise.card.message, result.findings.find((f) => f.ruleId === 'streetwise')!.message);
    assert.ok(streetwise.card.sources.length > 0 && streetwise.card.sources.every((s) => s.label.length > 0));
    // Two occurrences of a rule share one card.
    const twice = analyse('Mia (14) is streetwise. Ava (13) is streetwise too.', { lexicon, format: 'plaintext' }).findings.filter((f) => f.ruleId === 'streetwise').map(toPageFinding);
    assert.equal(twice.length, 2);
    assert.equal(twice[0].finding.card, twice[1].finding.card);
    assert.equal(sourceLabel({ publisher: 'P', title: 'T', date: '2020' }), 'P, T (2020)');
  });
});

describe('browser: settings and managed policy', () => {
  it('reads stored settings, keeping what is valid and naming what is not', () => {
    const { settings, problems } = readUserSettings({ profile: 'review', childAge: 99, categories: { jargon: 'off', nonsense: 'error', vague: 'loud' }, allow: [' Streetwise ', 3] });
    assert.deepEqual(settings, { profile: 'review', childAge: null, categories: { jargon: 'off' }, allow: ['streetwise'] });
    assert.equal(problems.length, 3);
    assert.deepEqual(readUserSettings(undefined).settings, DEFAULT_SETTINGS);
  });

  it('the policy gives defaults the user may change, unless it locks them', () => {
    const { policy } = readManagedPolicy({ profile: 'review', childAge: 15, categories: { jargon: 'hint' }, allow: ['CIN'], rules: { alleged: 'off' } });
    const user = { profile: 'case-note' as const, childAge: null, categories: { jargon: 'off' as const }, allow: ['x'] };
    assert.deepEqual(engineConfig(user, policy), { profile: 'case-note', childAge: 15, categories: { jargon: 'off' }, allow: ['cin', 'x'], rules: { alleged: 'off' } });
    const locked = engineConfig(user, { ...policy, lockSettings: true });
    assert.equal(locked.profile, 'review');
    assert.deepEqual(locked.categories, { jargon: 'hint' });
  });

  it('an organisation lexicon from policy compiles over the core, and a broken one says where', () => {
    const entry = {
      id: 'org-no-refused',
      category: 'minimising',
      patterns: ['refused services'],
      severity: 'warning',
      message: 'Minimising: say what was offered and why it did not happen.',
      why: 'An organisation rule written for this test.',
      rewrites: ['did not take up [service] because [reason]'],
      sources: [{ publisher: 'Test council', title: 'Recording guidance', date: '2025-01', url: 'https://example.org/recording-guidance' }],
      examples: { fire: ['The family refused services.', 'They refused services twice.'], pass: ['The family took up the services offered.'] },
    };
    const { policy, problems } = readManagedPolicy({ organisationLexicon: [entry] });
    assert.deepEqual(problems, []);
    const core = coreLexiconPaths().map(readLexiconFile);
    const lexicon = compileLexicon(core, [organisationLexiconFile(policy)!]);
    const found = analyse('The family refused services.', { lexicon, format: 'plaintext' }).findings.map((f) => f.ruleId);
    assert.ok(found.includes('org-no-refused'));
    const broken = readManagedPolicy({ organisationLexicon: [{ ...entry, category: 'no-such-category' }] }).policy;
    assert.throws(() => compileLexicon(core, [organisationLexiconFile(broken)!]), /managed-policy:organisationLexicon/);
    assert.equal(organisationLexiconFile({}), undefined);
  });

  it('asks permission for the page\'s host only, and only on http(s)', () => {
    assert.equal(originPattern('https://records.example.org:8443/case/1?x=2'), 'https://records.example.org/*');
    assert.equal(originPattern('chrome://extensions'), undefined);
    assert.equal(originPattern('not a url'), undefined);
  });
});
