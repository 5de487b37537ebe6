// Constructions: person slots filled by the people model (names, titles, role nouns, ages,
// pronouns resolved to them), word classes defined once and clause gaps handled by the matcher.
// The fixture lexicon is test/fixtures/constructions/constructions.yaml.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyse, compileLexicon, LexiconError } from '../../server/src/engine';
import { coreContextFiles, found, foundTable, type FoundCase } from './helpers';

const fixture = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'constructions', 'constructions.yaml');
const lexicon = compileLexicon([{ path: fixture, text: fs.readFileSync(fixture, 'utf8') }, ...coreContextFiles.filter((f) => f.path.endsWith('context.yaml'))]);

const table = (cases: FoundCase[]) => foundTable(cases, lexicon);

describe('constructions: person slots', () => {
  table([
    // <child>: a role noun, an age written as a person, a named child, a pronoun resolved to a child.
    ['He was convicted after having sex with a 13-year-old schoolgirl he groomed online.', ['c-sex-with-child: having sex with a 13-year-old schoolgirl']],
    ['Police found that he had sex with the 15-year-old twice.', ['c-sex-with-child: had sex with the 15-year-old']],
    ['Officers established that he and the teenager had sex twice.', ['c-sex-with-child: he and the teenager had sex']],
    ['Amira (14) told her teacher. Mr Doyle had sex with her at the flat.', ['c-sex-with-child: had sex with her']],
    ['He had sex with his wife.', []],
    ['Mr Doyle, 34, had sex with a 28-year-old woman he met online.', []],
    // <abuser>: a title and name, a role noun after a possessive, a pronoun.
    ['Mum let Mr Pryce move back in.', ['c-let-back: let Mr Pryce move back']],
    ['She let her partner back into the house.', ['c-let-back: let her partner back']],
    ['She let him back.', ['c-let-back: let him back']],
    ['She let the children back into the garden.', []],
    // <professional>
    ['The social worker decided to close the case.', ['c-professional-decided: social worker decided to close']],
    ['Mum decided to close the door.', []],
  ]);
});

describe('constructions: clause gaps and word classes', () => {
  table([
    ['Amira chose to go to the flat.', ['c-chose: Amira chose to go to the flat']],
    ['Amira has now chosen to go to the flat.', ['c-chose: Amira has now chosen to go to the flat']],
    ['Amira keeps on deciding to return to his house.', ['c-chose: Amira keeps on deciding to return to his house']],
    ['She would often prefer to return to the party.', ['c-chose: She would often prefer to return to the party']],
    ['Amira has not chosen to go to the flat.', []],
    ['The social worker chose to go to the flat.', []],
    ['Young people who run away place themselves, and sometimes their friends, at risk.', ['c-self-at-risk: place themselves, and sometimes their friends, at risk']],
    ['She places herself repeatedly at risk.', ['c-self-at-risk: places herself repeatedly at risk']],
  ]);
});

describe('constructions: a mistake in the lexicon fails the load with file:line', () => {
  const entry = (pattern: string, extra = '') => `entries:
  - id: t-broken
    category: victim-blaming
    severity: warning
    patterns: ["${pattern}"]${extra}
    message: "A fixture entry for load errors."
    why: "A fixture entry for load errors."
    rewrites: ["x"]
    sources: [{ seed: 000_42dba6364c370fa7.txt, paragraph: "fixture" }]
    examples: { fire: ["aaaa", "bbbb"], pass: ["cccc"] }
`;
  const load = (text: string) => () => compileLexicon([{ path: 'org.yaml', text }]);
  const failsWith = (text: string, message: RegExp) => {
    assert.throws(load(text), (e: unknown) => e instanceof LexiconError && e.file === 'org.yaml' && message.test(e.message));
  };
  it('an unknown slot, with a suggestion', () => failsWith(entry('{let} <abuserr> back'), /^org\.yaml:2: entry 't-broken': .*unknown class or slot <abuserr>.*did you mean '<abuser>'|did you mean 'abuser'/));
  it('an unknown word class', () => failsWith(entry('<child> @volitoin to go'), /^org\.yaml:2: .*unknown word class @volitoin/));
  it('a word class that refers to itself, at the class', () =>
    failsWith(`classes:\n  loop:\n    words: ["a", "@loop"]\n${entry('x @loop')}`, /^org\.yaml:2: word class 'loop': .*refers to itself/));
  it('a misspelt check name, with a suggestion', () =>
    failsWith(entry('x').replace(/patterns: \["x"\]/, 'check: child-voise'), /^org\.yaml:2: entry 't-broken': unknown check 'child-voise' \(did you mean 'child-voice'\?\)/));
  it('a clause gap at the start of a pattern', () => failsWith(entry('.. chose'), /clause gap/));
  it('an unknown regex fragment', () =>
    failsWith(entry('chose', `\n    conditions: { notBefore: ['{{not-a-fragment}}'] }`), /^org\.yaml:2: entry 't-broken': unknown regex fragment \{\{not-a-fragment\}\}/));
  it('a regex fragment is expanded where it is used', () => {
    const lexicon = compileLexicon([{ path: 'org.yaml', text: `fragments:\n  staff-words: 'social\\s+worker|teacher'\n${entry('chose', `\n    conditions: { notBefore: ['\\b({{staff-words}})\\s*$'] }`)}` }]);
    assert.deepStrictEqual(found('Amira chose to go.', {}, lexicon), ['t-broken: chose']);
    assert.deepStrictEqual(found('The teacher chose to go.', {}, lexicon), []);
  });
});

describe('constructions: rewrites follow the tense of the words they replace', () => {
  const lexiconWithRewrite = compileLexicon([
    {
      path: 'tense.yaml',
      text: `entries:
  - id: t-abscond
    category: jargon
    severity: information
    patterns: ["{abscond}"]
    message: "A fixture entry for rewrites in the right tense."
    why: "A fixture entry for rewrites in the right tense."
    rewrites: ["{go} missing", "{run} away"]
    sources: [{ seed: 000_42dba6364c370fa7.txt, paragraph: "fixture" }]
    examples: { fire: ["aaaa", "bbbb"], pass: ["cccc"] }
`,
    },
  ]);
  const rewrites = (text: string) => analyse(text, { lexicon: lexiconWithRewrite }).findings[0]?.suggestions;
  it('past', () => assert.deepStrictEqual(rewrites('Tyler absconded from the home.'), ['went missing', 'ran away']));
  it('perfect', () => assert.deepStrictEqual(rewrites('Tyler has absconded twice.'), ['gone missing', 'run away']));
  it('-ing', () => assert.deepStrictEqual(rewrites('A history of absconding.'), ['going missing', 'running away']));
  it('infinitive', () => assert.deepStrictEqual(rewrites('He will abscond again.'), ['go missing', 'run away']));
  it('present', () => assert.deepStrictEqual(rewrites('Where a child absconds from care.'), ['goes missing', 'runs away']));
});
