// Record-level checks on whole notes: the child's voice, who did what to whom, acronyms and
// attendance. Each case is a short note, the rule, and whether it must fire.
import * as assert from 'assert';
import { analyse } from '../../server/src/engine';
import { splitRecords } from '../../server/src/engine/records';
import { segment } from '../../server/src/engine/segment';
import { loadLexicon } from '../../server/src/node/lexiconFiles';

const lexicon = loadLexicon();
const rules = (text: string, options: Parameters<typeof analyse>[1] extends infer O ? Partial<O> : never = {}) =>
  analyse(text, { lexicon, format: 'markdown', ...options }).findings.map((f) => `${f.ruleId}: ${f.text}`);

describe('records: splitting a document', () => {
  it('splits on headings and dated entries, and types each record from its heading', () => {
    const text = [
      '## 12/03/2025 Home visit',
      'Saw Amira at home.',
      '',
      '12 March 2025 – strategy meeting minutes',
      'Present: police, school.',
      '',
      '14/03/2025 – Police: neighbour reported shouting.',
      '',
      '## 15/03/2025 Telephone call with Mum',
      'Mum rang to rearrange.',
    ].join('\n');
    const records = splitRecords(segment(text, 'markdown'));
    assert.deepStrictEqual(
      records.map((r) => [r.heading, r.type]),
      [
        ['12/03/2025 Home visit', 'contact'],
        ['12 March 2025 – strategy meeting minutes', 'meeting'],
        ['14/03/2025 – Police: neighbour reported shouting.', 'chronology'],
        ['15/03/2025 Telephone call with Mum', 'communication'],
      ],
    );
  });
  it('honours a configured separator for plain-text exports', () => {
    const text = 'Visit to the home\nSaw Leo.\n=====\nVisit to school\nSaw Leo in class.';
    const records = splitRecords(segment(text, 'plaintext'), /^=+$/);
    assert.strictEqual(records.length, 2);
  });
});

describe('records: child-voice-missing', () => {
  const fires = (note: string) => rules(note).filter((r) => r.startsWith('child-voice-missing'));
  it('fires on a home visit that only reports what adults said', () => {
    assert.deepStrictEqual(fires('## 04/02/2025 Home visit\nMum said things were calmer. The house was tidy.'), ['child-voice-missing: 04/02/2025 Home visit']);
  });
  it("is silent when the child's own words are recorded", () => {
    assert.deepStrictEqual(fires('## 04/02/2025 Home visit\nMum said things were calmer. Ruby said "I like it when it is quiet".'), []);
  });
  it('is silent for a pre-verbal baby who was observed', () => {
    assert.deepStrictEqual(fires('## 06/02/2025 Home visit\nMia (7 months) was awake. I observed her smiling and reaching for Mum.'), []);
  });
  it('is silent when the reason the child was not seen is recorded', () => {
    assert.deepStrictEqual(fires('## 07/02/2025 Home visit\nLeo was not seen as he was at school. Mum said he sleeps better.'), []);
  });
  it('is silent for meeting minutes, a chronology row, and in the review profile', () => {
    assert.deepStrictEqual(fires('## 10/02/2025 Strategy meeting minutes\nPresent: police, school, social worker. Agreed: joint visit.'), []);
    assert.deepStrictEqual(fires('04/02/2025 Home visit – Mum seen, no concerns raised.'), []);
    assert.deepStrictEqual(fires('---\nprofile: review\n---\n## 04/02/2025 Home visit\nMum said things were calmer.'), []);
  });
  it('can be switched off by its check name', () => {
    assert.deepStrictEqual(rules('## 04/02/2025 Home visit\nMum said things were calmer.', { config: { checks: { 'child-voice': 'off' } } }), []);
  });
  it("offers a prompt for the child's views as a rewrite that is never applied automatically", () => {
    const [finding] = analyse('## 04/02/2025 Home visit\nAmira (14) was at home. Mum said things were calmer.', { lexicon, format: 'markdown' }).findings.filter(
      (f) => f.ruleId === 'child-voice-missing',
    );
    assert.match(finding.suggestions[0], /^04\/02\/2025 Home visit\n\nAmira's views, in their own words: "\[what the child said\]"/);
  });
});

describe('records: who did what to whom', () => {
  it('flags harm in the passive with no agent, and offers the adults the record names', () => {
    const [finding] = analyse('Ms Hughes was assaulted at home on Friday. Mr Doyle left before police arrived.', { lexicon, format: 'plaintext' }).findings.filter(
      (f) => f.ruleId === 'harm-without-agent',
    );
    assert.strictEqual(finding.text, 'was assaulted');
    assert.deepStrictEqual(finding.suggestions, ['was assaulted by [adult]', 'was assaulted by Ms Hughes', 'was assaulted by Mr Doyle']);
  });
  it('is silent when the perpetrator is named', () => {
    assert.deepStrictEqual(rules('Ms Hughes was assaulted by Mr Doyle at home.').filter((r) => r.startsWith('harm-without-agent')), []);
  });
  it('flags domestic abuse named with no type or act, once per record', () => {
    const note = '## 05/02/2025 Telephone call\nMum said there has been domestic abuse. DA has been going on for years.';
    assert.deepStrictEqual(rules(note).filter((r) => r.startsWith('domestic-abuse-unspecified')), ['domestic-abuse-unspecified: domestic abuse']);
  });
  it('is silent when the record says what happened', () => {
    const note = '## 05/02/2025 Telephone call\nMum described domestic abuse: Dean checks her phone and pushed her into a door.';
    assert.deepStrictEqual(rules(note).filter((r) => r.startsWith('domestic-abuse-unspecified')), []);
  });
});

describe('records: acronyms', () => {
  const acronyms = (text: string) => rules(text).filter((r) => r.startsWith('acronym-unexpanded'));
  it('flags a known acronym used before it is expanded, once, with the expansion as a safe fix', () => {
    const findings = analyse('Referral from the MASH. The MASH shared police checks.', { lexicon, format: 'plaintext' }).findings.filter((f) => f.ruleId === 'acronym-unexpanded');
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(findings[0].suggestions, ['Multi-Agency Safeguarding Hub (MASH)']);
  });
  it('learns acronyms the document defines, and flags a use before the definition', () => {
    assert.deepStrictEqual(acronyms('The Multi-Agency Safeguarding Hub (MASH) screened it. The MASH agreed.'), []);
    assert.deepStrictEqual(acronyms('The TAC met. Later: Team Around the Child (TAC) meetings will be monthly.'), ['acronym-unexpanded: TAC']);
  });
  it('is silent for common acronyms and unknown capitals', () => {
    assert.deepStrictEqual(acronyms('Mum took Leo to the GP. PLAN agreed. NOTE: see above.'), []);
  });
});

describe('records: attendance names the adult where the record does', () => {
  it('offers "was not brought", then the adults named in the record', () => {
    const [finding] = analyse('## 15/01/2025 Dental\nMia (4) did not attend the dental appointment. Ms Hughes said she forgot.', { lexicon, format: 'markdown' }).findings.filter(
      (f) => f.category === 'attendance',
    );
    assert.strictEqual(finding.suggestions[0], 'was not brought to');
    assert.ok(finding.suggestions.includes('was not brought by Ms Hughes to'), finding.suggestions.join(' | '));
  });
  it("is silent for an adult's own appointment", () => {
    assert.deepStrictEqual(rules('Ms Hughes (30) did not attend her GP appointment.', { childAge: 4 }).filter((r) => r.includes('attend')), []);
  });
});
